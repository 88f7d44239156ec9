"""Bar charts on a scan: found by their bars, so that a chart is never read as a table.

A chart's gridlines and frame look like a table's rules and its value labels like a column of
numbers; read as a table it yields cells of bar ink read as 1s and sums that "fail". Its bars tell
it apart: solid ink, at least four of them side by side, of one thickness, standing on one
baseline (a vertical chart's bars end on the zero line, above or below it; a horizontal chart's
start at one x). Text never looks like that: a word closed into a blob is about 60% ink, a bar
75-95%, and words do not stand on one baseline side by side with their long side across it.
"""

from __future__ import annotations

import itertools
from collections import Counter

import cv2
import numpy as np
from chohyo.extract.ocr.components import components

Box = tuple[int, int, int, int]

MIN_BARS = 4
MIN_INK = 0.7  # share of a bar's box that is ink on the binary page (speckled fills included)
MIN_INK_HATCHED = 0.6  # a stacked bar's hatched part: counted once MIN_BARS solid bars stand on its line
MIN_THICK = 0.05  # inches: thinner is a rule or a stroke
MIN_LONG = 0.3  # inches, and three times the bar's thickness


def bar_charts(binary: np.ndarray, dpi: float) -> list[Box]:
    """The box (x0, y0, x1, y1, pixels) around each bar chart's bars (none: not a chart page).
    Looked for at about 75 dpi (a bar is still a few pixels thick there): ~20 ms a page."""
    f = max(1, int(dpi // 75))
    ink = cv2.resize(binary, (binary.shape[1] // f, binary.shape[0] // f), interpolation=cv2.INTER_AREA)
    dpi /= f
    close = max(2, int(dpi * 0.03))
    solid = cv2.threshold(ink, 100, 255, cv2.THRESH_BINARY)[1]
    solid = cv2.morphologyEx(
        solid, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (close, close))
    )
    thick = max(2, int(dpi * MIN_THICK))
    solid = cv2.morphologyEx(solid, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (thick, thick)))
    _n, _, stats, _ = components(solid)
    upright: list[Box] = []
    lying: list[Box] = []
    solid_bars: set[Box] = set()
    for x, y, w, h, _a in stats[1:]:
        x, y, w, h = int(x), int(y), int(w), int(h)
        kind = (
            upright
            if h >= dpi * MIN_LONG and h >= 3 * w
            else lying
            if w >= dpi * MIN_LONG and w >= 3 * h
            else None
        )
        share = float(ink[y : y + h, x : x + w].mean()) / 255 if kind is not None else 0.0
        if kind is not None and share >= MIN_INK_HATCHED:
            kind.append((x, y, x + w, y + h))
            solid_bars.update([(x, y, x + w, y + h)] if share >= MIN_INK else [])
    tol = max(2, int(dpi * 0.02))
    charts: list[Box] = []
    for bars, args in ((upright, (1, 3, 0)), (lying, (0, 2, 1))):
        while found := _on_baseline(bars, *args, tol, solid_bars):
            charts.append(
                (
                    min(b[0] for b in found) * f,
                    min(b[1] for b in found) * f,
                    max(b[2] for b in found) * f,
                    max(b[3] for b in found) * f,
                )
            )
            bars = [b for b in bars if b not in found]
    return charts


def _on_baseline(bars: list[Box], start: int, end: int, across: int, tol: int, solid: set[Box]) -> list[Box]:
    """The bars (at least MIN_BARS, of one thickness, side by side, MIN_BARS of them ``solid``) whose
    start or end edge lies on one line: the most common such edge, within ``tol``."""
    if len(bars) < MIN_BARS:
        return []
    edges = Counter(b[k] // tol for b in bars for k in (start, end))
    for key, _count in edges.most_common(4):
        on = [b for b in bars if any(abs(b[k] // tol - key) <= 1 for k in (start, end))]
        if len(on) < MIN_BARS:
            continue
        thick = sorted(b[across + 2] - b[across] for b in on)
        mid = thick[len(thick) // 2]
        on = [b for b in on if abs((b[across + 2] - b[across]) - mid) <= 0.3 * mid]
        lanes = {b[across] // max(1, mid) for b in on}  # side by side: each bar in its own lane
        if len(on) >= MIN_BARS and len(lanes) >= MIN_BARS and sum(b in solid for b in on) >= MIN_BARS:
            return on
    return []


def overlaps(box: Box, charts: list[Box]) -> bool:
    """``box`` (a table's pixel box) holds a quarter or more of some chart's bars' box, or lies
    mostly inside it (a legend's frame or a few bars boxed by the gridlines read as a small grid)."""
    for c in charts:
        w = min(box[2], c[2]) - max(box[0], c[0])
        h = min(box[3], c[3]) - max(box[1], c[1])
        own = (box[2] - box[0]) * (box[3] - box[1])
        if w > 0 and h > 0 and (w * h >= 0.25 * (c[2] - c[0]) * (c[3] - c[1]) or w * h >= 0.5 * own):
            return True
    return False


# Plots (a line chart's graph paper) on a scan: a lattice of rules whose cells hold no text.
MIN_LATTICE = 4  # rules each way, evenly spaced (at least MIN_LATTICE - 1 equal gaps)
MIN_CELL = 0.15  # inches: a plot's gridlines are at least this far apart
EVEN = 0.1  # gaps within this share of the median gap are equal
MAX_TEXT_SLOTS = 1 / 3  # of a plot's cells, at most this share holds a glyph-sized mark
GLYPH = (0.08, 0.5)  # inches: the longer side of a character (the dots of a dotted gridline are less)


def plot_area(horiz: np.ndarray, vert: np.ndarray, text: np.ndarray, dpi: float) -> bool:
    """The ruled region (its rule masks and its ink off the rules, one box) is a plot, not a table:
    its rules across the whole region make a lattice, evenly spaced both ways (graph paper), and
    few of its cells hold anything the size of a character (a table's cells hold their entries; a
    plot's only the curve, its dotted minor gridlines and their crossings). A soil survey's N値グラフ
    beside its N値表: 55 cells, 12 with a mark (the curve's pieces); read as the table's last
    column, its gridlines cut the table's rows and its curve filled every pixel row."""
    h, w = horiz.shape
    ys = _lines((horiz > 0).sum(axis=1), w // 2, dpi)
    xs = _lines((vert > 0).sum(axis=0), h // 2, dpi)
    if not (_even(ys, dpi) and _even(xs, dpi)):
        return False
    _n, _, stats, _ = components(text)
    lo, hi = GLYPH[0] * dpi, GLYPH[1] * dpi
    marks = [s for s in stats[1:] if lo <= max(s[2], s[3]) <= hi]
    slots = inked = 0
    for y0, y1 in itertools.pairwise(ys):
        for x0, x1 in itertools.pairwise(xs):
            slots += 1
            inked += any(x0 <= s[0] and s[0] + s[2] <= x1 and y0 <= s[1] and s[1] + s[3] <= y1 for s in marks)
    return inked <= MAX_TEXT_SLOTS * slots


def _lines(profile: np.ndarray, min_len: int, dpi: float) -> list[int]:
    """Centres of the rules whose projection reaches ``min_len`` (a thick rule's pixel rows as one)."""
    on = np.flatnonzero(profile >= min_len)
    if not on.size:
        return []
    runs = np.split(on, np.flatnonzero(np.diff(on) > max(2, int(dpi / 60))) + 1)
    return [int(r.mean()) for r in runs]


def _even(pos: list[int], dpi: float) -> bool:
    """At least MIN_LATTICE lines, MIN_LATTICE - 1 of their gaps equal and as wide as a cell (the
    strokes of one name written on every row stand in line 13 px apart: no lattice)."""
    if len(pos) < MIN_LATTICE:
        return False
    gaps = np.diff(pos)
    mid = float(np.median(gaps))
    return mid >= MIN_CELL * dpi and int((np.abs(gaps - mid) <= EVEN * mid).sum()) >= MIN_LATTICE - 1
