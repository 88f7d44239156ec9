"""Borderless tables from alignment: right-aligned numeric columns and a label column on the left.

Everything left of the first numeric column is one label cell, however its glyphs are spaced
(character spacing or real spaces), so a letter-spaced label never splits into columns.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from statistics import median

from chohyo.extract.tables.cells import are_years, has_digit, is_prose, looks_numeric
from chohyo.extract.tables.geometry import Char, Line, Word
from chohyo.extract.tables.grid import Grid, GridCell, cell_text
from chohyo.extract.tables.wrapped import LabelLine, continues, join_wrapped, label_line, line_pitch
from chohyo.model import BBox

ANCHOR_TOL = 4.0
MAX_HEADER_LINES = 4  # three header rows; a cell spanning two rows is centred on a line of its own
NOT_HEADER = re.compile(r"単位|から.*まで|^\(.*\)$|^（.*）$")


LEADER_TAIL = re.compile(r"\s*(?:\.\s*){3,}$")  # dot leaders ending a label (`Total . . . .`): layout


def _numeric(word: Word) -> bool:
    if not word.text.strip(". "):
        return False  # a leader dot left beside a figure (`. 1,080.1`)
    return looks_numeric(word.text) and (has_digit(word.text) or len(word.text) <= 2)


def _split_leaders(line: Line) -> Line:
    """A figure set hard against the dot leaders before it (`Total ........11,062.6`) is a word of
    its own: the leaders end where the figure begins."""
    words: list[Word] = []
    for w in line.words:
        d = next((i for i, c in enumerate(w.chars) if c.text.isdigit()), 0)
        before = [c.text for c in w.chars[:d] if not c.is_space]
        if before and (set(before) == {"."} or before[-3:] == [".", ".", "."]):
            figure = Word(w.chars[d:])
            if has_digit(figure.text) and looks_numeric(figure.text):
                words += [Word(w.chars[:d]), figure]
                continue
        words.append(w)
    return line if len(words) == len(line.words) else Line(line.chars, words, line.region)


SIGNS = ("△", "▲")


def _join_signs(line: Line) -> Line:
    """A △ set apart from its figure (``△　46,855``: a full-width space between) is the figure's sign.
    Left a word of its own it lies left of the figures' column and ends up in the label
    (``長期前受金戻入額△`` beside a positive 46,855): the sign goes with the figure after it."""
    words: list[Word] = []
    i, joined = 0, False
    while i < len(line.words):
        w = line.words[i]
        nxt = line.words[i + 1] if i + 1 < len(line.words) else None
        if (
            nxt is not None
            and w.text.strip() in SIGNS
            and has_digit(nxt.text)
            and looks_numeric(nxt.text)
            and not nxt.text.lstrip().startswith((*SIGNS, "-", "−", "－", "+", "＋"))
            and nxt.x0 - w.x1 <= 1.5 * max(line.size, 1.0)
        ):
            words.append(Word(w.chars + nxt.chars))
            i, joined = i + 2, True
            continue
        words.append(w)
        i += 1
    return Line(line.chars, words, line.region) if joined else line


def _edge(word: Word) -> float:
    """Where a figure's column aligns: its last digit. An accounting negative hangs its closing
    parenthesis right of the column (``(106,870)`` under ``2,076,667``)."""
    if len(word.chars) > 2 and word.chars[-1].text in ")）" and has_digit(word.text):
        return max(c.x1 for c in word.chars[:-1])
    return word.x1


def _trailing(line: Line) -> list[Word]:
    """Text printed right of the numbers (a 備考 / 説明 column): at most two words, set clear of the
    last number, with a label and a number before them."""
    words = line.words
    k = len(words)
    while k > 0 and not _numeric(words[k - 1]):
        k -= 1
    tail = words[k:]
    if not tail or len(tail) > 2 or k < 2 or not has_digit(words[k - 1].text):
        return []
    if tail[0].x0 - words[k - 1].x1 < 1.5 * max(line.size, 1.0) or _numeric(words[0]):
        return []
    return tail


def _values(line: Line) -> list[Word]:
    """The numeric words after the last text word, before any trailing text column (a leading
    `2.` or `(1)` is numbering, not a value)."""
    if line.values is None:
        line.values = _find_values(line)
    return line.values


def _find_values(line: Line) -> list[Word]:
    out: list[Word] = []
    for w in reversed(line.words[: len(line.words) - len(_trailing(line))]):
        if not _numeric(w):
            break
        out.append(w)
    out.reverse()
    return out


def _is_body(line: Line) -> bool:
    """A line with a number to the right of a label, or several numbers."""
    vals = [w for w in _values(line) if has_digit(w.text)]
    return bool(vals) and (len(vals) < len(line.words) - len(_trailing(line)) or len(vals) >= 2)


def _nil_row(line: Line) -> bool:
    """A row of the table with nothing to report: a label, then dashes only (``Jharkhand - - -``).
    It goes on with a run; it never starts one."""
    vals = _values(line)
    return len(vals) >= 2 and len(vals) < len(line.words) and not any(has_digit(w.text) for w in vals)


def _dash_row(line: Line, num_left: float) -> bool:
    """A row with nothing to report in a table of one value column: a label, then a dash set in
    the value columns. It goes on with a run; it never starts one."""
    vals = _values(line)
    return (
        0 < len(vals) < len(line.words)
        and not any(has_digit(w.text) for w in vals)
        and all(w.x0 >= num_left - ANCHOR_TOL for w in vals)
    )


def find_stream_tables(lines: list[Line], page: int, min_rows: int = 2, min_cols: int = 2) -> list[Grid]:
    """Tables in ``lines``; lines cut between side-by-side tables are read one region at a time
    (the left region together with the full-width lines)."""
    lines = [_join_signs(_split_leaders(ln)) for ln in lines]
    regions = sorted({ln.region for ln in lines} - {0})
    if not regions:
        return _find(lines, page, min_rows, min_cols)
    grids: list[Grid] = []
    for r in regions:
        keep = (0, r) if r == regions[0] else (r,)
        grids += _find([ln for ln in lines if ln.region in keep], page, min_rows, min_cols)
    return grids


def _find(lines: list[Line], page: int, min_rows: int, min_cols: int) -> list[Grid]:
    grids: list[Grid] = []
    i = 0
    while i < len(lines):
        if not _is_body(lines[i]) or year_line(lines[i]):
            i += 1
            continue
        run = _grow_run(lines, i)
        body_lines = [ln for ln in run if _is_body(ln)]
        grid = None
        if len(body_lines) >= min_rows:
            cut = _prose_beside(run)
            grid = _make_grid(*_right_of(lines, run, cut), page) if cut else _make_grid(lines, run, page)
        if grid is not None and grid.n_cols >= min_cols:
            grids.append(grid)
        i = lines.index(run[-1]) + 1
    return grids


def _prose_beside(run: list[Line]) -> float | None:
    """Where a column of running prose set beside the table ends, or None: a gutter that no word
    of the run's label column crosses, with prose on most lines left of it (a table set in the
    right column of a page of two columns; its lines run on into the left column's text)."""
    body = [ln for ln in run if _is_body(ln)]
    label_right = min(_values(ln)[0].x0 for ln in body) - 1.0
    words = sorted((w for ln in run for w in ln.words if w.x1 <= label_right + 1.0), key=lambda w: w.x0)
    wide = 1.5 * median(ln.size for ln in run)
    reach = None
    for w in words:
        if reach is not None and w.x0 - reach >= wide:
            left = [" ".join(v.text for v in ln.words if v.x1 <= reach) for ln in run]
            left = [t for t in left if t]
            if len(left) >= 3 and 2 * sum(map(is_prose, left)) >= len(left):
                return (reach + w.x0) / 2
        reach = w.x1 if reach is None else max(reach, w.x1)
    return None


