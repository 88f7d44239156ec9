"""Kanji numerals (rules.md §2): ``一万二千`` → 12000, ``二〇二三`` → 2023, ``12万3456`` → 123456.

Never inside labels such as ``〇〇事業``: a run of 〇 alone is a placeholder.
"""

from __future__ import annotations

import re

from chohyo.japanese.widths import DIGITS

__all__ = [
    "KANJI_CHARS",
    "KANJI_DIGITS",
    "find_kanji_numbers",
    "is_kanji_amount",
    "is_kanji_body",
    "parse_kanji_number",
]

KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "壱": 1,
    "二": 2,
    "弐": 2,
    "三": 3,
    "参": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000, "阡": 1000}
_LARGE_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}
KANJI_CHARS = "".join([*KANJI_DIGITS, *_SMALL_UNITS, *_LARGE_UNITS])
_KANJI_BODY = re.compile(rf"^[0-9{KANJI_CHARS}]+$")


def is_kanji_body(body: str) -> bool:
    """Only ASCII digits and kanji numeral characters (a candidate for ``parse_kanji_number``)."""
    return bool(_KANJI_BODY.match(body))


def is_kanji_amount(body: str) -> bool:
    """A whole cell reads as a kanji amount only with a unit (万, 千…) or two or more digits.

    A lone ``一`` is a dash misread, and a run of ``〇`` alone is a placeholder (``〇〇事業``).
    """
    if set(body) <= {"〇"}:
        return False
    has_unit = any(ch in _SMALL_UNITS or ch in _LARGE_UNITS for ch in body)
    return has_unit or (len(body) >= 2 and not body.isascii())


def parse_kanji_number(text: str) -> int | None:
    """``一万二千`` → 12000, ``二〇二三`` → 2023, ``12万3456`` → 123456; None if not a numeral."""
    s = text.translate(DIGITS)
    if not s or any(ch not in KANJI_CHARS and not ("0" <= ch <= "9") for ch in s):
        return None
    if all(ch in KANJI_DIGITS or "0" <= ch <= "9" for ch in s):  # positional: 二〇二三
        return int("".join(str(KANJI_DIGITS.get(ch, ch)) for ch in s))
    total = section = 0
    current: int | None = None
    last_large = 10**16
    for ch in s:
        if ch in KANJI_DIGITS or "0" <= ch <= "9":
            current = (current or 0) * 10 + int(KANJI_DIGITS.get(ch, ch))
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


_KANJI_RUN = re.compile(rf"[0-9０-９{KANJI_CHARS}]+(?=[円人件年月日名個回歳%％]|$)")


def find_kanji_numbers(text: str) -> list[tuple[str, int]]:
    """Kanji numerals in running text, only where a counter follows (``一万二千円``, ``二〇二三年``).

    A run of 〇 alone is a placeholder (``〇〇事業``), and runs inside words (``一般``) have no
    counter after them, so neither is read.
    """
    out = []
    for m in _KANJI_RUN.finditer(text):
        run = m.group()
        has_digit = any(ch in KANJI_DIGITS or ch.isdigit() for ch in run)
        if (
            not has_digit
            or run.isascii()
            or all(ch in "0123456789０１２３４５６７８９" for ch in run)
            or set(run) <= {"〇"}
        ):
            continue
        value = parse_kanji_number(run)
        if value is not None:
            out.append((run, value))
    return out
