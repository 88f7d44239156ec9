"""Right-to-left text (Arabic, Hebrew) in logical order: as it is read, not as it is drawn.

A PDF draws an Arabic line's glyphs left to right on the page, so glyphs sorted by x read it
backwards (camelot and pdfplumber write it so). A line holding right-to-left letters is turned
back: its word gaps become spaces (an Arabic PDF often prints none), then the runs of the line are
put in reading order — the whole line reversed when most of its letters run right to left, only
the right-to-left runs otherwise — with each left-to-right run (Latin words, figures) kept as drawn.
Presentation forms (the joined shapes ﻣﺮﺣﺒﺎ) are folded to their letters (NFKC).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol


class _Glyph(Protocol):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


_RTL = frozenset({"R", "AL"})
_LTR = frozenset({"L", "EN", "AN"})


# Hebrew, Arabic, Syriac, Thaana, NKo..., and their presentation forms: one C-speed search a line
RTL_SCRIPT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")


def logical_line(glyphs: Sequence[_Glyph]) -> str:
    """One line's glyphs, sorted left to right, as text in logical order."""
    drawn: list[str] = []
    for k, g in enumerate(glyphs):
        if k:
            a = glyphs[k - 1]
            if abs(g.x0 - a.x0) < 0.01 and abs(g.x1 - a.x1) < 0.01:  # a ligature's letters share one box
                drawn[-1] += g.text
                continue
            gap = g.x0 - a.x1
            if not g.text.isspace() and not a.text.isspace() and gap > 0.2 * max(g.bottom - g.top, 1.0):
                drawn.append(" ")
        drawn.append(g.text)
    # reordered glyph by glyph, then folded: a ligature (ﻻ, or its letters as one glyph's text)
    # keeps its letters in logical order
    return unicodedata.normalize("NFKC", "".join(visual_to_logical(drawn))).strip()


def visual_to_logical(drawn: Sequence[str]) -> list[str]:
    """Glyph texts in drawn (left to right) order → in reading order."""
    kinds = [unicodedata.bidirectional(t[0]) if t else "WS" for t in drawn]
    if sum(k in _RTL for k in kinds) > sum(k == "L" for k in kinds):  # read from the right end
        return _reverse_runs(list(drawn)[::-1], kinds[::-1], _LTR, _RTL)
    return _reverse_runs(list(drawn), kinds, _RTL, _LTR)


def _reverse_runs(
    out: list[str], kinds: list[str], strong: frozenset[str], other: frozenset[str]
) -> list[str]:
    """Each run of ``strong`` glyphs (with the neutrals between them, not those around them)
    reversed in place."""
    k = 0
    while k < len(out):
        if kinds[k] not in strong:
            k += 1
            continue
        end = last = k
        while end < len(out) and kinds[end] not in other:
            if kinds[end] in strong:
                last = end
            end += 1
        out[k : last + 1] = out[k : last + 1][::-1]
        k = last + 1
    return out
