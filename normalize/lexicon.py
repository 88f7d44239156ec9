"""Label repair for OCR'd label cells: simplified forms, stray dots, near-misses of known words.

Only cells read by OCR are repaired (a born-digital label is what the document says). The
original stays in ``Cell.corrected_from`` and the change is named in the provenance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chohyo.normalize.text import is_cjk_char, merge_letter_spacing, split_numbering

__all__ = ["Repair", "builtin_lexicon", "edit_distance", "repair_label"]

# Simplified (Chinese) forms OCR engines trained on mixed CJK data put in Japanese labels.
SIMPLIFIED = str.maketrans({
    "费": "費", "增": "増", "减": "減", "产": "産", "產": "産", "赁": "賃", "查": "査", "计": "計",
    "务": "務", "业": "業", "资": "資", "额": "額", "经": "経", "营": "営", "给": "給", "贷": "貸",
    "收": "収", "备": "備", "报": "報", "发": "発", "议": "議", "员": "員", "运": "運", "输": "輸",
    "电": "電", "话": "話", "处": "処", "负": "負", "劳": "労", "动": "動", "实": "実", "际": "際",
    "车": "車", "辆": "輛", "设": "設", "录": "録", "传": "伝", "讲": "講", "习": "習",
    "检": "検", "础": "礎", "调": "調", "价": "価", "总": "総", "补": "補",
    "损": "損", "项": "項", "财": "財", "时": "時",
})


@dataclass(frozen=True, slots=True)
class Repair:
    text: str
    transforms: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.transforms)


@cache
def builtin_lexicon() -> frozenset[str]:
    raw = resources.files("chohyo.normalize").joinpath("accounts.txt").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_DOTS = re.compile(r"(?<=\S)\s*[.・·•,、]\s*(?=\S)")


def _drop_stray_dots(text: str) -> str:
    """``給 ・ 料 . 手 当`` → ``給 料 手 当``: dots OCR reads in the gaps of a letter-spaced label."""
    tokens = text.split()
    if len(tokens) < 2:
        return text
    kept = [t for t in tokens if not re.fullmatch(r"[.・·•,、]+", t)]
    kept = [t.strip(".・·•、") or t for t in kept] if all(len(t.strip(".・·•、")) <= 1 for t in kept) else kept
    return " ".join(kept)


def repair_label(text: str, vocabulary: Iterable[str] = ()) -> Repair:
    """Repair one OCR'd label (already cleaned); the numbering prefix is kept as read."""
    transforms: list[str] = []
    numbering, rest = split_numbering(text)
    s = rest
    t = s.translate(SIMPLIFIED)
    if t != s:
        transforms.append("simplified-form")
    s = t
    t = merge_letter_spacing(_drop_stray_dots(s))
    if t != s:
        transforms.append("stray-dots")
    s = t
    words = builtin_lexicon() | frozenset(vocabulary)
    if s not in words and len(s) >= 3 and all(is_cjk_char(ch) for ch in s):
        limit = 1 if len(s) < 6 else 2
        best = sorted((edit_distance(s, w), w) for w in words if abs(len(w) - len(s)) <= limit)
        if best and best[0][0] <= limit and (len(best) == 1 or best[1][0] > best[0][0]):
            s = best[0][1]
            transforms.append("lexicon")
    if not transforms:
        return Repair(text)
    glue = " " if text[len(numbering):][:1] == " " else ""
    return Repair((numbering + glue + s) if numbering else s, tuple(transforms))
