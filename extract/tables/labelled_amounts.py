"""Amounts printed with a word naming what they are, stacked in one cell (基金現在高調: ``取崩 △ 200,000``
over ``積立 608`` under each change column). Read as text the amounts are lost (``取崩△ 200,000``,
no value), and where the rules leave the two lines apart the fund's row is cut in two (the 積立
line a row of its own with no label).

When a table's value columns hold such cells only, and the same few words repeat down them, each
such column becomes one column per word (``令和3年度予算計上額 / 当初 / 取崩``, ``… / 積立``; the word
also in a header row of its own): one value a cell, its sign with it, the fund's row whole, and the
column sums (計) and the balance (差引残高 = 前年度末残高 + Σ the changes) checkable as printed.
A line cut off its fund's row (no label, labelled amounts only) goes back into the row above."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import reduce

from chohyo.model import BBox, Cell, CellKind, Column, Row, Table

__all__ = ["split_labelled_amounts"]

_WORD = r"[\u3400-\u9fff\u3040-\u309f\u30a0-\u30ff]{1,4}"
_AMOUNT = r"[△▲+＋]?\s*[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})*"
_PAIR = re.compile(rf"\s*({_WORD})\s*({_AMOUNT})\s*")
_MAX_WORDS = 4  # 取崩, 積立, 繰入, 償還: a few kinds, not a column of names
_MIN_CELLS = 4  # and printed often enough to be the table's way of writing its changes
TRANSFORM = "labelled-amount"


def _pairs(text: str) -> list[tuple[str, str]] | None:
    """``取崩△ 200,000積立608`` → [(取崩, △ 200,000), (積立, 608)]; None unless the whole text is
    such pairs, each word once."""
    out: list[tuple[str, str]] = []
    at = 0
    text = text.strip()
    while at < len(text):
        m = _PAIR.match(text, at)
        if m is None or m.end() == at:
            return None
        out.append((m.group(1), m.group(2).strip()))
        at = m.end()
    words = [w for w, _ in out]
    return out if out and len(set(words)) == len(words) else None


def split_labelled_amounts(t: Table) -> Table:
    """The table with each column of labelled amounts split by word; the table itself otherwise."""
    hr = t.header_rows
    body = [c for c in t.cells if c.row >= hr and c.col > 0 and c.raw_text.strip()]
    read = {(c.row, c.col): _pairs(c.raw_text) for c in body}
    labelled = {k: p for k, p in read.items() if p}
    if len(labelled) < _MIN_CELLS or hr < 1:
        return t
    cols = {k[1] for k in labelled}
    # a split column holds labelled amounts only, one box a cell
    cols = {
        col
        for col in cols
        if all(read[(c.row, c.col)] for c in body if c.col == col)
        and all(c.col_span == 1 and c.row_span == 1 for c in t.cells if c.col == col and c.row >= hr)
    }
    uses = Counter(w for k, p in labelled.items() if k[1] in cols for w, _ in p)
    if (
        not cols
        or len(uses) > _MAX_WORDS
        or min(uses.values()) < 2
        or sum(k[1] in cols for k in labelled) < _MIN_CELLS
    ):
        return t
    order = {w: k for k, w in enumerate(uses)}  # first printed first (取崩 over 積立)
    words = {
        col: sorted({w for k, p in labelled.items() if k[1] == col for w, _ in p}, key=order.__getitem__)
        for col in sorted(cols)
    }
    grid = {(c.row, c.col): c for c in t.cells}
    n_rows = max((c.row + c.row_span for c in t.cells), default=0)

    # rows to join to the row above: no label, labelled amounts only, their words new there
    into: dict[int, int] = {}
    kept = hr
    for r in range(hr, n_rows):
        in_row = [c for c in t.cells if c.row == r]
        label = grid.get((r, 0))
        full = [c for c in in_row if c.raw_text.strip() and c.col != 0]
        joinable = (
            r > hr
            and (label is None or not label.raw_text.strip())
            and full
            and all(c.col in cols for c in full)
            and not any(c.row_span > 1 for c in in_row)
        )
        if joinable:
            above = kept
            clash = any(
                set(w for w, _ in read[(c.row, c.col)] or ())
                & set(w for w, _ in (read.get((above, c.col)) or ()))
                for c in full
            )
            top_label = next((c for c in t.cells if c.col == 0 and c.row <= above < c.row + c.row_span), None)
            if not clash and top_label is not None and top_label.raw_text.strip():
                into[r] = above
                continue
        kept = r

    def new_row(r: int) -> int:  # after the word header row, less the rows joined above
        return r + (1 if r >= hr else 0) - sum(1 for j in into if j < r)

    starts: dict[int, int] = {}
    at = 0
    n_cols = max((c.col + c.col_span for c in t.cells), default=0)
    for col in range(n_cols):
        starts[col] = at
        at += len(words[col]) if col in words else 1
    starts[n_cols] = at

    # the pairs of each (kept row, split column), joined rows' added below their row's own
    pairs: dict[tuple[int, int], list[tuple[str, str, Cell]]] = {}
    for c in sorted(t.cells, key=lambda c: (c.row, c.col)):
        if (c.row, c.col) in labelled and c.col in cols:
            r = into.get(c.row, c.row)
            pairs.setdefault((r, c.col), []).extend((w, a, c) for w, a in labelled[(c.row, c.col)])

    cells: list[Cell] = []
    for c in t.cells:
        if c.row in into:
            continue  # its amounts went up; its other cells are empty
        spans = sum(1 for j in into if c.row < j < c.row + c.row_span)
        base = replace(
            c,
            row=new_row(c.row),
            col=starts[c.col],
            col_span=starts[c.col + c.col_span] - starts[c.col],
            row_span=c.row_span - spans,
        )
        if c.row < hr or c.col not in cols:
            cells.append(base)
            continue
        here = {w: (a, src) for w, a, src in pairs.get((c.row, c.col), [])}
        for k, w in enumerate(words[c.col]):
            if w not in here:
                cells.append(
                    replace(
                        base,
                        col=starts[c.col] + k,
                        col_span=1,
                        raw_text="",
                        text="",
                        kind=CellKind.EMPTY,
                        lines=(),
                    )
                )
                continue
            amount, src = here[w]
            parts = [b for b in (c.bbox, None if src is c else src.bbox) if b is not None]
            box = reduce(BBox.union, parts) if parts else None
            cells.append(
                replace(
                    base,
                    col=starts[c.col] + k,
                    col_span=1,
                    raw_text=amount,
                    text=amount,
                    kind=CellKind.NUMBER,
                    value=None,  # the normalize stage reads the amount (an OCR cell's too)
                    candidates=(),
                    char_confidences=(),
                    bbox=box,
                    lines=(),
                    provenance=c.provenance.with_transforms(f"{TRANSFORM}:{w}"),
                )
            )
    # the word header row: each split column's word, nothing over the other columns
    page = t.pages[0] if t.pages else 1
    for col in range(n_cols):
        for k, w in enumerate(words.get(col, [""])):
            cells.append(
                Cell(
                    row=hr,
                    col=starts[col] + k,
                    raw_text=w,
                    text=w,
                    kind=CellKind.HEADER if w else CellKind.EMPTY,
                    page=page,
                )
            )
    cells.sort(key=lambda c: (c.row, c.col))

    columns: list[Column] = []
    for old in t.columns:
        for k, w in enumerate(words.get(old.index, [""])):
            columns.append(replace(old, index=starts[old.index] + k, path=(*old.path, w) if w else old.path))
    rows: list[Row] = [replace(row, index=new_row(row.index)) for row in t.rows if row.index not in into]
    return replace(t, cells=tuple(cells), columns=tuple(columns), rows=tuple(rows), header_rows=hr + 1)
