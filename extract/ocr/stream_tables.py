"""Borderless tables on a scan found by the born-digital layout code, then read cell by cell.

The page-level Tesseract reading gives text; the ink gives the words (blobs of ink, each carrying
the text read over it), whose characters in PDF points feed the digital path's own finders unchanged:
side-by-side splitting, the stream table finder with its wrapped labels, multi-row headers,
trailing text columns and year headers. What they return is only the STRUCTURE: rows, columns,
spans and header depth. Every cell is then cropped from the image and read again by
``read_cells.read_table`` (digit-whitelisted numbers, RapidOCR labels, second opinions), as ruled cells are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from itertools import pairwise

import numpy as np
from chohyo.extract.ocr.cell_boxes import CellBox, PixelFrame
from chohyo.extract.ocr.engines import Line as OcrLine
from chohyo.extract.ocr.engines import Word as OcrWord
from chohyo.extract.ocr.ink_runs import ink_runs
from chohyo.extract.ocr.ink_tables import Blob, blobs
from chohyo.extract.tables.geometry import Char, Line, Word, bbox_of
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.extract.tables.layout import group_lines
from chohyo.extract.tables.side_by_side import split_side_by_side
from chohyo.extract.tables.stream import find_stream_tables
from chohyo.japanese.confusions import STRAY_DIGITS
from chohyo.model import BBox

# A page-level reading of a number cell, as Tesseract jpn prints it without a whitelist: a △ read
# as A (or Δ, ム), letters for digits. Only words that are numbers once so mapped are changed.
_SIGN = re.compile(r"^(?:ム[へ△]?|へ|[AΔ▲人全合])(?=[\d,，.]*\d[\d,，.]*$)")
_DIGIT_LIKE = str.maketrans(STRAY_DIGITS)
_NUMBERISH = re.compile(r"^[△▲\-]?[\d,.]+$")
# A lone 0 in its column, read without a whitelist: の, ど, o, 〇 (one or two of them).
_LONE_ZERO = re.compile(r"^[\"'.,:;・]?[のどoO〇○DQGCU0]{1,2}[\"'.,:;・]?$")


_STRAY = re.compile(r"([AΔ△▲]?)[A-Za-z'`:;]?(\d[\d,.]*\d)[A-Za-z'`:;]?")

UNREAD = "〓"  # stands for ink the reading cannot account for


def _word_text(text: str, width: int, height: int) -> str:
    if _LONE_ZERO.match(text) and width <= 1.5 * height:  # as narrow as a digit (and a speck)
        return "0"
    t = _SIGN.sub("△", text)
    if not any(ch.isdigit() for ch in t):
        return t
    mapped = t.translate(_DIGIT_LIKE)
    if not _NUMBERISH.match(mapped):
        stray = _STRAY.fullmatch(
            mapped
        )  # a speck or a sign read as a letter beside the digits (As500, 48.200a)
        if stray is None:
            return t
        mapped = ("△" if stray[1] else "") + stray[2]
    if width > 1.5 * height * len(mapped):  # far more ink than these digits (a header read as 0)
        return UNREAD * max(1, round(width / height))
    return mapped


def _ink(
    binary: np.ndarray, box: tuple[int, int, int, int], usual: float = 0.0
) -> tuple[int, int, int, int] | None:
    """``box`` trimmed to its ink. Tesseract's word boxes in a table run tall (16 pt on a 7 pt row)
    and take in a piece of the next row: a box taller than 1.4 ``usual`` heights keeps only its
    inkiest band of rows (bands apart by a fifth of the usual height)."""
    x0, y0, x1, y1 = (max(0, v) for v in box)
    sub = binary[y0:y1, x0:x1] > 0
    profile = sub.sum(axis=1)
    rows = np.flatnonzero(profile)
    if not rows.size:
        return None
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    if usual and bottom - top > 1.4 * usual:
        cuts = np.flatnonzero(np.diff(rows) > max(2.0, usual / 5))
        bands = np.split(rows, cuts + 1)
        best = max(bands, key=lambda b: int(profile[b].sum()))
        top, bottom = int(best[0]), int(best[-1]) + 1
    cols = np.flatnonzero(sub[top:bottom].any(axis=0))
    return (x0 + int(cols[0]), y0 + top, x0 + int(cols[-1]) + 1, y0 + bottom)


def _pieces(w: OcrWord) -> list[tuple[str, tuple[int, int, int, int]]]:
    """A word cut where its characters leave a gap of half its height or more: Tesseract reads two
    numbers of neighbouring columns as one word when they stand close."""
    text, boxes = w.text.strip(), w.char_boxes
    if len(boxes) != len(w.text) or text != w.text:
        return [(text, w.box)]
    height = max(1, w.box[3] - w.box[1])
    out: list[tuple[str, tuple[int, int, int, int]]] = []
    start = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or boxes[k][0] - boxes[k - 1][2] >= height / 2:
            part = boxes[start:k]
            out.append(
                (text[start:k], (min(b[0] for b in part), w.box[1], max(b[2] for b in part), w.box[3]))
            )
            start = k
    return out


WORD_JOIN = 2.0  # in word heights (see ocr_chars)


def _most_overlapped(corners: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """(index, overlap area) of the blob (rows of x0, y0, x1, y1) that overlaps ``box`` most."""
    if not len(corners):
        return -1, 0
    w = np.minimum(corners[:, 2], box[2]) - np.maximum(corners[:, 0], box[0])
    h = np.minimum(corners[:, 3], box[3]) - np.maximum(corners[:, 1], box[1])
    area = np.where((w > 0) & (h > 0), w * h, 0)
    k = int(np.argmax(area))
    return k, int(area[k])


def ocr_chars(lines: list[OcrLine], frame: PixelFrame, binary: np.ndarray) -> list[Char]:
    """Words as characters in page points. A word is a blob of ink (``binary``: ink 255, rules
    removed) joined across gaps narrower than WORD_JOIN heights, as ink_tables.py joins them:
    Tesseract cuts full-width numbers (４４，３５４，５００) into pieces and drops dashes, but the
    ink keeps them whole. Its text is what the reading put over it, its characters share its box."""
    pieces = [
        (t, b, ink)
        for line in lines
        for w in line.words
        for t, b in _pieces(w)
        if (ink := _ink(binary, b)) is not None
    ]
    heights = sorted(ink[3] - ink[1] for _, _, ink in pieces)
    usual = float(heights[len(heights) // 2]) if heights else 0.0
    if not usual:
        return []
    # only a box taller than the usual is trimmed again (_ink keeps its inkiest band)
    trimmed = [
        (t, ink if ink[3] - ink[1] <= 1.4 * usual else _ink(binary, b, usual)) for t, b, ink in pieces if t
    ]
    read = [(_word_text(t, box[2] - box[0], box[3] - box[1]), box) for t, box in trimmed if box is not None]
    # joined wider than ink_tables.py's JOIN character heights: ``usual`` is measured on words, mostly
    # numbers, whose digits stand lower than kanji (a full-width comma leaves 1.2 of them)
    found = [
        b
        for b in _stacked(blobs(binary, max(3, int(WORD_JOIN * usual))), usual)
        if max(b.x1 - b.x0, b.y1 - b.y0) >= 0.4 * usual and b.y1 - b.y0 <= 3 * usual
    ]  # no specks, no marks
    texts: dict[int, list[tuple[str, tuple[int, int, int, int]]]] = {}
    corners = np.array([(b.x0, b.y0, b.x1, b.y1) for b in found], dtype=np.int64).reshape(-1, 4)
    for t, box in read:  # each piece to the blob it overlaps most (the first of equals)
        k, area = _most_overlapped(corners, box)
        if area > 0:
            texts.setdefault(k, []).append((t, box))
    # one size for body text (a word's ink height varies: (1) stands taller than 経常収益, digits
    # lower), its own for a larger heading
    tall = sorted(b.y1 - b.y0 for b in found if b.y1 - b.y0 >= 0.55 * usual)
    body = float(tall[len(tall) // 2]) if tall else usual
    out: list[Char] = []
    for k, blob in enumerate(found):
        x0, y0, x1, y1 = blob.x0, blob.y0, blob.x1, blob.y1
        w, h = x1 - x0, y1 - y0
        if h < 0.55 * usual:  # a flat stroke: a dash (a cell meaning none), else specks
            if w < 2 * h:
                continue
            text = "－"
        else:
            inside = sorted(texts.get(k, []), key=lambda r: r[1][0])
            text = (
                _word_text("".join(t for t, _ in inside), w, h) if inside else UNREAD * max(1, round(w / h))
            )
            split = _dropped_space(text, _ink_gaps(binary, blob), blob)
            if split is not None:  # a space where the digital page has one: it parts words
                cut, (a, b) = split
                out += _chars(text[:cut], (x0, y0, a, y1), body, frame) + _chars(
                    " ", (a, y0, b, y1), body, frame
                )
                out += _chars(text[cut:], (b, y0, x1, y1), body, frame)
                continue
        out += _chars(text, (x0, y0, x1, y1), body, frame)
    return out


def _ink_gaps(binary: np.ndarray, blob: Blob) -> list[tuple[int, int]]:
    """The blank x spans (pixels from the blob's left) between the runs of ink in ``blob``."""
    runs = ink_runs(np.asarray((binary[blob.y0 : blob.y1, blob.x0 : blob.x1] > 0).any(axis=0)))
    return [(end, start) for (_, end), (start, _) in pairwise(runs)]


def _dropped_space(text: str, gaps: list[tuple[int, int]], blob: Blob) -> tuple[int, tuple[int, int]] | None:
    """(index in ``text``, blank x span in pixels) where the reading ran two words of one blob
    together: two numbers of neighbouring columns letter-spaced into one (16,70016,450), or a bare
    item number and its label (1公園整備事業費, which is then not taken for a numbered item)."""
    cut = _number_split(text)
    if cut is not None:
        a, b = _ink_gap(gaps, blob, cut, len(text))
        return cut, (blob.x0 + a, blob.x0 + b)
    lead = _LEAD_NUMBER.match(text)
    gap = _lead_gap(gaps, blob, len(lead[0])) if lead else None
    return (len(lead[0]), (blob.x0 + gap[0], blob.x0 + gap[1])) if lead and gap else None


def _chars(text: str, box: tuple[int, int, int, int], body: float, frame: PixelFrame) -> list[Char]:
    """``text`` spread over the pixel ``box``, in page points, a half-width character taking half
    the room of a full-width one (so the name after ``3.`` starts where it is printed); size: the
    body's, or the box's own height for a larger heading."""
    x0, y0, x1, y1 = box
    s = frame.scale
    size = max(1.0, (y1 - y0 if y1 - y0 > 1.35 * body else body) * s)
    widths = [0.5 if ch.isascii() else 1.0 for ch in text]
    unit = (x1 - x0) / sum(widths)
    top, bottom = frame.top + y0 * s, frame.top + y1 * s
    out = []
    a = frame.x0 + x0 * s
    for ch, w in zip(text, widths, strict=True):
        out.append(Char(ch, a, top, a + w * unit * s, bottom, size))
        a += w * unit * s
    return out


def _stacked(found: list[Blob], usual: float) -> list[Blob]:
    """Blobs with the parts of one character stacked over each other joined: a Mincho 合 or 音 is
    a roof over a box with a gap between them, and a roof alone is a line of its own, cutting the
    row in two."""
    out: list[Blob] = []
    near: list[int] = []  # indices in ``out`` of blobs ending close enough above to join the next
    gap = 0.25 * usual
    for b in sorted(found, key=lambda b: (b.y0, b.x0)):
        near = [k for k in near if out[k].y1 >= b.y0 - gap]  # blobs come top down: the rest never join
        for k in near:
            a = out[k]
            overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
            if (
                overlap >= 0.5 * min(a.x1 - a.x0, b.x1 - b.x0)
                and 0 <= b.y0 - a.y1 <= gap
                and max(a.y1, b.y1) - min(a.y0, b.y0) <= 1.3 * usual
            ):
                out[k] = Blob(min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1))
                break
        else:
            near.append(len(out))
            out.append(b)
    return out


