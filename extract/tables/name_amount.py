"""A name and its amount printed in one ruled box of a value column (市税見積書: ``均等割 ... 76,781``
under ``当初額``, the name set flush left over a dotted rule, the amount flush right). Read as one
cell the amount is lost in text (``均等割76,781``). When the column is otherwise figures and every
name ends clear to the left of every figure, the column is two: the names, then the figures."""

from __future__ import annotations

from chohyo.extract.tables.cells import has_digit, looks_numeric
from chohyo.extract.tables.geometry import Char, Line, Word
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.extract.tables.layout import group_lines
from chohyo.model import BBox

_MIN_PAIRS = 2  # one odd box is no column of names
_GAP = 2.0  # the name ends this many glyph widths before its amount at least


def _figure(text: str) -> bool:
    return has_digit(text) and looks_numeric(text)


def _name(text: str) -> bool:
    """A name: letters (kanji, kana, Latin) and no digit — an item number or code is not one."""
    return any(ch.isalpha() for ch in text) and not has_digit(text)


def _pair(lines: list[Line], cell: GridCell) -> tuple[list[Char], list[Char]] | None:
    """The cell's name and amount when it holds one line: a name flush left, a figure flush right."""
    if len(lines) != 1 or len(lines[0].words) < 2:
        return None
    words: list[Word] = lines[0].words
    last = words[-1]
    names = words[:-1]
    if not _figure(last.text) or not all(_name(w.text) for w in names):
        return None
    size = max(c.size for c in cell.chars) or 1.0
    if last.x0 - names[-1].x1 < _GAP * size:
        return None
    return [c for w in names for c in w.chars], last.chars


def _figures_only(lines: list[Line]) -> bool:
    return bool(lines) and all(w.text and _figure(w.text) for ln in lines for w in ln.words)


def _mixed(cell: GridCell) -> bool:
    """Letters and digits both: the only boxes that can pair a name with an amount (a cheap look
    at the glyphs first, so a column of plain figures or of names costs no line grouping)."""
    letters = digits = False
    for ch in cell.chars:
        t = ch.text
        if t.isdigit():
            digits = True
        elif t.isalpha():
            letters = True
        if letters and digits:
            return True
    return False


def _cut(grid: Grid, col: int) -> tuple[float, dict[int, tuple[list[Char], list[Char]]]] | None:
    """Where column ``col`` splits into names and figures, with its name/amount boxes by id."""
    if sum(1 for c in grid.cells if c.col == col and c.col_span == 1 and _mixed(c)) < _MIN_PAIRS:
        return None
    pairs: dict[int, tuple[list[Char], list[Char]]] = {}
    figure_x0: list[float] = []
    body = False  # text boxes above the first figure are the column's header
    for cell in sorted((c for c in grid.cells if c.col == col and c.col_span == 1), key=lambda c: c.row):
        if not any(not ch.is_space for ch in cell.chars):
            continue
        if not any(ch.text.isdigit() for ch in cell.chars):  # words only: neither a pair nor figures
            if body:
                return None
            continue
        lines = group_lines(cell.chars)
        pair = _pair(lines, cell)
        if pair is not None:
            pairs[id(cell)] = pair
            figure_x0.append(min(ch.x0 for ch in pair[1]))
            body = True
        elif _figures_only(lines):
            figure_x0.append(min(ch.x0 for ch in cell.chars if not ch.is_space))
            body = True
        elif body:
            return None  # text among the figures: a column of notes, not of amounts
    figures = len(figure_x0) - len(pairs)
    if len(pairs) < _MIN_PAIRS or figures < len(pairs):
        return None
    name_x1 = max(ch.x1 for names, _ in pairs.values() for ch in names)
    start = min(figure_x0)
    if start <= name_x1:
        return None
    return (name_x1 + start) / 2, pairs


def split_name_columns(grid: Grid) -> Grid:
    """Each value column whose boxes pair a name with an amount becomes a name column and a value
    column; every other box that covers it spans both (a header over the column stays one cell)."""
    col = 0
    while col < grid.n_cols:
        found = _cut(grid, col)
        if found is None:
            col += 1
            continue
        x, pairs = found
        cells: list[GridCell] = []
        for cell in grid.cells:
            if cell.col > col:
                cell.col += 1
                cells.append(cell)
            elif cell.col + cell.col_span <= col:
                cells.append(cell)
            elif cell.col_span > 1 or (id(cell) not in pairs and not _figures_only(group_lines(cell.chars))):
                cell.col_span += 1  # a header or a spanning box: over both halves
                cells.append(cell)
            else:
                names, amount = pairs.get(id(cell), ([], cell.chars))
                box = cell.bbox or BBox(x, 0.0, x, 0.0)
                cells.append(
                    GridCell(cell.row, col, cell.row_span, 1, BBox(box.x0, box.top, x, box.bottom), names)
                )
                cells.append(
                    GridCell(
                        cell.row, col + 1, cell.row_span, 1, BBox(x, box.top, box.x1, box.bottom), amount
                    )
                )
        # a row with no box in this column (none is drawn there) keeps none in either half
        grid.cells = sorted(cells, key=lambda c: (c.row, c.col))
        grid.n_cols += 1
        col += 2
    return grid
