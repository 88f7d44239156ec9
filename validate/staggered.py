"""Totals staggered over a 内訳 | 計 pair of columns (chohyo.staggered: which columns, which items),
checked on scanned tables after the per-table validation: neither axis of the grid sees them (the
total stands in another column than its items). When a total holds, it confirms its items and
itself (their ``ocr-unconfirmed`` marks go). When it fails on a table where another one holds (so
the layout is sure), a warning says so, naming no cell (nothing tells which is misread), and every
OCR'd number on it is marked unconfirmed, agreeing readings included.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from chohyo.findings import CATALOGUE, FindingType, finding, register
from chohyo.model import Document, Finding, Severity, Table
from chohyo.staggered import amounts, breakdown_pairs, breakdowns
from chohyo.validate.check import where
from chohyo.validate.unconfirmed import FAILS, unconfirmed_cell, without_marks
from chohyo.validate.view import row_label

if "breakdown-sum-mismatch" not in CATALOGUE:
    register(
        FindingType(
            "breakdown-sum-mismatch",
            Severity.WARNING,
            "A 計 differs from its 内訳",
            "{where} is {total}, but the amounts itemised above it ({items}) add up to {parts}: "
            "one of them is misread or misprinted; check them against the scan",
        )
    )


def _held_parts(table: Table) -> dict[int, set[int]]:
    """Row of a holding sum's total (a row relation: the same in every column) → its rows."""
    out: dict[int, set[int]] = {}
    for rel in table.relations:
        if rel.axis == "row" and rel.kind == "sum" and rel.holds and all(t.sign == 1 for t in rel.terms):
            out[rel.target] = {t.index for t in rel.terms}
    return out


def staggered_totals(doc: Document) -> Document:
    """``doc`` with the 内訳 | 計 totals of its scanned tables checked (see the module's doc)."""
    confirmed: set[tuple[str, int, int]] = set()
    doubted: set[tuple[str, int, int]] = set()
    new: list[Finding] = []
    tables = {t.id: t for t in doc.tables}
    for table in doc.tables:
        if not any(c.is_ocr for c in table.body_cells()):
            continue  # a printed 計 that differs is a published error: the per-table checks say it
        values = amounts(table)
        held = _held_parts(table)
        for k in breakdown_pairs(table, values):
            results = [
                (t, terms, sum((values[(r, k)] for r in terms), Decimal(0)))
                for t, terms in breakdowns(values, k, held)
            ]
            if not any(parts == values[(t, k + 1)] for t, _, parts in results):
                continue  # no total holds: the columns may be no 内訳 | 計 pair at all
            for t, terms, parts in results:
                cells = {(table.id, r, k) for r in terms} | {(table.id, t, k + 1)}
                if parts == values[(t, k + 1)]:
                    confirmed |= cells
                    continue
                doubted |= cells
                new.append(_mismatch(table, t, k + 1, terms, values[(t, k + 1)], parts))
    if not confirmed and not doubted:
        return doc
    marked = {(c.table, c.row, c.col) for f in doc.findings if f.code == "ocr-unconfirmed" for c in f.cells}
    loud = {  # cells a failing check elsewhere names stay marked
        (c.table, c.row, c.col) for f in doc.findings if f.severity is Severity.ERROR for c in f.cells
    }
    kept = without_marks(doc.findings, confirmed - doubted - loud)
    for tid, r, c in sorted(doubted - marked):
        cell = tables[tid].cell(r, c)
        if cell is not None and cell.is_ocr:  # agreeing readings too: a sum through them fails
            new.append(unconfirmed_cell(tables[tid], (r, c), FAILS))
    return replace(doc, findings=kept + tuple(new))


def _mismatch(table: Table, t: int, col: int, terms: list[int], total: Decimal, parts: Decimal) -> Finding:
    names = [row_label(table, r) for r in terms]
    items = "、".join(names) if len(names) <= 4 else f"{names[0]} … {names[-1]}, {len(names)} rows"
    return finding(
        "breakdown-sum-mismatch",
        page=table.pages[0],
        table=table.id,
        where=where(table, t, col),
        items=items,
        total=f"{total:,}",
        parts=f"{parts:,}",
        found=total,
        expected=parts,
    )
