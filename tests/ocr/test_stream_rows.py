"""Borderless tables read from a scan (extract/ocr/stream_tables.py): a label wrapped onto a second
line is joined to its row; a group heading alone on its row stays a row."""

from __future__ import annotations

from chohyo.extract.ocr.stream_tables import _with_wrapped_labels
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.model import BBox


def _grid(rows: list[tuple[float, list[str]]]) -> Grid:
    cells = [
        GridCell(r, c, bbox=BBox(10 + 100 * c, top, 90 + 100 * c, top + 9) if text else None, text=text)
        for r, (top, texts) in enumerate(rows)
        for c, text in enumerate(texts)
    ]
    return Grid(1, len(rows), 3, cells, BBox(10, rows[0][0], 290, rows[-1][0] + 9), "stream", 1)


def test_a_label_wrapped_onto_a_second_line_joins_its_row() -> None:
    """概算要求額総表: 01-31 地方交付税交付金財源の交付税及び譲与税配 / 付金特別会計へ繰入れに必要な経費,
    the second line 7 pt under the first where rows stand 14 pt apart, was a row of its own."""
    g = _with_wrapped_labels(
        _grid(
            [
                (100.0, ["区分", "前年度", "要求額"]),
                (124.0, ["20 総務省", "56,973,678", "0"]),
                (138.0, ["01-31 地方交付税交付金財源の", "56,973,678", "0"]),
                (145.0, ["交付税配付金特別会計へ繰入れ", "", ""]),
                (159.0, ["31 復興庁", "290,056", "898,529"]),
                (173.0, ["010 復興庁", "290,056", "898,529"]),
            ]
        )
    )
    labels = [c.text for c in sorted(g.cells, key=lambda c: c.row) if c.col == 0]
    assert g.n_rows == 5
    assert labels[2] == "01-31 地方交付税交付金財源の交付税配付金特別会計へ繰入れ"
    assert labels[3] == "31 復興庁"


def test_a_heading_alone_on_its_row_stays_a_row() -> None:
    rows = [
        (100.0, ["区分", "前年度", "要求額"]),
        (124.0, ["1 総務費", "", ""]),
        (138.0, ["総務管理費", "1,000", "2,000"]),
        (152.0, ["2 民生費", "", ""]),  # at the usual pitch under a row of figures: a heading
        (166.0, ["社会福祉費", "3,000", "4,000"]),
        (180.0, ["児童福祉費", "5,000", "6,000"]),
    ]
    assert _with_wrapped_labels(_grid(rows)).n_rows == 6
