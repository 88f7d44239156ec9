"""The born-digital fixtures plus the bad corpus in one batch, through the real pipeline.

Every good file converts (its truth rows appear in its CSVs), every bad one gets the code listed in
fixtures/bad/expected.json, and the batch finishes.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest
from chohyo.batch import BatchOptions, run_batch
from chohyo.errors import ExitCode
from chohyo.settings import Settings
from conftest import BAD, FIXTURES, manifest_rows, temp_leftovers

EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))


def _csv_rows(folder: Path) -> set[tuple[str, ...]]:
    rows: set[tuple[str, ...]] = set()
    for path in sorted((folder / "tables").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows.update(tuple(r) for r in csv.reader(fh))
    return rows


def _truth_rows(truth: dict[str, object]) -> list[tuple[str, ...]]:
    out = []
    for table in truth["tables"]:  # type: ignore[attr-defined]
        for row in table["rows"]:
            if not all(v is None or re.fullmatch(r"-?\d+", v) for v in row["values"]):
                continue  # text tables (council report) are the extract tests' business
            out.append((row["label"], *("" if v is None else v for v in row["values"])))
    return out


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    base = tmp_path_factory.mktemp("corpus")
    inputs = base / "in"
    (inputs / "good").mkdir(parents=True)
    (inputs / "bad").mkdir()
    for pdf in sorted(FIXTURES.glob("*.pdf")):
        os.symlink(pdf, inputs / "good" / pdf.name)
    for name in EXPECTED["files"]:
        if (BAD / name).exists():
            os.symlink(BAD / name, inputs / "bad" / name)
    os.symlink(base / "does-not-exist.pdf", inputs / "bad" / "unreadable.pdf")  # root ignores chmod
    out = base / "out"
    report = run_batch([inputs], out, BatchOptions(workers=2, timeout=300, progress="quiet"))
    return inputs, out, report


def test_each_bad_input_gets_its_own_code(corpus_run: tuple[Path, Path, object]) -> None:
    _, out, _ = corpus_run
    rows = manifest_rows(out)
    wrong = {}
    for name, item in EXPECTED["files"].items():
        row = rows[f"bad/{name}"]
        got = "done" if row["status"] == "done" else row["error_code"]
        if got != item["expect"]:
            wrong[name] = (item["expect"], got, row["error_message"])
        if row["status"] == "failed":
            assert row["error_message"] and "Traceback" not in row["error_message"]
    assert not wrong, wrong


def test_good_fixtures_convert_with_their_truth_rows(corpus_run: tuple[Path, Path, object]) -> None:
    _, out, report = corpus_run
    rows = manifest_rows(out)
    good = [k for k in rows if k.startswith("good/")]
    assert good, "no fixture PDFs found"
    for key in good:
        assert rows[key]["status"] == "done", (key, rows[key]["error_code"], rows[key]["error_message"])
        truth_file = FIXTURES / (Path(key).stem + ".truth.json")
        if not truth_file.exists():
            continue
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if truth.get("typos"):
            continue  # printed values on purpose differ from the arithmetic: the validate tests own those
        have = _csv_rows(out / str(rows[key]["output_dir"]))  # relative to OUT
        missing = [r for r in _truth_rows(truth) if r not in have]
        assert not missing, (key, missing[:3])
    assert report.exit_code in (ExitCode.SOME_FAILED,)  # type: ignore[attr-defined]
    assert temp_leftovers(out) == []


def test_encrypted_pdf_converts_with_password(tmp_path: Path) -> None:
    settings = Settings().with_(extract={"password": EXPECTED["password"]})
    report = run_batch(
        [BAD / "encrypted.pdf"],
        tmp_path / "out",
        BatchOptions(workers=1, settings=settings, progress="quiet"),
    )
    outcome = report.outcomes["encrypted.pdf"]
    assert outcome.status == "done", outcome
    assert outcome.pages == 1 and outcome.tables >= 1
