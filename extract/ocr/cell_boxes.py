"""Cells of a table on a scan as pixels: each cell's box, the ink inside it (specks left out), its
text lines, the crop OCR reads and the page's text scale; pixel boxes to page points (PixelFrame)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import cv2
import numpy as np
from chohyo.model import BBox

if TYPE_CHECKING:
    from chohyo.extract.ocr.ruled_grid import GridCell

TARGET_TEXT_PX = 30  # text height Tesseract's jpn model reads best at (measured on the budget scans)


@dataclass(frozen=True)
class CellBox:
    row: int
    col: int
    row_span: int
    col_span: int
    x0: int
    y0: int
    x1: int
    y1: int


@dataclass(frozen=True)
class PixelFrame:
    """Pixel → page points: points = offset + pixel · scale."""

    x0: float
    top: float
    scale: float

    def bbox(self, x0: float, y0: float, x1: float, y1: float) -> BBox:
        s = self.scale
        return BBox(self.x0 + x0 * s, self.top + y0 * s, self.x0 + x1 * s, self.top + y1 * s)


def ink_box(binary: np.ndarray, box: CellBox, dpi: float) -> tuple[int, int, int, int] | None:
    """The ink inside a cell (rules excluded by the inset), or None for an empty cell."""
    inset = max(2, int(dpi / 60))
    x0, y0, x1, y1 = box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    sub = binary[y0:y1, x0:x1]
    cols = np.flatnonzero(sub.sum(axis=0) > 0)
    rows = np.flatnonzero(sub.sum(axis=1) > 0)
    min_ink = max(6, int((dpi / 200.0) ** 2 * 12))
    if cols.size == 0 or int((sub > 0).sum()) < min_ink:
        return None
    return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1


def without_specks(
    binary: np.ndarray, ink: tuple[int, int, int, int], dpi: float
) -> tuple[int, int, int, int]:
    """``ink`` shrunk to leave out dust apart from the text: a dot that clung to a rule survives speck
    removal, is alone in its cell once the rule is erased, and made a vertical header look wide
    (page 2 of budget_vertical_200: 法人会計 went to the horizontal reader and came out 验)."""
    x0, y0, x1, y1 = ink
    sub = (binary[y0:y1, x0:x1] > 0).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    if n < 3:
        return ink
    small = max(4, int(30 * (dpi / 200.0) ** 2))
    big = [k for k in range(1, n) if stats[k, cv2.CC_STAT_AREA] > small]
    if not big:
        return ink
    bx0 = min(int(stats[k, 0]) for k in big)
    by0 = min(int(stats[k, 1]) for k in big)
    bx1 = max(int(stats[k, 0] + stats[k, 2]) for k in big)
    by1 = max(int(stats[k, 1] + stats[k, 3]) for k in big)
    gap = max(4, int(dpi / 20))
    keep = list(big)
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if k not in big and x < bx1 + gap and x + w > bx0 - gap and y < by1 + gap and y + h > by0 - gap:
            keep.append(k)
    return (
        x0 + min(int(stats[k, 0]) for k in keep),
        y0 + min(int(stats[k, 1]) for k in keep),
        x0 + max(int(stats[k, 0] + stats[k, 2]) for k in keep),
        y0 + max(int(stats[k, 1] + stats[k, 3]) for k in keep),
    )


def crop(gray: np.ndarray, ink: tuple[int, int, int, int], scale: float, pad: int) -> np.ndarray:
    x0, y0, x1, y1 = ink
    img = gray[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
    if abs(scale - 1.0) > 0.05:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return img


def upright(ink: tuple[int, int, int, int], scale: float, chars: float = 3.0) -> bool:
    """Ink far taller than wide and taller than ``chars`` lines of text: text written downwards
    (a header over a narrow column; a group name of two characters, 歳入, beside its rows)."""
    h, w = ink[3] - ink[1], ink[2] - ink[0]
    return h > min(2.2, chars - 0.5) * w and h > chars * TARGET_TEXT_PX / scale


def right_aligned(ink: tuple[int, int, int, int], box: CellBox) -> bool:
    left_gap = ink[0] - box.x0
    right_gap = box.x1 - ink[2]
    return right_gap < left_gap * 0.6


def text_scale(binary: np.ndarray, boxes: list[tuple[CellBox, tuple[int, int, int, int]]]) -> float:
    """One upscaling factor for the page so the median line of text is ~TARGET_TEXT_PX high."""
    heights = sorted(ink[3] - ink[1] for _, ink in boxes)
    if not heights:
        return 1.0
    median = heights[len(heights) // 2]
    return float(min(4.0, max(1.0, TARGET_TEXT_PX / max(median, 1))))


def cell_lines(
    binary: np.ndarray, cells: list[tuple[CellBox, tuple[int, int, int, int]]], line_px: int, reach: bool
) -> list[list[tuple[int, int, int, int]]]:
    """Each cell's text lines; with ``reach``, a wrapped cell's lines start a character further left
    (a bullet left of a line is no ink after speck removal: the page before it is read there)."""
    parts = [text_lines(binary, ink, line_px) for _, ink in cells]
    if not reach:
        return parts
    return [
        [(max(b.x0 + 2, ln[0] - (ln[3] - ln[1])), *ln[1:]) for ln in lines] if len(lines) > 1 else lines
        for (b, _), lines in zip(cells, parts, strict=True)
    ]


def text_lines(
    binary: np.ndarray, ink: tuple[int, int, int, int], line_px: int
) -> list[tuple[int, int, int, int]]:
    """The text lines of a cell's ink (one box per line), split at empty pixel rows; one box when
    the ink is no taller than a line and a half, or when the split finds no clear lines."""
    x0, y0, x1, y1 = ink
    if line_px <= 0 or y1 - y0 < 1.6 * line_px:
        return [ink]
    rows = (binary[y0:y1, x0:x1] > 0).sum(axis=1)
    bands: list[list[int]] = []
    start = None
    for y, n in enumerate([*rows.tolist(), 0]):
        if n > 0 and start is None:
            start = y
        elif n == 0 and start is not None:
            bands.append([start, y])
            start = None
    # specks and accents (short bands) join the nearest line
    lines = [b for b in bands if b[1] - b[0] >= 0.4 * line_px]
    if len(lines) < 2:
        return [ink]
    for b in bands:
        if b in lines:
            continue
        near = min(lines, key=lambda ln: min(abs(b[0] - ln[1]), abs(ln[0] - b[1])))
        near[0], near[1] = min(near[0], b[0]), max(near[1], b[1])
    out = []
    for top, bottom in lines:
        sub = binary[y0 + top : y0 + bottom, x0:x1] > 0
        cols = np.flatnonzero(sub.sum(axis=0))
        out.append((x0 + int(cols[0]), y0 + top, x0 + int(cols[-1]) + 1, y0 + bottom))
    return out


def grid_boxes(grid_cells: list[GridCell], inset: int = 0) -> list[CellBox]:
    return [
        CellBox(c.row, c.col, c.row_span, c.col_span, int(c.x0), int(c.y0), int(c.x1), int(c.y1))
        for c in grid_cells
    ]


def header_rows_of(boxes: list[CellBox], binary: np.ndarray, dpi: float) -> int:
    """Rows above the body: as deep as the tallest cell starting at the top row, else 1."""
    top = [b for b in boxes if b.row == 0]
    depth = max((b.row_span for b in top), default=1)
    # a name over several value columns has their names below it (区分 over a group column and
    # the label column has not: it names both) — names set in the middle of their cells; a row
    # whose only ink under the name is right-aligned figures, or none (金額 over the 内訳 | 計
    # columns of a statement whose amounts are staggered), is the first row of the body
    spanned = [b for b in top if b.col_span > 1 and b.col > 0]
    below = [b for b in boxes if b.row == 1 and any(s.col <= b.col < s.col + s.col_span for s in spanned)]
    inks = [(b, ink_box(binary, b, dpi)) for b in below]
    if any(ink is not None and not right_aligned(ink, b) for b, ink in inks):
        depth = max(depth, 2)
    return depth
