"""A page ``Grid`` → a model ``Table``: header rows, column paths, body rows, cell kinds."""

from __future__ import annotations

from chohyo.extract.tables.cells import are_years, guess_kind, looks_numeric, unit_mark
from chohyo.extract.tables.grid import Grid, GridCell, cell_lines
from chohyo.extract.tables.label_columns import merge_label_columns, split_group_column
from chohyo.japanese.numbers import parse_number
from chohyo.model import Cell, CellKind, Column, Provenance, Row, Table

MAX_HEADER_ROWS = 4
MAX_HEADER_CHARS = 24  # a longer cell is data (a sentence), not a column name
MAX_HEADER_WORDS = 8  # the same for Latin text, where a column name runs to several words


def _too_long(text: str) -> bool:
    if text.isascii():
        return len(text.split()) > MAX_HEADER_WORDS
    return len(text) > MAX_HEADER_CHARS


def header_rows(grid: Grid) -> int:
    """Leading rows with text but no number in the value columns, extended over their row spans."""
    if grid.header_rows >= 0:
        return grid.header_rows
    n = 0
    numeric = any(looks_numeric(c.text) for c in grid.cells if c.col >= 1 and c.text)
    limit = MAX_HEADER_ROWS if numeric else 1  # a table of text: at most one header row
    corner = grid.at(0, 0)
    for r in range(min(grid.n_rows - 1, limit)):
        if corner is not None and corner.row == 0 and corner.text and 1 < corner.row_span <= r:
            break  # the 区分 box over the row labels closes the header (本年度 / 長等 below it is body)
        if r > 0 and _unit_row(grid, r - 1):
            break  # units are printed under the column names, over the first figures: the header ends
        starts = [c for c in grid.cells if c.row == r]
        if r > 0 and len(starts) == 1 and starts[0].col_span == grid.n_cols:
            break  # a section row across the table (Ⅰ 一般正味財産増減の部), not a header
        if r > 0 and grid.method == "lattice" and _lone_item(starts):
            break  # a 説明 line continued from the page before (手数料 3), under the column names
        values = [c for c in starts if c.col >= 1 or (c.col == 0 and c.col_span > 1)]
        texts = [c.text for c in values if c.text]
        numbers = [t for t in texts if looks_numeric(t) or priced(t)]
        if numbers and are_years(numbers) and len(numbers) == len([c for c in starts if c.col >= 1]):
            numbers = []  # column names that are years (科目 2021 2022 2023)
        if r == 0 and not texts and not [c for c in starts if c.col == 0 and c.text]:
            continue  # a blank band over the column names (a frame drawn above them)
        if not texts or numbers or any(_too_long(t) for t in texts):
            break
        n = r + 1
    if n:
        # a header cell spanning rows extends the header, but not a side title printed down the
        # whole table (職員手当の内訳 beside two stacked bands): it would swallow the body
        n = max(
            [n] + [c.row + c.row_span for c in grid.cells if c.row < n and c.row + c.row_span < grid.n_rows]
        )
        while n < grid.n_rows - 1 and _unit_row(grid, n):  # 千円 under the column names
            n += 1
    return min(n, grid.n_rows - 1)


def priced(text: str) -> bool:
    """A figure printed with its yen unit (``13,480,696 千円``): a value, never a column name."""
    parsed = parse_number(text)
    return parsed.value is not None and bool(parsed.unit)


def _lone_item(starts: list[GridCell]) -> bool:
    """A fresh row of ruled boxes (its own empty label box, and two more) where one box alone holds
    text: a 説明 line continued from the page before (``市道に関する証明手数料 3``, ``金(1/2)``).
    Column names printed on two lines share one ruled box, so a header row is never this."""
    texts = [c.text for c in starts if c.text]
    return len(starts) >= 3 and any(c.col == 0 and not c.text for c in starts) and len(texts) == 1


def _unit_row(grid: Grid, r: int) -> bool:
    """A row that holds only unit marks (千円 千円 千円) in its value columns and no label."""
    starts = [c for c in grid.cells if c.row == r and c.text]
    return bool(starts) and all(c.col >= 1 and c.row_span == 1 and unit_mark(c.text) for c in starts)


def column_paths(grid: Grid, n_header: int) -> list[tuple[str, ...]]:
    paths = []
    for col in range(grid.n_cols):
        path: list[str] = []
        seen: list[int] = []
        for r in range(n_header):
            cell = grid.at(r, col)
            if cell is None or id(cell) in seen:
                continue
            seen.append(id(cell))
            if cell.text and cell.continues and path:  # one name printed on two lines
                path[-1] = f"{path[-1]} {cell.text}"
            elif cell.text and (not path or path[-1] != cell.text):
                path.append(cell.text)
        paths.append(tuple(path))
    # a banner row across the whole header (a title or unit inside the grid) names no column, nor
    # the label column left blank under it (基金現在高調: its first column is no 基金現在高調令和3年度…)
    firsts = {p[0] for p in paths if p}
    if len(firsts) == 1 and all(p for p in paths) and any(len(p) > 1 for p in paths):
        paths = [p[1:] for p in paths]
    return paths


def to_table(grid: Grid, table_id: str, extractor: str = "pdfium") -> Table:
    n_header = header_rows(grid)
    grid = merge_label_columns(split_group_column(grid, n_header), n_header)
    prov = Provenance(extractor, grid.method)
    cells = []
    for gc in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        kind = CellKind.HEADER if gc.row < n_header else guess_kind(gc.text, gc.col)
        cells.append(_cell(gc, kind, grid.page, prov))
    paths = column_paths(grid, n_header)
    if n_header == 0:  # headerless: 列1..列n, as the CSV will name them
        paths = [(f"列{i + 1}",) for i in range(grid.n_cols)]
    else:  # a column left blank in the header (the year column of a crime table) is named the same way
        paths = [p or (f"列{i + 1}",) for i, p in enumerate(paths)]
    columns = tuple(Column(i, p) for i, p in enumerate(paths))
    rows = []
    first_col = _first_col_cells(grid)
    for r in range(n_header, grid.n_rows):
        label_cell = first_col.get(r)
        label = label_cell.text if label_cell is not None and label_cell.row == r else ""
        rows.append(Row(index=r, label=label, page=grid.page, parents=grid.parents.get(r, ())))
    return Table(
        id=table_id,
        pages=(grid.page,),
        columns=columns,
        cells=tuple(cells),
        header_rows=n_header,
        rows=tuple(rows),
        bbox=grid.bbox,
        method=grid.method,
    )


def _first_col_cells(grid: Grid) -> dict[int, GridCell]:
    """Row → ``grid.at(row, 0)`` for every row at once (the first cell, in list order, covering it)."""
    out: dict[int, GridCell] = {}
    for c in grid.cells:
        if c.col <= 0 < c.col + c.col_span:
            for r in range(c.row, c.row + c.row_span):
                out.setdefault(r, c)
    return out


def _cell(gc: GridCell, kind: CellKind, page: int, prov: Provenance) -> Cell:
    return Cell(
        row=gc.row,
        col=gc.col,
        raw_text=gc.text if gc.text else "".join([ch.text for ch in gc.chars]).strip(),
        text=gc.text.strip(),
        kind=kind,
        row_span=gc.row_span,
        col_span=gc.col_span,
        page=page,
        bbox=gc.bbox,
        provenance=prov,
        lines=cell_lines(gc.chars) if gc.chars else (),
    )
