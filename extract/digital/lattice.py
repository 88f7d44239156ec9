"""Ruled tables: a cell grid from ruling lines, spanning cells where a border is missing."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import replace
from operator import itemgetter
from typing import NamedTuple

from chohyo.extract.digital.rulings import Segment
from chohyo.extract.tables.cells import has_digit, looks_numeric, unit_mark
from chohyo.extract.tables.geometry import Char, Line, cluster
from chohyo.extract.tables.grid import Grid, GridCell, fill_text
from chohyo.extract.tables.layout import group_lines, line_words
from chohyo.extract.tables.margins import (
    NOTCH,
    attach_margin_labels,
    drop_thin_empty_rows,
    join_totals_boxes,
)
from chohyo.extract.tables.name_amount import split_name_columns
from chohyo.japanese.spacing import is_cjk_char, is_japanese_char
from chohyo.model import BBox

TOL = 2.0  # points: lines this close meet
_FIRST = itemgetter(0)


def _components(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rulings that touch each other: one group per ruled table (or frame)."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.start - TOL <= v.pos <= h.end + TOL and v.start - TOL <= h.pos <= v.end + TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _near(segs: list[Segment], positions: list[float]) -> list[list[Segment]]:
    return [[s for s in segs if abs(s.pos - p) <= TOL] for p in positions]


def find_ruled_tables(
    hs: list[Segment], vs: list[Segment], chars: list[Char], page: int, min_rows: int = 2, min_cols: int = 2
) -> list[Grid]:
    grids = []
    for ghs, gvs in _components(hs, vs):
        # double borders and hairline gaps (< 3 pt) are one line, not an empty row or column
        xs = cluster((v.pos for v in gvs), 3.0)
        ys = cluster((h.pos for h in ghs), 3.0)
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        if n_rows < 1 or n_cols < min_cols:
            continue
        ys, virtual = _split_unruled_rows(xs, ys, chars)
        placed = _placed(chars, xs, ys)
        grid = _grid(ghs, gvs, xs, ys, placed, page, virtual)
        empty = _join_wrapped_labels(grid, virtual)
        if empty:  # rows left with nothing once their label piece went up: cut no more there
            ys = [y for k, y in enumerate(ys) if k not in empty]  # (inner edges: the same box)
            virtual = {k - sum(e < k for e in empty) for k in virtual if k not in empty}
            grid = _grid(ghs, gvs, xs, ys, placed, page, virtual)
            _join_wrapped_labels(grid, virtual)
        if _columns_unruled(grid):
            continue  # rules frame a borderless table: the stream reader finds its columns
        if (grid.n_rows >= min_rows or _one_row_of_figures(grid)) and any(c.chars for c in grid.cells):
            grids.append(fill_text(split_name_columns(_settle_open_cells(grid, ys))))
    grids.sort(key=lambda g: (g.bbox.top, g.bbox.x0))
    grids = join_totals_boxes(grids)
    taken: set[int] = set().union(*(g.used for g in grids)) if grids else set()
    for k, g in enumerate(grids):
        grids[k] = attach_margin_labels(drop_thin_empty_rows(g), chars, taken)
        taken |= grids[k].used
    return grids


def _space_between(a: Char, b: Char, spaces: list[Char]) -> list[Char]:
    """The space printed between two glyphs of one line, as a list of none or one."""
    for s in spaces:
        if s.text == " " and a.x1 - 0.5 <= s.cx <= b.x0 + 0.5 and a.top <= s.cy <= a.bottom:
            return [s]
    return []


def _settle_open_cells(grid: Grid, ys: list[float]) -> Grid:
    """A box left open over rows only because a rule is missing there, its Latin text all on the
    last row's line beside that row's other boxes, the rows above it empty bands across the table
    (vertical_header's ``9237`` left of a Totals box ruled apart, under the gap above the box), is
    a cell of that row; the empty bands above it are no rows."""
    rows_with_text = {c.row for c in grid.cells if c.row_span == 1 and any(not ch.is_space for ch in c.chars)}
    inked = {bisect_right(ys, ch.cy) - 1 for c in grid.cells for ch in c.chars if not ch.is_space}
    drop: set[int] = set()
    for c in grid.cells:
        ink = [ch for ch in c.chars if not ch.is_space]
        if c.row_span < 2 or not ink or not all(ch.text.isascii() for ch in ink):
            continue
        last = c.row + c.row_span - 1
        if last not in rows_with_text or any(not ys[last] <= ch.cy <= ys[last + 1] for ch in ink):
            continue
        if any(r in inked for r in range(c.row, last)):
            continue  # a box spanning rows that hold text (`State` beside two header rows) stays
        drop.update(range(c.row, last))
    if not drop:
        return grid
    new_index = {r: r - sum(d < r for d in drop) for r in range(grid.n_rows)}
    cells = [c for c in grid.cells if any(r not in drop for r in range(c.row, c.row + c.row_span))]
    for c in cells:
        kept = [r for r in range(c.row, c.row + c.row_span) if r not in drop]
        c.row, c.row_span = new_index[kept[0]], len(kept)
        if c.bbox is not None and c.row_span == 1 and c.chars:
            c.bbox = BBox(c.bbox.x0, ys[kept[0]], c.bbox.x1, ys[kept[0] + 1])
    parents = {new_index[r]: v for r, v in grid.parents.items() if r not in drop}
    return replace(grid, n_rows=grid.n_rows - len(drop), cells=cells, parents=parents)


def _split_unruled_rows(xs: list[float], ys: list[float], chars: list[Char]) -> tuple[list[float], set[int]]:
    """Tables ruled by columns only (budget books: vertical rules, no rule between rows): a band
    between two horizontal rules that holds several lines with numbers in the value columns is cut
    between its text lines. Returns the new row edges and the indices of the edges added."""
    bands: list[list[Char]] = [[] for _ in range(len(ys) - 1)]
    left, right, top, bottom_edge, last = xs[0], xs[-1], ys[0], ys[-1], len(bands) - 1
    for ch in chars:
        cy = ch.cy
        if not ch.is_space and left <= ch.cx <= right and top <= cy < bottom_edge:
            k = bisect_right(ys, cy) - 1
            bands[k if k < last else last].append(ch)  # min(k, last)
    out: list[float] = [ys[0]]
    virtual: set[int] = set()
    for band, bottom in zip(bands, ys[1:], strict=True):
        # one line of text (the common case: a ruled row) needs no look
        if not band:
            out.append(bottom)
            continue
        centres = [c.cy for c in band]
        if max(centres) - min(centres) > 0.6 * min([c.bottom - c.top for c in band]):
            lines = group_lines(band)
            lines.sort(key=lambda ln: ln.cy)
            if len(lines) >= 2 and _unit_line(lines[0], xs) and lines[1].top >= lines[0].bottom - 0.5:
                # 千円 printed over the first figure of each value column: a header row of its own
                virtual.add(len(out))
                out.append((lines[0].bottom + lines[1].top) / 2)
                lines = lines[1:]
            # two lines with a figure in the value columns are enough to know (a word's place is
            # cheaper to read than its text)
            # a figure alone on its line in a cell of Latin text (an address's PIN code under it) is no
            # row of figures (a Japanese 説明 cell's counts such as `70件` are: budget rows)
            texts = {
                bisect_right(xs, w.cx)
                for ln in lines
                for w in ln.words
                if not _JAPANESE.search(w.text) and not _figure(w.text)
            }
            numeric = list(itertools.islice((ln for ln in lines if _has_figure(ln, xs, texts)), 2))
            if len(numeric) >= 2 and not _stacked_in_one_cell(lines, xs):
                lines.sort(key=lambda ln: ln.cy)
                for a, b in itertools.pairwise(lines):
                    if (
                        b.top >= a.bottom - 0.5
                    ):  # lines that overlap are one row (a label wrapped round its numbers)
                        virtual.add(len(out))
                        out.append((a.bottom + b.top) / 2)
        out.append(bottom)
    return out, virtual


def _stacked_in_one_cell(lines: list[Line], xs: list[float]) -> bool:
    """A band of Latin lines holding one figure at most each, all in one column: one cell's stacked
    figures (two phone numbers under each other), not rows of figures. A row of figures shows them
    in two value columns or more (or several in a column the rules do not split), and Japanese
    bands (budget rows, 説明 counts) are left as they were read."""
    figures = []
    for ln in lines:
        if any(_JAPANESE.search(w.text) for w in ln.words):
            return False
        here = [bisect_right(xs, w.cx) for w in ln.words if w.cx > xs[1] and _figure(w.text)]
        if len(here) > 1:
            return False
        figures += here
    return len(set(figures)) == 1


# a count printed as a 説明 line's figure: 118人, 1,285件, 2,700件／月, 16回
def _has_figure(line: Line, xs: list[float], texts: set[int]) -> bool:
    cols = [bisect_right(xs, w.cx) for w in line.words]
    return any(
        w.cx > xs[1] and _figure(w.text) and (k not in texts or cols.count(k) > 1)
        for w, k in zip(line.words, cols, strict=True)
    )


_COUNT = re.compile(
    r"^[0-9０-９][0-9０-９,，]*\s*(?:人|件|回|台|か所|箇所|ヶ所|校|園|団体|世帯|冊|枚|基|棟|戸)(?:[/／]月)?$"
)


_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff01-\uffef]")
_NUMBERING = re.compile(r"^[0-9０-９]{1,2}[.．]$")  # 2. over 滞納繰越分: an item number, not a figure


def _figure(text: str) -> bool:
    if _NUMBERING.match(text):
        return False
    return (has_digit(text) and looks_numeric(text)) or bool(_COUNT.match(text))


def _unit_line(line: Line, xs: list[float]) -> bool:
    """A line of unit marks alone (千円 千円 千円), one at least in the value columns; the first
    column's too when it is a column of figures (a 財源内訳 half-page: 国県支出金 | 地方債 | …)."""
    return (
        bool(line.words)
        and all(unit_mark(w.text) for w in line.words)
        and any(w.cx > xs[1] for w in line.words)
    )


class _Placed(NamedTuple):
    """The chars inside a ruled box, read once for each grid drawn over it."""

    inside: list[Char]
    lines: list[tuple[float, list[list[Char]]]]  # each line's centre and its words' chars
    order: dict[int, int]  # id of a char → its place in content order


def _placed(chars: list[Char], xs: list[float], ys: list[float]) -> _Placed:
    x0, x1, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
    inside = [ch for ch in chars if x0 <= ch.cx <= x1 and top <= ch.cy <= bottom]
    return _Placed(inside, line_words(inside), {id(ch): k for k, ch in enumerate(inside)})


def _grid(
    hs: list[Segment],
    vs: list[Segment],
    xs: list[float],
    ys: list[float],
    placed: _Placed,
    page: int,
    virtual: set[int],
) -> Grid:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))  # cell (r, c) is r * n_cols + c

    def find(u: int) -> int:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    v_at, h_at = _near(vs, xs), _near(hs, ys)
    # a ruling covers a cell side when it reaches within a quarter of the side's length of both ends
    col_reach = [
        (xs[c] + (xs[c + 1] - xs[c]) * 0.25, xs[c + 1] - (xs[c + 1] - xs[c]) * 0.25) for c in range(n_cols)
    ]
    v_spans = [[(s.start, s.end) for s in segs] for segs in v_at]  # plain loops below: no generators
    h_spans = [[(s.start, s.end) for s in segs] for segs in h_at]
    for r in range(n_rows):
        lo, hi = ys[r], ys[r + 1]
        margin = (hi - lo) * 0.25
        a, b = lo + margin, hi - margin
        below = r + 1 < n_rows and r + 1 not in virtual
        h_next = h_spans[r + 1]
        for c in range(n_cols):
            u = r * n_cols + c
            if c + 1 < n_cols:
                for start, end in v_spans[c + 1]:
                    if start <= a and end >= b:
                        break
                else:
                    parent[find(u + 1)] = find(u)
            if below:
                ca, cb = col_reach[c]
                for start, end in h_next:
                    if start <= ca and end >= cb:
                        break
                else:
                    parent[find(u + n_cols)] = find(u)
    units: dict[int, list[tuple[int, int]]] = {}
    for u in range(n_rows * n_cols):
        units.setdefault(find(u), []).append(divmod(u, n_cols))
    cells: dict[tuple[int, int], GridCell] = {}
    for members in [part for unit in units.values() for part in _rectangles(unit, ys)]:
        rows = [m[0] for m in members]
        cols = [m[1] for m in members]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        cell = GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, BBox(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
        for m in members:
            cells[m] = cell
    bbox = BBox(xs[0], ys[0], xs[-1], ys[-1])
    used: set[int] = set()
    # whole words are placed, by their centre: a number that overflows a ruling stays in one cell;
    # a word that runs over a ruling drawn through its line is two words that touch (split_at_rulings)
    spaces: list[Char] | None = None
    for cy, words in placed.lines:
        r = min(max(bisect_right(ys, cy) - 1, 0), n_rows - 1)
        # column -> its last glyph on this line, whether the line's words there are all Latin so
        # far, and whether a letter was among them
        last: dict[int, tuple[Char, bool, bool]] = {}
        for word in words:
            for piece in split_at_rulings(word, cy, xs, v_at):
                c = min(max(bisect_right(xs, _centre(piece)) - 1, 0), n_cols - 1)
                latin = not any(is_japanese_char(ch.text) or is_cjk_char(ch.text) for ch in piece)
                letters = latin and any(ch.text.isascii() and ch.text.isalpha() for ch in piece)
                seen = last.get(c)
                if seen is not None and seen[1] and latin and (seen[2] or letters):
                    # two words of one Latin line in one cell (`Hyderabad-500` and `004`): the space
                    # printed between them, which the word split consumed, stays
                    if spaces is None:
                        spaces = [ch for ch in placed.inside if ch.is_space]
                    cells[(r, c)].chars.extend(_space_between(seen[0], piece[0], spaces))
                cells[(r, c)].chars.extend(piece)
                if seen is None:
                    last[c] = (piece[-1], latin, letters)
                else:
                    last[c] = (piece[-1], seen[1] and latin, seen[2] or letters)
    used.update(map(id, placed.inside))
    at = placed.order.__getitem__
    for cell in {id(c): c for c in cells.values()}.values():  # content order: turned text reads by it
        if len(cell.chars) > 1:  # (each char's place is its own: a sort by it alone)
            places = map(at, map(id, cell.chars))
            cell.chars[:] = [ch for _, ch in sorted(zip(places, cell.chars, strict=True), key=_FIRST)]
    _split_spanning_figures(cells, xs, ys)
    _split_spanning_lines(cells, xs, ys)
    unique = sorted({id(c): c for c in cells.values()}.values(), key=lambda c: (c.row, c.col))
    return Grid(page, n_rows, n_cols, unique, bbox, "lattice", used=used)


def _rectangles(members: list[tuple[int, int]], ys: list[float]) -> list[list[tuple[int, int]]]:
    """A box left open on two sides by partial rules is no rectangle. Where it is wider only over
    a band too thin for a line of text (決算's ``繰越金`` beside a ``うち返還金`` box drawn a few
    points lower), that notch is no part of a name: the box is read as its columns, side by side
    columns that cover the same rows staying one box. Otherwise (a budget book's 款 name printed
    over its 項 column) it stays one box over its whole extent."""
    rows = {m[0] for m in members}
    cols = sorted({m[1] for m in members})
    if len(rows) * len(cols) == len(members):
        return [members]
    by_col = {c: sorted(m[0] for m in members if m[1] == c) for c in cols}
    width = {r: sum(1 for m in members if m[0] == r) for r in rows}
    if any(ys[r + 1] - ys[r] >= NOTCH for r in rows if width[r] == max(width.values())):
        return [members]
    parts: list[list[tuple[int, int]]] = []
    for c in cols:
        if parts and parts[-1][-1][1] == c - 1 and by_col[c - 1] == by_col[c]:
            parts[-1].extend((r, c) for r in by_col[c])
        else:
            parts.append([(r, c) for r in by_col[c]])
    return parts


def _split_spanning_figures(cells: dict[tuple[int, int], GridCell], xs: list[float], ys: list[float]) -> None:
    """A cell open over several columns (a row with no rules of its own, between shaded bands whose
    tiles rule the columns: health.pdf) that holds two or more figures on one line is no spanning
    cell: read as one it runs its figures together (``2,241,609107,549``). Each figure goes to the
    column under its centre, a run of words that are no figures to the column where it starts."""
    for cell in {id(c): c for c in cells.values()}.values():
        if cell.col_span < 2 or not cell.chars:
            continue
        lines = group_lines(cell.chars)
        if not any(sum(1 for w in ln.words if _figure(w.text)) >= 2 for ln in lines):
            continue
        c0, c1 = cell.col, cell.col + cell.col_span
        r0, r1 = cell.row, cell.row + cell.row_span
        pieces = [
            GridCell(r0, c, cell.row_span, 1, BBox(xs[c], ys[r0], xs[c + 1], ys[r1])) for c in range(c0, c1)
        ]
        for ln in lines:
            start: float | None = None  # where the current run of text words starts
            for w in ln.words:
                if _figure(w.text):
                    x, start = w.cx, None
                else:
                    start = w.x0 if start is None else start
                    x = start
                k = min(max(bisect_right(xs, x) - 1, c0), c1 - 1)
                pieces[k - c0].chars.extend(w.chars)
        for piece in pieces:
            for r in range(r0, r1):
                cells[(r, piece.col)] = piece


def _split_spanning_lines(cells: dict[tuple[int, int], GridCell], xs: list[float], ys: list[float]) -> None:
    """A value cell open over several rows (a budget book's 説明 column, ruled only where its 節
    boxes are) whose text lines fall in different rows: each line stays in its own row, so a
    printed row is one row (not three 説明 lines run into one cell)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    figure_rows: dict[int, bool] = {}  # row -> a one-row cell of it holds a figure (found when asked)
    for cell in {id(c): c for c in cells.values()}.values():
        if cell.row_span < 2 or cell.col < 1 or not cell.chars:
            continue
        lines = sorted(group_lines(cell.chars), key=lambda ln: ln.cy)
        spanned = range(cell.row, min(cell.row + cell.row_span, n_rows))
        if not any(_row_has_figure(cells, r, n_cols, figure_rows) for r in spanned) and not any(
            unit_mark(ln.text) for ln in lines[1:]
        ):
            continue  # a header box over rows of names only: its wrapped lines are one name
        by_row: dict[int, list[Char]] = {}
        for k, line in enumerate(lines):
            r = min(
                max(bisect_right(ys, line.cy) - 1, cell.row), min(cell.row + cell.row_span - 1, n_rows - 1)
            )
            if k == 1 and _numbered_label(lines[0].text, line.text):
                r = next(iter(by_row))  # ``1.`` over ``個人``: one label, its number first
            by_row.setdefault(r, []).extend(line.chars)
        if len(by_row) < 2:
            continue
        c0, c1 = cell.col, cell.col + cell.col_span
        for r in range(cell.row, cell.row + cell.row_span):
            piece = GridCell(
                r, c0, 1, cell.col_span, BBox(xs[c0], ys[r], xs[c1], ys[r + 1]), by_row.get(r, [])
            )
            for c in range(c0, c1):
                cells[(r, c)] = piece


def _row_has_figure(
    cells: dict[tuple[int, int], GridCell], row: int, n_cols: int, cache: dict[int, bool]
) -> bool:
    if row not in cache:
        cache[row] = False
        for c in range(n_cols):
            cell = cells.get((row, c))
            if cell is None or cell.row_span != 1 or not any(ch.text.isdigit() for ch in cell.chars):
                continue
            if any(_figure(w.text) for ln in group_lines(cell.chars) for w in ln.words):
                cache[row] = True
                break
    return cache[row]


def _numbered_label(first: str, second: str) -> bool:
    """A label printed as its item number on a line of its own over its name (``1.`` / ``個人``)."""
    name = second.strip()
    return bool(_NUMBERING.match(first.strip())) and name[:1].isalpha() and not _figure(name)


def _centre(chars: list[Char]) -> float:
    return (chars[0].x0 + chars[-1].x1) / 2


_GROUPED = re.compile(r"^[△▲\-−－]?\d{1,3}(?:,\d{3})+$|^[△▲\-−－]?\d{1,3}$")


def split_at_rulings(
    chars: list[Char], cy: float, xs: list[float], v_at: list[list[Segment]]
) -> list[list[Char]]:
    """A word cut where a vertical ruling drawn through its line crosses it.

    Text is cut at the ruling (``本年度予算額前年度予算額`` in two header cells that it fills).
    Figures are cut only by their digit grouping: two grouped numbers run together
    (``54,306,600306,373,500``) are cut where both halves are well grouped, and only when exactly
    one cut does that; a number that merely overflows its cell (or reads two ways) stays whole.
    """
    ink = [ch for ch in chars if not ch.is_space]
    if len(ink) < 2:
        return [chars]
    inner = [
        k
        for k in range(1, len(xs) - 1)
        if ink[0].cx < xs[k] < ink[-1].cx and any(s.start - TOL <= cy <= s.end + TOL for s in v_at[k])
    ]
    if not inner:
        return [chars]
    text = "".join(ch.text for ch in ink)
    if has_digit(text) and looks_numeric(text):
        cuts = [
            i
            for i in range(1, len(ink))
            if _GROUPED.match(text[:i]) and _GROUPED.match(text[i:]) and ("," in text[:i] or "," in text[i:])
        ]
        if len(cuts) != 1 or not any(
            ink[cuts[0] - 1].cx < xs[k] + 2 * ink[0].size and ink[cuts[0]].cx > xs[k] - 2 * ink[0].size
            for k in inner
        ):
            return [chars]
        return [ink[: cuts[0]], ink[cuts[0] :]]
    pieces: list[list[Char]] = []
    edges = [xs[k] for k in inner]
    for i, ch in enumerate(chars):  # a space printed between Latin words stays (`Old No. 14`)
        if ch.is_space and not _between_latin(chars, i):
            continue  # (between Japanese glyphs a space is letter-spacing: 上 席 主 事)
        k = bisect_right(edges, ch.cx)
        while len(pieces) <= k:
            pieces.append([])
        pieces[k].append(ch)
    out = []
    for p in pieces:
        while p and p[-1].is_space:
            p.pop()
        while p and p[0].is_space:
            p.pop(0)
        if p:
            out.append(p)
    return out


def _between_latin(chars: list[Char], i: int) -> bool:
    before = next((c.text for c in reversed(chars[:i]) if not c.is_space), "")
    after = next((c.text for c in chars[i + 1 :] if not c.is_space), "")
    return before.isascii() and after.isascii() and bool(before) and bool(after)


def _join_wrapped_labels(grid: Grid, virtual: set[int]) -> set[int]:
    """A label wrapped inside its ruled cell (``1戸籍住民基本`` / ``台帳費委託金``) that the cut
    between text lines split: a piece in the label column whose row has no figure of its own, below
    a label in the same ruled band, goes back to that label. Returns the rows (edge indices) left
    with no text at all, which are cut no more."""
    by_row: dict[int, list[GridCell]] = {}
    for c in grid.cells:
        by_row.setdefault(c.row, []).append(c)
    empty: set[int] = set()
    above: GridCell | None = None
    for r in range(grid.n_rows):
        row = by_row.get(r, [])
        first = next((c for c in row if c.col == 0), None)
        if r not in virtual:
            above = first if first is not None and first.col_span == 1 and first.row_span == 1 else None
            if above is not None and not any(not ch.is_space for ch in above.chars):
                above = None
            continue
        if first is None or first.col_span != 1 or first.row_span != 1:
            above = None
            continue
        ink = [ch for ch in first.chars if not ch.is_space]
        if not ink:
            continue
        text = "".join(ch.text for ch in ink)
        others = [c for c in row if c is not first]
        figures = any(
            has_digit(t) and looks_numeric(t)
            for t in ("".join(ch.text for ch in c.chars).strip() for c in others)
        )
        if above is not None and not figures and not text[:1].isdigit() and not unit_mark(text):
            above.chars.extend(first.chars)
            first.chars = []
            if all(c.row_span == 1 and not c.chars for c in row) and not any(
                c.row < r < c.row + c.row_span for c in grid.cells
            ):
                empty.add(r)
            continue
        above = first
    return empty


def _one_row_of_figures(grid: Grid) -> bool:
    """A ruled box of one row with a label and figures in three or more columns: a table of one row
    (a budget book's 項 with a single 目, set under the header printed for the table above)."""
    if grid.n_rows != 1 or grid.n_cols < 3:
        return False
    texts = ["".join(ch.text for ch in c.chars).strip() for c in grid.cells]
    label = any(t and c.col == 0 for c, t in zip(grid.cells, texts, strict=True))
    figures = sum(
        bool(t) and c.col >= 1 and has_digit(t) and looks_numeric(t)
        for c, t in zip(grid.cells, texts, strict=True)
    )
    return (label and figures >= 2) or _one_row_of_items(texts, grid)


# an item number opening a label: ``1財政調整基金繰入金``, ``12 委託料``
_ITEM = re.compile(r"^[0-9０-９]{1,3}\s*[^\d\s,，.．/／:：年月日]")


def _one_row_of_items(texts: list[str], grid: Grid) -> bool:
    """A ruled box of one row with every column filled, a numbered label in the first and a figure
    of its own in another (a budget book's 節 of one line under the 節 table above: ``1 財政調整
    基金繰入金 | 300,000 | 財源調整分 300,000``): a table of one row too."""
    by_col = {c.col: t for c, t in zip(grid.cells, texts, strict=True)}
    if len(by_col) != grid.n_cols or not all(by_col.values()) or not _ITEM.match(by_col.get(0, "")):
        return False
    return any(has_digit(t) and looks_numeric(t) for col, t in by_col.items() if col >= 1)


def _columns_unruled(grid: Grid) -> bool:
    """Rules that bound rows or groups but not the columns (12s0324's header rules, a frame drawn
    round a stream table): most cells holding figures hold two or more figures side by side on one
    line. Read as cells, each would run its figures together (``11,062.61,540.09,522.6``)."""
    digits = [c for c in grid.cells if sum(1 for ch in c.chars if ch.text.isdigit()) >= 2]
    gapped = [c for c in digits if _has_gap(c.chars)]
    with_figures = len(digits) - len(gapped)  # one run of glyphs: one figure at most
    several = 0
    for k, cell in enumerate(gapped):
        if 2 * several + len(gapped) - k < with_figures:
            return False  # even if every cell left held several figures, too few would
        counts = [sum(1 for w in ln.words if _figure(w.text)) for ln in group_lines(cell.chars)]
        if any(counts):
            with_figures += 1
            several += max(counts) >= 2
    return several >= 3 and 2 * several >= with_figures


def _has_gap(chars: list[Char]) -> bool:
    """Is there a horizontal gap wider than a word gap between the cell's glyphs (or a space)?"""
    ink = sorted((c for c in chars if not c.is_space), key=lambda c: c.x0)
    if len(ink) < len(chars):
        return True
    reach = ink[0].x1
    for c in ink[1:]:
        if c.x0 - reach > 0.3 * c.size:
            return True
        reach = c.x1 if c.x1 > reach else reach
    return False
