"""Guessing a cell's kind from its printed text (the normalize stage parses the value)."""

from __future__ import annotations

import itertools
import re

from chohyo.japanese.numbers import has_digit, looks_numeric
from chohyo.japanese.units import is_unit_mark as unit_mark
from chohyo.japanese.widths import fold_digits
from chohyo.model import CellKind

# has_digit, looks_numeric and unit_mark (a unit printed alone, 千円 over the first figure of a
# budget book) live in chohyo.japanese; re-exported for the extract modules
__all__ = ["are_years", "guess_kind", "has_digit", "is_prose", "looks_numeric", "unit_mark"]

_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")


def is_prose(text: str) -> bool:
    """Running prose: a sentence of several words, most of them in lower case (a label is a few
    words, a heading is capitalised). Latin script only: Japanese prints no word spaces."""
    tokens = text.split()
    return len(tokens) >= 5 and sum(t.isalpha() and t.islower() for t in tokens) >= 3


def are_years(texts: list[str]) -> bool:
    """Two or more plain years, all different, in order (2021 2022 2023 or 2023 2022): column names."""
    t = [fold_digits(x.strip()) for x in texts]
    if len(t) < 2 or not all(_YEAR.match(x) for x in t):
        return False
    years = [int(x) for x in t]
    steps = [b - a for a, b in itertools.pairwise(years)]
    return all(0 < s <= 10 for s in steps) or all(-10 <= s < 0 for s in steps)


def guess_kind(text: str, col: int) -> CellKind:
    t = text.strip()
    if not t:
        return CellKind.EMPTY
    if col == 0:
        return CellKind.LABEL
    if looks_numeric(t):
        return CellKind.NUMBER
    return CellKind.TEXT
