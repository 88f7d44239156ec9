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


def _line(top: float, words: list[tuple[str, float, float]]) -> list:
    """Text lines (the page reading's characters) of words spread over (x0, x1), 9 pt high."""
    from chohyo.extract.tables.geometry import Char
    from chohyo.extract.tables.layout import group_lines

    chars = []
    for text, x0, x1 in words:
        w = (x1 - x0) / len(text)
        chars += [Char(ch, x0 + k * w, top, x0 + (k + 1) * w, top + 9, 9.0) for k, ch in enumerate(text)]
    return group_lines(chars)


_BODY = [
    (100.0, ["区分", "前年度", "要求額"]),
    (124.0, ["01 東日本大震災復興", "57,263,734", "898,529"]),
    (138.0, ["20 総務省", "56,973,678", "0"]),
    (152.0, ["31 復興庁", "290,056", "898,529"]),
    (166.0, ["010 復興庁", "290,056", "898,529"]),
]


def test_a_garbled_total_row_under_the_table_is_its_last_row() -> None:
    """概算要求額総表: 会計計's condensed figures were read 57.2S3734, SR529 by the page reading, no
    numbers to the table finder, which ended the table above them (7 values missing). Its words end
    where the figure columns end: a row, its cells read again from the ink."""
    from chohyo.extract.ocr.stream_tables import _with_last_row

    lines = _line(180.0, [("会計計", 10.0, 37.0), ("57.2S3734", 150.0, 190.0), ("SR529", 265.0, 290.0)])
    g = _with_last_row(_grid(_BODY), lines)
    assert g.n_rows == 6 and g.bbox.bottom >= 189.0
    last = {c.col: c.text for c in g.cells if c.row == 5}
    assert last == {0: "会計計", 1: "57.2S3734", 2: "SR529"}


def test_a_line_under_the_table_that_ends_nowhere_is_no_row() -> None:
    """A note under the table (its words end anywhere) or a line far below stays out of it."""
    from chohyo.extract.ocr.stream_tables import _with_last_row

    note = _line(180.0, [("注", 10.0, 19.0), ("単位は千円とする", 120.0, 230.0)])
    assert _with_last_row(_grid(_BODY), note).n_rows == 5
    far = _line(230.0, [("会計計", 10.0, 37.0), ("57.2S3734", 150.0, 190.0), ("SR529", 265.0, 290.0)])
    assert _with_last_row(_grid(_BODY), far).n_rows == 5
