"""Borderless listings of text (a register of licences: number, type, names, address, city, zip,
phone), found by their gutters: x ranges that the words of almost every line leave empty.

The stream reader needs numeric columns and the aligned text reader the same cells on every line;
a listing has neither (an address wraps onto a line of its own, a field is blank, two fields set
one space apart run into one word). Its columns still show as gutters down the block: a word that
runs over one (``AMERICAN AIRLINES INC 7100 TERMINAL DRIVE``) is cut at its space in the gutter.
"""

from __future__ import annotations

from bisect import bisect_right
from statistics import median

from chohyo.extract.tables.geometry import Char, Line, Word, bbox_of
from chohyo.extract.tables.grid import Grid, GridCell, cell_text
from chohyo.extract.tables.text_table import LEADER, header_lines_over
from chohyo.model import BBox

MIN_DENSE = 5  # lines with four or more fields: a listing, not a paragraph set in columns by chance
MIN_FIELDS = 4
CROSSING = 0.25  # a gutter may be crossed by this share of the lines (fields set one space apart)
MAX_COLS = 15
MAX_HEADER = 2  # lines over a listing's line of column names


def _fields(line: Line) -> list[Word]:
    return [w for w in line.words if not LEADER.match(w.text.replace(" ", ""))]


def find_gutter_tables(lines: list[Line], page: int, min_rows: int = 2, min_cols: int = 3) -> list[Grid]:
    grids = []
    i = 0
    while i < len(lines):
        if len(_fields(lines[i])) < MIN_FIELDS:
            i += 1
            continue
        run = _run(lines, i)
        above = lines[max(0, i - MAX_HEADER) : i]
        grid = _grid(run, page, max(min_cols, 3), above) if len(run) >= max(min_rows, MIN_DENSE) else None
        if grid is not None:
            grids.append(grid)
            i = lines.index(run[-1]) + 1
        else:
            i += 1
    return grids


def _run(lines: list[Line], start: int) -> list[Line]:
    """Lines close under each other from a dense line on; at most two sparse lines in a row (a
    wrapped field), none at the end."""
    run = [lines[start]]
    sparse: list[Line] = []
    for ln in lines[start + 1 :]:
        prev = (sparse or run)[-1]
        if ln.top - prev.bottom > 1.5 * max(prev.bottom - prev.top, 1.0):
            break
        if len(_fields(ln)) >= MIN_FIELDS:
            run += [*sparse, ln]
            sparse = []
        elif len(sparse) < 2:
            sparse.append(ln)
        else:
            break
    return run


def _gutters(dense: list[Line], x0: float, x1: float, min_width: float) -> list[tuple[float, float]]:
    """x ranges that at most CROSSING of the dense lines put ink in, at least ``min_width`` wide."""
    step = 0.5
    n = int((x1 - x0) / step) + 1
    cover = [0] * n
    for ln in dense:
        seen = [False] * n
        for w in _fields(ln):
            for k in range(max(int((w.x0 - x0) / step), 0), min(int((w.x1 - x0) / step) + 1, n)):
                seen[k] = True
        for k in range(n):
            cover[k] += seen[k]
    limit = CROSSING * len(dense)
    out: list[tuple[float, float]] = []
    k = 0
    while k < n:
        if cover[k] <= limit:
            j = k
            while j < n and cover[j] <= limit:
                j += 1
            a, b = x0 + k * step, x0 + (j - 1) * step
            if b - a >= min_width and a > x0 and b < x1:
                out.append((a, b))
            k = j
        else:
            k += 1
    return out


def _starts(dense: list[Line], gutters: list[tuple[float, float]], size: float) -> list[float]:
    """Left edges shared by the fields of many lines (a left-aligned column whose gutter the
    run-together fields hide): a bound just before each, unless a gutter already ends there."""
    xs = sorted(w.x0 for ln in dense for w in _fields(ln)[1:])
    out: list[float] = []
    k = 0
    while k < len(xs):
        j = k
        while j + 1 < len(xs) and xs[j + 1] - xs[k] <= 1.5:
            j += 1
        lines = j - k + 1
        x = xs[k] - 0.5
        if lines >= 0.4 * len(dense) and not any(a - size <= x <= b + size for a, b in gutters):
            out.append(x)
        k = j + 1
    return out


