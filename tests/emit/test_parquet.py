"""cells.parquet: one row per body cell, values exact after a round trip."""

from __future__ import annotations

import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from chohyo.emit import write_outputs
from chohyo.model import Document
from chohyo.settings import EmitSettings
from emit_docs import budget_document, budget_table, num

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "budget_ruled.pdf"


def _read(doc: Document, tmp_path: Path) -> pa.Table:
    write_outputs(doc, tmp_path, EmitSettings())
    return pq.read_table(tmp_path / "予算書" / "cells.parquet")


def test_one_row_per_body_cell_with_locations(doc: Document, tmp_path: Path) -> None:
    t = _read(doc, tmp_path)
    assert t.num_rows == sum(1 for _ in doc.tables[0].body_cells()) == 12
    rows = t.to_pylist()
    cell = next(r for r in rows if r["row"] == 3 and r["col"] == 1)
    assert cell["row_label"] == "(1)受取会費"
    assert cell["row_path"] == "Ⅰ 一般正味財産増減の部/経常収益/(1)受取会費"
    assert cell["column"] == "公益事業/公益事業1"
    assert (cell["text"], cell["raw_text"], cell["value"]) == ("△1,000", "△1,000", Decimal("-1000"))
    assert (cell["unit"], cell["scale"], cell["kind"]) == ("円", Decimal(1), "number")
    assert (cell["x0"], cell["top"], cell["x1"], cell["bottom"]) == (150.0, 160.0, 190.0, 175.0)
    assert cell["transforms"] == ["fold-width"] and cell["extractor"] == "pdfium-words"
    dash = next(r for r in rows if r["row"] == 3 and r["col"] == 2)
    assert dash["value"] is None and dash["null_reason"] == "dash"
    assert next(r for r in rows if r["col"] == 0)["unit"] is None  # labels carry no unit


def test_period_and_source_in_file_metadata(doc: Document, tmp_path: Path) -> None:
    meta = _read(doc, tmp_path).schema.metadata
    assert meta[b"period_start"] == b"2015-04-01" and meta[b"period_end"] == b"2016-03-31"
    assert meta[b"sha256"] == b"ab" * 32
    assert meta[b"value_type"] == b"decimal128"


def test_values_round_trip_exactly_with_mixed_scales(tmp_path: Path) -> None:
    values = {(2, 1): "12345678901234567890", (2, 2): "102.65", (2, 3): "-0.5", (4, 1): "0"}
    t = budget_table().with_cells({k: num(*k, text=v, value=v) for k, v in values.items()})
    got = {(r["row"], r["col"]): r["value"] for r in _read(budget_document(t), tmp_path).to_pylist()}
    for key, v in values.items():
        assert got[key] == Decimal(v)
    assert pq.read_schema(tmp_path / "予算書" / "cells.parquet").field("value").type == pa.decimal128(38, 2)


def test_values_too_long_for_decimal128_fall_back_to_exact_strings(tmp_path: Path) -> None:
    huge = "1" * 40
    t = budget_table().with_cells({(2, 1): num(2, 1, huge, huge), (2, 2): num(2, 2, "0.25", "0.25")})
    table = _read(budget_document(t), tmp_path)
    assert table.schema.metadata[b"value_type"] == b"string"
    got = {(r["row"], r["col"]): r["value"] for r in table.to_pylist()}
    assert Decimal(got[(2, 1)]) == Decimal(huge) and got[(2, 2)] == "0.25"


def test_corrected_cells_keep_the_original(tmp_path: Path) -> None:
    t = budget_table()
    fixed = replace(t.cell(2, 1), corrected_from="l234")  # type: ignore[type-var]
    rows = _read(budget_document(t.with_cells({(2, 1): fixed})), tmp_path).to_pylist()
    assert next(r for r in rows if (r["row"], r["col"]) == (2, 1))["corrected_from"] == "l234"


def test_empty_document_writes_an_empty_table(tmp_path: Path) -> None:
    doc = replace(budget_document(), pages=())
    assert _read(doc, tmp_path).num_rows == 0


def test_the_arrow_table_is_built_without_pandas_and_equals_pyarrows_own(
    doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chohyo.emit.arrow_table import table_from_columns
    from chohyo.emit.parquet_out import cells_table

    monkeypatch.delitem(sys.modules, "pandas", raising=False)  # the JSON path, as in a fresh `chohyo`
    table = cells_table(doc)
    assert table.equals(pa.table(table.to_pydict(), schema=table.schema), check_metadata=True)
    schema = pa.schema([("x", pa.float64()), ("t", pa.list_(pa.string())), ("d", pa.decimal128(10, 2))])
    odd = {"x": [float("nan"), 1.5], "t": [["あ", '"%s'], []], "d": [Decimal("1.20"), None]}
    assert table_from_columns(odd, schema).to_pylist()[1] == {"x": 1.5, "t": [], "d": None}
    assert str(table_from_columns(odd, schema).column("x")[0]) == "nan"  # NaN: pyarrow's own path
    assert table_from_columns({"x": [], "t": [], "d": []}, schema).num_rows == 0


def test_writing_a_document_imports_no_pandas(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys; from chohyo.pipeline import convert; "
        f"r = convert({str(FIXTURE)!r}, {str(tmp_path)!r}); "
        "assert r.document is not None; print('pandas' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.split()[-1] == "False"