def _right_of(lines: list[Line], run: list[Line], cut: float) -> tuple[list[Line], list[Line]]:
    """The page's lines and the run with what lies left of ``cut`` taken off (lines wholly left of
    it go)."""
    trimmed: dict[int, Line] = {}
    for ln in lines:
        chars = [c for c in ln.chars if c.cx > cut]
        words = [w for w in ln.words if w.x0 > cut]
        if words and any(not c.is_space for c in chars):
            trimmed[id(ln)] = Line(chars, words, ln.region)
    return (
        [trimmed[id(ln)] for ln in lines if id(ln) in trimmed],
        [trimmed[id(ln)] for ln in run if id(ln) in trimmed],
    )


def year_line(line: Line) -> bool:
    """A header line whose column names are years printed as plain numbers (科目 2021 2022 2023)."""
    return are_years([w.text for w in _values(line)])


def _pitch(run: list[Line]) -> float:
    """The row pitch: from the lines with values when there are several (a label wrapped around
    its centred numbers adds lines closer than a row)."""
    body = [ln for ln in run if _values(ln)]
    run = body if len(body) >= 2 else run
    gaps = [b.cy - a.cy for a, b in itertools.pairwise(run) if b.cy > a.cy]
    return median(gaps) if gaps else max(run[0].bottom - run[0].top, 1.0) * 1.5


