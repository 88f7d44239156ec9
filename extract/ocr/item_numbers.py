"""A narrow column of item numbers left of the labels (概算要求額総表: 要求番号 1-5), printed in the
label cell's box when the table has no rule between them: read into the label it made
``101-31地方交付税…`` of ``1`` and ``01-31 地方交付税…``. Such a number is set apart by a wide gap and
stands left of where every other label starts; it is read on its own and kept as the row's
numbering (model.Row.numbering, as the born-digital path keeps 1. or (1)), never label text."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.ink_runs import ink_runs

Box = tuple[int, int, int, int]


def item_numbers(
    binary: np.ndarray, present: list[tuple[CellBox, Box]], header_rows: int
) -> dict[CellBox, tuple[Box, Box]]:
    """Label cells whose ink starts with an item number apart from the label: cell -> (the
    number's ink, the label's ink). Two such rows at least, their numbers in one column left of
    every label."""
    found: dict[CellBox, tuple[Box, Box]] = {}
    starts: list[int] = []
    labels = [(b, ink) for b, ink in present if b.col == 0 and b.row >= header_rows]
    heights = sorted(ink[3] - ink[1] for _, ink in labels)
    if len(heights) < 3:
        return {}
    line = heights[len(heights) // 4]  # one line of text (a wrapped label is two)
    for b, ink in labels:
        x0, y0, x1, y1 = ink
        runs = ink_runs(binary[y0:y1, x0:x1].sum(axis=0) > 0)
        split = None
        for (_, a_end), (b_start, _) in pairwise(runs):
            if b_start - a_end >= 3 * line:  # wider than any spacing of a label's characters
                split = (a_end, b_start)
                break
        if split is None or split[0] > 1.6 * line:  # no gap, or more than a number of two digits before it
            starts.append(x0)
            continue
        rows = np.flatnonzero(binary[y0:y1, x0 : x0 + split[0]].sum(axis=1) > 0)
        number = (x0, y0 + int(rows[0]), x0 + split[0], y0 + int(rows[-1]) + 1)
        label = (x0 + split[1], y0, x1, y1)
        found[b] = (number, label)
    if starts:  # a first glyph set apart that ends right of where a label starts is the label's
        # own (会   計   計 spaced across the column), not a number: that label starts there
        for b in [b for b, (n, _) in found.items() if n[2] >= min(starts)]:
            starts.append(found.pop(b)[0][0])
    if len(found) < 2:
        return {}
    rights = [n[2] for n, _ in found.values()]
    lefts = [n[0] for n, _ in found.values()]
    first_label = min([*starts, *(lab[0] for _, lab in found.values())])
    if max(rights) >= first_label or max(lefts) >= min(rights):  # not one column left of the labels
        return {}
    return found
