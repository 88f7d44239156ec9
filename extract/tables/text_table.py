"""Borderless tables of text (member lists, 注意点 with leader dots, a 議案一覧表): left-aligned
columns repeated over several lines. Leader dots (……) are layout and are dropped.

Two things a listing does that a grid of words does not: a long last field wraps onto a line of
its own under itself (``…の一部を改正`` / ``する条例``: one cell), and a field padded to a fixed
width (``議案第　１号`` beside ``議案第１０号``) reads as two words on some lines and one on
others; a word that covers the next column's start on several lines shows that the two are one
field."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from chohyo.extract.tables.geometry import Char, Line, Word, bbox_of
from chohyo.extract.tables.grid import Grid, GridCell, cell_text
from chohyo.extract.tables.stream import merge_spaced
from chohyo.japanese.numbers import looks_numeric
from chohyo.japanese.widths import fold_width
from chohyo.model import BBox

LEADER = re.compile(r"^[…‥・.．·\-－—_=＝]{3,}$")
ALIGN_TOL = 4.0
MIN_ROWS = 3  # text lines align by chance more often than numbers do
MAX_WRAPS = 2  # lines one field may wrap onto
MIN_CROSSED = 2  # lines whose one word covers two columns before the two are one field

Row = list[list[Word]]  # the words of each column


def _cells(line: Line) -> list[Word]:
    return [w for w in merge_spaced(line.words) if not LEADER.match(w.text.replace(" ", ""))]


def _aligned(a: list[Word], b: list[Word]) -> bool:
    return len(a) == len(b) and all(abs(x.x0 - y.x0) <= ALIGN_TOL for x, y in zip(a, b, strict=True))


def _column(starts: list[float], x: float) -> int:
    return next((k for k, s in enumerate(starts) if abs(x - s) <= ALIGN_TOL), -1)


def _spanning(starts: list[float], cells: list[Word]) -> tuple[Row, set[int]] | None:
    """The line as a row when its fields start on the columns but one covers the next column's
    start too (``議案第１０号`` over ``議案第`` and ``１号``); with the columns whose start is covered."""
    cols = [_column(starts, w.x0) for w in cells]
    if not cells or cols[0] != 0 or -1 in cols or cols != sorted(set(cols)):
        return None
    row: Row = [[] for _ in starts]
    crossed: set[int] = set()
    for k, (w, c) in enumerate(zip(cells, cols, strict=True)):
        end = cols[k + 1] if k + 1 < len(cols) else len(starts)
        for nxt in range(c + 1, end):
            if w.x1 <= starts[nxt]:
                return None  # a field left blank, not one covered: no evidence either way
            crossed.add(nxt)
        row[c].append(w)
    return row, crossed


def find_text_tables(lines: list[Line], page: int, min_rows: int = 2, min_cols: int = 2) -> list[Grid]:
    grids = []
    i = 0
    while i < len(lines):
        first = _cells(lines[i])
        if len(first) < max(min_cols, 2):
            i += 1
            continue
        starts = [w.x0 for w in first]
        rows: list[Row] = [[[w] for w in first]]
        crossings: dict[int, int] = {}
        run = [lines[i]]
        wraps = 0  # lines of the current row's last field
        wrapped_rows = 0
        j = i + 1
        while j < len(lines):
            ln = lines[j]
            prev = run[-1]
            height = max(prev.bottom - prev.top, 1.0)
            if ln.top - prev.bottom > 1.5 * height:
                break
            cells = _cells(ln)
            spanning = None if _aligned(first, cells) else _spanning(starts, cells)
            if _aligned(first, cells):
                rows.append([[w] for w in cells])
                wraps = 0
            elif spanning is not None:
                rows.append(spanning[0])
                for k in spanning[1]:
                    crossings[k] = crossings.get(k, 0) + 1
                wraps = 0
            elif (
                len(cells) == 1
                and len(starts) > 1
                and _column(starts, cells[0].x0) == len(starts) - 1
                and rows[-1][-1]
                and wraps < MAX_WRAPS
            ):
                rows[-1][-1].append(cells[0])  # the last field wrapped under itself
                wrapped_rows += wraps == 0
                wraps += 1
            else:
                break
            run.append(ln)
            j += 1
        joined = {k for k, n in crossings.items() if n >= MIN_CROSSED}
        if crossings.keys() - joined or 2 * wrapped_rows > len(rows):
            # a column covered once is no evidence; a block of wrapped lines is text set in columns
            rows, run, j = _plain_run(lines, i, first)
            joined = set()
        if len(rows) >= max(MIN_ROWS, min_rows) and len(starts) - len(joined) >= 2:
            head = _header(lines[max(0, i - MAX_HEADER) : i], run[0], starts) if not joined else []
            grids.append(_with_header(_grid(rows, run, page, joined), head, starts))
            i = j
        else:
            i += 1
    return grids


MAX_HEADER = 3  # header lines over a listing's columns
_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uffef]")


def _col_of(starts: list[float], x: float) -> int:
    return max(0, sum(1 for s in starts if s - ALIGN_TOL <= x) - 1)


def _header(above: list[Line], first: Line, starts: list[float]) -> list[Line]:
    """Latin header lines just over a listing (`Clave` / `Entidad`, `Nombre Entidad` set between
    the two). (A Japanese listing's lines above it are kept as they were read: captions.)"""
    return header_lines_over(
        above,
        first,
        lambda ln: [_col_of(starts, w.cx) for w in _cells(ln)],
        lambda t: bool(_JAPANESE.search(t)),
    )


def header_lines_over(
    above: list[Line], first: Line, columns: Callable[[Line], list[int]], foreign: Callable[[str], bool]
) -> list[Line]:
    """The lines just over a listing's first line that name its columns: each close under the one
    above, two or more words (``columns``: the column of each), no two words over one column, no
    figure, no ``foreign`` script."""
    out: list[Line] = []
    below = first
    for ln in reversed(above):
        cols = columns(ln)
        if (
            ln.top - 0.5 > below.top
            or below.top - ln.bottom > 1.5 * max(ln.bottom - ln.top, 1.0)
            or len(cols) < 2
            or len(set(cols)) != len(cols)
            or foreign(ln.text)
            or any(c.isdigit() for c in ln.text)
        ):
            break
        out.insert(0, ln)
        below = ln
    return out


def _with_header(grid: Grid, head: list[Line], starts: list[float]) -> Grid:
    """The header lines as rows above the grid; a line set between two others whose words stand over
    other columns (centred on a name printed on two lines) spans both rows."""
    if not head:
        return grid
    rows: list[list[Line]] = []
    spans: set[int] = set()
    for k, ln in enumerate(head):
        prev = rows[-1][-1] if rows else None
        nxt = head[k + 1] if k + 1 < len(head) else None
        between = prev is not None and nxt is not None and ln.top < prev.bottom and nxt.top < ln.bottom
        if between:
            rows[-1].append(ln)
            spans.add(id(ln))
        else:
            rows.append([ln])
    n = len(rows)
    cells: list[GridCell] = []
    for r, group in enumerate(rows):
        for ln in group:
            for w in _cells(ln):
                span = 2 if id(ln) in spans and r + 1 < n else 1
                box = bbox_of(w.chars)
                cells.append(GridCell(r, _col_of(starts, w.cx), span, 1, box, list(w.chars), w.text))
    for c in grid.cells:
        c.row += n
    used = grid.used | {id(c) for ln in head for c in ln.chars}
    bbox = BBox(grid.bbox.x0, min(ln.top for ln in head), grid.bbox.x1, grid.bbox.bottom)
    return Grid(grid.page, grid.n_rows + n, grid.n_cols, cells + grid.cells, bbox, grid.method, n, used)


def _plain_run(lines: list[Line], i: int, first: list[Word]) -> tuple[list[Row], list[Line], int]:
    """The lines from ``i`` on with the same fields at the same starts."""
    rows: list[Row] = [[[w] for w in first]]
    run = [lines[i]]
    j = i + 1
    while j < len(lines):
        ln = lines[j]
        prev = run[-1]
        height = max(prev.bottom - prev.top, 1.0)
        cells = _cells(ln)
        if ln.top - prev.bottom > 1.5 * height or not _aligned(first, cells):
            break
        rows.append([[w] for w in cells])
        run.append(ln)
        j += 1
    return rows, run, j


def _grid(rows: list[Row], run: list[Line], page: int, joined: set[int]) -> Grid:
    # a column whose start is covered goes into the one before it
    owner: list[int] = []
    for k in range(len(rows[0])):
        owner.append(owner[-1] if k in joined else (owner[-1] + 1 if owner else 0))
    n_cols = owner[-1] + 1
    cells: list[GridCell] = []
    for r, row in enumerate(rows):
        fields: list[list[Char]] = [[] for _ in range(n_cols)]
        for k, words in enumerate(row):
            for w in words:
                fields[owner[k]].extend(w.chars)
        for k, chars in enumerate(fields):
            if not chars:
                continue
            cells.append(GridCell(r, k, bbox=bbox_of(chars), chars=chars, text=cell_text(chars)))
    used = {id(c) for ln in run for c in ln.chars}
    bbox = BBox(min(ln.x0 for ln in run), run[0].top, max(ln.x1 for ln in run), run[-1].bottom)
    return Grid(page, len(rows), n_cols, cells, bbox, "stream-text", header_rows=0, used=used)


# an item's number alone in its field: (1) 1 1. 1) ① (the digits read by ``_item_number``)
_ITEM_NUMBER = re.compile(r"^(?:[(]?([0-9]{1,2})[).]?|([①-⑳]))$")
_CLAUSE = re.compile(r"[、。]")


# a numbered name of an item: まちづくり目標1 (the same words before each item's number)
_NAMED_NUMBER = re.compile(r"^(?P<name>\D{2,12}?)(?P<n>[0-9]{1,2})$")


def _item_number(text: str) -> int | None:
    m = _ITEM_NUMBER.match(fold_width("".join(text.split())))
    if m is None:
        return None
    return int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("①") + 1


def _named_numbers(texts: list[str]) -> list[int] | None:
    """まちづくり目標1, まちづくり目標2 …: the numbers when every field is the same name numbered."""
    found = [_NAMED_NUMBER.match(fold_width("".join(t.split()))) for t in texts]
    if any(m is None for m in found) or len({m.group("name") for m in found if m is not None}) != 1:
        return None
    return [int(m.group("n")) for m in found if m is not None]


def numbered_prose(grid: Grid) -> bool:
    """A numbered list of sentences set with a gap after each number (an ordinance's 号 (1)…(4) and
    項 2, 3, items of a 記), not a table: two columns, the first holding only the items' numbers in
    sequence (1, 2, 3 …, starting over at 1 for the next list), the second prose (most items hold
    a clause mark 、 or 。 or run to 15 characters), no figure in it. As a table its wrapped lines
    were left out of it and the items out of the text."""
    if grid.n_cols != 2 or grid.n_rows < 2:
        return False
    numbers = [grid.at(r, 0) for r in range(grid.n_rows)]
    texts = [grid.at(r, 1) for r in range(grid.n_rows)]
    if any(c is None for c in numbers) or any(c is None or not c.text.strip() for c in texts):
        return False
    heads = [c.text for c in numbers if c is not None]
    found = [_item_number(t) for t in heads]
    named = any(n is None for n in found)
    # まちづくり目標1　住みやすくて… : items named alike, numbered, then their clause
    seq = _named_numbers(heads) if named else [n for n in found if n is not None]
    if not seq or not all(b == a + 1 or b == 1 for a, b in itertools.pairwise(seq)):
        return False
    words = ["".join(c.text.split()) for c in texts if c is not None]
    if any(looks_numeric(w) for w in words):
        return False
    # a named item's words must read as a clause (、 or 。): a 議案一覧表's 議案第1号　令和4年度… is a table
    prose = sum(bool(_CLAUSE.search(w)) or (len(w) >= 15 and not named) for w in words)
    return 2 * prose > len(words)
