"""Every born-digital fixture through the real CLI: every truth row exactly in its CSV."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from truthcheck import FIXTURES, load_truth, report_problems, truth_cases, truth_problems

CASES = truth_cases("digital")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("out")
    pdfs = [str(FIXTURES / f"{c}.pdf") for c in CASES]
    proc = subprocess.run(
        [sys.executable, "-m", "chohyo", "extract", *pdfs, "-o", str(out), "--no-fail"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return out, proc


def test_all_fixtures_convert_cleanly(converted: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, proc = converted
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr  # --no-fail: the typos fixture's errors do not fail the run
    for case in CASES:
        assert (out / case / "report.json").is_file()
        assert case in proc.stdout  # the summary names each file


@pytest.mark.parametrize("case", CASES)
def test_every_truth_row_in_csv(converted: tuple[Path, subprocess.CompletedProcess[str]], case: str) -> None:
    out, _ = converted
    assert truth_problems(out / case, load_truth(case)) == []


@pytest.mark.parametrize("case", CASES)
def test_report_names_exactly_the_printed_typos(
    converted: tuple[Path, subprocess.CompletedProcess[str]], case: str
) -> None:
    out, _ = converted
    report = json.loads((out / case / "report.json").read_text(encoding="utf-8"))
    assert report_problems(report, load_truth(case)) == []


@pytest.mark.parametrize("case", CASES)
def test_text_blocks_in_markdown_in_order(
    converted: tuple[Path, subprocess.CompletedProcess[str]], case: str
) -> None:
    out, _ = converted
    md = (out / case / "text.md").read_text(encoding="utf-8")
    at = 0
    for block in load_truth(case).get("text_blocks", []):
        if block["role"] not in {"heading", "paragraph"}:
            continue
        found = md.find(block["text"], at)
        assert found >= 0, f"{block['text']!r} not in text.md after position {at}"
        at = found + len(block["text"])


@pytest.mark.skipif("budget_typos" not in CASES, reason="no typos fixture")
def test_arithmetic_errors_fail_the_run_unless_no_fail(tmp_path: Path) -> None:
    from chohyo.cli import app
    from chohyo.errors import ExitCode
    from typer.testing import CliRunner

    pdf = str(FIXTURES / "budget_typos.pdf")
    result = CliRunner().invoke(app, ["extract", pdf, "-o", str(tmp_path / "a")])
    assert result.exit_code == ExitCode.VALIDATION_ERRORS, result.output
    assert (tmp_path / "a" / "budget_typos" / "report.json").is_file()  # written all the same
    assert (
        CliRunner().invoke(app, ["extract", pdf, "-o", str(tmp_path / "b"), "--no-fail"]).exit_code
        == ExitCode.OK
    )
