"""Borderless tables on a scan: rows and columns from the page's ink, no rules needed.

Words are ink blobs joined horizontally; rows are bands of words at the same height. Numeric
columns show as many words sharing a right edge (numbers are right-aligned); the label column
is what lies left of the first of them. Header rows are the tightly spaced bands just above
the body; a header word over several columns (公益事業 over 公益事業1..小計) spans the run of
columns below it that have their own sub-header.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.components import components

JOIN = 1.4  # word-joining gap, in character heights (full-width digits are set ~1 character apart)


@dataclass(frozen=True)
class Blob:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Borderless:
    boxes: list[CellBox]
    header_rows: int
    region: tuple[int, int, int, int]


def blobs(binary: np.ndarray, join: int) -> list[Blob]:
    joined = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, join), 1)))
    n, _, stats, _ = components(joined)
    out = []
    for k in range(1, n):
        x, y, w, h, _a = stats[k]
        half = join // 2  # undo the dilation's growth at both ends
        out.append(Blob(int(x + half), int(y), int(x + w - half), int(y + h)))
    return out


def bands(items: list[Blob], tol: float) -> list[list[Blob]]:
    out: list[list[Blob]] = []
    for b in sorted(items, key=lambda b: b.cy):
        if out and abs(b.cy - np.mean([o.cy for o in out[-1]])) <= tol:
            out[-1].append(b)
        else:
            out.append([b])
    return out


def _clusters(
    values: list[tuple[float, int, int, int]], tol: float
) -> list[list[tuple[float, int, int, int]]]:
    out: list[list[tuple[float, int, int, int]]] = []
    for v in sorted(values):
        if out and v[0] - out[-1][-1][0] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def find_borderless(binary: np.ndarray, dpi: float, page_width: int) -> Borderless | None:
    all_blobs = blobs(binary, max(3, int(dpi * 0.05)))
    heights = sorted(b.y1 - b.y0 for b in all_blobs if b.y1 - b.y0 > 3)
    if len(heights) < 10:
        return None
    char_h = float(heights[len(heights) // 2])
    # Join again at ~0.8 character: digits set apart (full-width １２，３４５) become one word.
    all_blobs = blobs(binary, max(3, int(JOIN * char_h)))
    words = [b for b in all_blobs if 0.35 * char_h <= b.y1 - b.y0 <= 3 * char_h]
    rows = bands(words, 0.45 * char_h)
    # Right edges shared by many bands: the numeric columns.
    # Each blob with the white gap to its left neighbour in the band: numbers stand apart, while the
    # last character of a letter-spaced (均等割付) label, which also lines up, sits one character away.
    edges = []
    for i, band in enumerate(rows):
        prev_x1 = None
        for b in sorted(band, key=lambda b: b.x0):
            if b.x1 - b.x0 < page_width * 0.25:
                edges.append(
                    (float(b.x1), i, b.x0, 0 if prev_x1 is None else b.x0 - prev_x1)
                )  # leftmost: a label
            prev_x1 = b.x1 if prev_x1 is None else max(prev_x1, b.x1)
    min_rows = max(4, int(0.15 * len(rows)))
    # A numeric column: many rows end at one x, and their starts vary (numbers of different lengths).
    # (Labels line up by chance now and then; a numeric column lines up on most rows.)
    cands = [
        c
        for c in _clusters(edges, 0.5 * char_h)
        if len({e[1] for e in c}) >= min_rows
        and np.std([e[2] for e in c]) >= 0.3 * char_h
        and np.median([e[3] for e in c]) >= 1.5 * char_h
        and np.mean([0.75 * char_h <= e[0] - e[2] <= 1.3 * char_h for e in c]) < 0.5  # not single kanji
    ]
    most = max((len({e[1] for e in c}) for c in cands), default=0)
    cols = [[(e[0], e[1]) for e in c] for c in cands if len({e[1] for e in c}) >= 0.5 * most]
    if len(cols) < 2:
        return None
    rights = [int(max(v for v, _ in c)) for c in cols]
    # Body rows hold numbers in two or more columns (a lone "(単位:円)" above the last column does not).
    hits: dict[int, int] = {}
    for c in cols:
        for i in {i for _, i in c}:
            hits[i] = hits.get(i, 0) + 1
    numeric_rows = sorted(i for i, n in hits.items() if n >= min(2, len(cols)))
    if not numeric_rows:
        return None
    first, last = numeric_rows[0], numeric_rows[-1]
    any_hit = {i for c in cols for _, i in c}
    while last + 1 < len(rows) and last + 1 in any_hit:  # closing rows with one figure (期末残高)
        last += 1
    col_words = {
        id(b)
        for i, band in enumerate(rows)
        for b in band
        if any(abs(b.x1 - r) <= 0.5 * char_h for r in rights)
    }
    first_left = min(
        b.x0
        for band in rows[first : last + 1]
        for b in band
        if id(b) in col_words and abs(b.x1 - rights[0]) <= 0.5 * char_h
    )
    label_words = [b for band in rows[first : last + 1] for b in band if b.x1 <= first_left]
    table_left = min([b.x0 for b in label_words] + [first_left]) - int(char_h * 0.3)
    # Body: from the first to the last numeric band (section rows without numbers in between).
    body = rows[first : last + 1]
    # Header: tightly spaced bands right above the body.
    gaps = [
        max(0.0, min(b.y0 for b in body[i + 1]) - max(b.y1 for b in body[i])) for i in range(len(body) - 1)
    ]
    body_gap = float(np.median(gaps)) if gaps else char_h
    header: list[list[Blob]] = []
    top = min(b.y0 for b in body[0])
    num_left = first_left - 0.3 * char_h
    for band in reversed(rows[:first]):
        inside = [b for b in band if b.x1 >= table_left and b.x0 <= rights[-1] + char_h]
        if not inside:
            break
        gap = top - max(b.y1 for b in inside)
        if not header and all(b.x1 <= num_left for b in inside) and gap <= 2 * body_gap + char_h:
            body.insert(0, inside)  # a section row (label only) above the first numbers
            top = min(b.y0 for b in inside)
            continue
        limit = 2.5 * body_gap + char_h if not header else max(0.6 * body_gap, 0.3 * char_h)
        if len(header) >= 4 or gap > limit:
            break
        header.insert(0, inside)
        top = min(b.y0 for b in inside)
    x_edges = [table_left, first_left - int(0.3 * char_h)]
    for k in range(1, len(rights)):
        x_edges.append(rights[k - 1] + int(0.4 * char_h))
    pad = int(0.4 * char_h)
    col_x = [(x_edges[0], x_edges[1])] + [(x_edges[k], rights[k - 1] + pad) for k in range(1, len(rights))]
    col_x.append((x_edges[-1], rights[-1] + pad))
    head_boxes, n_head = _header_boxes(header, col_x, char_h)
    boxes = list(head_boxes)
    ypad = int(max(2, min(body_gap / 2, char_h * 0.4)))
    for r, band in enumerate(body):
        y0 = min(b.y0 for b in band) - ypad
        y1 = max(b.y1 for b in band) + ypad
        for col, (x0, x1) in enumerate(col_x):
            boxes.append(CellBox(n_head + r, col, 1, 1, x0, y0, x1, y1))
    region = (table_left, top, rights[-1] + pad, max(b.y1 for b in body[-1]))
    return Borderless(boxes, n_head, region)


def _col_of(x: float, col_x: list[tuple[int, int]]) -> int:
    for c, (x0, x1) in enumerate(col_x):
        if x0 <= x <= x1:
            return c
    return min(range(len(col_x)), key=lambda c: abs((col_x[c][0] + col_x[c][1]) / 2 - x))


def _header_boxes(
    header: list[list[Blob]], col_x: list[tuple[int, int]], char_h: float
) -> tuple[list[CellBox], int]:
    """Header blobs into cells: one row, or two with spanning cells above and tall cells across both.

    A header cell's box is its own blobs (padded), not the column's width: a header wider than
    its column must not pull in its neighbour's text.
    """
    words = [b for band in header for b in band]
    if not words:
        return [], 0
    pad = int(0.3 * char_h)

    def box(row: int, col: int, rspan: int, cspan: int, members: list[Blob]) -> CellBox:
        return CellBox(
            row,
            col,
            rspan,
            cspan,
            min(b.x0 for b in members) - pad,
            min(b.y0 for b in members) - pad,
            max(b.x1 for b in members) + pad,
            max(b.y1 for b in members) + pad,
        )

    levels = sorted({round(b.cy) for b in words})
    by_col: dict[int, list[Blob]] = {}
    if levels[-1] - levels[0] < 0.8 * char_h:  # one header row
        for b in words:
            by_col.setdefault(_col_of(b.cx, col_x), []).append(b)
        return [box(0, c, 1, 1, m) for c, m in sorted(by_col.items())], 1
    lo, hi = levels[0], levels[-1]
    third = (hi - lo) / 3
    upper = [b for b in words if b.cy < lo + third]
    lower = [b for b in words if b.cy > hi - third]
    middle = [b for b in words if lo + third <= b.cy <= hi - third]
    full: dict[int, list[Blob]] = {}
    for b in middle:
        full.setdefault(_col_of(b.cx, col_x), []).append(b)
    sub: dict[int, list[Blob]] = {}
    for b in lower:
        sub.setdefault(_col_of(b.cx, col_x), []).append(b)
    out: list[CellBox] = [box(0, c, 2, 1, m) for c, m in sorted(full.items())]
    taken = set(full)
    for b in sorted(upper, key=lambda b: b.x0):
        c = _col_of(b.cx, col_x)
        if c in taken:
            continue
        lo_c = hi_c = c
        while lo_c - 1 >= 0 and lo_c - 1 in sub and lo_c - 1 not in full and lo_c - 1 not in taken:
            lo_c -= 1
        while hi_c + 1 < len(col_x) and hi_c + 1 in sub and hi_c + 1 not in full and hi_c + 1 not in taken:
            hi_c += 1
        taken |= set(range(lo_c, hi_c + 1))
        out.append(
            box(0, lo_c, 1, hi_c - lo_c + 1, [u for u in upper if lo_c <= _col_of(u.cx, col_x) <= hi_c])
        )
    out.extend(box(1, c, 1, 1, m) for c, m in sorted(sub.items()) if c not in full)
    return out, 2
