"""Guessing a cell's kind from its printed text (the normalize stage parses the value)."""

from __future__ import annotations

import itertools
import re

from chohyo.model import CellKind

# digits (half or full width), grouping, sign marks and brackets; at least one digit
_NUMBER = re.compile(
    r"^[\s△▲\-−－‐‑‒–—―﹣+＋(（]*[0-9０-９][0-9０-９,，.．\s]*[)）%％]?$"
)
_HALF = str.maketrans("０１２３４５６７８９", "0123456789")
_DASH = re.compile(r"^[\-−－‐‒–—―ー…x×]+$")


def looks_numeric(text: str) -> bool:
    t = text.strip()
    return bool(t) and (bool(_NUMBER.match(t)) or bool(_DASH.match(t)))


_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")


def are_years(texts: list[str]) -> bool:
    """Two or more plain years, all different, in order (2021 2022 2023 or 2023 2022): column names."""
    t = [x.strip().translate(_HALF) for x in texts]
    if len(t) < 2 or not all(_YEAR.match(x) for x in t):
        return False
    years = [int(x) for x in t]
    steps = [b - a for a, b in itertools.pairwise(years)]
    return all(0 < s <= 10 for s in steps) or all(-10 <= s < 0 for s in steps)


# a unit printed alone at the head of a value column (千円 over the first figure of a budget book)
UNIT_MARK = re.compile(r"^[(（]?(?:千円|円|万円|百万円|億円|人|千人|件|%|％)[)）]?$")


def unit_mark(text: str) -> bool:
    return bool(UNIT_MARK.match(text.strip()))


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
