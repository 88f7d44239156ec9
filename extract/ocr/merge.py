"""A table continued on the next scanned page (same columns, header repeated) becomes one table."""

from __future__ import annotations

import difflib
from dataclasses import replace

from chohyo.model import Page, Table


def same_columns(a: Table, b: Table) -> bool:
    """Same column count and headers that read alike (OCR may misread a character or two)."""
    if len(a.columns) != len(b.columns):
        return False
    ha = "|".join(c.name for c in a.columns)
    hb = "|".join(c.name for c in b.columns)
    return difflib.SequenceMatcher(None, ha, hb).ratio() >= 0.7


def append(a: Table, b: Table) -> Table:
    """``b``'s body rows after ``a``'s (``b``'s header rows dropped)."""
    offset = a.n_rows - b.header_rows
    cells = [replace(c, row=c.row + offset) for c in b.cells if c.row >= b.header_rows]
    rows = [replace(r, index=r.index + offset) for r in b.rows]
    return replace(
        a,
        pages=tuple(dict.fromkeys(a.pages + b.pages)),
        cells=a.cells + tuple(cells),
        rows=a.rows + tuple(rows),
        confidence=min(a.confidence, b.confidence),
    )


def merge_continued(pages: tuple[Page, ...]) -> tuple[Page, ...]:
    out = list(pages)
    for i in range(1, len(out)):
        prev = next((k for k in range(i - 1, -1, -1) if out[k].tables), None)
        if prev is None or not out[i].tables:
            continue
        last, first = out[prev].tables[-1], out[i].tables[0]
        if same_columns(last, first):
            merged = append(last, first)
            out[prev] = replace(out[prev], tables=(*out[prev].tables[:-1], merged))
            out[i] = replace(out[i], tables=out[i].tables[1:])
    return tuple(out)
