"""A whole number and a fraction in one cell (``6 1/4`` persons, a 給与費明細書's 職員数): the
digit reader drops the fraction bar or reads it as 1 or 7 (``614``, ``4174``, ``10172``), an
amount the page never printed, which then breaks every sum through it. The second engine reads
the bar (``6 1/4``, ``41/4``): such a cell is a mixed number, kept as text as read (never an
amount: a third has no exact decimal), like a date's parts.

Only when the first reading starts with the whole part and has more digits after it: the
fraction was there, read as digits.
"""

from __future__ import annotations

import re

_MIXED = re.compile(r"^(\d{1,3}) ?([1-9])/([2-9])$")


def mixed_number(second: str, first: str) -> str | None:
    """``6 1/4`` when ``second`` reads a whole number and a proper fraction that ``first`` read as
    digits (``614``, ``6174``); None otherwise."""
    m = _MIXED.fullmatch(second.replace("\u3000", " ").strip())
    if m is None or int(m[2]) >= int(m[3]):
        return None
    digits = "".join(ch for ch in first if ch.isdigit())
    if not digits.startswith(m[1]) or len(digits) <= len(m[1]):
        return None
    return f"{m[1]} {m[2]}/{m[3]}"


def is_mixed_number(text: str) -> bool:
    return bool(_MIXED.fullmatch(text)) and " " in text
