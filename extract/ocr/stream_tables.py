"""Borderless tables on a scan found by the born-digital layout code, then read cell by cell.

The page-level Tesseract reading gives words with boxes; each word becomes characters in PDF
points (its box shared out evenly), and from there the digital path's own finders run unchanged:
side-by-side splitting, the stream table finder with its wrapped labels, multi-row headers,
trailing text columns and year headers. What they return is only the STRUCTURE: rows, columns,
spans and header depth. Every cell is then cropped from the image and read again by
``cells.read_table`` (digit-whitelisted numbers, RapidOCR labels, second opinions), as ruled cells are.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from chohyo.extract.geometry import Char
from chohyo.extract.grid import Grid
from chohyo.extract.layout import group_lines
from chohyo.extract.ocr.cells import CellBox, PixelFrame
from chohyo.extract.ocr.tesseract import Line, Word
from chohyo.extract.side_by_side import split_side_by_side
from chohyo.extract.stream import find_stream_tables

# A page-level reading of a number cell, as Tesseract jpn prints it without a whitelist: a △ read
# as A (or Δ, ム), letters for digits. Only words that are numbers once so mapped are changed.
_SIGN = re.compile(r"^(?:ム[へ△]?|へ|[AΔ▲人全合])(?=[\d,，.]*\d[\d,，.]*$)")
_SIGN_WORD = re.compile(r"^(?:ム[へ△]?|へ|[AΔ▲△人全合])$")  # a △ read apart from its number
_DIGIT_LIKE = str.maketrans({"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "，": ",", "．": "."})
_NUMBERISH = re.compile(r"^[△▲\-]?[\d,.]+$")
# A lone 0 in its column, read without a whitelist: の, ど, o, 〇 (one or two of them).
_LONE_ZERO = re.compile(r"^[\"'.,:;・]?[のどoO〇○DQGCU0]{1,2}[\"'.,:;・]?$")


UNREAD = "〓"  # stands for ink the reading cannot account for


def _word_text(text: str, width: int, height: int) -> str:
    if _LONE_ZERO.match(text) and width <= 1.5 * height:  # as narrow as a digit (and a speck)
        return "0"
    t = _SIGN.sub("△", text)
    if not any(ch.isdigit() for ch in t):
        return t
    mapped = t.translate(_DIGIT_LIKE)
    if not _NUMBERISH.match(mapped):
        return t
    if width > 1.5 * height * len(mapped):  # far more ink than these digits (a header read as 0)
        return UNREAD * max(1, round(width / height))
    return mapped


def _ink(binary: np.ndarray, box: tuple[int, int, int, int], usual: float = 0.0) -> tuple[int, int, int, int] | None:
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


def _pieces(w: Word) -> list[tuple[str, tuple[int, int, int, int]]]:
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
            out.append((text[start:k], (min(b[0] for b in part), w.box[1], max(b[2] for b in part), w.box[3])))
            start = k
    return out


def _signs_joined(words: list[tuple[str, tuple[int, int, int, int]]]) -> list[tuple[str, tuple[int, int, int, int]]]:
    """A △ read as a word of its own (人, 全, A) joined to the number right after it."""
    out: list[tuple[str, tuple[int, int, int, int]]] = []
    for text, box in words:
        if _NUMBERISH.match(text):
            k = len(out)  # the sign may come in pieces (ム, へ)
            while k and _SIGN_WORD.match(out[k - 1][0]) and (out[k][1][0] if k < len(out) else box[0]) - out[k - 1][1][2] <= out[k - 1][1][3] - out[k - 1][1][1]:
                k -= 1
            if k < len(out):
                first = out[k][1]
                box = (first[0], min(first[1], box[1]), box[2], max(first[3], box[3]))
                text = "△" + text.lstrip("△▲-")
                del out[k:]
        out.append((text, box))
    return out


def ocr_chars(lines: list[Line], frame: PixelFrame, binary: np.ndarray) -> list[Char]:
    """The reading's words as characters in page points, each word's box trimmed to its ink
    (``binary``: ink 255, rules removed) and shared out evenly among its characters."""
    s = frame.scale
    first = [b for line in lines for w in line.words if (b := _ink(binary, w.box)) is not None]
    heights = sorted(b[3] - b[1] for b in first)
    usual = float(heights[len(heights) // 2]) if heights else 0.0
    words = []
    for line in lines:
        pieces = [p for w in line.words for p in _pieces(w)]
        inked = [(t, box) for t, b in pieces if t and (box := _ink(binary, b, usual)) is not None]
        words += _signs_joined([(_word_text(t, b[2] - b[0], b[3] - b[1]), b) for t, b in inked])
    out: list[Char] = []
    for text, (x0, y0, x1, y1) in words:
        if not text or y1 - y0 < 0.55 * usual:  # far lower than the usual: specks read as text
            continue
        size = max(1.0, (y1 - y0) * s)
        step = (x1 - x0) / len(text)
        top, bottom = frame.top + y0 * s, frame.top + y1 * s
        for k, ch in enumerate(text):
            a = frame.x0 + (x0 + k * step) * s
            out.append(Char(ch, a, top, a + step * s, bottom, size))
    return out


def find_tables(lines: list[Line], frame: PixelFrame, binary: np.ndarray, page: int, min_rows: int,
                min_cols: int) -> list[Grid]:
    """Borderless tables among the page reading's lines (the digital finders), top to bottom."""
    text_lines = split_side_by_side(group_lines(ocr_chars(lines, frame, binary)))
    grids = find_stream_tables(text_lines, page, min_rows, min_cols)
    return sorted(grids, key=lambda g: (g.bbox.top, g.bbox.x0))


