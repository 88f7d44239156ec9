"""Helpers for the validate tests: fixture truth files and small synthetic tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chohyo.model import Table
from chohyo.validate.truth import load_truth, table_from_truth

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def fixture_path(case: str, ext: str = ".truth.json") -> Path:
    path = FIXTURES / f"{case}{ext}"
    if not path.exists():
        pytest.skip(f"fixture {path.name} not generated yet (make fixtures)")
    return path


def truth_tables(case: str, flat: bool = False) -> list[Table]:
    """The fixture's tables from its truth JSON; ``flat`` drops the row hierarchy."""
    data = load_truth(fixture_path(case))
    out = []
    for i, spec in enumerate(data["tables"]):
        if flat:
            spec = {**spec, "rows": [{**r, "parents": [], "level": 0} for r in spec["rows"]]}
        out.append(table_from_truth(spec, f"t{i + 1}"))
    return out


def make_table(columns: list[str], rows: list[tuple[Any, ...]], unit: dict[str, Any] | None = None) -> Table:
    """A table from (label, values[, parents]) rows (None = blank); columns include the label column."""
    spec = {"columns": columns, "unit": unit,
            "rows": [{"label": r[0], "values": [None if v is None else str(v) for v in r[1]],
                      "parents": list(r[2]) if len(r) > 2 else []} for r in rows]}
    return table_from_truth(spec)
