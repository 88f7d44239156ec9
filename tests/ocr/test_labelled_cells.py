"""Labelled amounts read from a scan (bench.heldout_scans' 基金現在高調 page, as the reader gave them)."""

from __future__ import annotations

from chohyo.extract.ocr.labelled_cells import split_labelled_cells
from chohyo.model import BBox, Cell, CellKind, Column, Provenance, Row, Table

OCR = Provenance("rapidocr", "ocr-grid")


def _table(body: list[list[str]]) -> Table:
    header = [["基金", "令和2年度末残高", "令和3年度 積立・取崩"], ["", "", "3月補正"]]
    cells = []
    for i, row in enumerate([*header, *body]):
        for j, text in enumerate(row):
            kind = CellKind.HEADER if i < 2 else CellKind.TEXT if text else CellKind.EMPTY
            box = BBox(100.0 * j, 20.0 * i, 100.0 * (j + 1), 20.0 * (i + 1))
            cells.append(Cell(i, j, text, text=text, kind=kind, page=1, provenance=OCR, bbox=box))
    return Table(
        "t1",
        (1,),
        tuple(Column(j, (h,)) for j, h in enumerate(header[0])),
        tuple(cells),
        header_rows=1,  # the grid took the second header row for body, as on the page
        rows=tuple(Row(i, r[0]) for i, r in enumerate(body, start=2)),
    )


def test_words_misread_and_dots_for_commas_are_the_header_s_words_and_commas() -> None:
    t = _table(
        [
            ["財政調整", "2,626,042", "取崩△13.000"],
            ["", "", "積立665"],
            ["減債", "902,638", "漬立323.894"],  # 漬立: 積立 with its first character misread
            ["ふるさと応援", "410,014", "仅崩△12.966積立42.952"],
        ]
    )
    out = split_labelled_cells(t)
    got = {
        (c.raw_text, out.columns[c.col].path[-1])
        for c in out.body_cells()
        if c.raw_text and any(x.startswith("labelled-amount") for x in c.provenance.transforms)
    }
    assert got == {
        ("△13,000", "取崩"),
        ("665", "積立"),
        ("323,894", "積立"),
        ("△12,966", "取崩"),
        ("42,952", "積立"),
    }
    # two amounts out of one cell: each in its own line of the cell's box, top first
    boxes = {c.raw_text: c.bbox for c in out.body_cells() if c.raw_text in ("△12,966", "42,952")}
    assert boxes["△12,966"].bottom <= boxes["42,952"].top


def test_a_column_of_names_is_no_column_of_labelled_amounts() -> None:
    t = _table([["財政調整", "2,626,042", "南国123"], ["減債", "902,638", "高知45"], ["", "", "土佐6"]])
    assert split_labelled_cells(t) is t
