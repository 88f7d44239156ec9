"""What a ruled grid leaves outside its frame but belongs to it:

- row labels printed left of the frame, one on each row's band (an election return's township
  names, set in the margin beside ruled figures);
- a totals row ruled as a box of its own just under the table, on the same column rules.
"""

from __future__ import annotations

from dataclasses import replace

from chohyo.extract.tables.cells import looks_numeric
from chohyo.extract.tables.geometry import Char, bbox_of
from chohyo.extract.tables.grid import Grid, GridCell, cell_text
from chohyo.extract.tables.layout import group_lines
from chohyo.model import BBox

EDGE_TOL = 2.0  # points: two column rules this close are one
MIN_LABELLED = 0.5  # share of the body rows that must find a label in the margin


def _row_bands(grid: Grid) -> dict[int, tuple[float, float]]:
    bands: dict[int, tuple[float, float]] = {}
    for c in grid.cells:
        if c.row_span == 1 and c.bbox is not None:
            top, bottom = bands.get(c.row, (c.bbox.top, c.bbox.bottom))
            bands[c.row] = (min(top, c.bbox.top), max(bottom, c.bbox.bottom))
    return bands


def _col_edges(grid: Grid) -> list[float] | None:
    """x of each column's left rule, then the right edge; None when a column has no one-column cell."""
    left: dict[int, float] = {}
    for c in grid.cells:
        if c.col_span == 1 and c.bbox is not None:
            left[c.col] = min(left.get(c.col, c.bbox.x0), c.bbox.x0)
    if len(left) != grid.n_cols:
        return None
    return [left[k] for k in range(grid.n_cols)] + [grid.bbox.x1]


def _labelless(grid: Grid, n_header: int) -> bool:
    """The grid's first column holds no row labels of its own (only figures, or nothing)."""
    texts = [c.text for c in grid.cells if c.col == 0 and c.row >= n_header and c.text]
    return all(looks_numeric(t) for t in texts)


def _header_guess(grid: Grid) -> int:
    """Leading rows before the first row mostly of figures (enough to tell header from body here)."""
    for r in range(grid.n_rows):
        texts = [c.text for c in grid.cells if c.row == r and c.text]
        figures = sum(looks_numeric(t) for t in texts)
        if figures and 2 * figures >= len(texts):
            return r
    return grid.n_rows


def attach_margin_labels(grid: Grid, chars: list[Char], taken: set[int]) -> Grid:
    """Row labels left of the frame become a first column (chars in ``taken`` are another table's)."""
    n_header = _header_guess(grid)
    if grid.n_rows - n_header < 1 or not _labelless(grid, n_header):
        return grid
    bands = _row_bands(grid)
    x0 = grid.bbox.x0
    reach = x0 - max(grid.bbox.x1 - x0, 100.0)
    near = [
        ch
        for ch in chars
        if id(ch) not in taken
        and ch.x1 <= x0 + EDGE_TOL
        and ch.x0 >= reach
        and grid.bbox.top <= ch.cy <= grid.bbox.bottom
    ]
    if not near:
        return grid
    labels: dict[int, list[Char]] = {}
    for line in group_lines(near):
        words = [w for w in line.words if w.x1 <= x0 + EDGE_TOL]
        rows = [r for r, (top, bottom) in bands.items() if r >= n_header and top <= line.cy <= bottom]
        if len(rows) == 1 and words:
            labels.setdefault(rows[0], []).extend(ch for w in words for ch in w.chars)
    body = len({c.row for c in grid.cells if c.row >= n_header and c.text})
    if len(labels) < max(1, MIN_LABELLED * body) or (body > 1 and len(labels) < 2):
        return grid
    cells = []
    for c in grid.cells:
        c.col += 1
        cells.append(c)
    lx0 = min(ch.x0 for chs in labels.values() for ch in chs)
    for r in range(grid.n_rows):
        top, bottom = bands.get(r, (grid.bbox.top, grid.bbox.top))
        chs = labels.get(r, [])
        cells.append(
            GridCell(r, 0, bbox=bbox_of(chs) or BBox(lx0, top, x0, bottom), chars=chs, text=cell_text(chs))
        )
    cells.sort(key=lambda c: (c.row, c.col))
    used = grid.used | {id(ch) for chs in labels.values() for ch in chs}
    box = BBox(lx0, grid.bbox.top, grid.bbox.x1, grid.bbox.bottom)
    return replace(grid, n_cols=grid.n_cols + 1, cells=cells, bbox=box, used=used)


