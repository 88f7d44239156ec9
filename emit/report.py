"""report.json: what was checked and what is wrong, for people and for scripts.

Decimals are strings (exact, as in document.json). ``rows`` flattens the findings to one row per
cell a finding names (frictionless' report.flatten pattern), for a spreadsheet or a DataFrame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from chohyo.emit.textout import write_out
from chohyo.model import CellKind, Document, Finding, PageKind, Relation, Severity, Table


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _raw_label(table: Table, axis: str, index: int) -> str:
    if axis == "col":
        return (
            table.columns[index].name
            if index < len(table.columns) and table.columns[index].name
            else f"列{index + 1}"
        )
    row = next((r for r in table.rows if r.index == index), None)
    if row is not None:
        return row.label
    cell = table.cell(index, 0)
    return cell.text if cell is not None else ""


def relation_json(table: Table, rel: Relation, out: Callable[[str], str]) -> dict[str, Any]:
    def _label(axis: str, index: int) -> str:
        return out(_raw_label(table, axis, index))

    return {
        "id": rel.id,
        "kind": rel.kind,
        "axis": rel.axis,
        "target": rel.target,
        "target_label": _label(rel.axis, rel.target),
        "terms": [{"index": t.index, "sign": t.sign, "label": _label(rel.axis, t.index)} for t in rel.terms],
        "holds": rel.holds,
        "source": rel.source,
        "score": rel.score,
        "description": rel.description,
    }


def finding_json(f: Finding, out: Callable[[str], str]) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "page": f.page,
        "table": f.table,
        "relation": f.relation,
        "resolution": None
        if f.resolution is None
        else {
            "state": f.resolution.state,
            "by": f.resolution.by,
            "at": f.resolution.at,
            "was": f.resolution.was.value,
        },
        "cells": [
            {
                "row": c.row,
                "col": c.col,
                "row_label": out(c.row_label),
                "column": out(c.column),
                "value": _num(c.value),
                "page": c.page,
            }
            for c in f.cells
        ],
        "expected": _num(f.expected),
        "found": _num(f.found),
        "suspects": [
            {
                "row": s.row,
                "col": s.col,
                "row_label": out(s.row_label),
                "column": out(s.column),
                "found": _num(s.found),
                "proposed": _num(s.proposed),
                "proposed_text": s.proposed_text,
                "reason": s.reason,
            }
            for s in f.suspects
        ],
    }


def flat_rows(index: int, f: Finding, out: Callable[[str], str]) -> list[dict[str, Any]]:
    """The finding as one row per cell it names: each row's figures are that cell's own.

    The relation's target (its first cell) carries ``found`` and ``expected``; a term carries its
    value as ``found``; a suspect carries its ``proposed`` value. A finding that names no cell is one
    row with the finding's own figures. ``finding`` numbers the rows of one finding together.
    """
    base = {
        "finding": index,
        "code": f.code,
        "severity": f.severity.value,
        "table": f.table,
        "message": f.message,
        "resolution": None if f.resolution is None else f.resolution.state,
    }
    proposals = {(s.row, s.col): s for s in f.suspects}
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for i, c in enumerate(f.cells):
        s = proposals.get((c.row, c.col))
        seen.add((c.row, c.col))
        rows.append(
            {
                **base,
                "page": c.page if c.page is not None else f.page,
                "role": "target" if i == 0 else "term",
                "row": c.row,
                "col": c.col,
                "row_label": out(c.row_label),
                "column": out(c.column),
                "found": _num(f.found if i == 0 and f.found is not None else (s.found if s else c.value)),
                "expected": _num(f.expected) if i == 0 else None,
                "proposed": _num(s.proposed) if s else None,
                "suspect": s is not None,
            }
        )
    for s in f.suspects:
        if (s.row, s.col) in seen:
            continue
        rows.append(
            {
                **base,
                "page": f.page,
                "role": "suspect",
                "row": s.row,
                "col": s.col,
                "row_label": out(s.row_label),
                "column": out(s.column),
                "found": _num(s.found),
                "expected": None,
                "proposed": _num(s.proposed),
                "suspect": True,
            }
        )
    if not rows:
        rows.append(
            {
                **base,
                "page": f.page,
                "role": None,
                "row": None,
                "col": None,
                "row_label": None,
                "column": None,
                "found": _num(f.found),
                "expected": _num(f.expected),
                "proposed": None,
                "suspect": False,
            }
        )
    return rows


def relation_counts(tables: list[Table]) -> dict[str, int]:
    rels = [r for t in tables for r in t.relations]
    return {
        "found": len(rels),
        "checked": sum(r.holds is not None for r in rels),
        "passed": sum(r.holds is True for r in rels),
        "failed": sum(r.holds is False for r in rels),
    }


def finding_counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    by = Counter(f.severity.value for f in findings)
    return {s.value: by.get(s.value, 0) for s in Severity}


def build_report(
    doc: Document, csv_paths: dict[str, str] | None = None, keep_dependent: bool = False
) -> dict[str, Any]:
    """The report; labels and column names are written as in the CSVs (機種依存文字 written out)."""
    out: Callable[[str], str] = (lambda s: s) if keep_dependent else write_out
    tables = doc.tables
    csv_paths = csv_paths or {}
    return {
        "source": doc.source,
        "sha256": doc.sha256,
        "status": doc.status.value,
        "title": doc.title,
        "period": None
        if doc.period is None
        else {"start": doc.period.start, "end": doc.period.end, "label": doc.period.label},
        "counts": {
            "pages": len(doc.pages),
            "pages_scanned": sum(p.kind is not PageKind.DIGITAL for p in doc.pages),
            "tables": len(tables),
            "body_rows": sum(len({c.row for c in t.body_cells()}) for t in tables),
            "numbers": sum(
                c.kind is CellKind.NUMBER and c.value is not None for t in tables for c in t.body_cells()
            ),
            "relations": relation_counts(tables),
            "findings": finding_counts(doc.findings),
        },
        "findings": [finding_json(f, out) for f in doc.findings],
        "tables": [
            {
                "id": t.id,
                "pages": list(t.pages),
                "title": t.title,
                "notes": list(t.notes),
                "unit": t.unit.name if t.unit else None,
                "scale": _num(t.unit.scale) if t.unit else None,
                "csv": csv_paths.get(t.id),
                "relations": [relation_json(t, r, out) for r in t.relations],
            }
            for t in tables
        ],
        "rows": [row for i, f in enumerate(doc.findings) for row in flat_rows(i, f, out)],
        "budget": budget_json(doc),
    }


def budget_json(doc: Document) -> dict[str, Any] | None:
    """The 事項別明細書's long table in figures: 目, lines, and its relations found / held by kind."""
    b = doc.budget
    if b is None:
        return None
    return {
        "moku": b.moku,
        "lines": len(b.lines),
        "unlinked_lines": b.unlinked,
        "unit": b.unit,
        "relations": {kind: {"found": f, "held": h} for kind, (f, h) in b.counts().items()},
    }


def trimmed(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what depends on where it ran (for golden files)."""
    return {k: v for k, v in report.items() if k not in {"source"}}