def _grow_run(lines: list[Line], start: int) -> list[Line]:
    """Body lines and the label-only lines between them, until a wide gap or a line of prose."""
    run = [lines[start]]
    num_left = min(w.x0 for w in _values(lines[start]))
    j = start + 1
    pending: list[Line] = []
    limit = 2.6 * max((run[0].bottom - run[0].top) * 1.6, 6.0)
    while j < len(lines):
        ln = lines[j]
        prev = pending[-1] if pending else run[-1]
        if ln.cy - prev.cy > limit:
            break
        if _is_body(ln) or _nil_row(ln):
            run.extend(pending)
            pending = []
            run.append(ln)
            num_left = min(num_left, *(w.x0 for w in _values(ln)))
            limit = 2.6 * max(_pitch(run), 6.0)
        elif _dash_row(ln, num_left):  # a label and a dash for none (`Direct result -`)
            run.extend(pending)
            pending = []
            run.append(ln)
        elif ln.x1 <= num_left + 2 and len(pending) < 4:
            pending.append(ln)  # a section row: label only
        else:
            break
        j += 1
    if pending and _wraps_into(run, pending, num_left):
        run.append(pending[0])  # the last row's label goes on under its numbers
    return run


def _labels(lines: list[Line], label_right: float) -> dict[int, LabelLine]:
    """id(line) -> the label part of the line (its words left of ``label_right``)."""
    out = {}
    for ln in lines:
        words = [w for w in ln.words if w.x1 <= label_right + 1.0 or w.cx <= label_right]
        lab = label_line(ln, words, bool(_values(ln)))
        if lab is not None:
            out[id(ln)] = lab
    return out


def _wraps_into(run: list[Line], pending: list[Line], num_left: float) -> bool:
    labels = _labels([*run, *pending[:2]], num_left - 1.0)
    last, nxt = labels.get(id(run[-1])), labels.get(id(pending[0]))
    if last is None or nxt is None:
        return False
    after = labels.get(id(pending[1])) if len(pending) > 1 else None
    return continues([last], nxt, after, max(lab.x1 for lab in labels.values()), line_pitch(run))


def _anchors(body: list[Line], label_right: float) -> list[float]:
    """Right edges of the value columns. The numbers set them: in a long table a column needs two
    aligned numbers, unless its one number stands clear of every other column (a column filled on
    the total row only). A dash meaning none is often centred, not right-aligned: dashes name a
    column of their own only where they share a row with the number of the column they fall in."""
    need = 2 if len(body) >= 4 else 1
    groups = _one_column(
        _groups([w for ln in body for w in _values(ln) if w.x0 > label_right and has_digit(w.text)]), body
    )
    strong = [g for g in groups if len(g) >= need]
    spans = [(min(w.x0 for w in g), max(_edge(w) for w in g)) for g in strong]
    out = [max(_edge(w) for w in g) for g in strong]
    out += [
        _edge(g[0])
        for g in groups
        if len(g) < need and all(g[0].x0 > hi + 2.0 or g[0].x1 < lo - 2.0 for lo, hi in spans)
    ]
    out.sort()

    def slot(x: float) -> int:
        return next((k for k, a in enumerate(out) if x <= a + ANCHOR_TOL), len(out))

    dashes: list[tuple[Word, Line]] = [
        (w, ln) for ln in body for w in _values(ln) if w.x0 > label_right and not has_digit(w.text)
    ]
    extra = []
    for g in _groups([w for w, _ in dashes]):
        ids = {id(w) for w in g}
        k = slot(max(w.x1 for w in g))
        if k == len(out):  # right of every number: a column of its own
            extra.append(max(w.x1 for w in g))
            continue
        for w, ln in dashes:
            if id(w) in ids and any(has_digit(v.text) and slot(_edge(v)) == k for v in _values(ln)):
                extra.append(max(w.x1 for w in g))
                break
    return sorted(out + extra)


