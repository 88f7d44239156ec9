"""A numeric column that also holds a text cell (an OCR'd note) must not crash .df or to_excel."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from chohyo.model import CellKind
from chohyo.notebook import TableList
from openpyxl import load_workbook

from tests.review.review_docs import hostile_document


def _mixed() -> TableList:
    doc = hostile_document()
    t = doc.tables[0]
    note = replace(t.cell(4, 1), kind=CellKind.TEXT, text="【20.384,610】", value=None)  # type: ignore[type-var]
    return TableList(doc.map_tables(lambda x: x.with_cells({(4, 1): note})))


def test_df_keeps_text_column_as_text() -> None:
    df = _mixed()[0].df
    col = df["公益事業/公益事業1(円)"]
    assert str(col.dtype) == "string" and list(col) == ["1234", "-1000", "【20.384,610】"]
    assert str(df["計(円)"].dtype) == "Int64"


def test_to_excel_keeps_numbers_and_text(tmp_path: Path) -> None:
    ws = load_workbook(_mixed()[0].to_excel(tmp_path / "t.xlsx")).worksheets[0]
    assert [ws["B2"].value, ws["B3"].value, ws["B4"].value] == [1234, -1000, "【20.384,610】"]
