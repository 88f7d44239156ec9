"""The output folder of a real fixture: Parquet, data package and Markdown agree with the model and the CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from chohyo.emit import write_outputs
from chohyo.model import CellKind, Document
from chohyo.pipeline import run
from chohyo.serialize import from_json
from chohyo.settings import EmitSettings
from truthcheck import FIXTURES


@pytest.fixture(scope="module")
def ruled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    out = tmp_path_factory.mktemp("out")
    doc = run(FIXTURES / "budget_ruled.pdf")
    write_outputs(doc, out, EmitSettings())
    return doc, out / "budget_ruled"


def test_parquet_values_equal_the_model(ruled: tuple[Document, Path]) -> None:
    doc, folder = ruled
    rows = pq.read_table(folder / "cells.parquet").to_pylist()
    model = {(t.id, c.row, c.col): c for t in doc.tables for c in t.body_cells()}
    assert len(rows) == len(model)
    numbers = 0
    for r in rows:
        cell = model[(r["table"], r["row"], r["col"])]
        assert r["value"] == cell.value and r["text"] == cell.text and r["kind"] == cell.kind.value
        numbers += cell.kind is CellKind.NUMBER and cell.value is not None
    assert numbers > 400  # the budget's 7 numeric columns over ~70 rows


def test_parquet_rows_match_the_csv(ruled: tuple[Document, Path]) -> None:
    _, folder = ruled
    with (folder / "tables" / "budget_ruled_t1.csv").open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        csv_rows = list(reader)
    by_row: dict[int, dict[int, dict]] = {}
    for r in pq.read_table(folder / "cells.parquet").to_pylist():
        by_row.setdefault(r["row"], {})[r["col"]] = r
    assert len(by_row) == len(csv_rows)
    for cells, csv_row in zip((by_row[k] for k in sorted(by_row)), csv_rows, strict=True):
        assert cells[0]["row_label"] == csv_row[0]
        for col, r in cells.items():
            if col > 0:
                assert header[col] == f"{r['column']}({r['unit']})"
                assert csv_row[col] == ("" if r["value"] is None else str(r["value"]))


def test_document_json_reads_back(ruled: tuple[Document, Path]) -> None:
    doc, folder = ruled
    assert from_json((folder / "document.json").read_text(encoding="utf-8")) == doc


def test_datapackage_types_fit_every_value(ruled: tuple[Document, Path]) -> None:
    _, folder = ruled
    (res,) = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    fields = res["schema"]["fields"]
    with (folder / res["path"]).open(encoding=res["encoding"], newline="") as fh:
        reader = csv.reader(fh)
        assert next(reader) == [f["name"] for f in fields]
        for row in reader:
            for f, v in zip(fields, row, strict=True):
                if v and f["type"] == "integer":
                    int(v)
    assert [f["type"] for f in fields] == ["string"] + ["integer"] * 7
    assert all(f.get("unit") == "円" and f.get("scale") == 1 for f in fields[1:])


def test_markdown_holds_the_table(ruled: tuple[Document, Path]) -> None:
    _, folder = ruled
    md = (folder / "text.md").read_text(encoding="utf-8")
    assert "| 1. 受取会費 | 0 | 0 | 0 | 44354500 | 44354500 | 44354500 | 88709000 |" in md


def test_read_pdf_gives_tables_with_df() -> None:
    from decimal import Decimal

    import chohyo

    tables = chohyo.read_pdf(FIXTURES / "budget_ruled.pdf")
    df = tables[0].df
    assert list(df.columns)[:2] == ["科目", "公益事業/公益事業1(円)"] and df.shape[1] == 8
    row = df[df["科目"] == "1. 受取会費"].iloc[0]
    assert row["計(円)"] == Decimal("88709000") == 88709000
    assert tables.document.period is not None and tables.document.period.start == "2015-04-01"