def _one_column(groups: list[list[Word]], body: list[Line]) -> list[list[Word]]:
    """Neighbouring groups of two or more aligned figures that overlap on the page and never share
    a row are one column set two ways (a block of per-unit figures such as ``3.99`` set a little left of
    the amounts above them): columns of one table share rows and stand clear of each other."""
    row = {id(w): k for k, ln in enumerate(body) for w in _values(ln)}
    out: list[list[Word]] = []
    for g in groups:
        prev = out[-1] if out else None
        if (
            prev is not None
            and min(len(g), len(prev)) >= 2
            and min(w.x0 for w in g) < max(_edge(w) for w in prev)
            and not {row[id(w)] for w in g} & {row[id(w)] for w in prev}
        ):
            out[-1] = [*prev, *g]
        else:
            out.append(g)
    return out


def _groups(words: list[Word]) -> list[list[Word]]:
    """Words whose right edges line up (within ANCHOR_TOL of their neighbour)."""
    groups: list[list[Word]] = []
    for w in sorted(words, key=_edge):
        if groups and _edge(w) - _edge(groups[-1][-1]) <= ANCHOR_TOL:
            groups[-1].append(w)
        else:
            groups.append([w])
    return groups


def _make_grid(all_lines: list[Line], run: list[Line], page: int) -> Grid | None:
    body = [ln for ln in run if _is_body(ln)]
    # the label column ends before the leftmost number that is not the first word of its line
    label_right = min(_values(ln)[0].x0 for ln in body) - 1.0
    anchors = _anchors(body, label_right)
    if not anchors:
        return None
    bounds = [label_right] + [a + ANCHOR_TOL for a in anchors]  # column k: (bounds[k-1], bounds[k]]
    tails = [w for ln in body for w in _trailing(ln)]
    if tails and min(w.x0 for w in tails) > bounds[-1]:  # a text column right of the numbers
        bounds.append(max(w.x1 for w in tails) + ANCHOR_TOL)

    def column_of(word: Word) -> int:
        if word.x1 <= label_right + 1.0 or word.cx <= label_right:
            return 0
        x = _edge(word) if _numeric(word) else word.cx
        for k in range(1, len(bounds)):
            if x <= bounds[k]:
                return k
        return len(bounds) - 1

    n_cols = len(bounds)
    run = _extend_up(all_lines, run, label_right)
    header_lines, caption = _header_lines(all_lines, run, label_right, bounds)
    # a header word belongs to the label column only left of the middle of the gap between the
    # labels and the values (a column whose values are all short `0`s starts far right of its header)
    label_ink = [w.x1 for ln in run for w in ln.words if w.x1 <= label_right + 1.0]
    split = (max(label_ink) + label_right) / 2 if label_ink else label_right

    def header_column_of(word: Word) -> int:
        if word.cx <= split:
            return 0
        for k in range(1, len(bounds)):
            if word.cx <= bounds[k]:
                return k
        return len(bounds) - 1

    header_cells, n_header = _header_cells(header_lines, bounds, header_column_of)
    cells: list[GridCell] = list(header_cells)
    used: set[int] = {id(ch) for ln in [*header_lines, *caption] for ch in ln.chars}
    groups = _row_groups(run)
    if any(not _values(ln) for ln in run):  # a label-only line: perhaps the rest of a wrapped label
        groups = join_wrapped(groups, _labels(run, label_right), line_pitch(run))
    for r, group in enumerate(groups, start=n_header):
        buckets: dict[int, list[Char]] = {}
        for ln in group:
            for w in ln.words:
                buckets.setdefault(column_of(w), []).extend(w.chars)
        g_top, g_bottom = min(ln.top for ln in group), max(ln.bottom for ln in group)
        for k in range(n_cols):
            chars = buckets.get(k, [])
            if k == 0 and chars:  # the label with the spaces printed between its words
                mine = {id(c) for c in chars}
                right = max(ch.x1 for ch in chars) + 0.5
                chars = sorted(
                    [c for ln in group for c in ln.chars if c.cx <= right and (id(c) in mine or c.is_space)],
                    key=lambda c: (c.top, c.x0),
                )
            box = BBox(min(c.x0 for c in chars), g_top, max(c.x1 for c in chars), g_bottom) if chars else None
            text = cell_text(chars)
            if k == 0:
                text = LEADER_TAIL.sub("", text) or text
            cells.append(GridCell(r, k, bbox=box, chars=chars, text=text))
        used.update(id(ch) for ln in group for ch in ln.chars)
    top = min([ln.top for ln in header_lines] + [run[0].top])
    x0 = min(ln.x0 for ln in [*run, *header_lines])
    x1 = max(ln.x1 for ln in [*run, *header_lines])
    bbox = BBox(x0, top, max(x1, bounds[-1]), run[-1].bottom)
    grid = Grid(page, n_header + len(groups), n_cols, cells, bbox, "stream", header_rows=n_header, used=used)
    grid.captions = [ln.text for ln in caption]
    return grid


