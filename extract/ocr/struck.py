"""A figure struck out by hand, its correction written beside it (a 政治資金収支報告書: 64,900 beside a
struck-out, sealed 73,700): the struck figure is no reading of the cell. Its strike, one or two
straight lines, is long enough for the rule finder to take it for a rule; it lies inside a cell,
shorter than the cell is wide, through the middle of the figures it crosses. Those figures are
blanked before the cell is read, and the correction is read alone (then confirmed by arithmetic
or named, as any reading)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.components import components
from chohyo.model import BBox, Table

Box = tuple[int, int, int, int]
ACROSS = 0.8  # of the cell's inner width: a line this long is a rule of the cell, not a strike
MIN_LENGTH = 2.0  # text heights: a strike crosses a figure of two digits or more
FIGURE = 0.3  # of the cell's height: the least a line of figures stands
EDGE = 0.2  # of the cell's height: a line this near its top or bottom is a piece of the cell's rule


def struck_figures(horiz: np.ndarray, binary: np.ndarray, boxes: list[CellBox]) -> list[Box]:
    """The boxes (page pixels) of figures struck through inside ``boxes``; ``horiz`` is the page's
    horizontal rule mask, ``binary`` its ink (255)."""
    out = []
    for b in boxes:
        m = max(2, (b.y1 - b.y0) // 8)  # off the cell's own rules
        x0, y0, x1, y1 = b.x0 + m, b.y0 + m, b.x1 - m, b.y1 - m
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        lines = horiz[y0:y1, x0:x1] > 0
        if not lines.any():
            continue
        text = (binary[y0:y1, x0:x1] > 0) & ~lines
        pieces = None  # the ink pieces, labelled once a line passes as a strike
        n, _, stats, _ = components(lines.astype(np.uint8))
        for i in range(1, n):
            x, y, w, h, _ = (int(v) for v in stats[i])
            if w > ACROSS * (x1 - x0):
                continue
            rows = np.flatnonzero(text[:, x : x + w].any(axis=1))
            if rows.size == 0:
                continue
            top, bottom = int(rows[0]), int(rows[-1]) + 1
            height, centre, cell = bottom - top, y + h / 2, b.y1 - b.y0
            if not (
                top + 0.2 * height < centre < bottom - 0.2 * height  # through the figures' middle
                and w >= MIN_LENGTH * height
                and height >= FIGURE * cell  # figures, not the specks of a broken rule of the cell
                and EDGE * cell < centre + m < (1 - EDGE) * cell  # away from the cell's own rules
            ):
                continue
            # the figures it crosses: the ink pieces over its span (digits it does not touch too)
            if pieces is None:
                _, labels, pstats, _ = components(text.astype(np.uint8))
                pieces = (labels, pstats)
            labels, pstats = pieces
            ids = np.unique(labels[top:bottom, x : x + w])
            ids = ids[ids > 0]
            left, right = x, x + w
            for j in ids:
                px, _, pw, _, _ = (int(v) for v in pstats[j])
                left, right = min(left, px), max(right, px + pw)
            out.append((x0 + left, y0 + top, x0 + right, y0 + bottom))
    return out


STRUCK = "ocr-struck-out"  # a cell's provenance: a figure in it was struck out and not read


def mark_struck(table: Table, struck: list[Box], pixels: Callable[[BBox], Box]) -> Table:
    """``table`` with each cell a struck figure's centre falls in marked ``STRUCK`` (``pixels``: a
    cell's box on the page image); doubt.py names such a cell when no correction was read in it."""
    centres = [((x0 + x1) / 2, (y0 + y1) / 2) for x0, y0, x1, y1 in struck]
    cells = []
    for c in table.cells:
        if c.bbox is not None:
            x0, y0, x1, y1 = pixels(c.bbox)
            if any(x0 <= x < x1 and y0 <= y < y1 for x, y in centres):
                c = replace(
                    c, provenance=replace(c.provenance, transforms=(*c.provenance.transforms, STRUCK))
                )
        cells.append(c)
    return replace(table, cells=tuple(cells))
