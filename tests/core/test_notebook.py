"""The notebook API on camelot's model, on a real conversion of a fixture with printed typos."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import chohyo
import pandas as pd
import pytest
from chohyo.notebook import TableList

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tables() -> TableList:
    return chohyo.read_pdf(ROOT / "fixtures" / "budget_typos.pdf")


def test_repr_is_one_short_line(tables: TableList) -> None:
    (t,) = tables
    text = repr(t)
    assert text.startswith("<Table t1 p1-2 ") and text.endswith("✗>") and "\n" not in text
    held = sum(r.holds is True for r in t.relations)
    assert f" 円 relations {held}✓ " in text
    assert len(repr(tables)) < 200


def test_df_is_numeric_with_units_and_attrs(tables: TableList) -> None:
    df = tables[0].df
    assert df.columns[0] == "科目" and df.columns[-1] == "計(円)"
    assert all(str(df[c].dtype) in {"Int64", "Float64"} for c in df.columns[1:])
    assert df.describe().shape[1] == df.shape[1] - 1  # numbers are numbers, not categories
    assert df.attrs["unit"] == "円" and df.attrs["table"] == "t1" and df.attrs["pages"] == [1, 2]
    assert df.attrs["period"] == {"start": "2015-04-01", "end": "2016-03-31"}
    assert df.attrs["columns"]["計(円)"] == {"path": "計", "unit": "円"}


def test_df_matches_the_csv(tables: TableList, tmp_path: Path) -> None:
    t = tables[0]
    path = t.to_csv(tmp_path / "t.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    df = t.df
    assert rows[0] == list(df.columns)
    for printed, (_, got) in zip(rows[1:], df.iterrows(), strict=True):
        assert [("" if pd.isna(v) else str(v)) for v in got] == printed


def test_findings_per_table_and_flagged_cells_in_html(tables: TableList) -> None:
    t = tables[0]
    assert t.findings and all(f.table == "t1" for f in t.findings)
    page = t._repr_html_()
    assert page.count('data-severity="error"') >= sum(
        len(f.suspects) > 0 for f in t.findings if f.code == "sum-mismatch"
    )


def test_html_escapes_pdf_text(tables: TableList) -> None:
    t = tables[0]
    hostile = "<script>alert(1)</script>"
    rows = tuple(replace(r, label=hostile) if i == 0 else r for i, r in enumerate(t.table.rows))
    page = type(t)(replace(t.table, rows=rows), t.document)._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_export_every_format(tables: TableList, tmp_path: Path) -> None:
    written = tables.export(tmp_path / "budget.csv", f="csv")
    assert [p.name for p in written] == ["budget-t1.csv"]
    for f, ext in [("parquet", ".parquet"), ("json", ".json"), ("html", ".html"), ("markdown", ".md")]:
        (p,) = tables.export(tmp_path / "budget", f=f)
        assert p.name == f"budget-t1{ext}" and p.stat().st_size > 0
    back = pd.read_parquet(tmp_path / "budget-t1.parquet")
    assert back.shape == tables[0].df.shape
    records = json.loads((tmp_path / "budget-t1.json").read_text(encoding="utf-8"))
    assert len(records) == tables[0].df.shape[0]
    with pytest.raises(ValueError, match="f must be one of"):
        tables.export(tmp_path / "x", f="pdf")


def test_excel_numbers_are_numbers_and_text_is_never_a_formula(tables: TableList, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    t = tables[0]
    rows = tuple(replace(r, label="=cmd|' /C calc'!A0") if i == 0 else r for i, r in enumerate(t.table.rows))
    hostile = type(t)(replace(t.table, rows=rows), t.document)
    (path,) = _list_of(tables, hostile).export(tmp_path / "book.xlsx", f="excel")
    ws = load_workbook(path).worksheets[0]
    assert ws.cell(1, ws.max_column).value == "計(円)"
    assert ws.cell(2, 1).value == "=cmd|' /C calc'!A0" and ws.cell(2, 1).data_type == "s"
    numbers = [c.value for row in ws.iter_rows(min_row=2, min_col=2) for c in row if c.value is not None]
    assert len(numbers) > 100 and all(isinstance(v, int) for v in numbers)


def _list_of(tables: TableList, table: object) -> TableList:
    out = TableList(tables.document)
    out[0] = table  # type: ignore[call-overload]
    return out