def _row_groups(run: list[Line]) -> list[list[Line]]:
    """Lines of one printed row: a label wrapped onto two lines with its numbers centred between
    them gives three lines whose bands overlap (rows of a table never overlap)."""
    groups: list[list[Line]] = []
    for ln in run:
        if groups:
            prev = groups[-1]
            overlap = ln.top < max(p.bottom for p in prev) - 0.5
            with_values = sum(1 for p in [*prev, ln] if _values(p))
            if overlap and with_values <= 1:
                prev.append(ln)
                continue
        groups.append([ln])
    return groups


def _extend_up(all_lines: list[Line], run: list[Line], label_right: float) -> list[Line]:
    """Section rows above the first body line (Ⅰ 一般正味財産増減の部, 経常収益) belong to the body."""
    idx = all_lines.index(run[0])
    pitch = _pitch(run)
    above: list[Line] = []
    below = run[0]
    for ln in reversed(all_lines[max(0, idx - 4) : idx]):
        if below.cy - ln.cy > 1.6 * pitch or ln.x1 > label_right or NOT_HEADER.search(ln.text):
            break
        if ln.size > median([x.size for x in run]) * 1.15:
            break
        above.insert(0, ln)
        below = ln
    return above + run


def _header_lines(
    all_lines: list[Line], run: list[Line], label_right: float, bounds: list[float]
) -> tuple[list[Line], list[Line]]:
    """Lines just above the body whose words sit over the columns (not a title or unit line), and
    a unit line set in the label column between them and the body (``(all amounts in EUR)``
    under a header ``2016``): the table's caption."""
    idx = all_lines.index(run[0])
    pitch = _pitch(run)
    body_size = median([ln.size for ln in run])
    out: list[Line] = []
    caption: list[Line] = []
    below = run[0]
    for ln in reversed(all_lines[max(0, idx - MAX_HEADER_LINES - 1) : idx]):
        if below.cy - ln.cy > 2.2 * pitch or ln.size > body_size * 1.15:
            break
        if NOT_HEADER.search(ln.text):
            if out or caption or ln.x1 > label_right:
                break
            caption.append(ln)  # kept only if a header over the value columns stands above it
            below = ln
            continue
        if caption and min(w.x0 for w in ln.words) <= label_right:
            break
        if _introduces(ln):
            break  # the sentence leading into the table (``For 2011, they are:``) and its text above
        numbers = any(_numeric(w) and has_digit(w.text) for w in ln.words)
        if ln.x1 > bounds[-1] + 2 * pitch or (
            numbers and not year_line(ln) and not _lone_year(ln, label_right)
        ):
            break
        if len(merge_spaced(ln.words)) < 2 and below.cy - ln.cy > 1.3 * pitch:
            break  # a lone centred line further up is a title, not a spanning header
        out.insert(0, ln)
        below = ln
        if len(out) == MAX_HEADER_LINES:
            break
    # a header needs a word over the value columns
    if out and not any(w.cx > label_right for ln in out for w in ln.words):
        return [], []
    return out, caption if out else []


