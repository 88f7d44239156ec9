"""A first column of figures under its own name (財源内訳: 国県支出金 | 地方債 | …, its row names on
the facing page) is values, not row labels; item numbers, years and OCR'd text stay labels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.model import Cell, CellKind, Column, Provenance, Table
from chohyo.normalize.document import figures_first, normalize_table
from chohyo.settings import NormalizeSettings


def _table(header: list[str], rows: list[list[str]], *, ocr: bool = False) -> Table:
    prov = Provenance("tesseract" if ocr else "pdfium-words", "lattice")
    cells = [Cell(0, j, h, page=1, provenance=prov) for j, h in enumerate(header)]
    for i, row in enumerate(rows, start=1):
        cells += [Cell(i, j, x, page=1, provenance=prov) for j, x in enumerate(row)]
    columns = tuple(Column(j, (h,)) for j, h in enumerate(header))
    return Table("t1", (1,), columns, tuple(cells), header_rows=1)


SOURCES = ["国県支出金", "地方債", "その他"]
FIGURES = [["622,459", "393,700", "1,033,237"], ["18,925,391", "116,600", "998,194"], ["583", "", "1,684"]]


def test_a_named_column_of_figures_is_values() -> None:
    t = _table(SOURCES, FIGURES)
    assert figures_first(t)
    out = normalize_table(t, NormalizeSettings())
    first = [c for c in out.body_cells() if c.col == 0]
    assert [c.value for c in first] == [Decimal(622459), Decimal(18925391), Decimal(583)]
    assert all(c.kind is CellKind.NUMBER for c in first)
    assert all(not r.label for r in out.rows)


@pytest.mark.parametrize(
    ("header", "rows", "ocr"),
    [
        (["番号", "金額"], [["1", "1,000"], ["2", "2,000"], ["3", "3,000"]], False),  # item numbers
        (["年度", "金額"], [["2021", "1,000"], ["2022", "2,000"], ["2023", "3,000"]], False),  # years
        (["", "金額", "比較"], FIGURES, False),  # no name over the column
        (SOURCES, FIGURES[:2], False),  # too few to tell
        (["区分", "金額"], [["議会費", "1,000"], ["1,234", "2,000"], ["総務費", "3,000"]], False),
        (SOURCES, FIGURES, True),  # OCR: a label misread as digits stays a label
    ],
)
def test_labels_stay_labels(header: list[str], rows: list[list[str]], ocr: bool) -> None:
    t = _table(header, rows, ocr=ocr)
    assert not figures_first(t)
    out = normalize_table(t, NormalizeSettings())
    assert all(c.value is None for c in out.body_cells() if c.col == 0)
