"""Cells of a budget book's 節/説明 tables: text stays text, item numbers take one form, units under names."""

from __future__ import annotations

from decimal import Decimal

from chohyo.model import Cell, CellKind, Column, Document, Page, Provenance, Row, Table
from chohyo.normalize import normalize_document
from chohyo.normalize.units import split_unit_suffix
from chohyo.settings import NormalizeSettings

DIGITAL = Provenance("pdfium", "lattice")
OCR = Provenance("tesseract", "ocr-grid")


def _table(rows: list[tuple[str, str, str]], prov: Provenance = DIGITAL) -> Table:
    cells = [
        Cell(0, 0, "節", kind=CellKind.HEADER, provenance=prov),
        Cell(0, 1, "金額", kind=CellKind.HEADER, provenance=prov),
        Cell(0, 2, "説明", kind=CellKind.HEADER, provenance=prov),
    ]
    for r, (label, amount, note) in enumerate(rows, start=1):
        cells += [
            Cell(r, 0, label, provenance=prov),
            Cell(r, 1, amount, provenance=prov),
            Cell(r, 2, note, provenance=prov),
        ]
    return Table(
        "t1",
        (1,),
        tuple(Column(i, (n,)) for i, n in enumerate(["節", "金額", "説明"])),
        tuple(cells),
        rows=tuple(Row(r, label) for r, (label, _, _) in enumerate(rows, start=1)),
    )


def _normalized(table: Table) -> Document:
    doc = Document("x.pdf", "0", pages=(Page(1, 595, 842, tables=(table,)),))
    return normalize_document(doc, NormalizeSettings())


def test_text_that_holds_figures_stays_text() -> None:
    notes = ["取崩 △200,000", "現年課税分14,181,000", "〒417-8601", "R3.4.1", "0545-55-2700", "6.4.1"]
    doc = _normalized(_table([(f"{i} 雑入", "1,000", n) for i, n in enumerate(notes, start=1)]))
    t = doc.tables[0]
    for r, note in enumerate(notes, start=1):
        cell = t.cell(r, 2)
        assert cell is not None and cell.kind is CellKind.TEXT and cell.value is None, note
        assert cell.null_reason is None and cell.text.replace(" ", "") == note.replace(" ", "")
        assert t.cell(r, 1).value == Decimal(1000)
    assert not [f for f in doc.findings if f.code == "unparseable-number"]


def test_two_figures_in_one_cell_are_still_flagged() -> None:
    doc = _normalized(_table([("1 雑入", "54,306,600 306,373,500", ""), ("2 雑入", "1,000", "")]))
    cell = doc.tables[0].cell(1, 1)
    assert cell is not None and cell.value is None
    assert [f for f in doc.findings if f.code == "unparseable-number"]


def test_item_numbers_take_one_form_on_every_row() -> None:
    rows = [
        ("1報酬", "4,764", ""),
        ("3 職員手当等", "1,069", ""),
        ("期末手当", "952", ""),
        ("1個人", "14,297,700", ""),
        ("計", "20,000,000", ""),
    ]
    t = _normalized(_table(rows)).tables[0]
    assert [r.label for r in t.rows] == ["1 報酬", "3 職員手当等", "期末手当", "1 個人", "計"]


def test_counts_and_dates_are_not_item_numbers() -> None:
    rows = [("3人", "1", ""), ("2年度", "2", ""), ("4月分", "3", ""), ("1款", "4", "")]
    t = _normalized(_table(rows)).tables[0]
    assert [r.label for r in t.rows] == ["3人", "2年度", "4月分", "1款"]


def test_a_unit_printed_alone_under_a_column_name_is_its_unit() -> None:
    name, unit = split_unit_suffix("千円")
    assert name == "" and unit is not None and unit.name == "千円" and unit.scale == Decimal(1000)
    assert split_unit_suffix("人員") == ("人員", None)


def test_a_worked_out_amount_stays_text() -> None:
    notes = ["9,068×1／2", "396,120×37／45＋241,320×10／10"]
    t = _normalized(_table([(f"{i} 雑入", "1,000", n) for i, n in enumerate(notes, start=1)])).tables[0]
    assert [t.cell(r, 2).kind for r in (1, 2)] == [CellKind.TEXT, CellKind.TEXT]


def test_item_numbers_and_item_codes_printed_in_a_column_stay_text() -> None:
    # 南国市 市税見積書 and 主な新規事業 (corpus sweep): ``1.`` in a 節/区分 column, a 款.項.目 code
    notes = ["1.", "２．", "2.1.8", "１０．５．２"]
    doc = _normalized(_table([(f"{i} 雑入", "1,000", n) for i, n in enumerate(notes, start=1)]))
    t = doc.tables[0]
    for r in range(1, len(notes) + 1):
        cell = t.cell(r, 2)
        assert (
            cell is not None
            and cell.kind is CellKind.TEXT
            and cell.value is None
            and cell.null_reason is None
        )
    assert not [f for f in doc.findings if f.code == "unparseable-number"]


def test_a_figure_grouped_with_dots_is_still_doubted() -> None:
    doc = _normalized(_table([("1 雑入", "12.345.678", ""), ("2 雑入", "1,000", "")]))
    cell = doc.tables[0].cell(1, 1)
    assert cell is not None and cell.value is None and cell.kind is not CellKind.TEXT