def _match(x: float, edges: list[float]) -> int | None:
    for k, e in enumerate(edges):
        if abs(x - e) <= EDGE_TOL:
            return k
    return None


def join_totals_boxes(grids: list[Grid]) -> list[Grid]:
    """A one-row box of figures right under a table, its cells on the table's column rules, is the
    table's last row (a Totals line ruled apart). ``grids`` in page order (top, then left)."""
    out: list[Grid] = []
    for g in grids:
        prev = out[-1] if out else None
        joined = _joined(prev, g) if prev is not None else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(g)
    return out


def _joined(above: Grid, box: Grid) -> Grid | None:
    if box.n_rows != 1 or above.n_rows < 2 or box.method != above.method:
        return None
    edges = _col_edges(above)
    bands = _row_bands(above)
    if edges is None or not bands:
        return None
    row_h = max(b - t for t, b in bands.values())
    if not (-EDGE_TOL <= box.bbox.top - above.bbox.bottom <= 3 * row_h):
        return None
    texts = [c.text for c in box.cells if c.text]
    if not texts or not all(looks_numeric(t) for t in texts):
        return None  # a box with its own label is a table of one row (a budget book's single 目)
    placed = []
    for c in box.cells:
        if c.bbox is None:
            return None
        a, b = _match(c.bbox.x0, edges), _match(c.bbox.x1, edges)
        if a is None or b is None or b <= a:
            return None
        placed.append(GridCell(above.n_rows, a, 1, b - a, c.bbox, c.chars, c.text))
    covered = {k for p in placed for k in range(p.col, p.col + p.col_span)}
    placed += [
        GridCell(above.n_rows, k, bbox=BBox(edges[k], box.bbox.top, edges[k + 1], box.bbox.bottom))
        for k in range(above.n_cols)
        if k not in covered
    ]
    box_all = BBox(above.bbox.x0, above.bbox.top, max(above.bbox.x1, box.bbox.x1), box.bbox.bottom)
    cells = sorted([*above.cells, *placed], key=lambda c: (c.row, c.col))
    return replace(above, n_rows=above.n_rows + 1, cells=cells, bbox=box_all, used=above.used | box.used)


THIN = 0.5  # of the usual row height: an empty band this thin is a rule drawn as a shaded bar
NOTCH = 8.0  # points: a band thinner than this holds no line of text


def _lead_band(grid: Grid, r: int, top: float, bottom: float) -> bool:
    """Row ``r`` only starts boxes that go on into the next row, beside empty ones: one box of the
    row is drawn a little lower than the others (決算's ``うち返還金`` under its neighbours' top)."""
    if r + 1 >= grid.n_rows:
        return False
    covering = [c for c in grid.cells if c.row <= r < c.row + c.row_span]
    if any(c.row < r for c in covering):
        return False  # a box from above goes through: the band is inside a row group, not its top
    if any(top <= ch.cy <= bottom for c in covering for ch in c.chars if not ch.is_space):
        return False  # a line of text sits in the band: it is a row of its own
    spanning = [c for c in covering if c.row + c.row_span > r + 1]
    return bool(spanning) and all(c in spanning or (c.row_span == 1 and not c.text) for c in covering)


def drop_thin_empty_rows(grid: Grid) -> Grid:
    """Empty bands much thinner than the rows (grey bars ruled between an election return's rows)
    are no rows; nor is a thin band whose text is all in boxes that go on into the next row."""
    bands = _row_bands(grid)
    if len(bands) < 3:
        return grid
    heights = sorted(b - t for t, b in bands.values())
    usual = heights[len(heights) // 2]
    texty = {c.row for c in grid.cells if c.text}
    drop = {
        r
        for r, (t, b) in bands.items()
        if (
            b - t < THIN * usual
            and r not in texty
            and all(c.row_span == 1 for c in grid.cells if c.row <= r < c.row + c.row_span)
        )
        or (b - t < NOTCH and _lead_band(grid, r, t, b))
    }
    if not drop or len(drop) == grid.n_rows:
        return grid
    new_index = {r: r - sum(d < r for d in drop) for r in range(grid.n_rows)}
    cells = [c for c in grid.cells if any(r not in drop for r in range(c.row, c.row + c.row_span))]
    for c in cells:
        end = c.row + c.row_span
        c.row_span = sum(1 for r in range(c.row, end) if r not in drop)
        c.row = new_index[c.row] if c.row not in drop else new_index[c.row + 1]
    parents = {new_index[r]: p for r, p in grid.parents.items() if r not in drop}
    return replace(grid, n_rows=grid.n_rows - len(drop), cells=cells, parents=parents)
