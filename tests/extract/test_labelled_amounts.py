"""Labelled amounts stacked in a cell (``取崩 △ 200,000`` over ``積立 608``) on small synthetic tables:
split into a column per word, the sign kept with the value, the cut-off 積立 line joined to its row;
tables that only look alike are left as they were."""

from __future__ import annotations

from chohyo.extract.tables.labelled_amounts import TRANSFORM, split_labelled_amounts
from chohyo.model import Cell, CellKind, Column, Row, Table


def _table(body: list[list[str]], header: list[str]) -> Table:
    cells = [Cell(0, k, h, h, CellKind.HEADER) for k, h in enumerate(header)]
    for r, texts in enumerate(body, start=1):
        cells += [Cell(r, k, x, x, CellKind.TEXT if x else CellKind.EMPTY) for k, x in enumerate(texts)]
    return Table(
        id="t1",
        pages=(1,),
        columns=tuple(Column(k, (h,)) for k, h in enumerate(header)),
        cells=tuple(cells),
        header_rows=1,
        rows=tuple(Row(r, texts[0]) for r, texts in enumerate(body, start=1)),
    )


HEADER = ["基金", "前年度末", "当初", "補正", "残高"]


def test_columns_split_by_word_and_the_cut_line_joined() -> None:
    t = _table(
        [
            ["財政調整", "1,000", "取崩△ 200", "取崩10", "1,418"],
            ["", "", "積立608", "", ""],  # the 積立 line the reader cut off its fund's row
            ["減債", "500", "取崩△ 1積立1", "積立5", "505"],
        ],
        HEADER,
    )
    out = split_labelled_amounts(t)
    assert [c.path for c in out.columns] == [
        ("基金",),
        ("前年度末",),
        ("当初", "取崩"),
        ("当初", "積立"),
        ("補正", "取崩"),
        ("補正", "積立"),
        ("残高",),
    ]
    assert out.header_rows == 2
    assert [r.label for r in out.rows] == ["財政調整", "減債"]
    grid = {(c.row, c.col): c for c in out.cells}
    assert [grid[(2, k)].raw_text for k in range(7)] == [
        "財政調整",
        "1,000",
        "△ 200",
        "608",
        "10",
        "",
        "1,418",
    ]
    assert [grid[(3, k)].raw_text for k in range(7)] == ["減債", "500", "△ 1", "1", "", "5", "505"]
    assert [grid[(1, k)].raw_text for k in range(7)] == ["", "", "取崩", "積立", "取崩", "積立", ""]
    assert grid[(2, 3)].provenance.transforms == (f"{TRANSFORM}:積立",)
    # every grid place once (a header over a split column spans its new columns)
    places = [(c.row + i, c.col + j) for c in out.cells for i in range(c.row_span) for j in range(c.col_span)]
    assert len(places) == len(set(places)) == 4 * 7


def test_header_over_a_split_column_spans_its_new_columns() -> None:
    t = _table(
        [["甲", "取崩△ 1", "取崩△ 2"], ["乙", "積立3", "積立4"], ["丙", "取崩△ 5", "積立6"]],
        ["基金", "A", "B"],
    )
    cells = [c for c in t.cells if c.row > 0] + [
        Cell(0, 0, "基金", "基金", CellKind.HEADER),
        Cell(0, 1, "計上額", "計上額", CellKind.HEADER, col_span=2),
    ]
    out = split_labelled_amounts(
        Table(id="t", pages=(1,), columns=t.columns, cells=tuple(cells), header_rows=1, rows=t.rows)
    )
    (top,) = [c for c in out.cells if c.row == 0 and c.col == 1]
    assert top.col_span == 4 and out.columns[4].path[-1] == "積立"


def test_names_with_amounts_and_mixed_columns_are_left_alone() -> None:
    # different names each once (a 市税見積書 column of 均等割 76,781 …): no few repeated words
    names = _table(
        [
            ["a", "均等割76", "1"],
            ["b", "所得割77", "2"],
            ["c", "法人割78", "3"],
            ["d", "固定資産79", "4"],
            ["e", "軽自動車80", "5"],
        ],
        ["x", "y", "z"],
    )
    assert split_labelled_amounts(names) is names
    # a column also holding a bare figure is no column of labelled amounts
    mixed = _table(
        [["a", "取崩△ 1"], ["b", "積立2"], ["c", "3"], ["d", "取崩△ 4"], ["e", "積立5"]], ["x", "y"]
    )
    assert split_labelled_amounts(mixed) is mixed
    # a word printed twice in one cell is no pair of kinds
    twice = _table([["a", "取崩1取崩2"], ["b", "積立2"], ["c", "取崩3"], ["d", "積立4"]], ["x", "y"])
    assert split_labelled_amounts(twice) is twice