_LEAD_NUMBER = re.compile(r"^\d{1,2}(?=[^\x00-\x7f])")  # a bare item number run into its label


def _lead_gap(gaps: list[tuple[int, int]], blob: Blob, digits: int) -> tuple[int, int] | None:
    """The gap after the first ``digits`` runs of ink when it is a space wide (a quarter of the
    height or more), else None: 1公園 set solid is left as read."""
    if len(gaps) < digits:
        return None
    a, b = gaps[digits - 1]
    if b - a < 0.25 * (blob.y1 - blob.y0) or a > 0.6 * digits * (
        blob.y1 - blob.y0
    ):  # no space, or not a digit
        return None
    return a, b


_GROUPED = re.compile(r"^[(（]?[△▲\-]?\d{1,3}(?:,{1,2}\d{3})+[)）]?$")


def _number_split(text: str) -> int | None:
    """Where ``text`` is two numbers with thousands separators run together (16,70016,450), the
    index of the second; None when it is one number or anything else."""
    t = text.replace(".", ",")  # a comma read as a point, or as both (12,.900)
    if _GROUPED.match(t) or "," not in t:
        return None
    cuts = [k for k in range(2, len(t) - 1) if _GROUPED.match(t[:k]) and _GROUPED.match(t[k:])]
    return cuts[0] if len(cuts) == 1 else None


