"""A figure struck out by hand beside its correction is blanked before the cell is read
(extract/ocr/struck.py); a dash, an underline or a rule of the cell is no strike."""

from __future__ import annotations

import numpy as np
from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.struck import struck_figures

CELL = CellBox(row=3, col=1, row_span=1, col_span=1, x0=0, y0=0, x1=600, y1=48)


def _page(
    *, figures: list[tuple[int, int]], lines: list[tuple[int, int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal rule mask, ink) of one cell: figures as solid blocks (x0, x1) 14-36 px high,
    lines (y, x0, x1) 3 px thick, both in the ink and the lines in the mask."""
    ink = np.zeros((48, 600), np.uint8)
    horiz = np.zeros_like(ink)
    for x0, x1 in figures:
        for x in range(x0, x1, 14):  # digits 10 px wide, 4 px apart
            ink[14:36, x : min(x + 10, x1)] = 255
    for y, x0, x1 in lines:
        ink[y : y + 3, x0:x1] = 255
        horiz[y : y + 3, x0:x1] = 255
    return horiz, ink


def test_a_figure_struck_through_its_middle_is_blanked_and_its_correction_kept() -> None:
    # 64,900 written at 200-290, the printed 73,700 at 400-490 struck twice (政治活動費の内訳 p10)
    horiz, ink = _page(figures=[(200, 290), (400, 490)], lines=[(20, 396, 494), (27, 396, 494)])
    (box,) = set(struck_figures(horiz, ink, [CELL]))
    assert box[0] <= 400 and box[2] >= 490  # the struck figure, whole
    assert box[0] > 290  # not the correction beside it


def test_a_dash_an_underline_and_a_rule_are_no_strike() -> None:
    dash = _page(figures=[], lines=[(24, 280, 330)])  # ― for none: nothing above or below it
    underline = _page(figures=[(200, 290)], lines=[(38, 196, 294)])  # under the figures
    rule = _page(figures=[(200, 290)], lines=[(24, 8, 592)])  # across the whole cell
    for horiz, ink in (dash, underline, rule):
        assert struck_figures(horiz, ink, [CELL]) == []


def test_a_line_through_one_digit_is_no_strike() -> None:
    # shorter than two text heights: a stroke of a character (the bar of a 7, a 一), not a strike
    horiz, ink = _page(figures=[(200, 290)], lines=[(24, 214, 238)])
    assert struck_figures(horiz, ink, [CELL]) == []


def test_a_broken_rule_of_an_empty_cell_is_no_strike() -> None:
    # 道の駅 p. 11: a cell's bottom rule drawn broken, its specks just above and below one piece
    cell = CellBox(row=26, col=2, row_span=1, col_span=1, x0=0, y0=0, x1=400, y1=80)
    ink = np.zeros((80, 400), np.uint8)
    horiz = np.zeros_like(ink)
    ink[64:67, 200:395] = horiz[64:67, 200:395] = 255
    for x in range(205, 390, 20):
        ink[61:63, x : x + 3] = ink[68:70, x + 8 : x + 11] = 255
    assert struck_figures(horiz, ink, [cell]) == []