_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _introduces(line: Line) -> bool:
    """A Latin sentence ending in a colon (``changed. For 2011, they are:``): text leading into the
    table, no header (a header names columns; it runs no sentence on)."""
    text = line.text.strip()
    return text.endswith(":") and len(_LATIN_WORD.findall(text)) >= 4


def _lone_year(line: Line, label_right: float) -> bool:
    """A header of one value column that is a year printed as a plain number (``2016``)."""
    return len(line.words) == 1 and line.x0 > label_right and bool(_YEAR.match(line.text.strip()))


def merge_spaced(words: list[Word], max_gap: float = 2.5) -> list[Word]:
    """Rejoin a header or label letter-spaced by character spacing (科  目, 公  益  事  業)."""
    out: list[Word] = []
    spaced: set[int] = set()  # out indices built from single glyphs
    for w in words:
        single = len(w.text) == 1
        if out and single and (len(out) - 1 in spaced or len(out[-1].text) == 1):
            prev = out[-1]
            if w.x0 - prev.x1 <= max_gap * max(w.size, 1.0):
                out[-1] = Word(prev.chars + w.chars)
                spaced.add(len(out) - 1)
                continue
        out.append(w)
    return out


def _join_same_line(words: list[Word]) -> list[Word]:
    """Words of one column on one line are one header (科 … 目 spread over the cell: 均等割付)."""
    out: list[Word] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        prev = out[-1] if out else None
        if prev is not None and w.top < prev.bottom - 0.5 * (prev.bottom - prev.top) and w.bottom > prev.top:
            out[-1] = Word(sorted(prev.chars + w.chars, key=lambda c: c.x0))
        else:
            out.append(w)
    return sorted(out, key=lambda w: w.top)


def _header_cells(lines: list[Line], bounds: list[float], column_of) -> tuple[list[GridCell], int]:  # type: ignore[no-untyped-def]
    """Header words → cells with spans: a word over sub-headers spans the columns beneath it."""
    n_cols = len(bounds)
    words = [
        w for ws in _split_at_stack_edges([merge_spaced(ln.words) for ln in lines], column_of) for w in ws
    ]
    if not words:
        return [], 0
    by_col: dict[int, list[Word]] = {}
    for w in words:
        by_col.setdefault(column_of(w), []).append(w)
    for k, ws in by_col.items():
        by_col[k] = _join_same_line(ws)
    words = [w for ws in by_col.values() for w in ws]
    latin = all(w.text.isascii() for w in words)
    leaf = {k: ws[-1] for k, ws in by_col.items()}
    mid = (min(w.top for w in words) + max(w.bottom for w in words)) / 2
    # a word with something beneath it; in Latin text not a line of a stack set flush with the line
    # under it (`American` over `Indian/Alaskan` over `Native`: one column's name, no group over columns)
    stacked = {
        id(w) for ws in by_col.values() for w, nxt in itertools.pairwise(ws) if latin and _flush(w, nxt)
    }
    parents = [w for ws in by_col.values() for w in ws[:-1] if id(w) not in stacked]

    def spans_all_rows(w: Word) -> bool:  # centred on the whole header (科目, 合計)
        return abs((w.top + w.bottom) / 2 - mid) <= 0.25 * (w.bottom - w.top)

    def under(w: Word, peers: list[Word], k: int) -> bool:
        """Is column k beneath parent ``w``: its leaf lies below ``w`` and no parent of the same
        row is nearer to it."""
        lf = leaf.get(k)
        if k < 1 or k >= n_cols or lf is None or lf is w or spans_all_rows(lf) or lf.top < w.bottom - 1.0:
            return False
        centre = (bounds[k - 1] + bounds[k]) / 2
        return not any(abs(q.cx - centre) < abs(w.cx - centre) for q in peers)

    spans: dict[int, tuple[int, int]] = {}  # id(word) -> (first col, last col)
    for k, ws in by_col.items():
        for w in ws[:-1]:
            if id(w) in stacked:
                continue
            peers = [q for q in parents if q is not w and q.top < w.bottom and w.top < q.bottom]
            lo = hi = k
            while under(w, peers, lo - 1):
                lo -= 1
            while under(w, peers, hi + 1):
                hi += 1
            spans[id(w)] = (lo, hi)
    paths: dict[int, list[Word]] = {k: [] for k in range(n_cols)}
    for w in sorted(words, key=lambda w: w.top):
        lo, hi = spans.get(id(w), (column_of(w), column_of(w)))
        for k in range(lo, hi + 1):
            if w not in paths[k]:
                paths[k].append(w)
    if latin:
        return _line_cells(lines, words, spans, column_of, n_cols)
    texts: dict[int, str] = {}
    paths = _unwrap(paths, spans, texts, column_of)
    depth = max(len(p) for p in paths.values())
    cells: list[GridCell] = []
    placed: set[int] = set()
    for k in range(n_cols):
        path = paths[k]
        for d, w in enumerate(path):
            if id(w) in placed:
                continue
            placed.add(id(w))
            lo, hi = spans.get(id(w), (k, k))
            row_span = depth - d if d == len(path) - 1 else 1
            text = texts.get(id(w), w.text)
            cells.append(
                GridCell(d, lo, row_span, hi - lo + 1, BBox(w.x0, w.top, w.x1, w.bottom), list(w.chars), text)
            )
        if not path:
            cells.append(GridCell(0, k, depth, 1))
    return cells, depth


