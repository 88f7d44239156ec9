"""年 | 月 | 日 sub-columns under one 年月日 header: the parts of a date read as one number (5102)
are split again by the ink gaps in the cell (extract/ocr/date_parts.py)."""

from __future__ import annotations

import numpy as np
from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.date_parts import _cut, ink_groups, share_digits, sub_columns


def _cell(runs: list[tuple[int, int]], height: int = 24, dots_at: int | None = None) -> np.ndarray:
    img = np.zeros((height, 200), np.uint8)
    for x0, x1 in runs:
        img[2 : height - 2, x0:x1] = 255
    if dots_at is not None:  # a dotted rule between two parts: 2 px dots every 4 px
        img[::4, dots_at : dots_at + 2] = 255
    return img


def test_the_parts_of_a_date_are_the_ink_runs_set_apart() -> None:
    # 5 | 10 | 2: one digit, two digits close together, one digit; a dotted rule between 5 and 10
    cell = _cell([(10, 24), (60, 70), (74, 88), (140, 154)], dots_at=40)
    assert ink_groups(cell, 24) == [(10, 24), (60, 88), (140, 154)]


def test_digits_are_shared_by_width() -> None:
    assert share_digits("5102", [14, 28, 14]) == ["5", "10", "2"]
    assert share_digits("51226", [14, 28, 28]) == ["5", "12", "26"]
    assert share_digits("5119", [14, 24, 14]) == ["5", "11", "9"]
    assert share_digits("1218", [28, 28]) == ["12", "18"]


def test_no_split_when_the_widths_do_not_fit_a_date() -> None:
    assert share_digits("51", [14, 14, 14]) is None  # fewer digits than parts
    assert share_digits("5102", [14]) is None  # one part: nothing to split
    assert share_digits("1234567", [10, 10]) is None  # a month or day of three digits or more


def test_a_glued_date_is_parted_where_the_column_parts_its_other_dates() -> None:
    # 寄附の内訳 p5: 5 5 25 with the gap before 25 too narrow, and a piece of the sub-column rule
    # (a column inked higher than a line of figures) beside the second 5: three parts, the rule none
    cell = np.zeros((56, 121), np.uint8)
    for x0, x1 in ((0, 13), (54, 67), (70, 121)):
        cell[20:43, x0:x1] = 255
    cell[4:30, 19:21] = 255  # the rule's piece, 26 px: higher than the 23 px line of figures
    assert _cut(cell, [33, 78], 23) == [(0, 13), (54, 67), (70, 121)]
    assert _cut(cell, [], 23) == []  # no cuts known in the column: nothing is parted


def test_the_parts_of_11_apart_are_one_part_between_the_columns_cuts() -> None:
    # 5 1 1 24: the two 1s of 11 set apart as far as the parts are (four runs) are one part
    cell = _cell([(0, 14), (41, 48), (57, 65), (91, 121)], height=23)
    assert ink_groups(cell, 23) == [(0, 14), (41, 48), (57, 65), (91, 121)]
    assert _cut(cell, [33, 78], 23) == [(0, 14), (41, 65), (91, 121)]
    assert share_digits("51124", [14, 24, 30]) == ["5", "11", "24"]


def _date_grid(body: list[list[tuple[int, int, int]]]) -> list[CellBox]:
    """A 年月日 header over three 40 px sub-columns (x 100-220) right of a label column, and body
    rows of (col, span) boxes, each row 30 px high."""
    boxes = [CellBox(0, 0, 1, 1, 0, 0, 100, 30), CellBox(0, 1, 1, 3, 100, 0, 220, 30)]
    for r, row in enumerate(body, start=1):
        boxes.append(CellBox(r, 0, 1, 1, 0, 30 * r, 100, 30 * r + 30))
        for col, span, _ in row:
            x0 = 100 + 40 * (col - 1)
            boxes.append(CellBox(r, col, 1, span, x0, 30 * r, x0 + 40 * span, 30 * r + 30))
    return boxes


def _digit(img: np.ndarray, x: int, y: int) -> None:
    """A 0 of 12 x 20 px (a ring), its top left at (x, y)."""
    img[y : y + 20, x : x + 12] = 255
    img[y + 3 : y + 17, x + 3 : x + 9] = 0


def test_a_cell_over_sub_columns_is_cut_where_the_lost_rule_was() -> None:
    # rows 1 and 2 have their three sub-columns; row 3 lost the rule between 年 and 月: 0 | 0 one cell
    boxes = _date_grid([[(1, 1, 0), (2, 1, 0), (3, 1, 0)]] * 2 + [[(1, 2, 0), (3, 1, 0)]])
    binary = np.zeros((150, 240), np.uint8)
    _digit(binary, 124, 95)  # 年, right-aligned in 100-140
    _digit(binary, 164, 95)  # 月, right-aligned in 140-180
    cut = sub_columns(binary, boxes, 1, 200)
    row3 = sorted((b.col, b.col_span, b.x0, b.x1) for b in cut if b.row == 3 and b.col > 0)
    assert row3 == [(1, 1, 100, 140), (2, 1, 140, 180), (3, 1, 180, 220)]
    # ink across the cut (a label spanning the columns): left as it is
    binary[100:110, 120:170] = 255
    assert sub_columns(binary, boxes, 1, 200) == boxes


def test_a_note_over_sub_columns_is_not_cut() -> None:
    # a part that is no figure by its shape (a blob as wide as 注): the cell is left whole
    boxes = _date_grid([[(1, 1, 0), (2, 1, 0), (3, 1, 0)]] * 2 + [[(1, 2, 0), (3, 1, 0)]])
    binary = np.zeros((150, 240), np.uint8)
    binary[95:115, 112:136] = 255
    _digit(binary, 164, 95)
    assert sub_columns(binary, boxes, 1, 200) == boxes
