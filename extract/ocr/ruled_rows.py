"""Ruled tables whose body rows have no rule between them (budget books ruled by columns only):
a band between two horizontal rules that holds several lines of numbers is cut between its lines.

The born-digital path does the same from the characters (lattice._split_unruled_rows); here the
lines are the ink rows of the band with the rules taken out, and a line "holds numbers" when its
ink in some value column sits against the column's right rule (numbers are right-aligned; header
words and remarks are centred or left-aligned, so a wrapped header or remark is never cut).
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

MIN_LINES_WITH_NUMBERS = 2  # as the digital path: one line of numbers is one row, whatever wraps round it


def split_unruled_rows(
    binary: np.ndarray, rules: np.ndarray, xs: list[int], ys: list[int], dpi: float
) -> tuple[list[int], set[int]]:
    """(row edges with the cuts added, indices in the new list of the edges that were added).

    ``binary`` and ``rules`` are the table's region (255 on ink / on a rule); ``xs``/``ys`` its
    column and row edges in that region's pixels."""
    ink = (binary > 0) & (rules == 0)
    min_line = max(4, int(dpi * 0.04))  # a text line is at least ~3 pt high; dust is less
    out: list[int] = [ys[0]]
    added: set[int] = set()
    for top, bottom in itertools.pairwise(ys):
        if bottom - top < 3 * min_line:  # no room for two lines
            out.append(bottom)
            continue
        band = ink[top:bottom, xs[0] : xs[-1]]
        lines = _lines(band, min_line)
        if (
            len(lines) >= 2
            and sum(_holds_numbers(band[a:b], xs, dpi) for a, b in lines) >= MIN_LINES_WITH_NUMBERS
        ):
            for (_, a_bottom), (b_top, _) in itertools.pairwise(lines):
                added.add(len(out))
                out.append(top + (a_bottom + b_top) // 2)
        out.append(bottom)
    return out, added


def _lines(band: np.ndarray, min_line: int) -> list[tuple[int, int]]:
    """Runs of pixel rows with ink (specks below ``min_line`` high left out), top to bottom."""
    rows = band.sum(axis=1) >= 3
    out: list[tuple[int, int]] = []
    start = None
    for y, on in enumerate([*rows.tolist(), False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if y - start >= min_line:
                out.append((start, y))
            start = None
    return out


def _holds_numbers(line: np.ndarray, xs: list[int], dpi: float) -> bool:
    """Ink against the right rule of a value column (column 1 on), clear of its left rule."""
    x_base = xs[0]
    n, _, stats, _ = cv2.connectedComponentsWithStats(line.astype(np.uint8), connectivity=8)
    small = max(2, int(dpi / 100))
    for c0, c1 in itertools.pairwise(xs[1:]):
        lo, hi = c0 - x_base, c1 - x_base
        boxes = [
            (int(s[0]), int(s[0] + s[2]))
            for s in stats[1:n]
            if s[0] >= lo and s[0] + s[2] <= hi and max(s[2], s[3]) > small
        ]
        if not boxes:
            continue
        left_gap = min(b[0] for b in boxes) - lo
        right_gap = hi - max(b[1] for b in boxes)
        if right_gap < 0.6 * left_gap:
            return True
    return False
