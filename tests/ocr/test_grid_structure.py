"""Ruled grid structure on scans (extract/ocr/ruled_grid.py): characters repeated down a column
are no column rule, a dashed row rule parts rows, an L-shaped merge keeps its label cell."""

from __future__ import annotations

import cv2
import numpy as np
from chohyo.extract.ocr.ruled_grid import _rectangles, find_grids

DPI = 200


def _frame(rows: int, xs: list[int], row_h: int = 64) -> np.ndarray:
    """A binary page (255 = ink) with a ruled table: columns at ``xs``, ``rows`` rows."""
    img = np.zeros((rows * row_h + 200, xs[-1] + 100), np.uint8)
    top = 100
    for r in range(rows + 1):
        cv2.line(img, (xs[0], top + r * row_h), (xs[-1], top + r * row_h), 255, 3)
    for x in xs:
        cv2.line(img, (x, top), (x, top + rows * row_h), 255, 3)
    return img


def _glyph(img: np.ndarray, x: int, y: int) -> None:
    """A 田-like glyph, 28 px high at 200 dpi: its side strokes are as tall as a line of text."""
    cv2.rectangle(img, (x, y), (x + 26, y + 28), 255, 3)
    cv2.line(img, (x + 13, y), (x + 13, y + 28), 255, 3)
    cv2.line(img, (x, y + 14), (x + 26, y + 14), 255, 3)


def test_the_same_name_on_every_row_makes_no_column_rule() -> None:
    """寄附の内訳: 三田 優徳 on twelve rows put the strokes of 田 and 優 in line down the table; the
    rule mask took them for column rules and the grid had 17 columns for 6 (polimoney p5)."""
    img = _frame(12, [100, 600, 1000])
    for r in range(12):
        y = 100 + r * 64 + 34  # written on the row's rule, as a name on its underline
        for k in range(4):  # a four-character name, the same on each row
            _glyph(img, 120 + k * 40, y)
        cv2.rectangle(img, (900, y + 4), (980, y + 26), 255, -1)  # an amount set right
    (grid,) = find_grids(img, DPI)
    assert grid.n_cols == 2, grid.xs


def test_a_dashed_row_rule_parts_the_rows() -> None:
    """収支の状況: ア | イ | ウ parted by dashed rules under their labels only; read without them, three
    labels were one cell and 800,000 and 70,000 one number."""
    img = _frame(3, [100, 600, 1000], row_h=192)
    band = 100 + 192  # the middle ruled row holds three lines parted by dashed rules
    for k in range(3):
        y = band + k * 64 + 20
        cv2.rectangle(img, (140, y), (400, y + 24), 255, -1)  # a label
        cv2.rectangle(img, (880, y), (980, y + 24), 255, -1)  # its amount
    for y in (band + 64, band + 128):
        for x in range(160, 596, 12):  # dashes 8 px long, 4 px apart, under the labels only
            cv2.line(img, (x, y), (x + 7, y), 255, 2)
    (grid,) = find_grids(img, DPI)
    labels = [c for c in grid.cells if c.col == 0 and band <= c.y0 < band + 192]
    assert len(labels) == 3, [(c.y0, c.y1) for c in labels]
    assert len(grid.dashed) == 2


def test_an_l_shaped_merge_keeps_its_label_cell() -> None:
    """I 収入総額 across the label and indent columns, over the empty indent of (1) and (2): one
    merged group shaped like an L. Its bounding box overlapped (1)'s cell and the label was dropped."""
    slots = [(1, 0), (1, 1), (2, 0), (3, 0)]
    assert _rectangles(slots) == [(1, 0, 1, 1), (2, 0, 3, 0)]
    assert _rectangles([(0, 0), (0, 1), (1, 0), (1, 1)]) == [(0, 0, 1, 1)]
