"""Compare a document's CSVs with its fixture truth, read the plain way: `csv` and `int()`."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from chohyo.charmap import machine_readable

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
INTEGER = re.compile(r"-?[0-9]+")


def truth_cases(kind: str | None = "digital") -> list[str]:
    cases = []
    for path in sorted(FIXTURES.glob("*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if (kind is None or truth.get("kind") == kind) and (FIXTURES / f"{truth['case']}.pdf").is_file():
            cases.append(truth["case"])
    return cases


def load_truth(case: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{case}.truth.json").read_text(encoding="utf-8"))


Cell = int | str | None


def _value(text: str) -> Cell:
    """A CSV cell read the plain way: empty → None, a bare integer → int(), anything else as text."""
    if text == "":
        return None
    return int(text) if INTEGER.fullmatch(text) else text


def read_csv(path: Path, encoding: str = "utf-8-sig") -> tuple[list[str], list[tuple[str, tuple[Cell, ...]]]]:
    """Header and rows (label, values) of one CSV."""
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [(r[0], tuple(_value(v) for v in r[1:])) for r in reader]
    return header, rows


def _truth_value(value: str | None) -> Cell:
    # The truth records what is printed; the CSV writes 機種依存文字 out (総務省): ① → (1).
    return None if value is None else _value(machine_readable(value))


def truth_problems(folder: Path, truth: dict[str, Any], encoding: str = "utf-8-sig") -> list[str]:
    """Every way the CSVs under ``folder`` differ from the truth (empty when they match)."""
    stem = folder.name
    problems: list[str] = []
    for i, table in enumerate(truth["tables"], 1):
        path = folder / "tables" / f"{stem}_t{i}.csv"
        if not path.is_file():
            problems.append(f"{path.name}: missing")
            continue
        header, rows = read_csv(path, encoding)
        suffix = f"({table['unit']['name']})" if table.get("unit") else None
        names = [h[: -len(suffix)] if suffix and h.endswith(suffix) else h for h in header]
        if names != [machine_readable(c) for c in table["columns"]]:
            problems.append(f"{path.name}: header {names} != {table['columns']}")
        # Every truth row, in order, exactly (label and all values).
        at = 0
        for row in table["rows"]:
            want = (machine_readable(row["label"]), tuple(_truth_value(v) for v in row["values"]))
            found = next((j for j in range(at, len(rows)) if rows[j] == want), None)
            if found is None:
                near = [r for r in rows if r[0] == row["label"]]
                problems.append(
                    f"{path.name}: row {want} not found in order"
                    + (f" (label has {near[0][1]})" if near else "")
                )
            else:
                at = found + 1
        if len(rows) != len(table["rows"]):
            problems.append(f"{path.name}: {len(rows)} rows, truth has {len(table['rows'])}")
    extra = sorted(p.name for p in (folder / "tables").glob("*.csv"))[len(truth["tables"]) :]
    if extra:
        problems.append(f"tables the truth does not have: {extra}")
    return problems


def report_problems(report: dict[str, Any], truth: dict[str, Any]) -> list[str]:
    """The report must name exactly the printed typos as suspects, and find no error elsewhere."""
    typos = {(t["row_label"], t["column"], t["printed"], t["correct"]) for t in truth.get("typos", [])}
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    suspects = {
        (s["row_label"], s["column"], s["found"], s["proposed"]) for f in errors for s in f["suspects"]
    }
    problems = []
    if suspects != typos:
        problems.append(
            f"suspects {sorted(suspects - typos)} not typos; typos {sorted(typos - suspects)} not named"
        )
    if bool(errors) != bool(typos):
        problems.append(f"{len(errors)} error finding(s) for {len(typos)} typo(s)")
    if report["status"] != ("partial" if typos else "success"):
        problems.append(f"status {report['status']}")
    period = truth.get("period")
    if (period and (report["period"] or {}).get("start") != period["start"]) or (
        period and report["period"]["end"] != period["end"]
    ):
        problems.append(f"period {report['period']} != {period}")
    return problems
