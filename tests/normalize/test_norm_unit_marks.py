"""Issue 14: a unit mark printed among the figures (千円 over the first figure of each column) is
the column's unit, never a value; a row of nothing but marks leaves the body."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from chohyo.japanese.units import parse_unit as unit_mark
from chohyo.model import Cell, CellKind, Column, Finding, Provenance, Row, Table, Unit
from chohyo.normalize.document import normalize_table
from chohyo.settings import NormalizeSettings


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("千円", Unit("千円", Decimal(1000))),
        ("（千円）", Unit("千円", Decimal(1000))),
        ("単位：千円", Unit("千円", Decimal(1000))),
        ("(単位:千円)", Unit("千円", Decimal(1000))),
        ("千円千円", Unit("千円", Decimal(1000))),
        ("円", Unit("円")),
        ("百万円", Unit("百万円", Decimal(10**6))),
        ("人", Unit("人")),
        ("％", Unit("%")),
        ("件", Unit("件")),
        ("1,000千円", None),
        ("一千円", None),
        ("千", None),
        ("千円 円", None),
        ("比較", None),
        ("", None),
    ],
)
def test_unit_mark(text: str, unit: Unit | None) -> None:
    assert unit_mark(text) == unit


def _table(rows: list[list[str]]) -> Table:
    prov = Provenance("pdfium-words", "lattice")
    header = ["目", "本年度予算額", "前年度予算額", "比較"]
    cells = [Cell(0, j, h, page=1, provenance=prov) for j, h in enumerate(header)]
    for i, row in enumerate(rows, start=1):
        cells += [Cell(i, j, x, page=1, provenance=prov) for j, x in enumerate(row)]
    columns = tuple(Column(j, (h,)) for j, h in enumerate(header))
    return Table(
        "t1",
        (1,),
        columns,
        tuple(cells),
        header_rows=1,
        rows=tuple(Row(i, r[0]) for i, r in enumerate(rows, start=1)),
    )


def test_a_row_of_unit_marks_becomes_the_columns_unit() -> None:
    t = normalize_table(
        _table(
            [
                ["", "千円", "千円", "千円"],
                ["1 個人", "14,297,700", "15,208,500", "△910,800"],
                ["2 法人", "2,441,300", "2,364,800", "76,500"],
            ]
        ),
        NormalizeSettings(),
    )
    assert all(c.value != 1000 for c in t.cells)
    assert [r.label for r in t.rows] == ["1 個人", "2 法人"]  # the marks' row is gone, the others moved up
    assert t.cell(1, 1).value == Decimal(14297700) and t.cell(2, 3).value == Decimal(76500)
    assert [c.unit for c in t.columns[1:]] == [Unit("千円", Decimal(1000))] * 3
    assert t.unit == Unit("千円", Decimal(1000))


def test_a_mark_beside_a_label_is_no_value() -> None:
    t = normalize_table(_table([["1 個人", "千円", "15,208,500", "△910,800"]]), NormalizeSettings())
    mark = t.cell(1, 1)
    assert mark.value is None and mark.kind is CellKind.EMPTY and "unit-mark" in mark.provenance.transforms
    assert t.columns[1].unit == Unit("千円", Decimal(1000))
    assert t.cell(1, 2).value == Decimal(15208500)


def test_a_header_row_of_unit_marks_is_the_unit_not_a_name() -> None:
    prov = Provenance("pdfium-words", "lattice")
    cells = [
        Cell(0, 0, "目", page=1, provenance=prov),
        Cell(0, 1, "本年度予算額", page=1, provenance=prov),
        Cell(1, 0, "", page=1, provenance=prov),
        Cell(1, 1, "千円", page=1, provenance=prov),
        Cell(2, 0, "1 個人", page=1, provenance=prov),
        Cell(2, 1, "14,297,700", page=1, provenance=prov),
    ]
    t = Table(
        "t1",
        (1,),
        (Column(0, ("目",)), Column(1, ("本年度予算額", "千円"))),
        tuple(cells),
        header_rows=2,
        rows=(Row(2, "1 個人"),),
    )
    out = normalize_table(t, NormalizeSettings())
    assert out.columns[1].path == ("本年度予算額",) and out.columns[1].unit == Unit("千円", Decimal(1000))
    assert out.cell(2, 1).value == Decimal(14297700)


def test_a_caption_printed_as_a_bare_mark_is_the_tables_unit() -> None:
    t = _table([["1 個人", "14,297,700", "15,208,500", "△910,800"]])
    out = normalize_table(replace(t, captions=("（千円）",)), NormalizeSettings())
    assert out.unit == Unit("千円", Decimal(1000))
    assert out.columns[1].unit == Unit("千円", Decimal(1000))


def test_figures_printed_with_their_unit_are_values_at_that_unit() -> None:
    # 地方債調書 (南国市 R4 一般会計 p.147): the first row prints 千円 after each figure, the rows
    # below plain figures; no 単位 line anywhere: the column takes the unit its figures print
    t = normalize_table(
        _table(
            [
                ["1 普通債", "13,480,696 千円", "16,189,627千円", "1,889,800千円"],
                ["(1) 総務", "317,506", "425,823", "62,500"],
            ]
        ),
        NormalizeSettings(),
    )
    assert [t.cell(1, j).value for j in (1, 2, 3)] == [Decimal(13480696), Decimal(16189627), Decimal(1889800)]
    assert t.cell(2, 1).value == Decimal(317506)
    assert [c.unit for c in t.columns[1:]] == [Unit("千円", Decimal(1000))] * 3


def test_a_figure_whose_unit_disagrees_with_its_column_is_no_value() -> None:
    findings: list[Finding] = []
    t = normalize_table(
        replace(
            _table(
                [["1 個人", "14,297,700", "2,000円", "△910,800"], ["2 法人", "2,441,300", "1,200", "76,500"]]
            ),
            captions=("（単位：千円）",),
        ),
        NormalizeSettings(),
        findings,
    )
    assert t.cell(1, 2).value is None and t.cell(1, 2).text == "2,000円"  # never read as 2,000 千円
    assert t.cell(2, 2).value == Decimal(1200) and t.columns[2].unit == Unit("千円", Decimal(1000))
    assert [(f.code, f.cells[0].row, f.cells[0].col) for f in findings] == [("unparseable-number", 1, 2)]


def test_a_finding_of_the_extract_stage_names_its_cell_once_the_unit_row_has_left() -> None:
    """水道事業会計予算 p7 (a held-out scan): a doubtful reading of row 2's cell was named as row 3,
    the right figure below it, once the (人)(千円) row above had left the body."""
    from chohyo.model import CellRef, Document, Page, Severity
    from chohyo.normalize.document import normalize_document

    t = _table(
        [["", "千円", "千円", "千円"], ["1 議会費", "1,200", "1,000", "200"], ["2 総務費", "0", "0", "0"]]
    )
    doubt = Finding(
        "ocr-doubtful-text",
        Severity.WARNING,
        "row 2: check it",
        page=1,
        table="t1",
        cells=(CellRef("t1", 2, 3),),
    )
    doc = Document("x.pdf", "0", pages=(Page(1, 595, 842, tables=(t,)),), findings=(doubt,))
    out = normalize_document(doc, NormalizeSettings())
    moved = next(f for f in out.findings if f.code == "ocr-doubtful-text")
    assert out.tables[0].cell(1, 3).text == "200"
    assert [(c.row, c.col) for c in moved.cells] == [(1, 3)]
