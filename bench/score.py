"""Shared scoring against fixture truth: rows exact and cells correct.

Every tool is scored the same way. Its cell strings get the same light cleaning (documented in
``clean_value``/``clean_label``): layout white space removed, full-width digits and punctuation
folded, thousands commas dropped, a leading △/▲/－/− (or wrapping parentheses) read as a minus.
Nothing else is forgiven: a label split over two columns, a number cut in two, a row merged
with its neighbour or a shifted column all count as wrong.

A chohyo ``Document`` is scored on ``Cell.value`` where the normalize stage produced one, else on
its text; peers (camelot, pdfplumber) give lists of DataFrames / lists of rows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"

_WIDTH = str.maketrans("０１２３４５６７８９，．（）－＋", "0123456789,.()-+")
_SPACE = re.compile(r"\s+")
_MINUS = "△▲-−－‐‑‒–—―﹣"
_INT = re.compile(r"^-?\d+(\.\d+)?$")
# how far ahead of the last matched row a truth row is looked for: a lost row must not drag the
# alignment past good rows (extra header or junk rows in between stay within these windows)
LABEL_WINDOW = 12
VALUE_WINDOW = 3


def load_truth(case: str | Path) -> dict[str, Any]:
    path = Path(case)
    if not path.suffix:
        path = FIXTURES / f"{case}.truth.json"
    return json.loads(path.read_text(encoding="utf-8"))


def clean_label(text: str | None) -> str:
    """Labels compared with all white space removed (letter-spacing and layout both)."""
    return _SPACE.sub("", text or "").replace("\u3000", "")


def clean_value(text: Any) -> str | None:
    """A cell as a plain integer string (``-1234``), ``None`` for an empty cell, else the text."""
    if text is None:
        return None
    if isinstance(text, float) and text != text:  # NaN from pandas
        return None
    if isinstance(text, Decimal | int | float) and not isinstance(text, bool):
        d = Decimal(str(text))
        return str(int(d)) if d == d.to_integral_value() else str(d.normalize())
    t = _SPACE.sub("", str(text)).replace("\u3000", "").translate(_WIDTH)
    if not t:
        return None
    neg = False
    if t[0] in _MINUS and len(t) > 1:
        neg, t = True, t[1:]
    elif t.startswith("(") and t.endswith(")"):
        neg, t = True, t[1:-1]
    t = t.replace(",", "")
    if t.startswith("-") and _INT.match(t):
        neg, t = True, t[1:]
    if _INT.match(t):
        return "-" + t if neg and t.strip("0.") else t
    return "-" + t if neg else t


@dataclass
class Score:
    rows: int = 0  # truth rows
    rows_exact: int = 0
    cells: int = 0  # truth cells (label + values)
    cells_correct: int = 0
    tables: int = 0  # tables the tool returned

    def add(self, other: Score) -> None:
        self.rows += other.rows
        self.rows_exact += other.rows_exact
        self.cells += other.cells
        self.cells_correct += other.cells_correct
        self.tables += other.tables

    @property
    def row_rate(self) -> float:
        return self.rows_exact / self.rows if self.rows else 0.0

    @property
    def cell_rate(self) -> float:
        return self.cells_correct / self.cells if self.cells else 0.0


Rows = list[list[Any]]  # one list per extracted row: label first, then values


def rows_from_document(doc: Any) -> list[Rows]:
    """Each chohyo table's body rows (label from the Row, values from Cell.value or Cell.text)."""
    out = []
    for table in doc.tables:
        n = len(table.columns)
        by_row: dict[int, dict[int, Any]] = {}
        for c in table.body_cells():
            if c.value is not None:
                v: Any = c.value
            else:
                v = c.text or None
            by_row.setdefault(c.row, {})[c.col] = v
        labels = {r.index: r.label for r in table.rows}
        rows = []
        for r in sorted(by_row):
            cells = by_row[r]
            rows.append([labels.get(r, cells.get(0))] + [cells.get(k) for k in range(1, n)])
        out.append(rows)
    return out


def rows_from_frames(frames: list[Any]) -> list[Rows]:
    """A peer's tables (pandas DataFrames or lists of lists) as rows of raw strings."""
    out = []
    for f in frames:
        values = f.values.tolist() if hasattr(f, "values") else f
        out.append([[None if v is None else str(v) for v in row] for row in values])
    return out


def score_rows(truth_table: dict[str, Any], rows: Rows) -> Score:
    """Align truth rows to extracted rows in order (by label, then by values); count exact rows/cells."""
    truth_rows = truth_table["rows"]
    n_vals = len(truth_table["columns"]) - 1
    cleaned = [(clean_label(r[0] if r else ""), [clean_value(v) for v in r[1:]]) for r in rows]
    score = Score(rows=len(truth_rows), cells=len(truth_rows) * (n_vals + 1))
    pos = 0
    for tr in truth_rows:
        label = clean_label(tr["label"])
        values = [None if v is None else str(v) for v in tr["values"]]
        hit = None
        for k in range(pos, min(pos + LABEL_WINDOW, len(cleaned))):
            if cleaned[k][0] == label:
                hit = k
                break
        if hit is None:  # label mangled: find the row by its values (still scores its cells)
            for k in range(pos, min(pos + VALUE_WINDOW, len(cleaned))):
                if any(v is not None for v in values) and cleaned[k][1][:n_vals] == values:
                    hit = k
                    break
        if hit is None:
            continue
        pos = hit + 1
        got_label, got = cleaned[hit]
        got = (got + [None] * n_vals)[:n_vals] if len(got) <= n_vals else got
        correct = int(got_label == label) + sum(1 for a, b in zip(got, values, strict=False) if a == b)
        score.cells_correct += correct
        if got_label == label and len(got) == n_vals and got == values:
            score.rows_exact += 1
    return score


def score_tables(truth: dict[str, Any], tables: list[Rows]) -> Score:
    """Each truth table against the best of: every extracted table alone, and all of them pooled."""
    total = Score(tables=len(tables))
    pooled = [row for t in tables for row in t]
    for tt in truth.get("tables", []):
        candidates = [*tables, pooled]
        best = max(
            (score_rows(tt, rows) for rows in candidates), key=lambda s: (s.rows_exact, s.cells_correct)
        )
        total.add(best)
    return total


def score_document(truth: dict[str, Any], doc: Any) -> Score:
    return score_tables(truth, rows_from_document(doc))


def score_frames(truth: dict[str, Any], frames: list[Any]) -> Score:
    return score_tables(truth, rows_from_frames(frames))
