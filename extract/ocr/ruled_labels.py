"""Labels printed over several columns of a ruled scan, brought to one label column, by the
born-digital rules (tables/label_columns.py) applied to the cells as read:

- a group column (歳入 / 歳出, often written vertically) whose cells span blocks of rows before
  the label column: its text becomes the rows' parent, and the column goes;
- a staircase (款 | 項: a 款 row fills the first column, a 項 row the second): each row's label
  cell becomes column 0 and keeps its box, so the column it sat in still gives its level.
"""

from __future__ import annotations

from dataclasses import replace

from chohyo.extract.ocr.cell_text import clean_label
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.extract.tables.label_columns import group_column, label_columns
from chohyo.model import BBox, Cell, CellKind, Column, Table


def fold_label_columns(table: Table) -> Table:
    """``table`` with a group column made into row parents and staircase labels merged (both as
    the digital path decides them); unchanged when neither applies."""
    return _merge_staircase(_split_group(table))


def _proxy(table: Table) -> Grid:
    """The cells as the digital rules see them: text on a grid with spans."""
    cells = [GridCell(c.row, c.col, c.row_span, c.col_span, c.bbox, [], c.text) for c in table.cells]
    return Grid(
        table.pages[0],
        table.n_rows,
        len(table.columns),
        cells,
        table.bbox or BBox(0, 0, 0, 0),
        table.method,
        table.header_rows,
    )


def _split_group(table: Table) -> Table:
    n_header = table.header_rows
    groups = group_column(_proxy(table), n_header)
    if groups is None:
        return table
    cells: list[Cell] = []
    for c in table.cells:
        if c.col >= 1:
            cells.append(replace(c, col=c.col - 1))
        elif c.row < n_header and c.col_span > 1:  # 区分 over both columns
            cells.append(replace(c, col_span=c.col_span - 1))
    cells = [_as_label(c) if c.col == 0 and c.row >= n_header else c for c in cells]
    rows = tuple(
        replace(
            r,
            label=_label_of(cells, r.index),
            level=0,
            parents=(*r.parents, groups[r.index]) if groups.get(r.index) else r.parents,
        )
        for r in table.rows
    )
    columns = tuple(replace(col, index=i) for i, col in enumerate(table.columns[1:]))
    return replace(
        table, cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))), columns=columns, rows=rows
    )


def _merge_staircase(table: Table) -> Table:
    n_header = table.header_rows
    m = label_columns(_proxy(table), n_header)
    if m == 1:
        return table
    cells: list[Cell] = []
    header_texts: list[str] = []
    label_at: dict[int, Cell] = {}
    level: dict[int, int] = {}  # the column a row's label sat in
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if c.col >= m:
            cells.append(replace(c, col=c.col - m + 1))
        elif c.row < n_header:
            if c.text and c.text not in header_texts:
                header_texts.append(c.text)
            if c.col == 0:
                label_at[c.row] = replace(c, col_span=1)
        elif c.row not in label_at or (c.text and not label_at[c.row].text):
            label_at[c.row] = replace(c, col=0, col_span=1)
            level[c.row] = c.col
    joined = "・".join(header_texts)
    for r, c in label_at.items():
        if r < n_header and c.row == r:
            label_at[r] = replace(c, raw_text=joined, text=joined)
        elif r >= n_header:
            label_at[r] = _as_label(c)
    cells.extend(label_at.values())
    cells.sort(key=lambda c: (c.row, c.col))
    columns = (
        Column(0, (joined,) if joined else table.columns[0].path, table.columns[0].unit),
        *(replace(col, index=i) for i, col in enumerate(table.columns[m:], start=1)),
    )
    rows = tuple(replace(r, label=_label_of(cells, r.index), level=level.get(r.index, 0)) for r in table.rows)
    return replace(table, cells=tuple(cells), columns=columns, rows=rows)


def _as_label(c: Cell) -> Cell:
    """A cell read as a value or text cell, now the row's label."""
    if not c.raw_text:
        return c
    text = clean_label(c.raw_text)
    others = tuple(dict.fromkeys(t for t in (clean_label(x) for x in c.candidates if x.strip()) if t != text))
    return replace(c, kind=CellKind.LABEL, text=text, value=None, null_reason=None, candidates=others)


def _label_of(cells: list[Cell], row: int) -> str:
    return next((c.text for c in cells if c.row == row and c.col == 0 and c.kind is CellKind.LABEL), "")