def _flush(w: Word, below: Word) -> bool:
    """Is ``below`` the next line of the header ``w`` (set flush right or left with it, a line under)?"""
    near = below.top - w.bottom < max(w.size, below.size, 1.0)
    return near and (abs(w.x1 - below.x1) <= EDGE_TOL or abs(w.x0 - below.x0) <= EDGE_TOL)


def _line_cells(
    lines: list[Line],
    words: list[Word],
    spans: dict[int, tuple[int, int]],
    column_of: Callable[[Word], int],
    n_cols: int,
) -> tuple[list[GridCell], int]:
    """A Latin header as printed, one header row a line (as camelot writes it): each word in the row
    of its line, over the columns it spans; a name printed on several lines of one column is marked
    ``continues`` line by line, so the column is named by the lines joined (``One Withholding`` /
    ``Allowance``: ``One Withholding Allowance``), not by a path of parents."""
    centres = [(ln.top + ln.bottom) / 2 for ln in lines]

    def row_of(w: Word) -> int:
        cy = (w.top + w.bottom) / 2
        return min(range(len(centres)), key=lambda i: abs(centres[i] - cy))

    n = len(lines)
    taken: dict[tuple[int, int], GridCell] = {}
    cells: list[GridCell] = []
    for w in sorted(words, key=lambda w: (row_of(w), w.x0)):
        r = row_of(w)
        lo, hi = spans.get(id(w), (column_of(w), column_of(w)))
        if any((r, k) in taken for k in range(lo, hi + 1)):
            lo = hi = column_of(w)
        if (r, lo) in taken:  # two words of one column on one line: one header
            c = taken[(r, lo)]
            c.chars = sorted(c.chars + w.chars, key=lambda ch: ch.x0)
            c.text = cell_text(c.chars)
            c.bbox = BBox(
                min(c.chars, key=lambda ch: ch.x0).x0,
                min(ch.top for ch in c.chars),
                max(ch.x1 for ch in c.chars),
                max(ch.bottom for ch in c.chars),
            )
            continue
        cell = GridCell(r, lo, 1, hi - lo + 1, BBox(w.x0, w.top, w.x1, w.bottom), list(w.chars), w.text)
        for k in range(lo, hi + 1):
            taken[(r, k)] = cell
        cells.append(cell)
    for c in cells:
        above = taken.get((c.row - 1, c.col))
        if (
            above is not None
            and above.col == c.col
            and above.col_span == c.col_span
            and above.bbox is not None
            and c.bbox is not None
            and c.bbox.top - above.bbox.bottom < max(ch.size for ch in c.chars)
        ):
            c.continues = True
    for c in sorted(cells, key=lambda c: c.row):  # a name with nothing beneath it runs down the header
        r = c.row + 1
        while r < n and all((r, k) not in taken for k in range(c.col, c.col + c.col_span)):
            for k in range(c.col, c.col + c.col_span):
                taken[(r, k)] = c
            r += 1
        c.row_span = r - c.row
    for r in range(n):
        for k in range(n_cols):
            if (r, k) not in taken:
                taken[(r, k)] = GridCell(r, k)
                cells.append(taken[(r, k)])
    return cells, n


