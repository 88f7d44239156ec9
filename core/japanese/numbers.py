"""Numeric cells: full-width digits, negative notations, grouping, null marks, OCR doubts (rules.md §2).

Values are ``Decimal`` (never float). Three readers, one set of rules:

- ``parse_number``: the full reading of a printed cell (normalize): null marks, ``%``, ``円``,
  kanji numerals, bad grouping flagged, OCR confusions offered as candidates, never applied;
- ``parse_plain``: a strict value or None (validate reads repair candidates and CSV cells with
  it); ``ocr=True`` is the OCR digit reader's narrower form (integers, ``△▲-−－`` only, no
  parentheses, no width folding);
- ``parse_ocr_number``: ``parse_plain(ocr=True)`` with the OCR reader's null reasons.

``looks_numeric`` guesses a cell's kind before parsing (``ocr=True``: the OCR reader's ratio rule).
A cell that is only a unit mark (``千円``, ``(千円)``) is never a number (see ``units``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from chohyo.japanese.confusions import CANDIDATES
from chohyo.japanese.kanji_numerals import is_kanji_amount, is_kanji_body, parse_kanji_number
from chohyo.japanese.signs import (
    MINUS_SIGNS,
    OCR_MINUS_SIGNS,
    TRIANGLES,
    is_null_dash,
    sign_class,
    split_sign,
)
from chohyo.japanese.units import is_unit_mark
from chohyo.japanese.widths import fold_number
from chohyo.model import NullReason

__all__ = [
    "ParsedNumber",
    "commas_only_dropped",
    "format_plain",
    "has_digit",
    "is_number_body",
    "looks_numeric",
    "parse_number",
    "parse_ocr_number",
    "parse_plain",
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
    unit: str = ""  # a unit printed after the figure (``36,204千円``, ``21 人``): the column's must agree


# --- digit grouping -------------------------------------------------------------------------

# A plain number: digits, or groups of three after 1-3 leading digits; an optional fraction.
_NUMBER_BODY = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_BAD_GROUPED = re.compile(r"^\d+(?:,\d+)+(?:\.\d+)?$")
_DOT_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
_ONE_DOT_GROUP = re.compile(r"^\d{1,3}\.\d{3}$")


def is_number_body(body: str) -> bool:
    """``1234``, ``1,234``, ``1,234.5`` (groups of three); not ``3,44,15,654`` nor ``1.234.567``."""
    return bool(_NUMBER_BODY.match(body))


def commas_only_dropped(body: str) -> bool:
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


def format_plain(value: Decimal) -> str:
    """``Decimal('-11324500')`` → ``-11324500``: no grouping, no exponent (what a CSV needs)."""
    s = format(value, "f")
    return "0" if s in {"-0", "-0.0"} else s


def _decimal(body: str) -> Decimal | None:
    try:
        return Decimal(body.replace(",", ""))
    except InvalidOperation:
        return None


# --- strict readers -------------------------------------------------------------------------

_OCR_SIGN = sign_class(OCR_MINUS_SIGNS)
_OCR_NUMBER = re.compile(rf"^{_OCR_SIGN}?\s*\d{{1,3}}(,\d{{3}})*$|^{_OCR_SIGN}?\s*\d+$")


def parse_plain(text: str, *, ocr: bool = False) -> Decimal | None:
    """A plain printed number's value, or None for anything doubtful.

    ``1,234``, ``△1,234``, ``(１，２３４)``, ``－1,234.5`` are read; ``3,44,15,654``, ``50%``,
    ``一万`` are not. ``ocr=True``: an OCR'd digit string: integers only, a leading ``△▲-−－``,
    spaces ignored, no parentheses.
    """
    if ocr:
        t = text.replace(" ", "")
        if not _OCR_NUMBER.match(t):
            return None
        v = Decimal(re.sub(r"[^\d]", "", t))
        return -v if t[0] in OCR_MINUS_SIGNS else v
    s = fold_number(text).strip().replace(" ", "").replace("\u3000", "")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    elif s and s[0] in MINUS_SIGNS:
        negative, s = True, s[1:]
    if not _NUMBER_BODY.match(s):
        return None
    value = _decimal(s)
    if value is None:
        return None
    return -value if negative else value


def parse_ocr_number(text: str) -> tuple[Decimal | None, NullReason | None]:
    """An OCR'd numeric cell: (value, None), or (None, BLANK | DASH | UNPARSEABLE)."""
    t = text.replace(" ", "")
    if not t:
        return None, NullReason.BLANK
    if is_null_dash(t, ocr=True):
        return None, NullReason.DASH
    value = parse_plain(t, ocr=True)
    return (value, None) if value is not None else (None, NullReason.UNPARSEABLE)


