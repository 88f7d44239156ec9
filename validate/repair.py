"""Arithmetic-confirmed repair of OCR readings (rules.md §2 and §4).

For an OCR'd cell on a failing relation, try the confusion substitutions (letters that stand for
digits are always mapped; then one or two further changes, most doubtful characters first, by
the engine's per-character confidence) and the normalize stage's ``Cell.candidates``. A reading is
proposed only if EVERY relation check through the cell (row and column) holds with it, and no
other equally likely reading does too. Born-digital cells are never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import combinations

from chohyo.japanese.confusions import REPAIR_LETTERS
from chohyo.japanese.numbers import parse_plain
from chohyo.japanese.signs import SPECK_MARKS
from chohyo.model import Cell, CellKind
from chohyo.validate.check import LineCheck
from chohyo.validate.locate import holds_with
from chohyo.validate.numeric import Numeric

# Characters Tesseract jpn reads for digits (jpn.unicharambigs, rules.md §2): the repair table.
LETTERS: dict[str, str] = REPAIR_LETTERS
# Digits misread as other digits: tried only one or two at a time, weakest characters first.
DIGITS: dict[str, str] = {
    "0": "86",
    "1": "74",
    "3": "854",
    "4": "19",
    "5": "63",
    "6": "508",
    "7": "1",
    "8": "3609",
    "9": "48",
}


FORCED = 0.9  # weight of readings that are not guesses


@dataclass(frozen=True)
class Repair:
    cell: Cell
    text: str
    value: Decimal
    weight: float
    reason: str


def _doubt(cell: Cell, i: int) -> float:
    conf = cell.char_confidences
    return 1.0 - conf[i] if i < len(conf) else 0.5


# A leading △ is read as A or Δ; a stray mark before the digits as a minus.
SIGNS = {"A": "△", "Δ": "△", "∆": "△", "ム": "△", "▽": "△"}


def readings(cell: Cell, max_changes: int = 2) -> list[tuple[str, float]]:
    """Candidate readings of the cell text with a likelihood weight, most likely first."""
    raw = (cell.raw_text or cell.text).strip()
    if not raw:
        return []
    head = SIGNS.get(raw[0], raw[0]) if len(raw) > 1 else raw[0]
    base = (
        head + "".join(LETTERS.get(ch, ch) for ch in raw[1:])
        if head != raw[0]
        else "".join(LETTERS.get(ch, ch) for ch in raw)
    )
    out: dict[str, float] = {}
    if base != raw:
        out[base] = 1.0
    for cand in cell.candidates:
        out.setdefault(cand, 0.9)
    forms = {base: 1.0}
    if " " in base:  # a speck read as a digit before a space, or a number split in two
        head_, _, tail = base.partition(" ")
        forms[base.replace(" ", "")] = 0.5
        if len(head_) <= 2:
            forms[tail.strip()] = 0.3
    for form, weight in forms.items():
        if form != base:
            out.setdefault(form, weight)
        if re.fullmatch(r"[△▲-]?\d{1,3}(\.\d{3})+", form):  # 1.234.567: commas read as points (§2)
            out.setdefault(form.replace(".", ","), 0.95 * weight)
    if raw[0] in SPECK_MARKS and len(raw) > 1:  # a speck read as a minus
        out.setdefault(base[1:], 0.3 * _doubt(cell, 0) * 2)
    elif raw[0].isdigit():  # a faint △ dropped
        out.setdefault("△" + base, 0.05)
    positions = [i for i, ch in enumerate(base) if ch in DIGITS]
    for k in range(1, max_changes + 1):
        for pos in combinations(positions, k):
            weight = 1.0
            for i in pos:
                weight *= _doubt(cell, i) * 0.5
            variants = [""]
            for i, ch in enumerate(base):
                variants = [v + alt for v in variants for alt in (DIGITS[ch] if i in pos else ch)]
            for v in variants:
                if out.get(v, 0.0) < weight:
                    out[v] = weight
    out.pop(raw, None)
    return sorted(out.items(), key=lambda kv: -kv[1])


def reading_value(text: str) -> Decimal | None:
    """A reading's value; OCR drops and misplaces thousands separators, so arithmetic decides."""
    value = parse_plain(text)
    return value if value is not None else parse_plain(text.replace(",", ""))


def first_reading(cell: Cell) -> Repair | None:
    """The letter-for-digit reading of an unparseable OCR cell, if it is a number."""
    found = readings(cell, max_changes=0)
    if not found or found[0][1] < 1.0:
        return None
    text = found[0][0]
    value = reading_value(text)
    return None if value is None else Repair(cell, text, value, 1.0, "")


def propose(num: Numeric, cell: Cell, through: list[LineCheck]) -> Repair | None:
    """The one reading that makes every check through the cell hold, if there is exactly one."""
    key = (cell.row, cell.col)
    # A guessed digit needs a row AND a column relation to confirm it; a forced reading (letters
    # for digits, normalize's candidates) needs one.
    crossed = len({c.relation.axis for c in through}) == 2
    fits = []
    for text, weight in readings(cell):
        if weight < FORCED and not crossed:
            continue
        value = reading_value(text)
        if value is None or value == cell.value:
            continue
        if through and all(holds_with(num, c, key, value) for c in through):
            fits.append((text, value, weight))
    if not fits:
        return None
    best = max(w for _, _, w in fits)
    top = {v for _, v, w in fits if w == best}
    if len(top) != 1:
        return None
    text, value, weight = next(f for f in fits if f[2] == best)
    why = f"every relation through it ({len(through)} check(s)) holds with {value}"
    return Repair(cell, text, value, weight, why)


def apply(repair: Repair) -> Cell:
    cell = repair.cell
    return replace(
        cell,
        text=format(repair.value, "f"),
        value=repair.value,
        kind=CellKind.NUMBER,
        null_reason=None,
        corrected_from=cell.raw_text or cell.text,
        provenance=cell.provenance.with_transforms("arithmetic-repair"),
    )
