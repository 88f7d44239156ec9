"""A table as found on one page, before it becomes a model ``Table``: cells on a grid with spans."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from operator import attrgetter

from chohyo.extract.tables.geometry import Char, bbox_of, join_chars
from chohyo.extract.tables.layout import group_lines, word_runs
from chohyo.japanese.spacing import is_japanese_char, is_latin_char
from chohyo.model import BBox

_BY_X0 = attrgetter("x0")
# the glyphs of a figure: digits (full width too), grouping, point, signs
_FIGURE_GLYPHS = frozenset("0123456789０１２３４５６７８９,，.．△▲-－−+＋")


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    bbox: BBox | None = None
    chars: list[Char] = field(default_factory=list)
    text: str = ""  # set by ``fill_text``
    continues: bool = False  # a header line going on with the header cell above (one name, two lines)


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
    captions: list[str] = field(
        default_factory=list
    )  # lines inside the table's box that are no row (a unit line)

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
        if _turned(ink):
            return _turned_text(chars)
    lines = group_lines(chars)
    parts = [ln.text for ln in lines if ln.text]
    # Latin lines of one cell are words: a space between (`Nagar,` / `Nanthanam`, `Delhi –` / `110032`).
    # A line ending in a hyphen keeps its break too (`Preva-` / `lence`, `Secunderabad-` / `500017`):
    # print cannot tell a word broken over lines from a compound's hyphen, so neither is guessed
    # (the line break stays white space, as camelot keeps it as a newline)
    latin = all(p.isascii() for p in parts) or (
        any(is_latin_char(ch) and ch.isalpha() for p in parts for ch in p)
        and not any(is_japanese_char(ch) for p in parts for ch in p)
    )
    out = ""
    for part in parts:
        if out and (latin or (_alnum(out[-1]) and _alnum(part[0]))):
            out += " "
        out += part
    return out


def cell_lines(chars: list[Char]) -> tuple[tuple[str, ...], ...]:
    """A cell's printed lines, each as its words (split where the layout leaves a gap), top to
    bottom; () for turned text, and for a cell of one line that is one word or that does not hold
    both a figure and a text (a figure alone or a label alone: nothing to tell apart; the common
    case, and no words are built for it)."""
    ink = [c for c in chars if not c.is_space]
    if len(ink) < 2:
        return ()
    centres = [c.cy for c in ink]
    if max(centres) - min(centres) < 0.3 * min([c.bottom - c.top for c in ink]):
        glyphs = [c.text for c in ink]
        if not any(g.isdigit() for g in glyphs) or all(g in _FIGURE_GLYPHS for g in glyphs):
            return ()
        words = word_runs(sorted(chars, key=_BY_X0))  # split_words' chars, no Word records
        return (tuple(map(join_chars, words)),) if len(words) > 1 else ()
    if _turned(ink):
        return ()
    return tuple(tuple(w.text for w in ln.words) for ln in group_lines(chars) if ln.text)


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _turned(ink: list[Char]) -> bool:
    """Latin text set a quarter turn (a column title running up the page): one glyph a line,
    all on one vertical axis, each glyph's box wider than tall."""
    if len(ink) < 2 or not all(c.text.isascii() for c in ink):
        return False
    size = max(c.size for c in ink) or 1.0
    if max(c.cx for c in ink) - min(c.cx for c in ink) > 0.5 * size:
        return False
    return sum(c.x1 - c.x0 > c.bottom - c.top for c in ink) >= 0.8 * len(ink)


def _turned_text(chars: list[Char]) -> str:
    """Turned text in its printed order: the content order when it runs steadily up or down the
    page, else bottom to top (a title turned anticlockwise, the usual way)."""
    ink = [c for c in chars if not c.is_space]
    tops = [c.top for c in ink]
    steady = all(a > b for a, b in itertools.pairwise(tops)) or all(
        a < b for a, b in itertools.pairwise(tops)
    )
    ordered = ink if steady else sorted(ink, key=lambda c: -c.bottom)
    out = [ordered[0].text]
    for a, b in itertools.pairwise(ordered):  # the word spaces were set aside with the lines' words
        gap = max(b.top - a.bottom, a.top - b.bottom)
        out.append((" " if gap > 0.15 * max(a.size, b.size) else "") + b.text)
    return "".join(out)


def fill_text(grid: Grid) -> Grid:
    for c in grid.cells:
        c.text = cell_text(c.chars)
        if c.chars and c.bbox is None:
            c.bbox = bbox_of(c.chars)
    return grid
