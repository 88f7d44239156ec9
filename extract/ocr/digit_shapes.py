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

from typing import TYPE_CHECKING

import cv2
import numpy as np

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


def digit_shaped(binary: np.ndarray, ink: Ink) -> bool:
    """Whether the ink is a figure of one to three digits, by the shapes of its pieces."""
    x0, y0, x1, y1 = ink
    n, _, stats, _ = cv2.connectedComponentsWithStats(binary[y0:y1, x0:x1], connectivity=8)
    pieces = stats[1:n]
    if not len(pieces) or int(pieces[:, 3].max()) < 8:
        return False
    h = int(pieces[:, 3].max())  # a digit's height (a comma may hang below the line)
    tall = pieces[pieces[:, 3] >= FULL * h]
    top, bottom = int(tall[:, 1].min()), int((tall[:, 1] + tall[:, 3]).max())
    for _, y, w, ph, area in pieces:
        if ph >= FULL * h:
            if y - top > LEVEL * h or bottom - (y + ph) > LEVEL * h or w > NARROW * ph:
                return False
        elif y >= top + FOOT_TOP * h or area > SPECK * h * h:
            return False  # a comma, a decimal point however small, or a piece of a word
    return len(tall) <= MAX_DIGITS


def digit_columns(
    binary: np.ndarray, present: list[tuple[CellBox, Ink]], header_rows: int
) -> dict[tuple[int, int], bool]:
    """The body cells (past the label column, one column wide) of the columns whose cells are mostly
    digit-shaped, each with its own verdict: True for a cell of that shape."""
    ones = [(b, ink) for b, ink in present if b.row >= header_rows and b.col > 0 and b.col_span == 1]
    shaped = {(b.row, b.col): digit_shaped(binary, ink) for b, ink in ones}
    cols: dict[int, list[bool]] = {}
    for b, _ in ones:
        cols.setdefault(b.col, []).append(shaped[(b.row, b.col)])
    figures = {c for c, v in cols.items() if len(v) >= 2 and sum(v) >= MOST * len(v)}
    return {key: ok for key, ok in shaped.items() if key[1] in figures}


def taken_point(binary: np.ndarray, wiped: np.ndarray, ink: Ink) -> bool:
    """Whether speck removal took a decimal point out of the figure: a round piece of ``wiped`` at
    the foot of the digits, with one or two digits after it (a comma has three). A point still on
    the page is left alone: the digit strips read it as the only mark they know, a comma, and the
    figure's grouping is then named (bad-grouping); and a comma often looks like a point on a scan
    (めっき 生産実績's 30,908, read right so)."""
    x0, y0, x1, y1 = ink
    both = binary[y0:y1, x0:x1] | wiped[y0:y1, x0:x1]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    pieces = stats[1:n]
    if not len(pieces) or int(pieces[:, 3].max()) < 8:
        return False
    h = int(pieces[:, 3].max())
    tall = pieces[pieces[:, 3] >= FULL * h]
    top, bottom = int(tall[:, 1].min()), int((tall[:, 1] + tall[:, 3]).max())
    centres = tall[:, 0] + tall[:, 2] / 2
    taken = wiped[y0:y1, x0:x1] > 0
    for k, (x, y, w, ph, _) in enumerate(pieces, 1):
        point = (
            ph <= POINT * h and w <= POINT * h and y >= top + FOOT_TOP * h and bottom - (y + ph) <= LEVEL * h
        )
        after = int((centres > x + w / 2).sum())
        if point and 1 <= after <= 2 and after < len(tall) and taken[labels == k].all():
            return True
    return False


def decimal_cells(
    binary: np.ndarray,
    wiped: np.ndarray | None,
    present: list[tuple[CellBox, Ink]],
    header_rows: int,
) -> set[tuple[int, int]]:
    """The body cells whose decimal point speck removal took for dust, in the columns where most
    figures lost one (``wiped``: the ink it took out). Read without it, 持株比率 ``50. 5`` (letter-
    spaced, its point set apart) was 505 and its column summed to 1000 as ten times the printed
    figures; only the ocr-unconfirmed marks of a ratio column (never added up) named them. Such a
    cell is read as text, from the page before speck removal."""
    if wiped is None:
        return set()
    ones = [(b, ink) for b, ink in present if b.row >= header_rows and b.col > 0 and b.col_span == 1]
    pointed = {(b.row, b.col) for b, ink in ones if taken_point(binary, wiped, ink)}
    cols: dict[int, list[bool]] = {}
    for b, _ in ones:
        cols.setdefault(b.col, []).append((b.row, b.col) in pointed)
    decimal = {c for c, v in cols.items() if sum(v) >= HALF * len(v)}
    return {key for key in pointed if key[1] in decimal}
