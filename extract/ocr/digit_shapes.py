"""Figures told by the shape of their ink before any reading: small counts centred in their cells,
and decimal points taken for dust.

A number cell is found by its alignment (cell_boxes.right_aligned). A table of counts prints its
figures centred (販売数 by month: ``0``, ``24``, ``187`` in the middle of narrow cells), so they went
to the text reader, one line padded to 320 px each: 18.8 CPU s for one page of the copier scan.
The digit strips read a figure of one to three digits as well as the text reader, for a fraction
of the cost: they are read there. Digits have a shape of their own: one piece each, as tall as the
line, top and bottom level, narrower than tall. Kanji and most kana break into pieces of other
heights (珍, 催, カ) or are as wide as tall (円, 火); such a cell stays text. So does any figure with
a piece at its foot: a decimal point (the strips read none: 3.0 would be 30) or a comma (measured
on p. 18 of the copier scan: the strips read a bold ``3,368`` as 3968, the text reader right).
Only a column whose cells are mostly of that shape is read so, so a lone digit-like word
elsewhere (ト, ル: one or two strokes as tall as the line) never is.

And figures whose decimal point speck removal took (decimal_cells): they are read as text, from
the page before speck removal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from chohyo.extract.ocr.components import components

if TYPE_CHECKING:
    from chohyo.extract.ocr.cell_boxes import CellBox

Ink = tuple[int, int, int, int]

FULL = 0.7  # a digit is at least this share of the ink's height
LEVEL = 0.15  # and starts and ends within this share of its top and bottom
NARROW = 0.85  # and is at most this wide for its height (0 is about 0.6, 1 about 0.25)
FOOT_TOP = 0.6  # a piece starting this far down the line: a comma or a point
SPECK = 0.01  # of the height squared: a speck above the foot, no part of any character
MOST = 0.8  # of a column's cells of that shape: a column of figures
MAX_DIGITS = 3  # and no comma: 0 to 999
POINT = 0.3  # of the line's height: a decimal point is no higher and no wider
HALF = 0.5  # of a column's figures with a point: a column of decimals


class _Line(NamedTuple):
    """The pieces of a cell's ink (connected components: x, y, w, h, area each) and the line they make."""

    labels: np.ndarray
    pieces: np.ndarray
    height: int  # the tallest piece: a digit's height (a comma may hang below the line)
    tall: np.ndarray  # the pieces as tall as a digit
    top: int
    bottom: int


def _line(mask: np.ndarray) -> _Line | None:
    """The pieces of ``mask`` (a cell's ink, 255), or None when nothing in it is a line's height."""
    n, labels, stats, _ = components(mask)
    pieces = stats[1:n]
    if not len(pieces) or int(pieces[:, 3].max()) < 8:
        return None
    h = int(pieces[:, 3].max())
    tall = pieces[pieces[:, 3] >= FULL * h]
    return _Line(labels, pieces, h, tall, int(tall[:, 1].min()), int((tall[:, 1] + tall[:, 3]).max()))


def _body(present: list[tuple[CellBox, Ink]], header_rows: int) -> list[tuple[CellBox, Ink]]:
    """The body cells past the label column, one column wide."""
    return [(b, ink) for b, ink in present if b.row >= header_rows and b.col > 0 and b.col_span == 1]


def _columns(
    ones: list[tuple[CellBox, Ink]], yes: set[tuple[int, int]], share: float, least: int = 1
) -> set[int]:
    """The columns of ``ones`` (of ``least`` cells or more) where at least ``share`` of the cells
    are in ``yes``."""
    cols: dict[int, list[bool]] = {}
    for b, _ in ones:
        cols.setdefault(b.col, []).append((b.row, b.col) in yes)
    return {c for c, v in cols.items() if len(v) >= least and sum(v) >= share * len(v)}


