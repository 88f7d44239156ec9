"""Labels printed over several columns, brought to one label column (the CSV needs the row's own
label first):

- a staircase (款 | 項 | 目: a 款 row fills the first, a 項 row the second): the label cell keeps
  its box, so its indentation (the column it sat in) still gives the level;
- a group column (歳入 / 歳出, often written vertically) whose cells span blocks of rows before
  the label column: its text becomes the rows' parent, not a column."""

from __future__ import annotations

from chohyo.extract.tables.cells import looks_numeric
from chohyo.extract.tables.grid import Grid, GridCell

MAX_LABEL_COLUMNS = 4


def label_columns(grid: Grid, n_header: int) -> int:
    """How many leading columns hold the labels staircase-fashion (1 when there is nothing to merge)."""
    body = [c for c in grid.cells if c.row >= n_header]
    by_row: dict[int, list[GridCell]] = {}
    for c in body:
        by_row.setdefault(c.row, []).append(c)
    m = 1
    for k in range(1, min(MAX_LABEL_COLUMNS, grid.n_cols - 1)):
        col = [c for c in body if c.col <= k < c.col + c.col_span]
        texts = [c.text for c in col if c.text and c.col == k]
        if not texts or any(looks_numeric(t) for t in texts):
            break
        m = k + 1
    if m == 1:
        return 1
    nxt = [c for c in body if c.col == m and c.text]
    if not nxt or not any(looks_numeric(c.text) for c in nxt):
        return 1
    for cells in by_row.values():  # one label per row, and only in the label columns' cells
        filled = [c for c in cells if c.col < m and c.text]
        if len(filled) > 1 or any(c.col < m < c.col + c.col_span for c in cells):
            return 1
    filled_cols = {c.col for c in body if c.col < m and c.text}
    return m if len(filled_cols) == m else 1


def merge_label_columns(grid: Grid, n_header: int) -> Grid:
    m = label_columns(grid, n_header)
    if m == 1:
        return grid
    cells: list[GridCell] = []
    header_texts: list[str] = []
    label_at: dict[int, GridCell] = {}
    for c in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        if c.col >= m:
            cells.append(GridCell(c.row, c.col - m + 1, c.row_span, c.col_span, c.bbox, c.chars, c.text))
        elif c.row < n_header:
            if c.text and c.text not in header_texts:
                header_texts.append(c.text)
            if c.col == 0:
                label_at[c.row] = GridCell(c.row, 0, c.row_span, 1, c.bbox, list(c.chars), c.text)
        elif c.row not in label_at or (c.text and not label_at[c.row].text):
            label_at[c.row] = GridCell(c.row, 0, c.row_span, 1, c.bbox, c.chars, c.text)
    for r, c in label_at.items():
        if r < n_header and c.row == r:
            c.text = "・".join(header_texts)
    cells.extend(label_at.values())
    return Grid(
        grid.page,
        grid.n_rows,
        grid.n_cols - m + 1,
        cells,
        grid.bbox,
        grid.method,
        grid.header_rows,
        grid.used,
        grid.parents,
    )


MAX_GROUP_CHARS = 12


def group_column(grid: Grid, n_header: int) -> dict[int, str] | None:
    """row -> group text when column 0 is a group column, else None."""
    if grid.n_cols < 3 or grid.n_rows - n_header < 2:
        return None
    body = [c for c in grid.cells if c.row + c.row_span > n_header]
    firsts = [c for c in body if c.col == 0]
    if any(c.col_span != 1 for c in firsts) or not any(c.text and c.row_span >= 2 for c in firsts):
        return None
    if any(
        c.text and (c.row_span < 2 or looks_numeric(c.text) or len(c.text) > MAX_GROUP_CHARS) for c in firsts
    ):
        return None
    labels = [c for c in body if c.col == 1 and c.col_span == 1 and c.row_span == 1]
    rows = grid.n_rows - n_header
    if len([c for c in labels if c.text and not looks_numeric(c.text)]) < 0.8 * rows:
        return None
    if not any(c.col == 2 and looks_numeric(c.text) for c in body if c.text):
        return None
    out: dict[int, str] = {}
    for c in firsts:
        for r in range(max(c.row, n_header), c.row + c.row_span):
            out[r] = c.text
    return out


def split_group_column(grid: Grid, n_header: int) -> Grid:
    groups = group_column(grid, n_header)
    if groups is None:
        return grid
    cells: list[GridCell] = []
    for c in grid.cells:
        if c.col >= 1:
            cells.append(GridCell(c.row, c.col - 1, c.row_span, c.col_span, c.bbox, c.chars, c.text))
        elif c.row < n_header and c.col_span > 1:  # 区分 over both columns
            cells.append(GridCell(c.row, 0, c.row_span, c.col_span - 1, c.bbox, c.chars, c.text))
    parents = {r: (*grid.parents.get(r, ()), g) if g else grid.parents.get(r, ()) for r, g in groups.items()}
    return Grid(
        grid.page,
        grid.n_rows,
        grid.n_cols - 1,
        cells,
        grid.bbox,
        grid.method,
        grid.header_rows,
        grid.used,
        parents,
    )
