"""Numeric cells: full-width digits, negative notations, grouping, null marks, OCR doubts (rules.md §2).

Values are ``Decimal`` (never float). An OCR confusion (``O`` for 0, ``ー`` for 1) is recorded as
a candidate reading beside the original and never applied here: the validation stage decides
with the arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from chohyo.model import NullReason

__all__ = [
    "ParsedNumber",
    "find_kanji_numbers",
    "format_plain",
    "parse_kanji_number",
    "parse_number",
]


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    text: str  # the printed text, trimmed (full width kept: the cell's display text)
    value: Decimal | None = None
    null_reason: NullReason | None = None
    numeric: bool = False  # a number, a null mark or a doubtful reading of one
    transforms: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()  # plain readings ("-1234") the validator may choose
    problem: str | None = None  # finding code: unparseable-number | bad-grouping | ocr-candidate
    reason: str = ""
    percent: bool = False


# Only digits and ，．（）％＋－ are folded (rules.md §2); ``'①'.isdigit()`` is True, so [0-9] is tested.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FOLD.update({ord(a): ord(b) for a, b in zip("，．（）％＋－", ",.()%+-", strict=True)})
_SPACE = re.compile(r"[\s\u3000]+")

_TRIANGLES = "△▲"
_DASHES = "−‐‑‒–—―﹣"  # U+2212 and the hyphen/dash family; ASCII '-' and folded '－' are plain minus
_NEG = re.compile(rf"^([{_TRIANGLES}{_DASHES}\-])\s*(.+)$")
_PAREN = re.compile(r"^\(\s*(.+?)\s*\)$")
_DASH_ONLY = re.compile(r"^[\-−‐‑‒–—―﹣ー─━]+$")
_UNKNOWN = re.compile(r"^(?:…+|‥+|\.{2,}|・{2,})$")
_SUPPRESSED = re.compile(r"^(?:[xX×χ]|秘匿|\*+)$")

_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_BAD_GROUPED = re.compile(r"^\d+(?:,\d+)+(?:\.\d+)?$")
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_ONE_DOT_GROUP = re.compile(r"^\d{1,3}\.\d{3}$")

# OCR confusions in numeric cells (Tesseract jpn.unicharambigs); circled digits read as digits.
_CONFUSIONS = {
    **dict.fromkeys("Oo〇。°○", "0"),
    **dict.fromkeys("lI|｜丨ー", "1"),
    "S": "5",
    "B": "8",
    "Z": "2",
    "、": ",",
}
_CONFUSIONS.update({chr(0x2460 + i): str(i + 1) for i in range(9)})
_CONFUSIONS.update({chr(0x2776 + i): str(i + 1) for i in range(9)})
_CONFUSION_TABLE = str.maketrans(_CONFUSIONS)
_TRIANGLE_LOOKALIKES = frozenset("AΔ∆ムa^")


def format_plain(value: Decimal) -> str:
    """``Decimal('-11324500')`` → ``-11324500``: no grouping, no exponent (what a CSV needs)."""
    s = format(value, "f")
    return "0" if s in {"-0", "-0.0"} else s


def _decimal(body: str) -> Decimal | None:
    try:
        return Decimal(body.replace(",", ""))
    except InvalidOperation:
        return None


def _signed(value: Decimal, negative: bool) -> Decimal:
    return -value if negative and value != 0 else value


def parse_number(raw: str, *, integer: bool = False, ocr: bool = False) -> ParsedNumber:
    """Read one numeric cell.

    ``integer``: the column holds integers, so ``1.234`` reads as a misread comma (flagged).
    ``ocr``: the cell was read by OCR, so a lone ``ー`` may be a 1 (a candidate, not applied).
    """
    return _parse_cached(raw, integer, ocr)


# A pure function of its arguments with an immutable result: a book repeats the same cell texts
# (0, －, round amounts) thousands of times.
@lru_cache(maxsize=1 << 16)
def _parse_cached(raw: str, integer: bool, ocr: bool) -> ParsedNumber:
    return _parse(raw, integer=integer, ocr=ocr)


_GROUP_MARK = re.compile(r"^[【〔]\s*([^【】〔〕]*?\d[^【】〔〕]*?)\s*[】〕]$")
_SEP_SPACE = re.compile(r"\s*([,.])\s*")
_TWO_NUMBERS = re.compile(r"\d\s+\d")


def _parse(raw: str, *, integer: bool = False, ocr: bool = False) -> ParsedNumber:
    text = raw.strip()
    s = _SPACE.sub(" ", text.translate(_FOLD)).strip()
    transforms: list[str] = ["fullwidth"] if s != _SPACE.sub(" ", text).strip() else []
    if not s:
        return ParsedNumber(text, null_reason=NullReason.BLANK)
    compact = s.replace(" ", "")
    if _DASH_ONLY.match(compact) or compact in {"一", "－"}:
        cands = ("1",) if ocr and compact in {"ー", "一"} else ()
        return ParsedNumber(text, null_reason=NullReason.DASH, numeric=True, transforms=("dash",), candidates=cands)
    if _UNKNOWN.match(compact):
        return ParsedNumber(text, null_reason=NullReason.UNKNOWN, numeric=True, transforms=("unknown",))
    if _SUPPRESSED.match(compact):
        return ParsedNumber(text, null_reason=NullReason.SUPPRESSED, numeric=True, transforms=("suppressed",))

    negative = False
    body = s
    m = _GROUP_MARK.match(body)
    if m:  # 【139,072,277】: a group subtotal's mark in a balance sheet, not a sign
        body = m.group(1)
        transforms.append("group-bracket")
    m = _PAREN.match(body)
    if m:
        negative, body = True, m.group(1)
        transforms.append("negative-paren")
    else:
        m = _NEG.match(body)
        if m:
            negative, body = True, m.group(2)
            sign = m.group(1)
            if sign in _TRIANGLES:
                transforms.append("negative-triangle")
            elif sign != "-":
                transforms.append("negative-dash")
    if body.startswith("+"):
        body = body[1:].lstrip()
    percent = False
    if body.endswith("%"):
        percent, body = True, body[:-1].rstrip()
        transforms.append("percent")
    elif body.endswith("円") and body[:-1].strip():
        body = body[:-1].rstrip()
        transforms.append("unit-suffix")
    # A space next to a separator is OCR noise (44, 354,500); between two digits it separates two
    # numbers printed in one cell, which must never be glued into one.
    if " " in body:  # only spaces are left after _SPACE (the common case has none)
        body = _SEP_SPACE.sub(_group1, body)
        if _TWO_NUMBERS.search(body):
            return ParsedNumber(text, None, NullReason.UNPARSEABLE, True, tuple(transforms), (),
                                "unparseable-number", "two numbers in one cell", percent)
        body = body.replace(" ", "")
    sign = "-" if negative else ""

    if _PLAIN.match(body) or _GROUPED.match(body):
        if integer and _ONE_DOT_GROUP.match(body):
            cand = sign + body.replace(".", "")
            return ParsedNumber(text, None, NullReason.UNPARSEABLE, True, (*transforms,), (cand,),
                                "bad-grouping", "a dot where a thousands comma belongs", percent)
        value = _decimal(body)
        if value is not None:
            if "," in body:
                transforms.append("thousands")
            return ParsedNumber(text, _signed(value, negative), None, True, tuple(transforms), percent=percent)
    if ocr and _BAD_GROUPED.match(body) and _commas_only_dropped(body):
        # OCR dropped a comma (44354,500): every comma left is where a thousands comma belongs,
        # so the digits read as one number. Applied, named, and reported (info) by the caller.
        value = _decimal(body)
        if value is not None:
            return ParsedNumber(text, _signed(value, negative), None, True, (*transforms, "ocr-grouping"),
                                (), "bad-grouping", "OCR dropped a thousands comma", percent)
    if _BAD_GROUPED.match(body) or _DOT_GROUPED.match(body):
        cand = sign + re.sub(r"[,.]", "", body)
        reason = "dots as thousands separators" if "." in body and "," not in body else "groups are not of three"
        return ParsedNumber(text, None, NullReason.UNPARSEABLE, True, tuple(transforms), (cand,),
                            "bad-grouping", reason, percent)

    kanji = parse_kanji_number(body) if _KANJI_BODY.match(body) else None
    if kanji is not None and _is_kanji_amount(body):
        transforms.append("kanji-numeral")
        return ParsedNumber(text, _signed(Decimal(kanji), negative), None, True, tuple(transforms), percent=percent)

    # OCR confusions: a leading A/Δ/ム is a △ (a candidate minus); then the whole cell (a leading
    # ー is a 1, never a minus).
    if compact[:1] in _TRIANGLE_LOOKALIKES and len(compact) > 1:
        rest = parse_number(compact[1:], integer=integer, ocr=True)
        if rest.value is not None and rest.value > 0:
            return ParsedNumber(text, None, NullReason.UNPARSEABLE, True, tuple(transforms),
                                (format_plain(-rest.value),), "ocr-candidate", "a △ read as a letter", percent)
    confused = s.replace(" ", "").translate(_CONFUSION_TABLE)
    if confused != compact:
        reread = parse_number(confused, integer=integer)
        has_digit = any("0" <= ch <= "9" for ch in compact)
        if (reread.value is not None or reread.candidates) and (has_digit or ocr):
            readings = (format_plain(reread.value),) if reread.value is not None else reread.candidates
            return ParsedNumber(text, None, NullReason.UNPARSEABLE, True, tuple(transforms), readings,
                                "ocr-candidate", "characters OCR confuses with digits", percent)
    digits = sum("0" <= ch <= "9" for ch in body)
    if digits and digits * 2 >= len(body):
        return ParsedNumber(text, None, NullReason.UNPARSEABLE, True, tuple(transforms), (),
                            "unparseable-number", "not a number", percent)
    return ParsedNumber(text, transforms=tuple(transforms))


def _group1(m: re.Match[str]) -> str:
    return m.group(1)


def _commas_only_dropped(body: str) -> bool:
    """True when every comma stands where a thousands comma belongs (a multiple of 3 from the right)."""
    whole = body.split(".")[0]
    digits_right = 0
    for ch in reversed(whole):
        if ch == ",":
            if digits_right == 0 or digits_right % 3:
                return False
        else:
            digits_right += 1
    return True


# --- kanji numerals -------------------------------------------------------------------------

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3, "四": 4,
                 "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000, "阡": 1000}
_LARGE_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}
_KANJI_CHARS = "".join([*_KANJI_DIGITS, *_SMALL_UNITS, *_LARGE_UNITS])
_KANJI_BODY = re.compile(rf"^[0-9{_KANJI_CHARS}]+$")


def _is_kanji_amount(body: str) -> bool:
    """A whole cell reads as a kanji amount only with a unit (万, 千…) or two or more digits.

    A lone ``一`` is a dash misread, and a run of ``〇`` alone is a placeholder (``〇〇事業``).
    """
    if set(body) <= {"〇"}:
        return False
    has_unit = any(ch in _SMALL_UNITS or ch in _LARGE_UNITS for ch in body)
    return has_unit or (len(body) >= 2 and not body.isascii())


def parse_kanji_number(text: str) -> int | None:
    """``一万二千`` → 12000, ``二〇二三`` → 2023, ``12万3456`` → 123456; None if not a numeral."""
    s = text.translate({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)})
    if not s or any(ch not in _KANJI_CHARS and not ("0" <= ch <= "9") for ch in s):
        return None
    if all(ch in _KANJI_DIGITS or "0" <= ch <= "9" for ch in s):  # positional: 二〇二三
        return int("".join(str(_KANJI_DIGITS.get(ch, ch)) for ch in s))
    total = section = 0
    current: int | None = None
    last_large = 10**16
    for ch in s:
        if ch in _KANJI_DIGITS or "0" <= ch <= "9":
            current = (current or 0) * 10 + int(_KANJI_DIGITS.get(ch, ch))
        elif ch in _SMALL_UNITS:
            section += (1 if current is None else current) * _SMALL_UNITS[ch]
            current = None
        else:
            unit = _LARGE_UNITS[ch]
            if unit >= last_large:  # 万万: not a numeral
                return None
            last_large = unit
            section += current or 0
            total += (section or 1) * unit
            section, current = 0, None
    return total + section + (current or 0)


_KANJI_RUN = re.compile(rf"[0-9０-９{_KANJI_CHARS}]+(?=[円人件年月日名個回歳%％]|$)")


def find_kanji_numbers(text: str) -> list[tuple[str, int]]:
    """Kanji numerals in running text, only where a counter follows (``一万二千円``, ``二〇二三年``).

    A run of 〇 alone is a placeholder (``〇〇事業``), and runs inside words (``一般``) have no
    counter after them, so neither is read.
    """
    out = []
    for m in _KANJI_RUN.finditer(text):
        run = m.group()
        has_digit = any(ch in _KANJI_DIGITS or ch.isdigit() for ch in run)
        if not has_digit or run.isascii() or all(ch in "0123456789０１２３４５６７８９" for ch in run) or set(run) <= {"〇"}:
            continue
        value = parse_kanji_number(run)
        if value is not None:
            out.append((run, value))
    return out
