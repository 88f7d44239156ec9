"""Figures that overflow their cell, in the normalize stage (issue 14 part 8): split or flagged,
never blanked silently."""

from __future__ import annotations

from decimal import Decimal

from chohyo.model import Cell, CellKind, Column, Document, Page, Provenance, Row, Severity, Table
from chohyo.normalize import normalize_document
from chohyo.settings import NormalizeSettings

DIGITAL = Provenance("pdfium", "lattice")
NAMES = ["目", "本年度", "前年度", "比較"]


def _doc(rows: list[tuple[str, ...]]) -> Document:
    cells = [Cell(0, i, n, kind=CellKind.HEADER, provenance=DIGITAL) for i, n in enumerate(NAMES)]
    for r, row in enumerate(rows, start=1):
        cells += [Cell(r, i, text, provenance=DIGITAL) for i, text in enumerate(row)]
    table = Table(
        "t1",
        (1,),
        tuple(Column(i, (n,)) for i, n in enumerate(NAMES)),
        tuple(cells),
        rows=tuple(Row(r, row[0]) for r, row in enumerate(rows, start=1)),
    )
    doc = Document("x.pdf", "0", pages=(Page(1, 595, 842, tables=(table,)),))
    return normalize_document(doc, NormalizeSettings())


def test_two_amounts_in_one_cell_beside_an_empty_one_are_split() -> None:
    doc = _doc([("1総務費", "54,306,600306,373,500", "", "△252,066,900")])
    t = doc.tables[0]
    left, right = t.cell(1, 1), t.cell(1, 2)
    assert left is not None and right is not None
    assert (left.value, right.value) == (Decimal(54306600), Decimal(306373500))
    assert right.kind is CellKind.NUMBER and "overflow-split" in right.provenance.transforms
    assert left.raw_text == "54,306,600306,373,500"  # what the PDF holds stays
    codes = [f.code for f in doc.findings]
    assert "overflow-split" in codes and "bad-grouping" not in codes
    # the table's own arithmetic then checks both: 54,306,600 − 306,373,500 = △252,066,900


def test_a_figure_set_into_the_next_cell_goes_back_to_the_empty_one_before() -> None:
    # 南国市 一般会計補正予算 第1表 歳入合計: 補正額 9,364 printed into the 計 cell (9,36427,657,037),
    # the 補正額 cell empty; the table's arithmetic (補正前の額 + 補正額 = 計) then checks both
    doc = _doc([("歳入合計", "27,647,673", "", "９，３６４２７，６５７，０３７")])
    t = doc.tables[0]
    before, change, total = t.cell(1, 1), t.cell(1, 2), t.cell(1, 3)
    assert before is not None and change is not None and total is not None
    assert (change.value, total.value) == (Decimal(9364), Decimal(27657037))
    assert before.value == Decimal(27647673)
    codes = [f.code for f in doc.findings]
    assert "overflow-split" in codes and "bad-grouping" not in codes


def test_no_empty_neighbour_or_no_single_cut_is_flagged_not_blanked() -> None:
    doc = _doc([("1総務費", "54,306,600306,373,500", "1", "2")])
    cell = doc.tables[0].cell(1, 1)
    assert cell is not None and cell.value is None
    warn = [f for f in doc.findings if f.code == "overflow-unconfirmed"]
    assert len(warn) == 1 and warn[0].severity is Severity.WARNING
    assert "54,306,600 | 306,373,500" in warn[0].message


def test_formula_and_amount_in_a_text_cell() -> None:
    doc = _doc([("1総務費", "100", "50", "50"), ("", "", "", "1号分494,130×1／2247,065")])
    cell = doc.tables[0].cell(2, 3)
    assert cell is not None and cell.text.endswith("×1/2 247,065") and cell.kind is CellKind.TEXT
    assert [f.code for f in doc.findings if f.code.startswith("overflow")] == ["overflow-split"]
