"""Amounts staggered over a 内訳 | 計 pair of columns: one rule for the OCR stage (a total that holds
with the first readings spares its cells a second reading) and the validate stage (checks it).

A company's 損益計算書 or 販売費及び一般管理費 prints its items in the left column and their total in
the 計 column, on the last item's row (or on a row of its own under them: 合計). A pair is two
adjacent amount columns under one printed heading (金額 spanning both) or headed 内訳 and 計, the
right one holding fewer figures. A total's items are the run of left-column amounts right above it
(its own row's included), back to the last heading or earlier total; an item that is itself the
holding total of items in the run (*合計* of 期首棚卸高 … 仕入) stands for them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from chohyo.model import CellKind, Table

_ITEMS = re.compile(r"内訳|明細")
_TOTAL = re.compile(r"計$")

Key = tuple[int, int]


def amounts(table: Table) -> dict[Key, Decimal]:
    """(row, col) → value of the table's body numbers."""
    return {
        (c.row, c.col): c.value
        for c in table.body_cells()
        if c.kind is CellKind.NUMBER and c.value is not None
    }


def breakdown_pairs(table: Table, values: Mapping[Key, object]) -> list[int]:
    """Left columns k of the 内訳 | 計 pairs (k, k + 1) of ``table`` (``values``: its figures)."""
    used = {col for _, col in values}
    out = []
    for k in range(len(table.columns) - 1):
        if k not in used or k + 1 not in used:
            continue
        left, right = table.columns[k].path, table.columns[k + 1].path
        headed = bool(left and right and _ITEMS.search(left[-1]) and _TOTAL.search(right[-1]))
        if not (headed or (left and left == right)):
            continue
        if sum(1 for _, col in values if col == k + 1) < sum(1 for _, col in values if col == k):
            out.append(k)  # totals are fewer than items
    return out


def breakdowns(
    values: Mapping[Key, object], k: int, held: Mapping[int, set[int]] | None = None
) -> list[tuple[int, list[int]]]:
    """(total's row, its items' rows) for each figure of column ``k + 1`` with two items or more.
    ``held``: row of a holding sum's total in column ``k`` → its rows (the items it stands for)."""
    rows = sorted({r for r, _ in values})
    out = []
    for t in rows:
        if (t, k + 1) not in values:
            continue
        run = _run(rows, values, k, t)
        inside = set(run)
        hidden = {m for r in run if held and r in held and held[r] <= inside for m in held[r]}
        terms = [r for r in run if r not in hidden]
        if len(terms) >= 2:
            out.append((t, terms))
    return out


def _run(rows: list[int], values: Mapping[Key, object], k: int, t: int) -> list[int]:
    run: list[int] = []
    for i in range(rows.index(t), -1, -1):
        r = rows[i]
        if (r, k) not in values or (r != t and (r, k + 1) in values):
            if r == t:
                continue  # 合計 on a row of its own, under its items
            break
        run.append(r)
    return sorted(run)
