"""camelot's ``copy_text``: a spanning cell's text written into every cell it covers (opt-in).

By default a cell printed once over several rows or columns is kept once, with its span: a value
is never counted twice by the checks. A clerk loading the table into a spreadsheet or a database
often wants every row to carry its group (``GMC`` on each of its plans): ``copy_text="v"`` copies
down, ``"h"`` across, ``"vh"`` both. Each copy names its source in the provenance.
"""

from __future__ import annotations

from dataclasses import replace

from chohyo.model import Cell, Page, Table

COPIED = "copied-from-span"


def copy_span_text(page: Page, how: str) -> Page:
    if not how or not page.tables:
        return page
    return replace(page, tables=tuple(_copy(t, how) for t in page.tables))


def _copy(table: Table, how: str) -> Table:
    if not any(c.row_span > 1 or c.col_span > 1 for c in table.cells):
        return table
    down, across = "v" in how, "h" in how
    taken = {(c.row, c.col) for c in table.cells}
    out: list[Cell] = []
    for c in table.cells:
        rows = c.row_span if down else 1
        cols = c.col_span if across else 1
        if rows == 1 and cols == 1:
            out.append(c)
            continue
        out.append(replace(c, row_span=c.row_span - rows + 1, col_span=c.col_span - cols + 1))
        for r in range(c.row, c.row + rows):
            for k in range(c.col, c.col + cols):
                if (r, k) == (c.row, c.col) or (r, k) in taken:
                    continue
                out.append(
                    replace(
                        c,
                        row=r,
                        col=k,
                        row_span=1 if down else c.row_span,
                        col_span=1 if across else c.col_span,
                        provenance=c.provenance.with_transforms(COPIED),
                    )
                )
    out.sort(key=lambda c: (c.row, c.col))
    return replace(table, cells=tuple(out))
