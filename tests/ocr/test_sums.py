"""Arithmetic before a second reading (extract/ocr/sums.py): which number cells a sum confirms as
first read, so that only the others are read again by the second engine."""

from __future__ import annotations

from chohyo.extract.ocr.sums import near_misses, summed_cells


def _grid(rows: list[list[int | None]]) -> dict[tuple[int, int], int | None]:
    """Rows of a table body from row 1, value columns from 1; 0 is a blank cell (left out)."""
    return {(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v != 0}


def test_a_total_row_under_its_details_confirms_them_in_every_column() -> None:
    cells = _grid([[1200, 300], [3400, 500], [4600, 800], [9000, 7]])
    assert summed_cells(cells) == {(r, c) for r in (1, 2, 3) for c in (1, 2)}


def test_a_total_above_its_details_confirms_them() -> None:
    cells = _grid([[4600, 800], [1200, 300], [3400, 500]])
    assert summed_cells(cells) == {(r, c) for r in (1, 2, 3) for c in (1, 2)}


def test_a_misread_in_one_column_confirms_no_line_of_the_sum() -> None:
    # 3400 read 3490: the sum fails there, and the row it holds in confirms nothing either
    cells = _grid([[1200, 300], [3490, 500], [4600, 800]])
    assert summed_cells(cells) == set()


def test_a_cell_with_ink_but_no_number_breaks_the_sum() -> None:
    cells = _grid([[1200, 300], [3400, 500], [4600, 800]])
    cells[(2, 2)] = None
    assert summed_cells(cells) == set()


def test_a_blank_counts_zero_and_a_copy_confirms_nothing() -> None:
    # column 2: 300 = 300 + blank holds, but one figure copied is no sum: only column 1 is confirmed
    cells = _grid([[1200, 300], [3400, 0], [4600, 300]])
    assert summed_cells(cells) == {(1, 1), (2, 1), (3, 1)}
    # the blank as a figure that breaks it: nothing
    cells[(2, 2)] = 20
    assert summed_cells(cells) == set()


def test_a_total_column_beside_its_parts() -> None:
    cells = _grid([[1200, 3400, 4600], [250, 750, 1000]])
    assert summed_cells(cells) == {(r, c) for r in (1, 2) for c in (1, 2, 3)}


def test_small_figures_and_repeated_figures_confirm_nothing() -> None:
    # 3 = 1 + 2 sums by chance; 500 twice is one figure misread the same way twice
    assert summed_cells(_grid([[1], [2], [3]])) == set()
    assert summed_cells(_grid([[500], [500]])) == set()
    # one nonzero term: a copy, not a sum
    assert summed_cells(_grid([[700], [0], [700]])) == set()


def test_a_sum_that_fails_on_one_line_of_many_names_that_line() -> None:
    # 構造物計 = Σ the columns before it, month by month: it holds in four months and fails in one
    # (740 read for 710): that month's figures are read again, however sure the first reading was
    rows = [[1200, 3400, 4600], [1300, 3500, 4800], [740, 2000, 2710], [1100, 900, 2000], [2500, 2500, 5000]]
    cells = _grid(rows)
    assert near_misses(cells) == {(3, 1), (3, 2), (3, 3)}
    assert summed_cells(cells) == set()


def test_no_miss_without_enough_lines_holding() -> None:
    # three months holding and one failing: a quarter is too many to blame one line
    rows = [[1200, 3400, 4600], [1300, 3500, 4800], [740, 2000, 2710], [1100, 900, 2000]]
    assert near_misses(_grid(rows)) == set()
    # a month with a blank (or a cell read as no number) says nothing either way
    rows = [[1200, 3400, 4600], [1300, 3500, 4800], [0, 2000, 2710], [1100, 900, 2000], [2500, 2500, 5000]]
    assert near_misses(_grid(rows)) == set()


def test_a_total_in_the_column_beside_its_items_confirms_them() -> None:
    # 内訳 | 計: items in column 1, their total in column 2 on the last item's row; a heading row
    # (no figure) ends a run. The second block's total is misread (452 → 462): it confirms nothing.
    from chohyo.extract.ocr.sums import breakdown_cells

    cells = _grid([[1020, 0], [160, 0], [371, 1551], [0, 0], [24, 0], [6127, 0], [6580, 12741]])
    assert breakdown_cells(cells, [1]) == {(1, 1), (2, 1), (3, 1), (3, 2)}
    assert breakdown_cells(cells, []) == set()  # columns that are no 内訳 | 計 pair
    cells[(2, 1)] = None  # ink that reads as no number ends the run: 371 alone is no sum
    assert breakdown_cells(cells, [1]) == set()
