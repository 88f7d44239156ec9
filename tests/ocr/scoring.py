"""Scanned tables scored against a truth file, as bench/score.py does (tests do not import bench).

Rows are aligned to the truth in order (by label, else by values, else by a close label); a row
is exact when its label and every value are right; a silent wrong value is a value cell still
wrong after validation that no finding names (its cells or its suspects).
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Any

from chohyo.model import Document, Table

_WIDTH = str.maketrans("０１２３４５６７８９，．（）－＋", "0123456789,.()-+")
_MINUS = "△▲-−－‐‑‒–—―﹣"
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _label(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").replace("\u3000", "")


def _value(cell: Any) -> str | None:
    """A cell as the truth writes it: a plain integer string, None when empty, else its text."""
    if cell is None:
        return None
    if cell.value is not None:
        d = Decimal(cell.value)
        return str(int(d)) if d == d.to_integral_value() else str(d.normalize())
    t = _label(cell.text).translate(_WIDTH)
    if not t:
        return None
    neg = t[0] in _MINUS and len(t) > 1
    body = t[1:] if neg else t
    if body.startswith("(") and body.endswith(")"):
        neg, body = True, body[1:-1]
    body = body.replace(",", "")
    if _NUMBER.match(body):
        return "-" + body if neg and body.strip("0.") else body
    return t


Located = tuple[str, int, str, list[str | None]]  # table id, grid row, label, values


def _rows(table: Table) -> list[Located]:
    labels = {r.index: r.label for r in table.rows}
    body = sorted({c.row for c in table.body_cells()})
    return [
        (
            table.id,
            r,
            _label(labels.get(r) or (table.cell(r, 0).text if table.cell(r, 0) else "")),
            [_value(table.cell(r, k)) for k in range(1, len(table.columns))],
        )
        for r in body
    ]


def _align(truth_rows: list[dict], rows: list[Located], close: bool = False) -> list[tuple[dict, Located]]:
    """Truth rows matched in order: by label (12 rows ahead), by values (3), with ``close`` by a close label (3)."""
    out, pos = [], 0
    for tr in truth_rows:
        label = _label(tr["label"])
        ahead = range(pos, min(pos + 12, len(rows)))
        near = range(pos, min(pos + 3, len(rows)))
        hit = next((k for k in ahead if rows[k][2] == label), None)
        if hit is None and any(v is not None for v in tr["values"]):
            hit = next((k for k in near if rows[k][3][: len(tr["values"])] == tr["values"]), None)
        if hit is None and close:  # a misread label still holds its row's values
            hit = next(
                (k for k in near if difflib.SequenceMatcher(None, rows[k][2], label).ratio() >= 0.8), None
            )
        if hit is not None:
            out.append((tr, rows[hit]))
            pos = hit + 1
    return out


def _exact(tr: dict, row: Located) -> bool:
    n, got = len(tr["values"]), row[3]
    got = (got + [None] * n)[:n] if len(got) <= n else got  # a column never found reads as empty cells
    return row[2] == _label(tr["label"]) and got == tr["values"]


def rows_exact(truth: dict, doc: Document) -> int:
    """Per truth table, the best of: each extracted table alone, and all of them pooled."""
    tables = [_rows(t) for t in doc.tables]
    pooled = [r for t in tables for r in t]
    return sum(
        max(
            (sum(_exact(tr, row) for tr, row in _align(tt["rows"], rows)) for rows in [*tables, pooled]),
            default=0,
        )
        for tt in truth["tables"]
    )


def silent_wrong(truth: dict, doc: Document) -> list[str]:
    """Wrong value cells no finding names, as ``label/column: got != want``."""
    flagged = {(c.table, c.row, c.col) for f in doc.findings for c in f.cells}
    flagged |= {(f.table, s.row, s.col) for f in doc.findings for s in f.suspects}
    pooled = [r for t in doc.tables for r in _rows(t)]
    silent = []
    for tt in truth["tables"]:
        for tr, (tid, r, _, values) in _align(tt["rows"], pooled, close=True):
            for col, (got, want) in enumerate(zip(values, tr["values"], strict=False), start=1):
                if got != want and (tid, r, col) not in flagged:
                    silent.append(f"{tr['label']}/{tt['columns'][col]}: {got} != {want}")
    return silent
