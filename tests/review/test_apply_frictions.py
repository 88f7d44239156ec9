"""`chohyo apply` as a clerk meets it after a long review: decisions saved from an earlier extraction are
refused with their own exit code; two saved files applied out of order keep the newer decision; a row
label typed as digits stays a label."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from chohyo.cli import app
from chohyo.emit import write_outputs
from chohyo.errors import ExitCode
from chohyo.settings import EmitSettings
from typer.testing import CliRunner

from tests.review.review_docs import misprint_document

SETTINGS = EmitSettings(xlsx=True, review=True)


def _folder(tmp_path: Path) -> Path:
    write_outputs(misprint_document(str(tmp_path / "予算書.pdf")), tmp_path / "out", SETTINGS)
    return tmp_path / "out" / "予算書"


def _saved(folder: Path, name: str, *decisions: dict[str, object]) -> Path:
    """A decisions file as review.html's Download saves it (with the page's layout)."""
    page = (folder / "review.html").read_text(encoding="utf-8")
    m = re.search(r'<script id="chohyo-data" type="application/json">(.*?)</script>', page, re.S)
    assert m is not None
    meta = json.loads(m.group(1))
    data = {k: meta[k] for k in ("format", "source", "sha256", "layout")}
    data |= {"reviewer": "山田", "decisions": [{"table": "t1", "row": 4, "col": 1, **d} for d in decisions]}
    path = folder.parent / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _apply(folder: Path, decisions: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["apply", str(folder), str(decisions)])
    return result.exit_code, result.output


def _value(folder: Path) -> object:
    cells = pd.read_parquet(folder / "cells.parquet")
    return cells[(cells["row"] == 4) & (cells["col"] == 1)]["text"].iloc[0]


def test_decisions_of_an_earlier_extraction_are_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    saved = _saved(folder, "d.json", {"action": "correct", "value": "2234", "at": "2026-12-06T03:00:00Z"})
    # extracted again (another version or options read the page otherwise): the cells moved
    from dataclasses import replace

    doc = misprint_document(str(tmp_path / "予算書.pdf"))
    t = doc.tables[0]
    moved = replace(
        t, cells=tuple(replace(c, raw_text=c.raw_text + " ") if c.row == 2 else c for c in t.cells)
    )
    write_outputs(doc.map_tables(lambda _: moved), tmp_path / "out", SETTINGS)
    before = (folder / "report.json").read_bytes()
    code, out = _apply(folder, saved)
    assert code == ExitCode.STALE_DECISIONS == 13, out
    assert "earlier extraction" in out and "nothing changed" in out
    assert (folder / "report.json").read_bytes() == before


def test_review_after_apply_is_not_stale(tmp_path: Path) -> None:
    """apply changes values, never what a decision points at: a second file saved before it still applies."""
    folder = _folder(tmp_path)
    first = _saved(folder, "a.json", {"action": "accept", "at": "2026-12-06T03:00:00Z"})
    second = _saved(folder, "b.json", {"action": "correct", "value": "2234", "at": "2026-12-06T03:05:00Z"})
    assert _apply(folder, first)[0] == 0  # the misprint kept: decided (a warning), never confirmed
    code, out = _apply(folder, second)
    assert code == 0, out
    assert _value(folder) == "2234"


def test_an_older_file_applied_last_does_not_undo_a_newer_decision(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    older = _saved(folder, "older.json", {"action": "correct", "value": "2400", "at": "2026-12-06T03:00:00Z"})
    newer = _saved(folder, "newer.json", {"action": "correct", "value": "2234", "at": "2026-12-06T03:05:00Z"})
    assert _apply(folder, newer)[0] == 0
    code, out = _apply(folder, older)
    assert code == 0 and "0 corrected, 0 accepted" in out, out
    assert _value(folder) == "2234"


def test_a_label_typed_as_digits_stays_a_label(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    saved = _saved(folder, "l.json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["decisions"] = [
        {"table": "t1", "row": 4, "col": 0, "action": "correct", "value": "2", "at": "2026-12-06T03:00:00Z"}
    ]
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _apply(folder, saved)
    from chohyo.model import CellKind
    from chohyo.serialize import from_json

    doc = from_json((folder / "document.json").read_text(encoding="utf-8"))
    cell = doc.tables[0].cell(4, 0)
    assert cell is not None and cell.text == "2" and cell.value is None and cell.kind is CellKind.LABEL


def test_a_file_of_an_older_page_without_layout_is_checked_by_what_the_clerk_saw(tmp_path: Path) -> None:
    """A decisions file saved by an older review.html has no layout: the value each decision says the
    clerk saw must still be in the cell, or the folder was made again since."""
    folder = _folder(tmp_path)
    saved = _saved(folder, "old.json", {"action": "accept", "found": "9999", "at": "2026-12-06T03:00:00Z"})
    data = json.loads(saved.read_text(encoding="utf-8"))
    del data["layout"]
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out = _apply(folder, saved)
    assert code == ExitCode.STALE_DECISIONS, out
    assert "saw '9999', now '2334'" in out
    data["decisions"][0]["found"] = "2334"  # what the page showed: applies
    saved.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _apply(folder, saved)[0] == 0
