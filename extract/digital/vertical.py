"""Vertical text (縦書き) beside a borderless table: 歳入 / 歳出 written one character per line in
a column of its own, left of the labels, each centred on its block of rows.

Its characters would otherwise land in the rows they happen to share a baseline with (歳国庫支出金入).
They are lifted out of the lines before the tables are found; each run becomes the parent of the
rows of its block. A run attached to no table is returned as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from chohyo.extract.tables.geometry import Char, Line, Word
from chohyo.extract.tables.grid import Grid
from chohyo.extract.tables.layout import split_words

X_TOL = 1.5  # points: characters of one vertical run share their centre column
MAX_GAP = 3.0  # font sizes between two characters of one run (runs spread over a block: 均等割付)


@dataclass(slots=True)
class VText:
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _candidate(line: Line, w: Word) -> bool:
    """A lone character: a word of one non-ASCII, non-digit glyph, alone or first with a gap after it."""
    if len(w.chars) != 1 or w.text.isascii() or w.text.isdigit():
        return False
    if line.words.index(w) != 0:
        return False
    if len(line.words) == 1:
        return True
    # sharing a line with a row: set clear of it and off its baseline (the first character of a
    # label spread over its cell, 市 … 税, sits exactly on the row's baseline)
    nxt = line.words[1]
    off = abs((w.top + w.bottom) / 2 - (nxt.top + nxt.bottom) / 2)
    return nxt.x0 - w.x1 >= 1.0 * max(w.size, 1.0) and off > 0.15 * max(w.size, 1.0)


def lift_vertical(lines: list[Line]) -> tuple[list[Line], list[VText]]:
    """(lines without the vertical runs, the runs)."""
    cands = [(w, ln) for ln in lines for w in ln.words[:1] if _candidate(ln, w)]
    if len(cands) < 2:
        return lines, []
    cands.sort(key=lambda p: ((p[0].x0 + p[0].x1) / 2, p[0].top))
    columns: list[list[tuple[Word, Line]]] = []
    for w, ln in cands:
        cx = (w.x0 + w.x1) / 2
        if columns and abs(cx - (columns[-1][0][0].x0 + columns[-1][0][0].x1) / 2) <= X_TOL:
            columns[-1].append((w, ln))
        else:
            columns.append([(w, ln)])
    runs: list[list[tuple[Word, Line]]] = []
    for col in columns:
        col.sort(key=lambda p: p[0].top)
        run = [col[0]]
        for w, ln in col[1:]:
            prev = run[-1][0]
            if w.top - prev.bottom <= MAX_GAP * max(w.size, 1.0):
                run.append((w, ln))
            else:
                runs.append(run)
                run = [(w, ln)]
        runs.append(run)
    out: list[VText] = []
    lifted: dict[int, set[int]] = {}  # id(line) -> ids of chars lifted from it
    for run in runs:
        if len(run) < 2 or not _column_is_free(run, lines):
            continue
        out.append(VText([c for w, _ in run for c in w.chars]))
        for w, ln in run:
            lifted.setdefault(id(ln), set()).update(id(c) for c in w.chars)
    if not out:
        return lines, []
    rest: list[Line] = []
    for ln in lines:
        gone = lifted.get(id(ln))
        if not gone:
            rest.append(ln)
            continue
        chars = [c for c in ln.chars if id(c) not in gone]
        if any(not c.is_space for c in chars):
            part = Line(chars, region=ln.region)
            part.words = split_words(part.chars)
            rest.append(part)
    return rest, out


def _column_is_free(run: list[tuple[Word, Line]], lines: list[Line]) -> bool:
    """No other word crosses the run's column over its height (left-aligned labels of one
    character would: they start where the longer labels start)."""
    mine = {id(w) for w, _ in run}
    x0 = min(w.x0 for w, _ in run) - 1.0
    x1 = max(w.x1 for w, _ in run) + 1.0
    top = min(w.top for w, _ in run)
    bottom = max(w.bottom for w, _ in run)
    for ln in lines:
        if ln.bottom < top or ln.top > bottom:
            continue
        for w in ln.words:
            if id(w) not in mine and w.x0 < x1 and w.x1 > x0:
                return False
    return True


def attach_vertical(grid: Grid, runs: list[VText]) -> list[VText]:
    """Runs left of ``grid`` and within its height become the parents of its body rows (blocks
    found from the runs' centres: each run is centred on its block). Returns the runs not used."""
    body = {
        c.row: c.bbox
        for c in grid.cells
        if c.col == 0 and c.row >= max(grid.header_rows, 0) and c.bbox is not None
    }
    if not body:
        return runs
    top = min(b.top for b in body.values())
    bottom = max(b.bottom for b in body.values())
    mine = [
        v
        for v in runs
        if v.x1 <= grid.bbox.x0 + 1.0 and v.cy >= top and v.cy <= bottom and grid.bbox.x0 - v.x1 < 60.0
    ]
    if not mine:
        return runs
    mine.sort(key=lambda v: v.cy)
    edges = [top]
    for v in mine:
        edges.append(max(2 * v.cy - edges[-1], v.bottom))
    for r, box in body.items():
        cy = (box.top + box.bottom) / 2
        k = next((i for i in range(len(mine)) if cy <= edges[i + 1]), len(mine) - 1)
        grid.parents[r] = (*grid.parents.get(r, ()), mine[k].text)
    for v in mine:
        grid.used.update(id(c) for c in v.chars)
    return [v for v in runs if v not in mine]