def _ink_gap(gaps: list[tuple[int, int]], blob: Blob, cut: int, n: int) -> tuple[int, int]:
    """The gap between the ``cut``-th and the next of ``n`` characters in ``blob``: the one after the
    ``cut``-th run of ink when the runs are as many as the characters, else the widest near where
    an even spread puts it."""
    if len(gaps) == n - 1:
        return gaps[cut - 1]
    step = (blob.x1 - blob.x0) / n
    guess = cut * step
    near = [g for g in gaps if abs((g[0] + g[1]) / 2 - guess) <= step]
    if not near:
        return round(guess), round(guess) + 1
    return max(near, key=lambda g: g[1] - g[0])


def find_tables(
    lines: list[OcrLine], frame: PixelFrame, binary: np.ndarray, page: int, min_rows: int, min_cols: int
) -> list[Grid]:
    """Borderless tables among the page reading's lines (the digital finders), top to bottom."""
    text_lines = split_side_by_side(group_lines(ocr_chars(lines, frame, binary)))
    grids = find_stream_tables(text_lines, page, min_rows, min_cols)
    grids = [
        _with_wrapped_labels(_without_blank_rows(_with_last_row(g, text_lines)))
        for g in grids
        if not _fragment(g, grids)
    ]
    return sorted(grids, key=lambda g: (g.bbox.top, g.bbox.x0))


