"""Where a ruled table's header ends (``header_rows``): cases read on 南国市 budget books."""

from __future__ import annotations

from chohyo.extract.tables.bands import split_bands
from chohyo.extract.tables.build import header_rows
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.model import BBox


def _grid(rows: list[list[str]], spans: dict[tuple[int, int], int] | None = None) -> Grid:
    """A lattice grid of one-cell texts; ``spans``: (row, col) → rows the cell spans (covered cells
    below it are left out, as the lattice finder leaves them)."""
    spans = spans or {}
    covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}
    cells = [
        GridCell(r, c, row_span=spans.get((r, c), 1), text=text)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if (r, c) not in covered
    ]
    return Grid(1, len(rows), len(rows[0]), cells, BBox(0, 0, 100, 100), "lattice")


def test_a_side_title_down_the_whole_table_does_not_swallow_the_body() -> None:
    # 給与費明細書 職員手当の内訳 (R4 国民健康保険 p.26): the title runs down the left of both bands
    rows = [
        ["職員手当の内訳", "区分", "扶養手当", "期末手当"],
        ["", "本年度", "120", "6,905"],
        ["", "前年度", "120", "7,518"],
        ["", "比較", "", "△ 613"],
    ]
    assert header_rows(_grid(rows, {(0, 0): 4})) == 1


def test_a_label_spanning_the_header_rows_still_extends_the_header() -> None:
    rows = [
        ["区分", "前年度末現在高", "当該年度中増減見込み", ""],
        ["", "", "起債見込額", "元金償還見込額"],
        ["普通債", "13,480,696千円", "1,889,800千円", "1,266,242千円"],
    ]
    assert header_rows(_grid(rows, {(0, 0): 2, (0, 1): 2})) == 2


def test_figures_printed_with_their_unit_are_body_not_header() -> None:
    rows = [
        ["区分", "前々年度末現在高", "前年度末現在高見込額"],
        ["1 普通債", "13,480,696 千円", "16,189,627 千円"],
        ["(1) 総務", "317,506", "425,823"],
    ]
    assert header_rows(_grid(rows)) == 1


def test_a_continued_item_line_under_the_column_names_is_body() -> None:
    # R4 一般会計 p.33: the 説明 lines of the page before continue under 目 / 節 / 説明
    rows = [
        ["目", "本年度", "前年度", "節", "説明"],
        ["", "", "", "", "市道に関する証明手数料 3"],
        ["", "", "", "", "法定外公共物等証明手数料 1"],
        ["2.都市計画手数料", "", "", "1,953", "開発行為許可等申請手数料 1,943"],
    ]
    assert header_rows(_grid(rows)) == 1


def test_a_wrapped_item_line_under_the_column_names_is_body() -> None:
    # R4 一般会計 p.40: the tail of a 説明 line wrapped at the page's foot before, ``金(1/2)``
    rows = [
        ["目", "本年度", "前年度", "節", "説明"],
        ["", "", "", "", "金(1/2)"],
        ["2.児童福祉費補助金", "", "", "289,922", "保育サービス等推進総合補助金(1/2) 4,458"],
    ]
    assert header_rows(_grid(rows)) == 1


def test_the_corner_box_closes_the_header() -> None:
    # 給与費明細書 特別職 (R4 介護保険 p.34): 区分 spans the two header rows; 本年度 / 長等, 議員 below it
    # are row labels with empty boxes beside them, not more column names
    rows = [
        ["区分", "", "職員数", "給与費", "合計"],
        ["", "", "", "報酬", ""],
        ["本年度", "長等", "", "", ""],
        ["", "議員", "", "", ""],
        ["", "その他の特別職", "78 人", "6,352", "6,352"],
    ]
    assert header_rows(_grid(rows, {(0, 0): 2, (0, 2): 2, (0, 4): 2, (2, 0): 3})) == 2


def test_two_tables_stacked_in_one_frame_are_cut_at_the_repeated_names() -> None:
    # 職員手当の内訳 (R4 国民健康保険 p.26): the second band's 計 must not sit under 管理職手当
    rows = [
        ["職員手当の内訳", "区分", "扶養手当", "管理職手当"],
        ["", "本年度", "120", "197"],
        ["", "前年度", "120", "197"],
        ["", "区分", "時間外手当", "計"],
        ["", "本年度", "1,382", "13,763"],
        ["", "前年度", "1,339", "14,172"],
    ]
    top, below = split_bands(_grid(rows, {(0, 0): 6}))
    assert (top.n_rows, below.n_rows, below.n_cols) == (3, 3, 3)
    assert [c.text for c in below.cells if c.row == 0] == ["区分", "時間外手当", "計"]
    assert header_rows(below) == 1 and [c.text for c in below.cells if c.row == 1] == [
        "本年度",
        "1,382",
        "13,763",
    ]
