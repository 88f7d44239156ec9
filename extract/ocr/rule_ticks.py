"""Tick marks on a column rule: short strokes across it, one a row (a survey sheet's ``+`` between
its figures). The rule masks take the rule; its ticks' arms stay in the cells on both sides, and
read with the figures they came out as dashes (``- 3.0 -``, unparseable). They are painted out
with the rule; their pixels are part of it, not of the cells."""

from __future__ import annotations

import numpy as np
from chohyo.extract.ocr.ink_runs import ink_runs

TICK_MAX = 0.2  # inches: a tick across a rule is at most this long (arms and rule together)
TICK_ARM = 0.04  # inches: each arm, from the rule's centre, at least this long (N値表: 0.07)
TICK_THICK = 0.04  # inches: and at most this thick
GLYPH_REST = 0.2  # of a tick's length, at most this has ink just above or below it (specks of the scan)
MIN_TICKS = 4  # on one rule, to be its ticks (a lone stroke across a rule is a glyph's, or a minus)


def rule_ticks(
    text: np.ndarray, x: int, top: int, bottom: int, dpi: float, rows: int = 0
) -> list[tuple[int, int, int, int]]:
    """The ticks across the column rule at ``x`` between ``top`` and ``bottom`` as boxes (x0, y0,
    x1, y1). ``text``: the ink with the rules taken out (the rule's own pixels, grown, are gone). A
    tick's two arms reach up to the rule from both sides on the same pixel rows, each a short thin
    run with nothing just above or below it (a digit's bar, a glyph's stroke, has the rest of its
    glyph there). Ticks mark the rows: at least half as many as ``rows`` (a few digits' strokes
    across a rule, where a sideways table's figures touch it, are no ticks)."""
    gap = max(3, int(dpi / 60))  # the rule and the mask's growth either side
    shortest = TICK_ARM * dpi
    longest, thick, off = TICK_MAX * dpi, max(2, int(TICK_THICK * dpi)), max(2, int(dpi / 100))
    w = text.shape[1]
    lo, hi = max(0, x - int(longest)), min(w, x + int(longest) + 1)
    # the arms end a few pixels from the rule's centre, which is found a few pixels off
    near = 2 * gap + 2
    if x - near < 1 or x + near >= w or bottom <= top:
        return []
    left = text[top:bottom, max(0, x - near) : max(0, x - 1)].max(axis=1) > 0
    right = text[top:bottom, x + 2 : min(w, x + near + 1)].max(axis=1) > 0
    out: list[tuple[int, int, int, int]] = []
    for a, b in ink_runs(left | right):  # an arm may sit a pixel higher than the other
        if b - a > thick or not (left[a:b].any() and right[a:b].any()):
            continue
        y0, y1 = top + a, top + b
        on = text[y0:y1, lo:hi].max(axis=0) > 0
        arms = [(s, e) for s, e in ink_runs(on) if s < x - lo + near + 1 and e > x - lo - near]
        if len(arms) not in (1, 2):
            continue
        x0, x1 = lo + min(s for s, _ in arms), lo + max(e for _, e in arms)
        if x1 - x0 > longest or x0 == lo or x1 == hi or not _even_arms(x - x0, x1 - x, shortest):
            continue
        above = text[max(0, y0 - off - 1) : max(0, y0 - off), x0:x1]
        below = text[y1 + off : y1 + off + 1, x0:x1]
        if max(float((above > 0).mean()), float((below > 0).mean())) > GLYPH_REST:
            continue
        out.append((x0, y0, x1, y1))
    return out if len(out) >= max(MIN_TICKS, rows // 2) else []


def _even_arms(left: int, right: int, shortest: float) -> bool:
    """A tick crosses its rule: neither arm is under half the other (a glyph's stroke ending at
    the rule, a header character's foot, reaches out on one side only), nor shorter than
    ``shortest`` (specks stuck to a rule's edges: 道の駅 p10, 6 px across)."""
    return min(left, right) >= max(shortest, 0.5 * max(left, right))
