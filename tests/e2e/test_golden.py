"""Golden outputs: the CSVs and a trimmed report of each fixture, compared byte for byte.

`make golden` (CHOHYO_REGEN_GOLDEN=1 pytest -k golden) rewrites them, but only for a fixture whose
CSVs match its truth file: a golden never freezes a wrong result. tests/emit/test_regen_flag.py
fails if the flag is left on in a normal run.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from chohyo.emit import write_outputs
from chohyo.pipeline import run
from chohyo.settings import Settings
from truthcheck import FIXTURES, ROOT, load_truth, report_problems, truth_cases, truth_problems

GOLDEN = ROOT / "tests" / "golden"
REGEN = bool(os.environ.get("CHOHYO_REGEN_GOLDEN"))


def trimmed_report(report: dict[str, Any]) -> dict[str, Any]:
    """What the golden keeps of report.json: nothing that depends on where or when it ran."""
    tables = [
        {
            "id": t["id"],
            "pages": t["pages"],
            "unit": t["unit"],
            "relations": sorted(
                (
                    r["kind"],
                    r["axis"],
                    r["target_label"],
                    [(x["sign"], x["label"]) for x in r["terms"]],
                    r["holds"],
                )
                for r in t["relations"]
            ),
        }
        for t in report["tables"]
    ]
    findings = [
        {k: f[k] for k in ("code", "severity", "page", "table", "expected", "found", "suspects")}
        for f in report["findings"]
    ]
    return {
        "status": report["status"],
        "period": report["period"],
        "counts": report["counts"],
        "findings": findings,
        "tables": json.loads(json.dumps(tables)),
    }


def _golden_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _produce(case: str, out: Path) -> dict[str, bytes]:
    write_outputs(run(FIXTURES / f"{case}.pdf", Settings()), out, Settings().emit)
    folder = out / case
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted((folder / "tables").glob("*.csv"))}
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    files["report.json"] = (json.dumps(trimmed_report(report), ensure_ascii=False, indent=1) + "\n").encode()
    return files


@pytest.mark.parametrize(
    "case", [c for c in truth_cases("digital") if REGEN or (GOLDEN / c).is_dir()] or ["none"]
)
def test_golden_outputs(case: str, tmp_path: Path) -> None:
    if case == "none":
        pytest.skip("no golden outputs yet: run `make golden` once the pipeline matches the truth files")
    produced = _produce(case, tmp_path)
    if REGEN:
        truth = load_truth(case)
        report = json.loads((tmp_path / case / "report.json").read_text(encoding="utf-8"))
        problems = truth_problems(tmp_path / case, truth) + report_problems(report, truth)
        assert problems == [], f"{case}: not regenerating a golden from output that differs from its truth"
        shutil.rmtree(GOLDEN / case, ignore_errors=True)
        for name, data in produced.items():
            (GOLDEN / case / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / case / name).write_bytes(data)
        return
    expected = _golden_files(GOLDEN / case)
    assert sorted(produced) == sorted(expected)
    for name in expected:
        assert produced[name].decode() == expected[name].decode(), f"{case}/{name} differs from its golden"
