"""review.html escapes every PDF text; `chohyo apply` writes decisions into the outputs with an audit trail."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from chohyo.cli import app
from chohyo.emit import write_outputs
from chohyo.errors import UsageError
from chohyo.review import apply_review
from chohyo.settings import EmitSettings
from typer.testing import CliRunner

from tests.review.review_docs import SCRIPT, hostile_document

SETTINGS = EmitSettings(xlsx=True, review=True)


def _outputs(tmp_path: Path) -> Path:
    write_outputs(hostile_document(str(tmp_path / "予算書.pdf")), tmp_path / "out", SETTINGS)
    return tmp_path / "out" / "予算書"


def _meta(page: str) -> dict:  # type: ignore[type-arg]
    m = re.search(r'<script id="chohyo-data" type="application/json">(.*?)</script>', page, re.S)
    assert m is not None
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def test_review_page_escapes_pdf_text(tmp_path: Path) -> None:
    page = (_outputs(tmp_path) / "review.html").read_text(encoding="utf-8")
    assert SCRIPT not in page and "<img src=x" not in page and "<script>document" not in page
    assert "&lt;script&gt;document.title" in page  # shown, as text
    assert page.count("<script") == 3  # two data blocks and the page's own script, nothing else
    assert "default-src 'none'" in page
    meta = _meta(page)
    assert [i["key"] for i in meta["items"]] == ["t1:4:1"]
    assert meta["items"][0]["proposed"] == "2234" and meta["items"][0]["severity"] == "error"


def _decisions(folder: Path, **override: object) -> Path:
    meta = _meta((folder / "review.html").read_text(encoding="utf-8"))
    data = {
        "format": meta["format"],
        "source": meta["source"],
        "sha256": meta["sha256"],
        "reviewer": "山田",
        "decisions": [
            {
                "table": "t1",
                "row": 4,
                "col": 1,
                "found": "2234",
                "action": "correct",
                "value": "2,300",
                "at": "2026-12-05T09:00:00Z",
            }
        ],
        **override,
    }
    path = folder.parent / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_apply_corrects_with_audit_trail(tmp_path: Path) -> None:
    folder = _outputs(tmp_path)
    result = CliRunner().invoke(app, ["apply", str(folder), str(_decisions(folder))])
    assert result.exit_code == 1, result.output  # errors remain: exit 1, as extract
    # 1234 = -1000 + 2234 held; the typed 2,300 breaks it: recorded, never taken as right
    assert "1 corrected, 0 accepted, 0 finding(s) resolved; 1 error(s) left" in result.output
    assert "still fails  table t1, 経常収益 / 公益事業/公益事業1" not in result.output
    cells = pd.read_parquet(folder / "cells.parquet")
    cell = cells[(cells.row == 4) & (cells.col == 1)].iloc[0]
    assert int(cell.value) == 2300 and cell.extractor == "human" and cell.corrected_from == "2,234"
    assert "by 山田" in list(cell.transforms) and "at 2026-12-05T09:00:00Z" in list(cell.transforms)
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "partial" and report["counts"]["findings"]["error"] == 1
    messages = [f["message"] for f in report["findings"]]
    assert any(m.startswith("still fails after 山田's review at 2026-12-05T09:00:00Z") for m in messages)
    audit = [f for f in report["findings"] if f["code"] == "reviewed-cell"]
    assert audit and "was '2,234', now '2300'" in audit[0]["message"] and audit[0]["found"] == "2234"
    csv = next((folder / "tables").glob("*.csv")).read_text(encoding="utf-8-sig")
    assert "2300" in csv
    assert (folder / "予算書.xlsx").is_file() and (folder / "review.html").is_file()
    again = CliRunner().invoke(app, ["apply", str(folder), str(_decisions(folder)), "--no-fail"])
    assert again.exit_code == 0 and "1 error(s) left" in again.output


def test_apply_refuses_another_documents_decisions(tmp_path: Path) -> None:
    folder = _outputs(tmp_path)
    before = (folder / "report.json").read_bytes()
    with pytest.raises(UsageError, match="another document"):
        apply_review(folder, _decisions(folder, sha256="cd" * 32))
    bad = _decisions(folder, decisions=[{"table": "t9", "row": 1, "col": 1, "action": "accept", "at": "x"}])
    result = CliRunner().invoke(app, ["apply", str(folder), str(bad)])
    assert result.exit_code == 2 and "no cell at table t9" in result.output
    assert (folder / "report.json").read_bytes() == before  # nothing half-applied


def test_help_shows_placeholders() -> None:
    out = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "160"}).output
    assert "<pages>" in out and "--formats" in out and "--rules" in out
    assert "<bool>" not in out and "list[Path]" not in out
    assert "--rules" in CliRunner().invoke(app, ["batch", "--help"], env={"COLUMNS": "160"}).output


def _confirming(folder: Path) -> Path:
    """The correction arithmetic confirms: 1234 = -1000 + 2234."""
    d = {
        "table": "t1",
        "row": 4,
        "col": 1,
        "action": "correct",
        "value": "2,234",
        "at": "2026-12-05T09:00:00Z",
    }
    return _decisions(folder, decisions=[d])


def test_apply_twice_changes_nothing_more(tmp_path: Path) -> None:
    folder = _outputs(tmp_path)
    decisions = _confirming(folder)
    first = apply_review(folder, decisions)
    again = apply_review(folder, decisions)
    assert (first.corrected, first.resolved) == (1, 1)
    assert (again.corrected, again.accepted, again.resolved) == (0, 0, 0)
    assert again.document.findings == first.document.findings


def test_review_page_after_apply_lists_no_decided_error(tmp_path: Path) -> None:
    folder = _outputs(tmp_path)
    apply_review(folder, _confirming(folder))
    items = _meta((folder / "review.html").read_text(encoding="utf-8"))["items"]
    assert [(i["key"], i["severity"], i["resolution"], i["codes"]) for i in items] == [
        ("t1:4:1", "info", "confirmed", ["sum-mismatch"])
    ]
    page = (folder / "review.html").read_text(encoding="utf-8")
    assert 'data-severity="reviewed"' in page and "0 of 0 decided" in page  # shown, not asked again
    assert "confirmed by arithmetic after the review of 山田 at 2026-12-05T09:00:00Z" in page


def test_ambiguous_candidate_is_never_offered_as_a_proposal(tmp_path: Path) -> None:
    """A cell arithmetic names as one of several candidate sets (the 道の駅 scan, p. 9: candidate 1 of
    12) shows the value as a candidate, with no button or key that would apply it."""
    from dataclasses import replace

    from chohyo.model import CellRef, Finding, Severity
    from openpyxl import load_workbook

    doc = hostile_document(str(tmp_path / "予算書.pdf"))
    ambiguous = Finding(
        "ambiguous-correction",
        Severity.WARNING,
        "candidate 1 of 2: 2234 → 2300 makes the failing checks hold, and so does each other candidate",
        page=1,
        table="t1",
        cells=(CellRef("t1", 4, 1, value=None, page=1),),
    )
    doc = replace(doc, findings=(*doc.findings, ambiguous))
    from chohyo.emit.debug_png import _proposal, page_overlay

    suspect = next(c["suspect"] for c in page_overlay(doc, 1)["cells"] if "suspect" in c)
    assert suspect["candidate"] is True  # chohyo debug and to_image write "candidate? 2,234", not "-> 2,234"
    assert _proposal(suspect["proposed"], suspect["candidate"]) == "candidate? 2,234"
    write_outputs(doc, tmp_path / "out", SETTINGS)
    folder = tmp_path / "out" / "予算書"
    page = (folder / "review.html").read_text(encoding="utf-8")
    item = _meta(page)["items"][0]
    assert item["key"] == "t1:4:1" and item["proposed"] is None  # the p key has nothing to apply
    assert "one candidate of several (arithmetic cannot choose)" in page and "Use proposed" not in page
    ws = load_workbook(folder / "予算書.xlsx").worksheets[1]
    comment = ws["B4"].comment.text
    assert "one candidate of several, not a proposal: 2234" in comment and "proposed:" not in comment
