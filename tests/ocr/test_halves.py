"""Side-by-side halves of one ruled grid (extract/ocr/halves.py): where the grid is cut, and where not."""

from __future__ import annotations

from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.engines import Reading
from chohyo.extract.ocr.halves import half_starts

LEFT = ["流動資産", "現金及び預金", "売掛金", "商品", "固定資産", "資産合計"]
RIGHT = ["流動負債", "買掛金", "未払費用", "純資産", "資本金", "負債純資産合計"]


def _grid(rows: list[list[str]]) -> tuple[list[CellBox], dict[tuple[int, int], tuple[Reading, bool, str]]]:
    boxes, readings = [], {}
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            boxes.append(CellBox(r, c, 1, 1, c * 100, r * 20, c * 100 + 90, r * 20 + 18))
            if text:
                numeric = text.replace(",", "").isdigit()
                readings[(r, c)] = (Reading(text, (0.99,) * len(text)), numeric, "test")
    return boxes, readings


def test_a_balance_sheet_grid_is_cut_at_its_middle_label_column() -> None:
    rows = [["科目", "金額", "科目", "金額"]]
    rows += [[a, f"{i + 1},000", b, f"{i + 2},500"] for i, (a, b) in enumerate(zip(LEFT, RIGHT, strict=True))]
    boxes, readings = _grid(rows)
    assert half_starts(boxes, readings, 1) == [0, 2]


def test_a_remarks_column_between_amounts_does_not_cut_the_grid() -> None:
    # words in a middle column but no total on either side: one table (a remark, not a second sheet)
    notes = ["工事費", "委託料", "備品購入", "修繕料", "需用費", "使用料"]
    rows = [["科目", "金額", "摘要", "前年度"]]
    rows += [
        [a, f"{i + 1},000", n, f"{i + 2},500"]
        for i, (a, n) in enumerate(zip([*LEFT[:5], "雑費"], notes, strict=True))
    ]
    boxes, readings = _grid(rows)
    assert half_starts(boxes, readings, 1) == [0]


def test_a_header_spanning_the_gap_keeps_one_table() -> None:
    rows = [["科目", "金額", "科目", "金額"]]
    rows += [[a, f"{i + 1},000", b, f"{i + 2},500"] for i, (a, b) in enumerate(zip(LEFT, RIGHT, strict=True))]
    boxes, readings = _grid(rows)
    # a title cell over all four columns: the gap is not the grid's full height
    boxes = [b for b in boxes if b.row != 0] + [CellBox(0, 0, 1, 4, 0, 0, 390, 18)]
    assert half_starts(boxes, readings, 1) == [0]