def cell_boxes(grid: Grid, frame: PixelFrame) -> list[CellBox]:
    """Pixel boxes for every cell of ``grid``: its column's extent across the table by its row's
    band (an empty cell gets a box too: whatever ink is there is read)."""
    s = frame.scale
    col_x: dict[int, list[float]] = defaultdict(list)
    row_y: dict[int, list[float]] = defaultdict(list)
    for c in grid.cells:
        if c.bbox is None:
            continue
        if c.col_span == 1:
            col_x[c.col] += [c.bbox.x0, c.bbox.x1]
        if c.row_span == 1:
            row_y[c.row] += [c.bbox.top, c.bbox.bottom]
    # columns meet halfway between one's ink and the next's, so no ink falls between two boxes
    xs = {k: (min(v), max(v)) for k, v in col_x.items()}
    ys = {k: (min(v), max(v)) for k, v in row_y.items()}
    left = _edges(xs, grid.n_cols, grid.bbox.x0, grid.bbox.x1)
    tops = _edges(ys, grid.n_rows, grid.bbox.top, grid.bbox.bottom)

    def px(v: float, origin: float) -> int:
        return round((v - origin) / s)

    boxes = []
    for c in grid.cells:
        x0, x1 = left[c.col], left[c.col + c.col_span]
        y0, y1 = tops[c.row], tops[c.row + c.row_span]
        boxes.append(CellBox(c.row, c.col, c.row_span, c.col_span,
                             px(x0, frame.x0), px(y0, frame.top), px(x1, frame.x0), px(y1, frame.top)))
    return boxes


def _edges(extent: dict[int, tuple[float, float]], n: int, lo: float, hi: float) -> list[float]:
    """n + 1 boundaries: ``lo``, the midpoints between neighbouring slots' extents, ``hi``."""
    edges = [lo]
    for k in range(1, n):
        before = max((extent[j][1] for j in range(k) if j in extent), default=lo)
        after = min((extent[j][0] for j in range(k, n) if j in extent), default=hi)
        edges.append(max(edges[-1], (before + after) / 2))
    edges.append(max(edges[-1], hi))
    return edges