STACK_GAP = 0.6  # font sizes: wider than a word space (about 0.25) — two headers side by side
EDGE_TOL = 0.6  # points: header lines of one column stacked flush right (or left) share that edge


def _split_at_stack_edges(lines: list[list[Word]], column_of: Callable[[Word], int]) -> list[list[Word]]:
    """Header words per line, a Latin word cut where two columns' headers set side by side run
    together on one line: at a gap wider than a word space whose two sides fall in two columns
    (superscript.pdf's ``WMA Loans Loans Loans``), or end where a header word on another line ends
    (start where one starts, for stacks set flush left: 12s0324's ``Indian/Alaskan Asian Pacific``,
    the middle lines of the stacks `American` / `Indian/Alaskan` / `Native` and `Asian Pacific` /
    `Islander`, each set flush right). A name spanning columns keeps its word spaces: it is cut
    at no gap of a word space."""
    out: list[list[Word]] = []
    for i, words in enumerate(lines):
        others = [w for k, ws in enumerate(lines) if k != i for w in ws]
        rights = [w.x1 for w in others]
        lefts = [w.x0 for w in others]
        line: list[Word] = []
        for w in words:
            line.extend(_cut_stacked(w, rights, lefts, column_of))
        out.append(line)
    return out


def _cut_stacked(
    w: Word, rights: list[float], lefts: list[float], column_of: Callable[[Word], int]
) -> list[Word]:
    ink = [c for c in w.chars if not c.is_space]
    if len(ink) < 2 or not all(c.text.isascii() for c in ink) or not any(c.text.isalpha() for c in ink):
        return [w]

    def near(x: float, edges: list[float]) -> bool:
        return any(abs(x - e) <= EDGE_TOL for e in edges)

    for j in range(1, len(ink)):
        a, b = ink[j - 1], ink[j]
        if b.x0 - a.x1 < STACK_GAP * max(a.size, b.size, 1.0):
            continue
        cut = a.x1
        head, tail = Word([c for c in w.chars if c.cx <= cut]), Word([c for c in w.chars if c.cx > cut])
        flush_right = near(a.x1, rights) and near(w.x1, rights)
        flush_left = near(w.x0, lefts) and near(b.x0, lefts)
        if flush_right or flush_left or column_of(head) != column_of(tail):
            return [head, *_cut_stacked(tail, rights, lefts, column_of)]
    return [w]


def _unwrap(
    paths: dict[int, list[Word]],
    spans: dict[int, tuple[int, int]],
    texts: dict[int, str],
    column_of: Callable[[Word], int],
) -> dict[int, list[Word]]:
    """Words stacked on consecutive lines over the same columns are ONE header cell printed on
    two lines (前年度 / 予算額 in a narrow column), not a parent and its child: a path level
    needs a parent that spans more columns than the header beneath it. ``spans`` and ``texts``
    (id -> joined text) get the joined words."""
    made: dict[tuple[int, int], Word] = {}

    def span(w: Word) -> tuple[int, int]:
        return spans.get(id(w), (column_of(w), column_of(w)))

    out: dict[int, list[Word]] = {}
    for k, path in paths.items():
        new: list[Word] = []
        for w in path:
            up = new[-1] if new else None
            if up is not None and span(up) == span(w) and w.top - up.bottom < max(w.size, 1.0):
                key = (id(up), id(w))
                if key not in made:
                    joined = Word(up.chars + w.chars)
                    made[key] = joined
                    spans[id(joined)] = span(w)
                    texts[id(joined)] = cell_text(joined.chars)
                new[-1] = made[key]
            else:
                new.append(w)
        out[k] = new
    return out