LAST_ROW_PITCH = 1.6  # of the table's usual row pitch: a line further below is no row of it


def _with_last_row(g: Grid, text_lines: list[Line]) -> Grid:
    """``g`` with the line right under its last row taken as a row when a label stands left of
    the figure columns and every other word of it ends where a figure column ends, in at least
    half of them: a total row whose condensed figures the page reading garbled (概算要求額総表's
    会計計: ``57.2S3734``, ``SR529``, ``S&S29``, ``5S36525``), which the finder takes for no
    numbers and so ends the table above it. Its cells are read again from the ink, as all are."""
    first = max(g.header_rows, 0)
    body = [c for c in g.cells if c.row >= first and c.bbox is not None and c.row_span == 1]
    tops: dict[int, float] = {}
    for c in body:
        if c.text.strip() and c.bbox is not None:
            tops[c.row] = min(tops.get(c.row, c.bbox.top), c.bbox.top)
    rows = sorted(tops)
    pitches = sorted(b - a for a, b in pairwise(tops[r] for r in rows))
    if len(pitches) < 3:
        return g
    pitch = pitches[len(pitches) // 2]
    ends: dict[int, list[float]] = defaultdict(list)
    for c in body:
        if c.col > 0 and c.col_span == 1 and c.bbox is not None and any(ch.isdigit() for ch in c.text):
            ends[c.col].append(c.bbox.x1)
    edges = {k: sorted(v)[len(v) // 2] for k, v in ends.items()}
    starts = [c.bbox.x0 for c in body if c.col == min(edges, default=0) and c.bbox is not None]
    if len(edges) < 2 or not starts:
        return g
    label_right = min(starts)
    below = [ln for ln in text_lines if ln.top >= g.bbox.bottom - 0.5 and ln.region == 0]
    if not below:
        return g
    line = min(below, key=lambda ln: ln.top)
    if line.top - tops[rows[-1]] > LAST_ROW_PITCH * pitch:
        return g
    label = [w for w in line.words if w.text.strip() and w.x1 <= label_right]
    figures = [w for w in line.words if w.text.strip() and w.x1 > label_right]
    tol = max(2.0, 0.8 * (line.bottom - line.top))
    placed: dict[int, Word] = {}
    for w in figures:
        k = min(edges, key=lambda k: abs(edges[k] - w.x1))
        if abs(edges[k] - w.x1) > tol or k in placed:
            return g
        placed[k] = w
    if not label or 2 * len(placed) < len(edges):
        return g
    row = g.n_rows
    cells = [_grid_cell(row, 0, label)] + [_grid_cell(row, k, [w]) for k, w in sorted(placed.items())]
    box = g.bbox.union(BBox(line.x0, line.top, line.x1, line.bottom))
    return replace(g, n_rows=row + 1, cells=[*g.cells, *cells], bbox=box)


def _grid_cell(row: int, col: int, words: list[Word]) -> GridCell:
    chars = [ch for w in words for ch in w.chars]
    return GridCell(row, col, bbox=bbox_of(words), chars=chars, text="".join(w.text for w in words))


def _blank(text: str) -> bool:
    return not text.strip(UNREAD + "－ \u3000")


def _without_blank_rows(g: Grid) -> Grid:
    """``g`` without body rows holding nothing but dashes or unread marks, not even a label (a rule
    fragment or an underline taken for a row)."""
    body = range(max(g.header_rows, 0), g.n_rows)
    blank = {r for r in body if all(_blank(c.text) for c in g.cells if c.row == r)}
    if not blank:
        return g
    shift = {r: r - sum(1 for b in blank if b < r) for r in range(g.n_rows) if r not in blank}
    cells = [replace(c, row=shift[c.row]) for c in g.cells if c.row not in blank]
    return replace(g, n_rows=g.n_rows - len(blank), cells=cells)


WRAP_PITCH = 0.8  # of the table's usual row pitch: a label-only line closer than this wraps the row above


def _with_wrapped_labels(g: Grid) -> Grid:
    """``g`` with each label wrapped onto a second line joined to its row: a body row holding a label
    alone, closer under the row above (which has figures) than rows stand apart, is that label's
    second line (概算要求額総表: 01-31 地方交付税交付金財源の交付税及び譲与税配 / 付金特別会計へ
    繰入れに必要な経費). A group heading, alone on its row too, stands at the usual pitch."""
    first = max(g.header_rows, 0)
    tops: dict[int, float] = {}
    for c in g.cells:
        if c.bbox is not None and c.text.strip() and c.row_span == 1:
            tops[c.row] = min(tops.get(c.row, c.bbox.top), c.bbox.top)
    rows = sorted(r for r in tops if r >= first)
    pitches = sorted(b - a for a, b in pairwise(tops[r] for r in rows))
    if len(pitches) < 3:
        return g
    usual = pitches[len(pitches) // 2]

    def filled(r: int) -> list[int]:
        return [c.col for c in g.cells if c.row == r and c.text.strip()]

    wrapped = {
        r
        for above, r in pairwise(rows)
        if r == above + 1
        and filled(r) == [0]
        and 0 in filled(above)
        and len(filled(above)) > 1
        and tops[r] - tops[above] < WRAP_PITCH * usual
    }
    if not wrapped:
        return g
    by_slot = {(c.row, c.col): c for c in g.cells}
    cells = []
    for c in g.cells:
        if c.row in wrapped:
            continue
        below = by_slot.get((c.row + 1, 0)) if c.col == 0 and c.row + 1 in wrapped else None
        if below is not None and c.bbox is not None and below.bbox is not None:
            box = replace(
                c.bbox, x1=max(c.bbox.x1, below.bbox.x1), bottom=max(c.bbox.bottom, below.bbox.bottom)
            )
            c = replace(c, bbox=box, chars=[*c.chars, *below.chars], text=c.text + below.text)
        cells.append(c)
    shift = {r: r - sum(1 for w in wrapped if w < r) for r in range(g.n_rows) if r not in wrapped}
    cells = [replace(c, row=shift[c.row]) for c in cells]
    return replace(g, n_rows=g.n_rows - len(wrapped), cells=cells)


def _fragment(g: Grid, grids: list[Grid]) -> bool:
    """A run of numbers with no label at all, beside the rows of another table: the right part of
    that table's lines, cut off by a misread word taken for a gutter between side-by-side tables."""
    labels = [c.text for c in g.cells if c.col == 0 and c.row >= max(g.header_rows, 0)]
    if any(t.strip() for t in labels):
        return False
    for h in grids:
        if h is not g:
            overlap = min(g.bbox.bottom, h.bbox.bottom) - max(g.bbox.top, h.bbox.top)
            if overlap >= 0.8 * (g.bbox.bottom - g.bbox.top):
                return True
    return False


def cell_boxes(grid: Grid, frame: PixelFrame) -> list[CellBox]:
    """Pixel boxes for every cell of ``grid``: its column's slot across the table by its row's band
    (an empty cell gets a box too: whatever ink is there is read)."""
    s = frame.scale
    col_x: dict[int, list[float]] = defaultdict(list)
    row_y: dict[int, list[float]] = defaultdict(list)
    for c in grid.cells:
        if c.bbox is None:
            continue
        if c.col_span == 1 and c.row >= grid.header_rows:  # a header word is centred, wider than its column
            col_x[c.col] += [c.bbox.x0, c.bbox.x1]
        if c.row_span == 1:
            row_y[c.row] += [c.bbox.top, c.bbox.bottom]
    xs = {k: (min(v), max(v)) for k, v in col_x.items()}
    ys = {k: (min(v), max(v)) for k, v in row_y.items()}
    # the outer edges stand clear of the ink: read_table trims a few pixels off every box (rules)
    left = _edges(xs, grid.n_cols, grid.bbox.x0 - PAD, grid.bbox.x1 + PAD, hug=True)
    tops = _edges(ys, grid.n_rows, grid.bbox.top - PAD, grid.bbox.bottom + PAD)

    def px(v: float, origin: float) -> int:
        return round((v - origin) / s)

    boxes = []
    for c in grid.cells:
        x0, x1 = left[c.col], left[c.col + c.col_span]
        y0, y1 = tops[c.row], tops[c.row + c.row_span]
        boxes.append(
            CellBox(
                c.row,
                c.col,
                c.row_span,
                c.col_span,
                px(x0, frame.x0),
                px(y0, frame.top),
                px(x1, frame.x0),
                px(y1, frame.top),
            )
        )
    return boxes


PAD = 3.0  # points


def _edges(
    extent: dict[int, tuple[float, float]], n: int, lo: float, hi: float, hug: bool = False
) -> list[float]:
    """n + 1 boundaries: ``lo``, one between each slot's extent and the next, ``hi``. Halfway
    between them, or with ``hug`` just right of the slot before, except after the first (labels):
    numbers are right-aligned, and a cell box that hugs them on the right has them read as numbers."""
    edges = [lo]
    for k in range(1, n):
        before = max((extent[j][1] for j in range(k) if j in extent), default=lo)
        after = min((extent[j][0] for j in range(k, n) if j in extent), default=hi)
        edge = min(before + 0.25 * (after - before), before + 2.0) if hug and k > 1 else (before + after) / 2
        edges.append(max(edges[-1], edge))
    edges.append(max(edges[-1], hi))
    return edges
