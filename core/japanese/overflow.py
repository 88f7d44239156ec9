"""Numbers that overflow their cell into the next one, split by digit grouping (issue 14 part 8).

Two printed figures set too close read as one run of digits: ``54,306,600306,373,500`` (two amounts
side by side), or a 説明 line whose worked formula touches its amount: ``494,130×1／2247,065`` is
``494,130×1／2`` and ``247,065``. Every split that leaves well-grouped numbers is a *reading*; a
formula's reading is *confirmed* when the formula gives the amount (to the yen: rounded, cut or
raised). A caller applies a split only when exactly one reading is confirmed and flags the others:
a cell is never blanked, and never split on a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# ``1,234`` (groups of three after 1-3 leading digits, no leading zero) or a bare ``0``..``999``
_GROUPED = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})*|0)")
# a formula operand: a grouped integer, a plain integer (10, 100) or a decimal rate (0.5823)
_OPERAND = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+(?:\.\d+)?)")
_TIMES, _OVER, _PLUS = "×*", "/÷", "+"
_OPERATORS = _TIMES + _OVER + _PLUS
# a formula then a number run at the end of a text: terms joined by × / + (spaces allowed), an
# operand may carry its unit (21,000円×4,624人×1／2, 267×60件×1／3)
_UNIT = r"[^\d\s×*/÷+,.()（）]{0,2}"
_FORMULA_TAIL = re.compile(rf"((?:[\d,.]+{_UNIT} ?[×*/÷+] ?)+)([\d,.]+)$")
# a text ending in a formula whose last operand may carry its unit too (135,200人×3,000円)
_FORMULA_END = re.compile(rf"((?:[\d,.]+{_UNIT} ?[×*/÷+] ?)+)([\d,.]+){_UNIT}$")
_RUN = re.compile(r"\d[\d,]*,\d[\d,]*")  # digits with commas somewhere inside


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to split: the text before the cut (``left``) and the amount after it (``right``)."""

    left: str
    right: str
    amount: Decimal
    formula_value: Decimal | None = None  # what the formula on the left gives, when it is one
    # the formula's value with each term cut down / raised up to the yen (how a clerk may round)
    low: Decimal | None = None
    high: Decimal | None = None
    scales: tuple[int, ...] = (1,)  # 1000 too when the formula is in 円 and the book in 千円

    @property
    def confirmed(self) -> bool:
        if self.formula_value is None or self.low is None or self.high is None:
            return False
        return any(
            abs(self.formula_value / s - self.amount) < 1 or self.low / s <= self.amount <= self.high / s
            for s in self.scales
        )


@dataclass(frozen=True, slots=True)
class Overflow:
    """A run of digits that is two figures: its readings, and the one arithmetic confirms (if one)."""

    text: str
    readings: tuple[Reading, ...]

    @property
    def confirmed(self) -> Reading | None:
        """The one reading the arithmetic confirms, or None (none or several)."""
        ok = [r for r in self.readings if r.confirmed]
        return ok[0] if len(ok) == 1 else None

    @property
    def likeliest(self) -> Reading | None:
        """Of several confirmed readings, the one with the largest amount: a small amount matches a
        formula by chance far more often (``44×1／222``: 44×1/2 = 22, and 44×1/22 = 2 too)."""
        ok = [r for r in self.readings if r.confirmed]
        return max(ok, key=lambda r: r.amount) if ok else None

    @property
    def split_text(self) -> str | None:
        """The text with a space at the likeliest confirmed cut (``…×1／2 247,065``), else None."""
        r = self.likeliest
        return None if r is None else f"{r.left} {r.right}"


def _fold(text: str) -> str:
    """Full-width digits, commas, dots and operators folded one char for one (positions kept)."""
    out = []
    for ch in text:
        f = unicodedata.normalize("NFKC", ch) if ch in "０１２３４５６７８９，．／＋＊　" else ch
        out.append(f if len(f) == 1 else ch)
    return "".join(out)


def _amount(text: str) -> Decimal | None:
    return Decimal(text.replace(",", "")) if _GROUPED.fullmatch(text) else None


def _is_operand(text: str) -> bool:
    """A well-formed operand with no leading zero (``0.5823`` is one, ``05`` is not)."""
    return bool(_OPERAND.fullmatch(text)) and (
        text == "0" or not text.startswith("0") or text.startswith("0.")
    )


