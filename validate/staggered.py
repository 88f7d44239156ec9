"""Amounts staggered over a 内訳 | 計 pair of columns (a company's 損益計算書, 販売費及び一般管理費):
the items stand in the left column, and the 計 column holds their total on the last item's row (or
on the row under them: 合計). Neither axis of the grid sees it (the total is in another column than
its items), so it is checked here, on scanned tables, after the per-table validation.

A pair is two adjacent amount columns under one printed heading (金額 spanning both) or headed
内訳 and 計. A total's items are the run of left-column amounts right above it (its own row's
included), from the last heading or earlier total down; an item that is itself the holding total of
items in the run (*合計* of 期首棚卸高 … 仕入) stands for them. When the total holds, it confirms its
items and itself (their ``ocr-unconfirmed`` marks go). When it fails on a table where another one
holds (so the layout is sure), a warning says so, naming no cell (nothing tells which is misread),
and every OCR'd number on it is marked unconfirmed, agreeing readings included.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from chohyo.findings import CATALOGUE, FindingType, finding, register
from chohyo.model import CellKind, Document, Finding, Severity, Table
from chohyo.validate.check import where
from chohyo.validate.unconfirmed import FAILS, unconfirmed_cell

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

_ITEMS = re.compile(r"内訳|明細")
_TOTAL = re.compile(r"計$")

Key = tuple[int, int]


def _amounts(table: Table) -> dict[Key, Decimal]:
    return {
        (c.row, c.col): c.value
        for c in table.body_cells()
        if c.kind is CellKind.NUMBER and c.value is not None
    }


def _pairs(table: Table, amounts: dict[Key, Decimal]) -> list[int]:
    """Left columns k of the 内訳 | 計 pairs (k, k + 1)."""
    used = {col for _, col in amounts}
    out = []
    for k in range(len(table.columns) - 1):
        if k not in used or k + 1 not in used:
            continue
        left, right = table.columns[k].path, table.columns[k + 1].path
        headed = bool(left and right and _ITEMS.search(left[-1]) and _TOTAL.search(right[-1]))
        if not (headed or (left and left == right)):
            continue
        n_left = sum(1 for _, col in amounts if col == k)
        n_right = sum(1 for _, col in amounts if col == k + 1)
        if n_right < n_left:  # totals are fewer than items
            out.append(k)
    return out


def _held_parts(table: Table, k: int) -> dict[int, set[int]]:
    """Row of a holding in-column sum's total → its rows, in column ``k``."""
    out: dict[int, set[int]] = {}
    for rel in table.relations:
        if rel.axis == "row" and rel.kind == "sum" and rel.holds and all(t.sign == 1 for t in rel.terms):
            out[rel.target] = {t.index for t in rel.terms}
    return out


def _run(rows: list[int], amounts: dict[Key, Decimal], k: int, t: int) -> list[int]:
    """Rows of the items of the total at row ``t`` of column ``k + 1`` (see the module's doc)."""
    run: list[int] = []
    start = rows.index(t)
    for i in range(start, -1, -1):
        r = rows[i]
        if (r, k) not in amounts or (r != t and (r, k + 1) in amounts):
            if r == t:
                continue  # 合計 on a row of its own, under its items
            break
        run.append(r)
    return sorted(run)


def _terms(run: list[int], held: dict[int, set[int]]) -> list[int]:
    inside = set(run)
    hidden = {m for r in run if r in held and held[r] <= inside for m in held[r]}
    return [r for r in run if r not in hidden]


def staggered_totals(doc: Document) -> Document:
    """``doc`` with the 内訳 | 計 totals of its scanned tables checked (see the module's doc)."""
    confirmed: set[tuple[str, int, int]] = set()
    doubted: set[tuple[str, int, int]] = set()
    new: list[Finding] = []
    tables = {t.id: t for t in doc.tables}
    for table in doc.tables:
        if not any(c.is_ocr for c in table.body_cells()):
            continue  # a printed 計 that differs is a published error: the per-table checks say it
        amounts = _amounts(table)
        rows = sorted({r.index for r in table.rows})
        for k in _pairs(table, amounts):
            held = _held_parts(table, k)
            results: list[tuple[int, list[int], bool]] = []
            for t in rows:
                if (t, k + 1) not in amounts:
                    continue
                terms = _terms(_run(rows, amounts, k, t), held)
                if len(terms) < 2:
                    continue
                total = sum((amounts[(r, k)] for r in terms), Decimal(0))
                results.append((t, terms, total == amounts[(t, k + 1)]))
            if not any(ok for _, _, ok in results):
                continue  # no total holds: the columns may be no 内訳 | 計 pair at all
            for t, terms, ok in results:
                cells = {(table.id, r, k) for r in terms} | {(table.id, t, k + 1)}
                if ok:
                    confirmed |= cells
                    continue
                doubted |= cells
                new.append(_mismatch(table, t, k, terms, amounts))
    if not confirmed and not doubted:
        return doc
    marked = {(c.table, c.row, c.col) for f in doc.findings if f.code == "ocr-unconfirmed" for c in f.cells}
    loud = {  # cells a failing check elsewhere names stay marked
        (c.table, c.row, c.col) for f in doc.findings if f.severity is Severity.ERROR for c in f.cells
    }
    kept = tuple(
        f
        for f in doc.findings
        if not (
            f.code == "ocr-unconfirmed"
            and f.cells
            and {(c.table, c.row, c.col) for c in f.cells} <= (confirmed - doubted - loud)
        )
    )
    for tid, r, c in sorted(doubted - marked):
        cell = tables[tid].cell(r, c)
        if cell is not None and cell.is_ocr:  # agreeing readings too: a sum through them fails
            new.append(unconfirmed_cell(tables[tid], (r, c), FAILS))
    return replace(doc, findings=kept + tuple(new))


def _mismatch(table: Table, t: int, k: int, terms: list[int], amounts: dict[Key, Decimal]) -> Finding:
    from chohyo.validate.view import row_label

    names = [row_label(table, r) for r in terms]
    items = "、".join(names) if len(names) <= 4 else f"{names[0]} … {names[-1]}, {len(names)} rows"
    expected = sum((amounts[(r, k)] for r in terms), Decimal(0))
    return finding(
        "breakdown-sum-mismatch",
        page=table.pages[0],
        table=table.id,
        where=where(table, t, k + 1),
        items=items,
        total=f"{amounts[(t, k + 1)]:,}",
        parts=f"{expected:,}",
        found=amounts[(t, k + 1)],
        expected=expected,
    )
