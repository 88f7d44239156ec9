"""Label cues used to rank arithmetic hypotheses: totals, numbering levels, balances."""

from __future__ import annotations

import re
from functools import lru_cache

_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Numbering levels, outermost first (rules.md §4): Ⅰ > 1. > (1) > 1) > ① > (ア)
_NUMBERING = [
    (0, re.compile(rf"^\s*(?:[{_ROMAN}]|[IVX]+\.)\s*\.?")),
    (1, re.compile(r"^\s*[0-9０-９]+\s*[.．、]")),
    (2, re.compile(r"^\s*[(（][0-9０-９]+[)）]|^\s*[⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽]")),
    (3, re.compile(r"^\s*[0-9０-９]+[)）]")),
    (4, re.compile(rf"^\s*[{_CIRCLED}]")),
    (5, re.compile(r"^\s*[(（][ア-ン][)）]")),
]
_TOTAL = re.compile(r"(小計|合計|総計|累計|計)\s*$|計\s*[(（]")
_SPACE = re.compile(r"[\s\u3000]+")
_TAG = re.compile(r"[(（][^)）]*[)）]$")
_DIFFERENCE = re.compile(r"増減|差引|差額|比較|収支")
# Every function here is pure on a label string and called for each line of every hypothesis:
# cached (labels repeat across the views, tables and pages of a book).
_cached = lru_cache(maxsize=1 << 14)


@_cached
def numbering_level(label: str, numbering: str = "") -> int | None:
    """0 for Ⅰ, 1 for 1., 2 for (1), ...; None when the label is not numbered."""
    text = numbering or label
    for level, pat in _NUMBERING:
        if pat.match(text):
            return level
    return None


@_cached
def strip_numbering(label: str) -> str:
    for _, pat in _NUMBERING:
        m = pat.match(label)
        if m:
            return label[m.end() :].strip()
    return label.strip()


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
