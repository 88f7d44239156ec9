"""report.json: status, counts, findings with their cells and suspects, relations, flat rows."""

from __future__ import annotations

import json
from pathlib import Path

from chohyo.emit import write_outputs
from chohyo.model import Document
from chohyo.settings import EmitSettings


def _report(doc: Document, tmp_path: Path) -> dict:
    write_outputs(doc, tmp_path, EmitSettings())
    return json.loads((tmp_path / "予算書" / "report.json").read_text(encoding="utf-8"))


def test_status_and_counts(doc: Document, tmp_path: Path) -> None:
    r = _report(doc, tmp_path)
    assert r["status"] == "partial"
    assert r["period"] == {
        "start": "2015-04-01",
        "end": "2016-03-31",
        "label": "平成27年4月1日から平成28年3月31日まで",
    }
    assert r["counts"]["tables"] == 1 and r["counts"]["body_rows"] == 3 and r["counts"]["numbers"] == 7
    assert r["counts"]["relations"] == {"found": 1, "checked": 1, "passed": 0, "failed": 1}
    assert r["counts"]["findings"] == {"error": 1, "warning": 0, "info": 0}


def test_finding_names_cells_and_suspects_as_in_the_csv(doc: Document, tmp_path: Path) -> None:
    (f,) = _report(doc, tmp_path)["findings"]
    assert (f["code"], f["severity"], f["page"], f["table"]) == ("sum-mismatch", "error", 1, "t1")
    assert f["cells"] == [
        {
            "row": 2,
            "col": 1,
            "row_label": "経常収益",
            "column": "公益事業/公益事業1",
            "value": "1234",
            "page": 1,
        }
    ]
    assert (f["expected"], f["found"]) == ("1234", "1234")
    (s,) = f["suspects"]
    assert (s["row_label"], s["column"], s["found"], s["proposed"]) == (
        "2. 事業収益",
        "公益事業/公益事業1",
        "2234",
        "2234",
    )


def test_relations_listed_per_table_with_labels(doc: Document, tmp_path: Path) -> None:
    (t,) = _report(doc, tmp_path)["tables"]
    assert t["csv"] == "tables/予算書_t1.csv" and t["unit"] == "円"
    (rel,) = t["relations"]
    assert (rel["id"], rel["kind"], rel["axis"], rel["target_label"], rel["holds"], rel["source"]) == (
        "t1-r1",
        "sum",
        "row",
        "経常収益",
        False,
        "hierarchy",
    )
    assert [(x["label"], x["sign"]) for x in rel["terms"]] == [("(1)受取会費", 1), ("2. 事業収益", 1)]


def test_flat_rows_one_per_cell_never_two_cells_in_a_row(doc: Document, tmp_path: Path) -> None:
    r = _report(doc, tmp_path)
    keys = (
        "finding",
        "role",
        "code",
        "table",
        "row_label",
        "column",
        "found",
        "expected",
        "proposed",
        "suspect",
    )
    assert [{k: row[k] for k in keys} for row in r["rows"]] == [
        {
            "finding": 0,
            "role": "target",
            "code": "sum-mismatch",
            "table": "t1",
            "row_label": "経常収益",
            "column": "公益事業/公益事業1",
            "found": "1234",
            "expected": "1234",
            "proposed": None,
            "suspect": False,
        },
        {
            "finding": 0,
            "role": "suspect",
            "code": "sum-mismatch",
            "table": "t1",
            "row_label": "2. 事業収益",
            "column": "公益事業/公益事業1",
            "found": "2234",
            "expected": None,
            "proposed": "2234",
            "suspect": True,
        },
    ]
    assert all(not isinstance(v, dict | list) for row in r["rows"] for v in row.values())  # flat
