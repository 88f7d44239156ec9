"""Helpers for the validate tests: fixture truth files and small synthetic tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from chohyo.model import Finding, Table
from chohyo.validate.labels import bare
from chohyo.validate.truth import load_truth, table_from_truth
from chohyo.validate.view import column_name

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
    spec = {
        "columns": columns,
        "unit": unit,
        "rows": [
            {
                "label": r[0],
                "values": [None if v is None else str(v) for v in r[1]],
                "parents": list(r[2]) if len(r) > 2 else [],
            }
            for r in rows
        ],
    }
    return table_from_truth(spec)


def named(
    findings: list[Finding] | tuple[Finding, ...],
) -> dict[tuple[int, int], tuple[Decimal | None, Decimal | None]]:
    """Suspects named as THE wrong cells (not the candidates of an ambiguous failure)."""
    return {
        (s.row, s.col): (s.found, s.proposed)
        for f in findings
        if f.code != "ambiguous-correction"
        for s in f.suspects
    }


def candidates(
    findings: list[Finding] | tuple[Finding, ...],
) -> set[frozenset[tuple[int, int, Decimal | None]]]:
    """The candidate sets of ambiguous failures: each a set of (row, col, proposed)."""
    return {
        frozenset((s.row, s.col, s.proposed) for s in f.suspects)
        for f in findings
        if f.code == "ambiguous-correction"
    }


def typo_cells(table: Table, typos: list[dict]) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Grid cell of each typo, found by label + parents + column name (works for any extraction)."""
    out = {}
    for t in typos:
        want = [bare(p) for p in t["parents"]]  # spacing after numbering may differ (2. 管理費 / 2.管理費)
        rows = [r for r in table.rows if r.label == t["row_label"]]
        if len(rows) > 1 and any(r.parents for r in rows):
            rows = [r for r in rows if [bare(p) for p in r.parents[-len(want) :]] == want]
        elif len(rows) > 1:  # no hierarchy: the truth's own row position
            rows = [r for r in rows if r.index == t["row_index"] + table.header_rows]
        cols = [c.index for c in table.columns if column_name(table, c.index) == t["column"]]
        assert len(rows) == 1 and len(cols) == 1, t
        out[(rows[0].index, cols[0])] = (Decimal(t["printed"]), Decimal(t["correct"]))
    return out
