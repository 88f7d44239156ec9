"""Label text: radicals, width folding, white space, letter-spaced (均等割付) labels (rules.md §1).

The white-space and letter-spacing rules live in ``chohyo.japanese.spacing`` (one rule for every
stage); they are re-exported here.

Targeted steps only: never a whole-string NFKC (it turns ① into 1 and ㍻ into 平成) nor neologdn
(it merges ``清水 富 雄`` and turns ``－`` into ``ー``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from chohyo.charmap import machine_readable
from chohyo.japanese.numbering import split_numbering
from chohyo.japanese.scripts import is_kana
from chohyo.japanese.spacing import collapse_spaces, is_cjk_char, merge_letter_spacing, merge_line_spacing
from chohyo.japanese.widths import fold_width

__all__ = [
    "CleanText",
    "clean_label",
    "collapse_spaces",
    "fold_width",
    "is_cjk_char",
    "is_kana",
    "machine_readable",
    "map_radicals",
    "merge_letter_spacing",
    "merge_line_spacing",
    "split_numbering",
    "tighten_dates",
]


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    transforms: tuple[str, ...] = ()


@cache
def _radical_table() -> dict[int, str]:
    data = json.loads(resources.files("chohyo.normalize").joinpath("radicals.json").read_text("utf-8"))
    return {ord(k): v for k, v in data["map"].items()}


def map_radicals(text: str) -> str:
    """Kangxi radicals and CJK Radicals Supplement → the unified ideograph (``⼈件費`` → ``人件費``)."""
    return text.translate(_radical_table())


_ERA_SPACE = re.compile(r"(明治|大正|昭和|平成|令和)\s+(?=[0-9元])")
_NUM_UNIT_SPACE = re.compile(r"(?<=[0-9元])\s+(?=年|月|日)")
_UNIT_NUM_SPACE = re.compile(r"(?<=[年月])\s+(?=[0-9])")


def tighten_dates(text: str) -> str:
    """``平成 27 年 4 月 1 日`` → ``平成27年4月1日``; a blank form date ``令和5年 月 日`` stays."""
    s = _ERA_SPACE.sub(r"\1", text)
    s = _NUM_UNIT_SPACE.sub("", s)
    return _UNIT_NUM_SPACE.sub("", s)


def clean_label(
    text: str, *, merge: bool = True, fold: bool = True, radicals: bool = True, dates: bool = True
) -> CleanText:
    """The clean form of a label or text cell, with the names of the transforms that changed it."""
    return _clean_cached(text, merge, fold, radicals, dates)


# Pure, with an immutable result; labels and header texts repeat on every page of a book.
@lru_cache(maxsize=1 << 15)
def _clean_cached(text: str, merge: bool, fold: bool, radicals: bool, dates: bool) -> CleanText:
    steps = (  # order matters: radicals and width first, letter-spacing last
        ("radical", map_radicals, radicals),
        ("fullwidth", fold_width, fold),
        ("whitespace", collapse_spaces, True),
        ("date-spacing", tighten_dates, dates),
        ("letter-spacing", merge_letter_spacing, merge),
    )
    transforms: list[str] = []
    s = text
    for name, step, enabled in steps:
        t = step(s) if enabled else s
        if t != s:
            transforms.append(name)
        s = t
    return CleanText(s, tuple(transforms))