# --- kind guessing --------------------------------------------------------------------------


def has_digit(text: str) -> bool:
    """A half- or full-width digit 0-9 anywhere (``'①'.isdigit()`` is True: not counted)."""
    return any("0" <= ch <= "9" or "０" <= ch <= "９" for ch in text)


# digits (half or full width), grouping, sign marks and brackets; at least one digit
_LOOKS_NUMBER = re.compile(rf"^[\s{re.escape(MINUS_SIGNS)}+＋(（]*[0-9０-９][0-9０-９,，.．\s]*[)）%％]?$")
_LOOKS_NULL = re.compile(r"^[\-−－‐‒–—―ー…x×]+$")  # dashes, unknown and suppressed marks


# a note mark set as a superscript after a figure (extract/digital/superscripts.py): ``24.91²``,
# or camelot's flag_size markup ``24.91<s>2</s>``; the figure is 24.91, the mark is no digit of it
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # 0-9 set as superscripts
_NOTE_MARK_TAIL = re.compile(rf"\s*(?:<s>[0-9]{{1,3}}</s>|[{SUPERSCRIPT_DIGITS}]{{1,3}})$")


def _without_note_mark(text: str) -> str:
    m = _NOTE_MARK_TAIL.search(text)
    return text[: m.start()] if m and has_digit(text[: m.start()]) else text


def looks_numeric(text: str, *, ocr: bool = False) -> bool:
    """Printed text that looks like a number or a null mark (the cell's kind, before parsing).

    ``ocr=True``: OCR output, where stray letters are common: 70% of the characters (spaces
    aside) are digits or ``,△▲-``.
    """
    if ocr:
        t = text.replace(" ", "")
        return bool(t) and sum(ch.isdigit() or ch in ",△▲-" for ch in t) >= 0.7 * len(t)
    t = _without_note_mark(text.strip())
    return bool(t) and (bool(_LOOKS_NUMBER.match(t)) or bool(_LOOKS_NULL.match(t)))


# --- the full reading -----------------------------------------------------------------------

_SPACE = re.compile(r"[\s\u3000]+")
_UNKNOWN = re.compile(r"^(?:…+|‥+|\.{2,}|・{2,})$")
_SUPPRESSED = re.compile(r"^(?:[xX×χ]|秘匿|\*+)$")

# OCR confusions in numeric cells (Tesseract jpn.unicharambigs); circled digits read as digits.
_CONFUSION_TABLE = str.maketrans(CANDIDATES)
_TRIANGLE_LOOKALIKES = frozenset("AΔ∆ムa^")


def _signed(value: Decimal, negative: bool) -> Decimal:
    return -value if negative and value != 0 else value


def parse_number(raw: str, *, integer: bool = False, ocr: bool = False) -> ParsedNumber:
    """Read one numeric cell.

    ``integer``: the column holds integers, so ``1.234`` reads as a misread comma (flagged).
    ``ocr``: the cell was read by OCR, so a lone ``ー`` may be a 1 (a candidate, not applied).
    A pure unit mark (``千円``, ``(千円)``, ``単位:千円``) has no value and is not numeric.
    """
    return _parse_cached(raw, integer, ocr)


# A pure function of its arguments with an immutable result: a book repeats the same cell texts
# (0, －, round amounts) thousands of times.
@lru_cache(maxsize=1 << 16)
def _parse_cached(raw: str, integer: bool, ocr: bool) -> ParsedNumber:
    return _parse(raw, integer=integer, ocr=ocr)


