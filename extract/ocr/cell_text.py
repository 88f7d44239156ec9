"""What the text OCR read in a cell means: numbers (with misread or lost separators), labels
(spacing and numbering cleaned), the printed form of a number."""

from __future__ import annotations

import re
from decimal import Decimal

from chohyo.japanese.numbering import split_numbering
from chohyo.japanese.signs import OCR_MINUS_SIGNS, sign_class

_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def clean_label(raw: str) -> str:
    """OCR'd label text: spaces between CJK characters dropped (OCR puts them at random), one space
    after a numbering token, stray dots read between letter-spaced characters dropped."""
    t = " ".join(raw.split())
    t = re.sub(r"\s*[·・.．,、]+\s*$", "", t)
    t = re.sub(r"^[·.．,、'`]+\s*(?=[^\x00-\x7f])", "", t)  # a speck before the first character
    t = re.sub(r"^[|!lI丨｜](?=\s*[^\x00-\x7f])\s*", "Ⅰ ", t)  # a lone bar before kanji: the numeral Ⅰ
    head, rest = split_numbering(t, ocr=True)
    rest = re.sub(r"(?<=[^\x00-\x7f])\s*[·•]\s*(?=[^\x00-\x7f])", "", rest)
    rest = _CJK_GAP.sub("", rest)
    return f"{head} {rest}".strip() if head else rest


def number_text(value: Decimal) -> str:
    """The canonical printed form of an OCR'd integer: 44,354,500 / △1,250."""
    return ("△" if value < 0 else "") + f"{abs(value):,}"


_DIGITS = re.compile(rf"{sign_class(OCR_MINUS_SIGNS)}?[\d,.]*\d")


def parse_digits(text: str) -> Decimal | None:
    """An OCR'd integer whose separators may be misread or lost: the digits decide."""
    t = text.replace(" ", "")
    if not _DIGITS.fullmatch(t) or re.search(r"[,.]{2}", t):
        return None
    v = Decimal(re.sub(r"[^\d]", "", t))
    return -v if t[0] in OCR_MINUS_SIGNS else v


def _collapse_spacing(text: str) -> str:
    """公 益 事 業 → 公益事業 (only when every token is one character): header paths only."""
    tokens = text.split()
    if len(tokens) >= 2 and all(len(t) == 1 for t in tokens):
        return "".join(tokens)
    return " ".join(tokens)


def rapid_number(text: str) -> str:
    """RapidOCR's reading of a number cell, with its usual slips undone: a dot for a thousands
    comma (1.350.000, or 56973.678 with the comma before it lost: never a figure of three
    decimals in a column of amounts), simplified or spaced forms; anything else is left as read."""
    t = text.replace(" ", "")
    if re.fullmatch(r"[△▲\-]?\d{1,3}([.,]\d{3})+|[△▲\-]?\d{4,}[.,]\d{3}", t):
        t = t.replace(".", ",")
    return t


def is_words(text: str) -> bool:
    """Two or more kana or kanji and no digit: a reading that is words, not a misread number."""
    t = text.replace(" ", "")
    return (
        not any(ch.isdigit() for ch in t)
        and sum("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in t) >= 2
    )


_WELL_FORMED = re.compile(r"[△▲\-]?\d{1,3}(,\d{3})*")


def well_formed(text: str) -> bool:
    """A whole number printed as the column prints them: grouped in threes by commas, a sign only
    in front (a reading that needed its separators guessed confirms nothing)."""
    return bool(_WELL_FORMED.fullmatch(text.replace(" ", "")))
