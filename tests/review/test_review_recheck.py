"""`chohyo apply` re-checks the relations through each reviewed cell: a typed value is right only when
arithmetic agrees; a value the clerk keeps against arithmetic is recorded as the clerk's decision."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from chohyo.cli import app
from chohyo.emit import write_outputs
from chohyo.emit.review_html import DECISIONS_FORMAT
from chohyo.model import Severity, Status
from chohyo.review import apply_review
from chohyo.settings import EmitSettings
from typer.testing import CliRunner

from tests.review.review_docs import misprint_document

SETTINGS = EmitSettings(xlsx=True, review=True)


def _folder(tmp_path: Path) -> Path:
    doc = misprint_document(str(tmp_path / "予算書.pdf"))
    assert [f.code for f in doc.findings] == ["sum-mismatch", "sum-mismatch"]  # the misprint, seen twice
    write_outputs(doc, tmp_path / "out", SETTINGS)
    return tmp_path / "out" / "予算書"


def _decide(folder: Path, *decisions: dict[str, object]) -> Path:
    doc = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    data = {
        "format": DECISIONS_FORMAT,
        "source": doc["source"],
        "sha256": doc["sha256"],
        "reviewer": "山田",
        "decisions": [
            {"table": "t1", "row": 4, "col": 1, "at": "2026-12-05T09:00:00Z", **d} for d in decisions
        ],
    }
    path = folder.parent / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_correction_arithmetic_confirms(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = CliRunner().invoke(
        app, ["apply", str(folder), str(_decide(folder, {"action": "correct", "value": "2,234"}))]
    )
    assert result.exit_code == 0, result.output
    assert "1 corrected, 0 accepted, 2 finding(s) resolved; 0 error(s) left; status success" in result.output
    assert result.output.count("holds now") == 2 and "fails" not in result.output
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    sums = [f for f in report["findings"] if f["code"] == "sum-mismatch"]
    assert [(f["severity"], f["resolution"]["state"], f["resolution"]["was"]) for f in sums] == [
        ("info", "confirmed", "error")
    ] * 2
    assert all(r["holds"] for t in report["tables"] for r in t["relations"])
    rechecked = [f for f in report["findings"] if f["code"] == "relation-rechecked"]
    assert len(rechecked) == 2 and all("holds now" in f["message"] for f in rechecked)
    assert sorted(f["cells"][0]["row_label"] for f in rechecked) == ["2. 事業収益", "経常収益"]  # each target
    cells = pd.read_parquet(folder / "cells.parquet")
    cell = cells[(cells.row == 4) & (cells.col == 1)].iloc[0]
    assert int(cell.value) == 2234 and cell.extractor == "human" and cell.corrected_from == "2,334"


def test_typed_value_arithmetic_refutes_stays_an_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done = apply_review(folder, _decide(folder, {"action": "correct", "value": "2300"}))
    assert done.resolved == 0 and done.document.status is Status.PARTIAL
    sums = [f for f in done.document.findings if f.code == "sum-mismatch"]
    assert [(f.severity, f.resolution, f.found, f.expected) for f in sums] == [
        (Severity.ERROR, None, 1234, 1300),  # the figures the typed value gives
        (Severity.ERROR, None, 2234, 2300),
    ]
    assert all(f.message.startswith("still fails after 山田's review") for f in sums)
    assert sorted(r.state for r in done.rechecks) == ["still fails", "still fails"]


def test_kept_misprint_is_the_clerks_decision(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    done = apply_review(folder, _decide(folder, {"action": "accept", "value": None}))
    sums = [f for f in done.document.findings if f.code == "sum-mismatch"]
    # a published misprint is flagged, never fixed: it stays a warning naming who kept it
    assert [(f.severity, f.resolution.state if f.resolution else None) for f in sums] == [
        (Severity.WARNING, "decided")
    ] * 2
    assert "arithmetic still fails: expected 1334, found 1234" in sums[0].message
    assert "arithmetic still fails: expected 2334, found 2234" in sums[1].message
    assert done.document.status is Status.SUCCESS and done.accepted == 1 and done.resolved == 2
    cell = done.document.tables[0].cell(4, 1)
    assert cell is not None and cell.value == 2334 and cell.provenance.extractor != "human"
    assert all(r.holds is False for r in done.document.tables[0].relations)


def test_correction_that_breaks_a_held_relation_is_a_new_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    # 受取会費 / 計 (row 3) held: -1000 = -1000 + 0; typing 0 in 受取会費 / 公益事業1 breaks it
    done = apply_review(
        folder,
        _decide(
            folder, {"action": "correct", "value": "2,234"}, {"row": 3, "action": "correct", "value": "0"}
        ),
    )
    states = sorted((r.where, r.state) for r in done.rechecks)
    assert ("table t1, ①受取会費 / 計", "fails now") in states
    broken = [f for f in done.document.findings if f.message.startswith("fails after 山田's review")]
    assert len(broken) == 1 and broken[0].severity is Severity.ERROR and done.broken == 1
    assert done.document.status is Status.PARTIAL


def test_not_a_figure_clears_the_cell(tmp_path: Path) -> None:
    """`x` in review.html: a seal or stray mark read as a figure (the 介護保険 scan's 印) becomes an empty
    cell, provenance human, the text read kept in corrected_from."""
    folder = _folder(tmp_path)
    done = apply_review(folder, _decide(folder, {"action": "clear", "value": None}))
    cell = done.document.tables[0].cell(4, 1)
    assert cell is not None and cell.value is None and cell.text == "" and cell.corrected_from == "2,334"
    assert cell.provenance.extractor == "human" and "cleared by 山田" in cell.provenance.transforms
    audit = [f for f in done.document.findings if f.code == "reviewed-cell"]
    assert "cleared (not a figure) by 山田" in audit[0].message and done.corrected == 1
    # with no figure there the relations through it cannot be checked: nothing is confirmed by it
    assert not any(f.resolution and f.resolution.state == "confirmed" for f in done.document.findings)