_YEN = "¥\\￥"
# a Latin currency printed beside its figure (`8 €`, `$ 71.15`): kept as the figure's unit, so a
# column reads as values only when its figures all print the same one (normalize/document.py)
_CURRENCY = "€$£"
_GROUP_MARK = re.compile(r"^[【〔]\s*([^【】〔〕]*?\d[^【】〔〕]*?)\s*[】〕]$")
_SEP_SPACE = re.compile(r"\s*([,.])\s*")
_TWO_NUMBERS = re.compile(r"\d\s+\d")
# 円; 千円 / 百万円 and 人 only right after a digit (``三千円`` is a kanji amount in 円; ``千円`` a mark)
_YEN_SUFFIX = re.compile(r"((?:(?:(?<=\d)|(?<=\d\s))(?:千|百万))?円|(?:(?<=\d)|(?<=\d\s))人)$")


def _parse(raw: str, *, integer: bool = False, ocr: bool = False) -> ParsedNumber:
    text = raw.strip()
    bare = _without_note_mark(text)
    if bare != text:  # the figure without its note mark; the printed text keeps the mark
        got = _parse(bare, integer=integer, ocr=ocr)
        return replace(got, text=text, transforms=("note-mark", *got.transforms))
    s = _SPACE.sub(" ", fold_number(text)).strip()
    transforms: list[str] = ["fullwidth"] if s != _SPACE.sub(" ", text).strip() else []
    if not s:
        return ParsedNumber(text, null_reason=NullReason.BLANK)
    if is_unit_mark(text):  # 千円 is a unit, not the number 1000
        return ParsedNumber(text)
    compact = s.replace(" ", "")
    if is_null_dash(compact):
        cands = ("1",) if ocr and compact in {"ー", "一"} else ()
        return ParsedNumber(
            text, null_reason=NullReason.DASH, numeric=True, transforms=("dash",), candidates=cands
        )
    if _UNKNOWN.match(compact):
        return ParsedNumber(text, null_reason=NullReason.UNKNOWN, numeric=True, transforms=("unknown",))
    if _SUPPRESSED.match(compact):
        return ParsedNumber(text, null_reason=NullReason.SUPPRESSED, numeric=True, transforms=("suppressed",))

    negative = False
    unit = ""
    if not ocr and s[:1] == ")" and "(" not in s and s[1:].strip():
        # the closing bracket of a label set against the figure ((％)83.3): the label's, not the number's
        s = s[1:].lstrip()
        transforms.append("stray-bracket")
    m = _GROUP_MARK.match(s)
    if m:  # 【139,072,277】: a group subtotal's mark in a balance sheet, not a sign
        s = m.group(1)
        transforms.append("group-bracket")
    mark, body = split_sign(s)
    if mark:
        negative = True
        if mark == "()":
            transforms.append("negative-paren")
        elif mark in TRIANGLES:
            transforms.append("negative-triangle")
        elif mark != "-":
            transforms.append("negative-dash")
    if body[:1] in _YEN and body[1:].strip():  # ¥24,230,000 (a Japanese font prints ¥ at the \\ code)
        body = body[1:].lstrip()
        transforms.append("yen-mark")
    if body[:1] in _CURRENCY and body[1:].strip()[:1].isdigit():  # $ 71.15: the figure's unit
        unit, body = body[0], body[1:].lstrip()
        transforms.append("currency-mark")
    if body.startswith("+"):
        body = body[1:].lstrip()
    elif body.startswith("±") and not body[1:].strip().strip("0.,"):  # ±0: no change (対前年増減額)
        body = body[1:].lstrip()
        transforms.append("plus-minus-zero")
    percent = False
    if body.endswith("%"):
        percent, body = True, body[:-1].rstrip()
        transforms.append("percent")
    elif not unit and body[-1:] in _CURRENCY and body[:-1].rstrip()[-1:].isdigit():  # 8 €
        unit, body = body[-1], body[:-1].rstrip()
        transforms.append("currency-mark")
    elif (m := _YEN_SUFFIX.search(body)) and body[: m.start()].strip():
        # 905,295千円 in a 地方債調書 cell: the figure as printed, its unit kept beside it
        body, unit = body[: m.start()].rstrip(), m.group(1)
        transforms.append("unit-suffix")
    # A space next to a separator is OCR noise (44, 354,500); between two digits it separates two
    # numbers printed in one cell, which must never be glued into one.
    if " " in body:  # only spaces are left after _SPACE (the common case has none)
        body = _SEP_SPACE.sub(_group1, body)
        if _TWO_NUMBERS.search(body):
            return ParsedNumber(
                text,
                None,
                NullReason.UNPARSEABLE,
                True,
                tuple(transforms),
                (),
                "unparseable-number",
                "two numbers in one cell",
                percent,
            )
        body = body.replace(" ", "")
    sign = "-" if negative else ""

    if _NUMBER_BODY.match(body):
        if integer and _ONE_DOT_GROUP.match(body):
            cand = sign + body.replace(".", "")
            return ParsedNumber(
                text,
                None,
                NullReason.UNPARSEABLE,
                True,
                (*transforms,),
                (cand,),
                "bad-grouping",
                "a dot where a thousands comma belongs",
                percent,
            )
        value = _decimal(body)
        if value is not None:
            if "," in body:
                transforms.append("thousands")
            return ParsedNumber(
                text, _signed(value, negative), None, True, tuple(transforms), percent=percent, unit=unit
            )
    if ocr and _BAD_GROUPED.match(body) and commas_only_dropped(body):
        # OCR dropped a comma (44354,500): every comma left is where a thousands comma belongs,
        # so the digits read as one number. Applied, named, and reported (info) by the caller.
        value = _decimal(body)
        if value is not None:
            return ParsedNumber(
                text,
                _signed(value, negative),
                None,
                True,
                (*transforms, "ocr-grouping"),
                (),
                "bad-grouping",
                "OCR dropped a thousands comma",
                percent,
            )
    if _BAD_GROUPED.match(body) or _DOT_GROUPED.match(body):
        cand = sign + re.sub(r"[,.]", "", body)
        reason = (
            "dots as thousands separators" if "." in body and "," not in body else "groups are not of three"
        )
        return ParsedNumber(
            text,
            None,
            NullReason.UNPARSEABLE,
            True,
            tuple(transforms),
            (cand,),
            "bad-grouping",
            reason,
            percent,
        )

    kanji = parse_kanji_number(body) if is_kanji_body(body) else None
    if kanji is not None and is_kanji_amount(body):
        transforms.append("kanji-numeral")
        return ParsedNumber(
            text, _signed(Decimal(kanji), negative), None, True, tuple(transforms), percent=percent
        )

    # OCR confusions: a leading A/Δ/ム is a △ (a candidate minus); then the whole cell (a leading
    # ー is a 1, never a minus).
    if compact[:1] in _TRIANGLE_LOOKALIKES and len(compact) > 1:
        rest = parse_number(compact[1:], integer=integer, ocr=True)
        if rest.value is not None and rest.value > 0:
            return ParsedNumber(
                text,
                None,
                NullReason.UNPARSEABLE,
                True,
                tuple(transforms),
                (format_plain(-rest.value),),
                "ocr-candidate",
                "a △ read as a letter",
                percent,
            )
    confused = s.replace(" ", "").translate(_CONFUSION_TABLE)
    if confused != compact:
        reread = parse_number(confused, integer=integer)
        has_digit = any("0" <= ch <= "9" for ch in compact)
        if (reread.value is not None or reread.candidates) and (has_digit or ocr):
            readings = (format_plain(reread.value),) if reread.value is not None else reread.candidates
            return ParsedNumber(
                text,
                None,
                NullReason.UNPARSEABLE,
                True,
                tuple(transforms),
                readings,
                "ocr-candidate",
                "characters OCR confuses with digits",
                percent,
            )
    digits = sum("0" <= ch <= "9" for ch in body)
    if digits and digits * 2 >= len(body):
        return ParsedNumber(
            text,
            None,
            NullReason.UNPARSEABLE,
            True,
            tuple(transforms),
            (),
            "unparseable-number",
            "not a number",
            percent,
        )
    return ParsedNumber(text, transforms=tuple(transforms))


def _group1(m: re.Match[str]) -> str:
    return m.group(1)
