"""Label cues used to rank arithmetic hypotheses: totals, numbering levels, balances.

Numbering levels and stripping come from ``chohyo.japanese.numbering``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from chohyo.japanese.numbering import strip_numbering

_TOTAL = re.compile(r"(小計|合計|総計|累計|計)\s*$|計\s*[(（]")
_SPACE = re.compile(r"[\s\u3000]+")
_TAG = re.compile(r"[(（][^)）]*[)）]$")
# 増 (B-A) 減: a header printed round its formula (概算要求額総表's 対前年度比較増減 column) is still 増減,
# and so is 増△減 (the △ a decrease is printed with, set between the two)
_DIFFERENCE = re.compile(r"増(?:[(（][^)）]*[)）]|[△▲])?減|差引|差額|比較|収支")
# Every function here is pure on a label string and called for each line of every hypothesis:
# cached (labels repeat across the views, tables and pages of a book).
_cached = lru_cache(maxsize=1 << 14)


@_cached
def bare(label: str) -> str:
    """The label without numbering, spaces or a trailing formula tag."""
    text = _SPACE.sub("", strip_numbering(label))
    return _TAG.sub("", text)


@_cached
def is_total(label: str) -> bool:
    """計/小計/合計/総計 (a total printed below or right of its items)."""
    return bool(_TOTAL.search(_SPACE.sub("", label)))


@_cached
def is_difference(label: str) -> bool:
    return bool(_DIFFERENCE.search(_SPACE.sub("", label)))


@_cached
def is_closing(label: str) -> bool:
    return "期末" in _SPACE.sub("", label)


@_cached
def is_opening(label: str) -> bool:
    text = _SPACE.sub("", label)
    return "期首" in text or "前期末" in text or "前年度末" in text
