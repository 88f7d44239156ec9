"""年 | 月 | 日 sub-columns under one 年月日 header: the parts of a date read as one number (5102)
are split again by the ink gaps in the cell (extract/ocr/date_parts.py)."""

from __future__ import annotations

import numpy as np
from chohyo.extract.ocr.date_parts import _cut, ink_groups, share_digits


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
