"""A table as found on one page, before it becomes a model ``Table``: cells on a grid with spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from chohyo.extract.tables.geometry import Char, bbox_of, join_chars
from chohyo.extract.tables.layout import group_lines
from chohyo.model import BBox

_BY_X0 = attrgetter("x0")


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    bbox: BBox | None = None
    chars: list[Char] = field(default_factory=list)
    text: str = ""  # set by ``fill_text``


@dataclass(slots=True)
class Grid:
    page: int
    n_rows: int
    n_cols: int
    cells: list[GridCell]
    bbox: BBox
    method: str  # lattice | stream
    header_rows: int = -1  # -1: decide from the content
    used: set[int] = field(default_factory=set)  # ids of the page chars inside the table
    parents: dict[int, tuple[str, ...]] = field(
        default_factory=dict
    )  # row -> group labels (a 歳入/歳出 column)

    def at(self, row: int, col: int) -> GridCell | None:
        for c in self.cells:
            if c.row <= row < c.row + c.row_span and c.col <= col < c.col + c.col_span:
                return c
        return None


def cell_text(chars: list[Char]) -> str:
    """The text of one cell: its lines top to bottom, each as printed (no spaces for glyph gaps)."""
    if not chars:
        return ""
    ink = [c for c in chars if not c.is_space]
    if ink:
        centres = [c.cy for c in ink]
        if max(centres) - min(centres) < 0.3 * min([c.bottom - c.top for c in ink]):
            return join_chars(sorted(chars, key=_BY_X0))  # one line: the common case
    lines = group_lines(chars)
    parts = [ln.text for ln in lines if ln.text]
    out = ""
    for part in parts:
        if out and (out[-1].isascii() and out[-1].isalnum()) and (part[0].isascii() and part[0].isalnum()):
            out += " "
        out += part
    return out


def fill_text(grid: Grid) -> Grid:
    for c in grid.cells:
        c.text = cell_text(c.chars)
        if c.chars and c.bbox is None:
            c.bbox = bbox_of(c.chars)
    return grid