def digit_shaped(binary: np.ndarray, ink: Ink) -> bool:
    """Whether the ink is a figure of one to three digits, by the shapes of its pieces."""
    x0, y0, x1, y1 = ink
    line = _line(binary[y0:y1, x0:x1])
    if line is None:
        return False
    h, top, bottom = line.height, line.top, line.bottom
    for x, y, w, ph, area in line.pieces:
        if ph >= FULL * h:
            if y - top > LEVEL * h or bottom - (y + ph) > LEVEL * h or w > NARROW * ph:
                return False
        elif _within(line.tall, x, y, w, ph):
            continue  # a stroke the scan broke off its digit (the top of a 3)
        elif y >= top + FOOT_TOP * h or area > SPECK * h * h:
            return False  # a comma, a decimal point however small, or a piece of a word
    return len(line.tall) <= MAX_DIGITS


def _within(tall: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    """Whether the box (x, y, w, h) lies inside the box of one of the ``tall`` pieces."""
    return any(tx <= x and x + w <= tx + tw and ty <= y and y + h <= ty + th for tx, ty, tw, th, _ in tall)


def digit_columns(
    binary: np.ndarray, present: list[tuple[CellBox, Ink]], header_rows: int
) -> dict[tuple[int, int], bool]:
    """The body cells (past the label column, one column wide) of the columns whose cells are mostly
    digit-shaped, each with its own verdict: True for a cell of that shape."""
    ones = _body(present, header_rows)
    shaped = {(b.row, b.col): digit_shaped(binary, ink) for b, ink in ones}
    figures = _columns(ones, {key for key, ok in shaped.items() if ok}, MOST, least=2)
    return {key: ok for key, ok in shaped.items() if key[1] in figures}


def taken_point(binary: np.ndarray, taken: np.ndarray) -> bool:
    """Whether speck removal took a decimal point out of a figure (``binary``: the cell's ink as it
    is, ``taken``: the ink speck removal took from it): a round piece of ``taken`` at the foot of
    the digits, with one or two digits after it (a comma has three). A point still on the page is
    left alone: the digit strips read it as the only mark they know, a comma, and the figure's
    grouping is then named (bad-grouping); and a comma often looks like a point on a scan (めっき
    生産実績's 30,908, read right so)."""
    line = _line(binary | taken)
    if line is None:
        return False
    h, top, bottom = line.height, line.top, line.bottom
    centres = line.tall[:, 0] + line.tall[:, 2] / 2
    for k, (x, y, w, ph, _) in enumerate(line.pieces, 1):
        point = (
            ph <= POINT * h and w <= POINT * h and y >= top + FOOT_TOP * h and bottom - (y + ph) <= LEVEL * h
        )
        after = int((centres > x + w / 2).sum())
        if point and 1 <= after <= 2 and after < len(line.tall) and (taken[line.labels == k] > 0).all():
            return True
    return False


def decimal_cells(
    binary: np.ndarray,
    gray: np.ndarray,
    unspecked: np.ndarray | None,
    present: list[tuple[CellBox, Ink]],
    header_rows: int,
) -> set[tuple[int, int]]:
    """The body cells whose decimal point speck removal took for dust, in the columns where most
    figures lost one (what it took: where ``gray`` differs from ``unspecked``, the page before it).
    Read without it, 持株比率 ``50. 5`` (letter-spaced, its point set apart) was 505 and its column
    summed to 1000 as ten times the printed figures; only the ocr-unconfirmed marks of a ratio
    column (never added up) named them. Such a cell is read as text, from the page before speck
    removal."""
    if unspecked is None or unspecked.shape != gray.shape:
        return set()
    ones = _body(present, header_rows)
    pointed = set()
    for b, (x0, y0, x1, y1) in ones:
        taken = (gray[y0:y1, x0:x1] != unspecked[y0:y1, x0:x1]).astype(np.uint8) * 255
        if taken.any() and taken_point(binary[y0:y1, x0:x1], taken):
            pointed.add((b.row, b.col))
    decimal = _columns(ones, pointed, HALF)
    return {key for key in pointed if key[1] in decimal}