def _number(token: str) -> Decimal | None:
    """An operand and its unit (``4,624人``) → 4624; None when not a well-formed number."""
    m = re.fullmatch(rf"([\d,.]+){_UNIT}", token.strip())
    return Decimal(m.group(1).replace(",", "")) if m and _is_operand(m.group(1)) else None


def _evaluate(formula: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """``58,560×4/6+36,780×13/15`` → (value, Σ terms cut down, Σ terms raised up); None when an
    operand is not a well-formed number."""
    total = low = high = Decimal(0)
    try:
        for term in formula.split("+"):
            tokens = re.split(r" ?([×*/÷]) ?", term.strip())
            value = _number(tokens[0])
            if value is None:
                return None
            for op, operand in zip(tokens[1::2], tokens[2::2], strict=True):
                number = _number(operand)
                if number is None:
                    return None
                value = value * number if op in _TIMES else value / number
            total += value
            low += value.to_integral_value(rounding="ROUND_FLOOR")
            high += value.to_integral_value(rounding="ROUND_CEILING")
    except (InvalidOperation, ZeroDivisionError, ValueError):
        return None
    return total, low, high


def formula_overflow(text: str) -> Overflow | None:
    """A text ending in a worked formula whose last operand runs into the amount it gives.

    ``補償給付費405,446×10／10405,446`` → readings of ``10405,446`` cut into operand + amount; the
    one where 405,446 × 10/10 = 405,446 is confirmed. None when the text ends in no such run.
    """
    folded = _fold(text.rstrip())
    m = _FORMULA_TAIL.search(folded)
    if m is None:
        return None
    head, run = m.start(2), m.group(2)
    # the first operand may be glued to a label ending in a digit: take its longest well-formed tail
    start = m.start(1)
    first = re.match(r"[\d,.]+", folded[start:])
    if first is not None:
        digits = first.group(0)
        for cut in range(len(digits)):
            if _is_operand(digits[cut:]):
                start += cut
                break
    formula = folded[start:head]
    readings = []
    for k in range(1, len(run)):
        operand, right = run[:k], run[k:]
        amount = _amount(right)
        if not amount or not _is_operand(operand):  # an amount of 0 is never printed after a formula
            continue
        worked = _evaluate(formula + operand)
        if worked is None:
            continue
        cut = head + k
        scales = (1, 1000) if "円" in formula else (1,)
        readings.append(Reading(text.rstrip()[:cut], text.rstrip()[cut:], amount, *worked, scales))
    found = Overflow(text, tuple(readings))
    if not readings or (_is_operand(run) and not any(r.confirmed for r in readings)):
        return None  # ``×12,345`` can be a last operand with no amount: an overflow only if confirmed
    return found


def formula_gives(text: str, amount: Decimal) -> bool:
    """A text ending in a worked formula (``助産施設3,224×1／2``) that gives ``amount`` to the yen
    (rounded, cut or raised; in 円 too when the book counts in 千円): the amount printed after it is
    confirmed by arithmetic. False when the text ends in no formula or the formula gives another."""
    folded = _fold(text.rstrip())
    m = _FORMULA_END.search(folded)
    if m is None or not _is_operand(m.group(2)) or not amount:
        return False
    start = m.start(1)
    first = re.match(r"[\d,.]+", folded[start:])
    if first is not None:  # the first operand glued to a label ending in a digit: its longest tail
        digits = first.group(0)
        for cut in range(len(digits)):
            if _is_operand(digits[cut:]):
                start += cut
                break
    formula = folded[start:]
    worked = _evaluate(formula)
    if worked is None:
        return False
    scales = (1, 1000) if "円" in formula else (1,)
    return Reading(text, "", amount, *worked, scales).confirmed


def glued_numbers(text: str) -> Overflow | None:
    """``54,306,600306,373,500`` (a whole cell): every cut into two well-grouped numbers.

    No arithmetic here: a caller confirms a reading against the table (or flags the cell).
    None when the text is not one run of digits and commas or is itself well grouped.
    """
    folded = _fold(text.strip())
    if not _RUN.fullmatch(folded) or _GROUPED.fullmatch(folded):
        return None
    readings = []
    for k in range(1, len(folded)):
        left, right = folded[:k], folded[k:]
        a, b = _amount(left), _amount(right)
        if a is not None and b is not None and "," in left + right:
            readings.append(Reading(text.strip()[:k], text.strip()[k:], b))
    return Overflow(text, tuple(readings)) if readings else None
