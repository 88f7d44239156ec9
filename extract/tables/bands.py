"""Two tables stacked in one ruled frame (給与費明細書 職員手当の内訳: 区分 扶養手当 … over 本年度 /
前年度 / 比較, then 区分 教員特別手当 … 計 over three more rows). Read as one grid, the second band's
figures sit under the first band's column names (計 under 管理職員特別勤務手当): the grid is cut
where a row repeats the first column name of the header and holds nothing but names."""

from __future__ import annotations

from chohyo.extract.tables.build import header_rows
from chohyo.extract.tables.cells import has_digit
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.model import BBox

_MIN_NAMES = 3  # a row of names across the table, not a label and a note


def _key(text: str) -> str:
    return "".join(text.split())


def _band_start(grid: Grid, n_header: int) -> int | None:
    """The first body row that repeats the header's first name (区分) with names in every box."""
    firsts = [c for c in grid.cells if c.row == 0 and c.text]
    if not firsts or n_header == 0:
        return None
    names = {_key(c.text) for c in grid.cells if c.row < n_header and c.text}
    for r in range(n_header + 1, grid.n_rows - 1):
        starts = [c for c in grid.cells if c.row == r]
        texts = [c.text for c in starts if c.text]
        if len(texts) < _MIN_NAMES or len(texts) < len(starts) or any(has_digit(t) for t in texts):
            continue
        if _key(min(starts, key=lambda c: c.col).text) in names:
            return r
    return None


def _part(grid: Grid, top: int, bottom: int) -> Grid:
    # a box from the band above down the whole left side (a side title over both bands) is the
    # first band's; here its columns are left out, so the band's own 区分 is its label column
    side = next(
        (c.col_span for c in grid.cells if c.row < top and c.col == 0 and c.row + c.row_span >= bottom), 0
    )
    cells = []
    for c in grid.cells:
        first, last = max(c.row, top), min(c.row + c.row_span, bottom)
        if first >= last or c.col < side:
            continue
        cells.append(GridCell(first - top, c.col - side, last - first, c.col_span, c.bbox, c.chars, c.text))
    boxes = [c.bbox for c in grid.cells if c.bbox is not None and top <= c.row < bottom and c.row_span == 1]
    bbox = (
        BBox(grid.bbox.x0, min(b.top for b in boxes), grid.bbox.x1, max(b.bottom for b in boxes))
        if boxes
        else grid.bbox
    )
    parents = {r - top: p for r, p in grid.parents.items() if top <= r < bottom}
    return Grid(grid.page, bottom - top, grid.n_cols - side, cells, bbox, grid.method, -1, grid.used, parents)


def split_bands(grid: Grid) -> list[Grid]:
    """The grid, or its stacked bands top to bottom, each with its own header."""
    if grid.method != "lattice" or grid.header_rows >= 0:
        return [grid]
    start = _band_start(grid, header_rows(grid))
    if start is None:
        return [grid]
    return [_part(grid, 0, start), *split_bands(_part(grid, start, grid.n_rows))]
