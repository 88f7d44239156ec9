"""Guessing a cell's kind from its printed text (the normalize stage parses the value)."""

from __future__ import annotations

import re

from chohyo.model import CellKind

# digits (half or full width), grouping, sign marks and brackets; at least one digit
_NUMBER = re.compile(
    r"^[\s△▲\-−－‐‑‒–—―﹣+＋(（]*[0-9０-９][0-9０-９,，.．\s]*[)）%％]?$"
)
_DASH = re.compile(r"^[\-−－‐‒–—―ー…x×]+$")


def looks_numeric(text: str) -> bool:
    t = text.strip()
    return bool(t) and (bool(_NUMBER.match(t)) or bool(_DASH.match(t)))


def has_digit(text: str) -> bool:
    return any("0" <= ch <= "9" or "０" <= ch <= "９" for ch in text)


def guess_kind(text: str, col: int) -> CellKind:
    t = text.strip()
    if not t:
        return CellKind.EMPTY
    if col == 0:
        return CellKind.LABEL
    if looks_numeric(t):
        return CellKind.NUMBER
    return CellKind.TEXT
