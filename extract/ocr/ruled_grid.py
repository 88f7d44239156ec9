"""Ruled tables on a scan: rules by morphology, joined into a grid of cells with spans.

Rules are found on the binary image with long thin opening kernels, then closed over small gaps
so broken or faint rules still count. A cell spans across a boundary when the rule between the
two grid slots is (mostly) missing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
from chohyo.extract.ocr.charts import plot_area
from chohyo.extract.ocr.components import components
from chohyo.extract.ocr.ink_runs import ink_runs
from chohyo.extract.ocr.rule_ticks import rule_ticks
from chohyo.extract.ocr.ruled_rows import split_unruled_rows


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    x0: int  # pixel box inside the rules
    y0: int
    x1: int
    y1: int


@dataclass(frozen=True)
class Grid:
    xs: tuple[int, ...]  # column boundaries (pixels)
    ys: tuple[int, ...]  # row boundaries
    cells: tuple[GridCell, ...]
    # dotted column rules (x, top, bottom, half width): the rule masks miss them; their dots are
    # painted out with the rules (read, a dot is a 1 or an i)
    dotted: tuple[tuple[int, int, int, int], ...] = ()
    # dashed row rules (y, left, right, half height): painted out with the rules as well
    dashed: tuple[tuple[int, int, int, int], ...] = ()
    # plots inside the grid's frame (charts.plot_area), each as the band of the grid it takes, from
    # the grid's top to its bottom (its title and axis labels with it): a figure, not cells
    figures: tuple[tuple[int, int, int, int], ...] = ()
    # tick marks across the column rules (x0, y0, x1, y1; rule_ticks.py): painted out with the rules
    ticks: tuple[tuple[int, int, int, int], ...] = ()

    @property
    def bbox(self) -> tuple[int, int, int, int]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def rule_masks(binary: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rule masks (255 on a rule)."""
    gap = max(3, int(dpi / 25))  # bridge breaks up to ~1 mm
    min_h = max(20, int(dpi * 0.25))  # longer than any horizontal stroke of text
    min_v = max(12, int(dpi * 0.12))  # taller than a digit, shorter than one row
    # Open first (so text never chains into a rule), then close the masks over small breaks.
    horiz = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (min_h, 1)))
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    vert = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, min_v)))
    vert = cv2.morphologyEx(vert, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return horiz, vert


def _positions(profile: np.ndarray, min_len: int, tol: int) -> list[int]:
    """Centres of runs in a projection profile that reach ``min_len``."""
    idx = np.flatnonzero(profile >= min_len)
    if idx.size == 0:
        return []
    out, start, prev = [], idx[0], idx[0]
    for i in idx[1:]:
        if i - prev > tol:
            out.append((start + prev) // 2)
            start = i
        prev = i
    out.append((start + prev) // 2)
    return [int(v) for v in out]


def _coverage(mask: np.ndarray, fixed: int, lo: int, hi: int, axis: str, half: int) -> float:
    """Share of [lo, hi) along a rule at ``fixed`` (± half pixels) that is ink."""
    if hi <= lo:
        return 1.0
    if axis == "h":
        band = mask[max(0, fixed - half) : fixed + half + 1, lo:hi]
        line = band.max(axis=0) if band.size else np.zeros(0)
    else:
        band = mask[lo:hi, max(0, fixed - half) : fixed + half + 1]
        line = band.max(axis=1) if band.size else np.zeros(0)
    return float((line > 0).mean()) if line.size else 0.0


def find_grids(
    binary: np.ndarray, dpi: float, masks: tuple[np.ndarray, np.ndarray] | None = None
) -> list[Grid]:
    """Every ruled table on the page (largest first), as grids of cells; ``masks``: the page's
    ``rule_masks`` where the caller has them already (read only, not changed here)."""
    horiz, vert = masks if masks is not None else rule_masks(binary, dpi)
    both = cv2.bitwise_or(horiz, vert)
    # every rule stroke out of the ink the rows are cut by, also those not joined to this table's
    # frame (the dashes of a dashed column rule would bridge the gaps between text lines)
    text = cv2.bitwise_and(
        binary, cv2.bitwise_not(cv2.dilate(both, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))))
    )
    both = cv2.dilate(both, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    n, labels, stats, _ = components(both)
    grids = []
    min_side = int(dpi * 0.4)
    big = [k for k in range(1, n) if stats[k, 2] >= min_side * 2 and stats[k, 3] >= min_side]
    plots = [k for k in big if _plot(k, labels, stats, horiz, vert, text, dpi)]
    bands = [_band(stats[p], [stats[k] for k in big if k != p], horiz, dpi) for p in plots]
    for x0, y0, x1, y1 in bands:  # a plot's ink (its curve, its dotted gridlines) is no table's text
        text[y0:y1, x0:x1] = 0
    for k in big:
        if k in plots:
            continue
        x, y, w, h, _area = stats[k]
        region = labels[y : y + h, x : x + w] == k
        inside = tuple(b for b in bands if x <= b[0] and b[2] <= x + w and y <= b[1] and b[3] <= y + h)
        g = _grid_in(
            horiz[y : y + h, x : x + w] * region,
            vert[y : y + h, x : x + w] * region,
            dpi,
            text[y : y + h, x : x + w],
            vert[y : y + h, x : x + w],
            w - sum(b[2] - b[0] for b in inside),  # the table's own width, beside its plots
        )
        if g is not None:
            g = _shift(g, x, y)
            grids.append(replace(g, figures=inside) if inside else g)
    grids.sort(key=lambda g: -(g.bbox[2] - g.bbox[0]) * (g.bbox[3] - g.bbox[1]))
    return grids


PLOT_MARGIN = 0.05  # inches beside a plot's rules: its curve's ends and its ticks


def _plot(
    k: int,
    labels: np.ndarray,
    stats: np.ndarray,
    horiz: np.ndarray,
    vert: np.ndarray,
    text: np.ndarray,
    dpi: float,
) -> bool:
    x, y, w, h = (int(v) for v in stats[k, :4])
    region = labels[y : y + h, x : x + w] == k
    return plot_area(
        horiz[y : y + h, x : x + w] * region,
        vert[y : y + h, x : x + w] * region,
        text[y : y + h, x : x + w],
        dpi,
    )


def _band(
    plot: np.ndarray, others: list[np.ndarray], horiz: np.ndarray, dpi: float
) -> tuple[int, int, int, int]:
    """The pixels a plot takes: its box grown by a margin, and up and down a ruled frame that holds
    it as far as the first rule across the plot's width (its title and axis labels stand above it
    inside the frame; a table ruled off above or below it in the same frame keeps its cells)."""
    m = int(PLOT_MARGIN * dpi)
    x, y, w, h = (int(v) for v in plot[:4])
    x0, x1 = max(0, x - m), x + w + m
    top, bottom = max(0, y - m), y + h + m
    across = (horiz[:, x0:x1] > 0).mean(axis=1) >= 0.5  # rows of pixels ruled across the plot's width
    for o in others:
        ox, oy, ow, oh = (int(v) for v in o[:4])
        if ox <= x and x + w <= ox + ow and oy <= y and y + h <= oy + oh:
            above = np.flatnonzero(across[oy:top])
            below = np.flatnonzero(across[bottom : oy + oh])
            top = oy + int(above[-1]) if above.size else oy
            bottom = bottom + int(below[0]) if below.size else oy + oh
    return x0, top, x1, bottom


def _shift(g: Grid, dx: int, dy: int) -> Grid:
    cells = tuple(
        GridCell(c.row, c.col, c.row_span, c.col_span, c.x0 + dx, c.y0 + dy, c.x1 + dx, c.y1 + dy)
        for c in g.cells
    )
    dotted = tuple((x + dx, y0 + dy, y1 + dy, w) for x, y0, y1, w in g.dotted)
    dashed = tuple((y + dy, x0 + dx, x1 + dx, w) for y, x0, x1, w in g.dashed)
    ticks = tuple((x0 + dx, y0 + dy, x1 + dx, y1 + dy) for x0, y0, x1, y1 in g.ticks)
    return Grid(
        tuple(v + dx for v in g.xs), tuple(v + dy for v in g.ys), cells, dotted, dashed, g.figures, ticks
    )


def _grid_in(
    horiz: np.ndarray,
    vert: np.ndarray,
    dpi: float,
    binary: np.ndarray | None = None,
    vert_all: np.ndarray | None = None,
    width: int | None = None,
) -> Grid | None:
    """``vert_all``: every vertical rule piece in the table's box, also those not joined to its frame
    (the pieces of a broken column rule): whether two cells are parted is judged on it. ``width``:
    the table's own width where a plot takes part of its frame (a row rule is measured on it: the
    N値表's rule under 測定点のN値, 24% of the frame with its graph, parts its two header rows)."""
    h, w = horiz.shape
    tol = max(2, int(dpi / 60))
    min_row_gap = max(6, int(dpi * 0.06))  # rows at least ~1.5 mm apart
    ys = _merge_close(_positions((horiz > 0).sum(axis=1), int((width or w) * 0.25), tol), min_row_gap)
    xs = _merge_close(_positions((vert > 0).sum(axis=0), int(h * 0.08), tol), min_row_gap)
    if binary is not None:
        xs = [x for k, x in enumerate(xs) if k in (0, len(xs) - 1) or not glyph_strokes(vert, binary, x, dpi)]
    if len(ys) < 3 or len(xs) < 3:
        return None
    # Horizontal rules alone (no column rules) make no grid: the borderless finder reads those.
    if len(_positions((vert > 0).sum(axis=0), int(h * 0.5), tol)) < 2:
        return None
    # Grid closed at its outer edges even when the frame is faint.
    ys = [y for y in ys if ys[0] <= y <= ys[-1]]
    cuts: set[int] = set()  # row edges with no rule: bands of several number lines cut between lines
    dots = dotted_rules(binary, xs, ys[0], ys[-1], dpi) if binary is not None else {}
    half = max(2, int(dpi / 100))
    whole = vert if vert_all is None else vert_all
    # a rule drawn all the way down is no dotted rule: the short pieces beside it are its ticks'
    # ends and the glyphs' edges (N値表: its dots looked for 7 px off cut the lower rows' columns)
    dots = {k: x for k, x in dots.items() if _coverage(whole, xs[k], ys[0], ys[-1], "v", half) < SOLID_COVER}
    if dots:  # a dotted column rule: its dots are a rule, not ink (they would bridge the text lines)
        assert binary is not None
        dots_mask = np.zeros_like(vert)
        w = max(3, int(dpi / 40))  # the dots are a few pixels wide and not quite in line
        for x in dots.values():
            dots_mask[ys[0] : ys[-1], x - w : x + w + 1] = binary[ys[0] : ys[-1], x - w : x + w + 1]
        vert = cv2.bitwise_or(vert, dots_mask)
        vert_all = vert if vert_all is None else cv2.bitwise_or(vert_all, dots_mask)
    dashes = dashed_rows(binary, xs, ys, dpi) if binary is not None else []
    if binary is not None:
        for y, x0, x1 in dashes:  # drawn as a rule, the row edge is one
            near = [v for v in ys if abs(v - y) < min_row_gap]
            horiz[max(0, y - 1) : y + 2, x0:x1] = 255
            if near:  # the rule drawn at the row edge the other cells' rules make
                horiz[max(0, near[0] - 1) : near[0] + 2, x0:x1] = 255
            else:
                ys = sorted([*ys, y])
        rules = cv2.dilate(cv2.bitwise_or(horiz, vert), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
        ys, cuts = split_unruled_rows(binary, rules, xs, ys, dpi)
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    pad = max(2, int(dpi / 50))
    parts = vert if vert_all is None else vert_all
    need = [
        DOTTED_COVER if k in dots else BROKEN_COVER if _broken(parts, x, ys[0], ys[-1], half) else 0.5
        for k, x in enumerate(xs[1:-1], start=1)
    ]
    at = [dots.get(k, x) for k, x in enumerate(xs[1:-1], start=1)]
    for r in range(nr):
        for c in range(nc - 1):  # vertical rule between (r, c) and (r, c+1)
            if _coverage(parts, at[c], ys[r] + pad, ys[r + 1] - pad, "v", half) < need[c]:
                union(r * nc + c, r * nc + c + 1)
    for r in range(nr - 1):
        if r + 1 in cuts:
            continue
        ruled = [
            _coverage(horiz, ys[r + 1], xs[c] + pad, xs[c + 1] - pad, "h", half) >= 0.5 for c in range(nc)
        ]
        for c in range(nc):  # horizontal rule between (r, c) and (r+1, c)
            if not ruled[c] and not (
                any(ruled) and _lines_apart(binary, xs[c], xs[c + 1], ys[r], ys[r + 1], ys[r + 2], dpi)
            ):
                union(r * nc + c, (r + 1) * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for slots in groups.values():
        for r0, c0, r1, c1 in _rectangles(slots):
            cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    cells.sort(key=lambda c: (c.row, c.col))
    # Spans that overlap (a non-rectangular merge) are split back to their slots' owners.
    w = max(3, int(dpi / 40))
    dotted = tuple((x, ys[0], ys[-1], w) for x in dots.values())
    off = max(3, int(dpi / 50))  # the dashes' thickness and their wobble
    dashed = tuple((y, x0, x1, off) for y, x0, x1 in dashes)
    ticks = (
        tuple(t for x in xs[1:-1] for t in rule_ticks(binary, x, ys[0], ys[-1], dpi, nr))
        if binary is not None
        else ()
    )
    return Grid(tuple(xs), tuple(ys), tuple(_dedupe_overlaps(cells)), dotted, dashed, ticks=ticks)


GLYPH_STROKE_MAX = 0.3  # inches: a column rule piece this long or longer is a rule, whatever is beside it
GLYPH_SHARE = 0.8  # of the pieces at an x, at least this many stand inside glyphs


def glyph_strokes(vert: np.ndarray, text: np.ndarray, x: int, dpi: float) -> bool:
    """The vertical pieces at ``x`` are the strokes of characters, not a column rule: the same name
    or address written on every row (三田 優徳 twelve times) puts its vertical strokes (田, 口, 亻)
    in line down the table, and the rule mask takes them. Each such piece is about a line of text
    high and has the rest of its glyph right beside it; a rule's piece (even a dashed or partial
    rule's) stands clear of the text or runs longer. ``text``: the ink with the rules taken out."""
    half = max(2, int(dpi / 100))
    band = vert[:, max(0, x - half) : x + half + 1].max(axis=1) > 0
    pieces = ink_runs(band)
    if len(pieces) < 3 or max(b - a for a, b in pieces) >= GLYPH_STROKE_MAX * dpi:
        return False
    gap = half + 2  # the stroke itself (and the rule mask's dilation) left out
    inside = 0
    for a, b in pieces:
        reach = max(gap + 2, (b - a) // 2)
        left = text[a:b, max(0, x - reach) : max(0, x - gap)]
        right = text[a:b, x + gap + 1 : x + reach + 1]
        inside += bool((left > 0).any(axis=0).sum() >= 2 or (right > 0).any(axis=0).sum() >= 2)
    return inside >= GLYPH_SHARE * len(pieces)


DASH_MAX = 0.1  # inches: a dash of a dashed row rule is at most this long
MIN_DASHES = 10  # dashes in a row, one after another, to be a rule
DASH_GAP = 0.04  # inches: the most between two dashes of one rule


def dashed_rows(text: np.ndarray, xs: list[int], ys: list[int], dpi: float) -> list[tuple[int, int, int]]:
    """Row edges drawn as a dashed rule (y, first x, last x): the rule masks take only long strokes.
    收支の状況 parts ア 個人からの寄附 | イ 法人… | ウ 政治団体… by dashed rules under their labels
    only; read without them, the labels of three rows are one cell and 800,000 and 70,000 one
    number (``800,00070,000``). A dash is a short thin run of ink with nothing just above or below
    it (a glyph's stroke has the rest of the glyph there); ten or more close together make a rule."""
    off = max(3, int(dpi / 50))
    found: list[tuple[int, int, int]] = []
    # pixel rows a block at a time, not one by one (measured on budget_ruled_300: 0.12 → 0.02 CPU s
    # a call, find_grids 0.30 → 0.20; the same rules on the fixtures, 道の駅 pp. 9-12, polimoney and
    # shinagawa); a block of DASH_BLOCK rows keeps the arrays small (a batch worker's memory)
    for y0 in range(ys[0] + off, ys[-1] - off, DASH_BLOCK):
        found += _dashed_block(text, xs[0], xs[-1], y0, min(y0 + DASH_BLOCK, ys[-1] - off), off, dpi)
    out: list[tuple[int, int, int]] = []  # one per rule (its pixel rows together)
    for y, x0, x1 in found:
        if out and y - out[-1][0] <= off:
            py, px0, px1 = out[-1]
            out[-1] = ((py + y) // 2 if y - py <= 1 else py, min(px0, x0), max(px1, x1))
            continue
        out.append((y, x0, x1))
    return out


DASH_BLOCK = 256  # pixel rows looked at together by dashed_rows


def _dashed_block(
    text: np.ndarray, x0: int, x1: int, y0: int, y1: int, off: int, dpi: float
) -> list[tuple[int, int, int]]:
    """dashed_rows' rules on pixel rows ``y0`` to ``y1`` (``off`` rows of ink above and below them
    looked at), in order: rows top to bottom, each row's rules left to right."""
    longest, gap = DASH_MAX * dpi, DASH_GAP * dpi
    on = text[y0:y1, x0:x1] > 0
    blocked = np.zeros((len(on), on.shape[1] + 1), dtype=np.int32)
    np.cumsum(
        (text[y0 - off : y1 - off, x0:x1] > 0) | (text[y0 + off : y1 + off, x0:x1] > 0),
        axis=1,
        out=blocked[:, 1:],
    )
    edges = np.diff(np.pad(on.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # row-major: each run's end pairs with its start
    dash = (
        (ends - starts <= longest)
        & (blocked[rows, ends] == blocked[rows, starts])  # nothing above or below it
        & (on.sum(axis=1) >= MIN_DASHES * 2)[rows]
    )
    rows, starts, ends = rows[dash], starts[dash], ends[dash]
    found: list[tuple[int, int, int]] = []
    if len(rows):
        # one rule: dashes of one pixel row, each at most ``gap`` after the one before
        new_run = np.r_[True, (rows[1:] != rows[:-1]) | (starts[1:] - ends[:-1] > gap)]
        first = np.flatnonzero(new_run)
        last = np.r_[first[1:], len(rows)] - 1
        for i, j in zip(first.tolist(), last.tolist(), strict=True):
            if j - i + 1 >= MIN_DASHES:
                found.append((y0 + int(rows[i]), x0 + int(starts[i]), x0 + int(ends[j])))
    return found


def _lines_apart(
    binary: np.ndarray | None, x0: int, x1: int, top: int, edge: int, bottom: int, dpi: float
) -> bool:
    """Text on both sides of a row edge in this column and none across it: a rule drawn over part
    of the row only (one half of a two-halves balance sheet) still parts this column's lines."""
    if binary is None:
        return False
    pad = max(2, int(dpi / 50))
    ink = binary[:, x0 + pad : x1 - pad] > 0
    min_line = max(4, int(dpi * 0.04))
    near = max(2, min_line // 2)
    rows = ink.sum(axis=1) >= 3
    return bool(
        rows[top + pad : edge - near].sum() >= min_line
        and rows[edge + near : bottom - pad].sum() >= min_line
        and (
            not rows[max(0, edge - near) : edge + near].any()
            # in a wide column (labels set across), a line that only grazes the edge: a label set
            # low in its row, on the rule drawn under the row's amount (a narrow column holds a
            # name written downwards, whose characters may stand on either side of the edge)
            or (
                x1 - x0 >= WIDE_COLUMN * dpi
                and min(int(rows[max(0, edge - near) : edge].sum()), int(rows[edge : edge + near].sum())) <= 2
            )
        )
    )


WIDE_COLUMN = 0.8  # inches


BROKEN_COVER = (
    0.25  # a column rule drawn broken (a copier's dashed rule) still parts the cells where it shows this much
)


SOLID_COVER = 0.9  # a column rule whose mask covers this much of the table is drawn whole


DOTTED_COVER = 0.15  # a dotted column rule parts the two cells of a row where its dots cover this much


def dotted_rules(binary: np.ndarray, xs: list[int], top: int, bottom: int, dpi: float) -> dict[int, int]:
    """Column edges (their index in ``xs``) drawn as a dotted rule along part of the table, each with
    the x of its dots: near the edge (a few pixels off), a pixel column whose ink, rules taken out,
    comes in many short pieces (a copier's dotted rule, which the rule masks miss)."""
    reach = max(4, int(dpi / 40))
    out: dict[int, int] = {}
    for k, x in enumerate(xs[1:-1], start=1):
        best, best_x = 0, x
        for xx in range(max(0, x - reach), min(binary.shape[1], x + reach + 1)):
            on = binary[top:bottom, xx] > 0
            runs = [b - a for a, b in ink_runs(on)]
            if len(runs) >= 12 and float(np.median(runs)) <= dpi / 15 and len(runs) > best:
                best, best_x = len(runs), xx
        if best:
            out[k] = best_x
    return out


def _broken(vert: np.ndarray, x: int, lo: int, hi: int, half: int) -> bool:
    """A column rule drawn broken along the table: in many pieces (8 or more), covering 30-90% of it."""
    band = vert[lo:hi, max(0, x - half) : x + half + 1]
    if not band.size:
        return False
    on = band.max(axis=1) > 0
    pieces = int(np.count_nonzero(on[1:] & ~on[:-1])) + int(on[0])
    return 0.3 <= float(on.mean()) < 0.9 and pieces >= 8


def _rectangles(slots: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """The slots of one merged group as rectangles (first row, first col, last row, last col): one
    when the group is a rectangle; an L (a label row over the empty indent column under it:
    収支の状況's I 収入総額 above the bracket of (1) and (2)) is cut, top row first, so the label
    keeps its cell (before, the L's bounding box overlapped its neighbours and was dropped)."""
    free = set(slots)
    out = []
    for r, c in sorted(slots):
        if (r, c) not in free:
            continue
        c1 = c
        while (r, c1 + 1) in free:
            c1 += 1
        r1 = r
        while all((r1 + 1, k) in free for k in range(c, c1 + 1)):
            r1 += 1
        out.append((r, c, r1, c1))
        free -= {(i, k) for i in range(r, r1 + 1) for k in range(c, c1 + 1)}
    return out


def _merge_close(values: list[int], gap: int) -> list[int]:
    out: list[int] = []
    for v in sorted(values):
        if out and v - out[-1] < gap:
            out[-1] = (out[-1] + v) // 2
        else:
            out.append(v)
    return out


def _dedupe_overlaps(cells: list[GridCell]) -> list[GridCell]:
    taken: set[tuple[int, int]] = set()
    out = []
    for c in sorted(cells, key=lambda c: (c.row_span * c.col_span, c.row, c.col)):
        slots = {(r, k) for r in range(c.row, c.row + c.row_span) for k in range(c.col, c.col + c.col_span)}
        if slots & taken:
            continue
        taken |= slots
        out.append(c)
    return sorted(out, key=lambda c: (c.row, c.col))