def _cut(
    word: Word, gutters: list[tuple[float, float]], starts: list[float], slack: float
) -> list[list[Char]]:
    """A word running over a gutter or a shared left edge, cut at its space there (two fields set
    one space apart)."""
    pieces: list[list[Char]] = [[]]
    spaces = [c for c in word.chars if c.is_space]
    near = {  # the space nearest a shared left edge (the field after it set a little off its column)
        id(min(spaces, key=lambda c: abs(c.cx - x)))
        for x in starts
        if word.x0 < x < word.x1 and spaces and min(abs(c.cx - x) for c in spaces) <= 2.8 * slack  # 1.4 sizes
    }
    for ch in word.chars:
        at_gutter = any(a - slack <= ch.cx <= b + slack for a, b in gutters if word.x0 < a and b < word.x1)
        at_start = id(ch) in near
        if ch.is_space and (at_gutter or at_start):
            pieces.append([])
            continue
        pieces[-1].append(ch)
    return [p for p in pieces if any(not c.is_space for c in p)]


def _header(above: list[Line], first: Line, bounds: list[float]) -> list[Line]:
    """Latin lines just over a listing whose first line names its columns (m27's ``LICENSE`` over
    ``NUMBER``, ``PREMISE`` over ``ADDRESS``)."""
    return header_lines_over(
        above, first, lambda ln: [bisect_right(bounds, w.cx) for w in _fields(ln)], lambda t: not t.isascii()
    )


def _grid(run: list[Line], page: int, min_cols: int, above: list[Line] | None = None) -> Grid | None:
    dense = [ln for ln in run if len(_fields(ln)) >= MIN_FIELDS]
    if len(dense) < MIN_DENSE:
        return None
    size = median(c.size for ln in dense for c in ln.chars if not c.is_space)
    x0, x1 = min(ln.x0 for ln in run), max(ln.x1 for ln in run)
    gutters = _gutters(dense, x0, x1, 0.2 * size)
    if not gutters:
        return None
    starts = _starts(dense, gutters, size)
    bounds = sorted([(a + b) / 2 for a, b in gutters] + starts)
    n_cols = len(bounds) + 1
    if n_cols > MAX_COLS:
        return None
    rows: list[dict[int, list[Char]]] = []
    for ln in run:
        row: dict[int, list[Char]] = {}
        for w in _fields(ln):
            for piece in _cut(w, gutters, starts, 0.5 * size):
                centre = (piece[0].x0 + piece[-1].x1) / 2
                row.setdefault(bisect_right(bounds, centre), []).extend(piece)
        rows.append(row)
    # a listing's fields are words, not letters set on a grid (monospaced Japanese lines align glyph
    # by glyph): most dense lines fill three or more columns with fields of two or more characters
    filled = [sum(1 for chars in r.values() if sum(not c.is_space for c in chars) >= 2) for r in rows]
    dense_rows = [f for f, ln in zip(filled, run, strict=True) if len(_fields(ln)) >= MIN_FIELDS]
    if sum(f >= 3 for f in dense_rows) < 0.6 * len(dense_rows):
        return None
    used_cols = {k for r in rows for k in r}
    if len(used_cols) < min_cols:
        return None
    # header lines over a first line of column names (a line of words, no figure): rows of their own,
    # one name printed on two lines of a column (`LICENSE` / `NUMBER`) named by the two joined
    names = all(not ch.isdigit() for ch in run[0].text) and run[0].text.isascii()
    head = _header(above or [], run[0], bounds) if names else []
    head_rows = [{bisect_right(bounds, w.cx): list(w.chars) for w in _fields(ln)} for ln in head]
    cells: list[GridCell] = []
    used: set[int] = set()
    for r, (ln, row) in enumerate(zip([*head, *run], [*head_rows, *rows], strict=True)):
        for k, chars in sorted(row.items()):
            chars.sort(key=lambda c: c.x0)
            go_on = r <= len(head) and r > 0 and k in ([*head_rows, *rows][r - 1])
            cells.append(
                GridCell(r, k, bbox=bbox_of(chars), chars=chars, text=cell_text(chars), continues=go_on)
            )
        used.update(id(c) for c in ln.chars)
    n_head = len(head) + 1 if head else 0
    bbox = BBox(x0, (head or run)[0].top, x1, run[-1].bottom)
    return Grid(page, len(head) + len(run), n_cols, cells, bbox, "stream-text", header_rows=n_head, used=used)
