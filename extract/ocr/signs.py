"""Signs and shapes a digit whitelist cannot read, told from the ink of a number cell: a leading
triangle (△ ▲, read as A or 4), parentheses around a negative ((1,190), read as nothing or as 1s),
and a lone 0 (read as 6, 9 or 1 without neighbours to steady it)."""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]


def leading_triangle(binary: np.ndarray, ink: tuple[int, int, int, int]) -> str | None:
    """△ or ▲ when the first glyph of a number cell is a triangle (jpn reads ▲ as 4 and △ as A).

    A triangle is narrow at the top and full width at the bottom; ▲ is filled across its middle.
    """
    x0, y0, x1, y1 = ink
    sub = binary[y0:y1, x0:x1]
    if sub.size == 0:
        return None
    n, labels, stats, _ = cv2.connectedComponentsWithStats((sub > 0).astype(np.uint8), connectivity=8)
    if n < 2:
        return None
    height = y1 - y0
    comps = [k for k in range(1, n) if stats[k, cv2.CC_STAT_HEIGHT] >= 0.6 * height]
    if not comps:
        return None
    k = min(comps, key=lambda k: stats[k, cv2.CC_STAT_LEFT])
    leftmost = min(range(1, n), key=lambda j: stats[j, cv2.CC_STAT_LEFT])
    if (
        leftmost != k
        and stats[leftmost, cv2.CC_STAT_HEIGHT] >= 0.4 * height
        and stats[leftmost, cv2.CC_STAT_LEFT] + stats[leftmost, cv2.CC_STAT_WIDTH] / 2
        < stats[k, cv2.CC_STAT_LEFT]
    ):
        # a small triangle, shorter than the digits (copier scans print △ at about 60% of their height)
        lx, ly, lw, lh = (int(v) for v in stats[leftmost, :4])
        if 0.6 * lh <= lw <= 1.6 * lh:
            small = _triangle(labels[ly : ly + lh, lx : lx + lw] == leftmost, small=True)
            if small is not None:
                return small
    if (
        stats[leftmost, cv2.CC_STAT_HEIGHT] < 0.45 * height
        and stats[leftmost, cv2.CC_STAT_LEFT] + stats[leftmost, cv2.CC_STAT_WIDTH]
        < stats[k, cv2.CC_STAT_LEFT]
    ):
        return "speck"  # a dot left of the number (dust, or a misprint): not a sign
    x, y, w, h = (int(v) for v in stats[k, :4])
    glyph = labels[y : y + h, x : x + w] == k
    if w > 0.9 * h:  # wider than a triangle or a digit: a small △ may touch the first digit (copier scans)
        touching = _triangle_touching(glyph)
        if touching is not None:
            return touching
    if w < 0.6 * h or w > 1.6 * h:
        return None
    return _triangle(glyph)


APART = "apart"  # prefix of a sign found set apart from its amount (``apart△``), not a glyph of the reading


def detached_triangle(plain: np.ndarray, cell: Box, ink: Box, dpi: float) -> str | None:
    """``apart△`` or ``apart▲`` when a small triangle stands alone left of the amount, apart from it
    (総務省 概算要求: ``△      56,365,205`` in the 増減 column), else None.

    Its 1-px strokes do not survive the 3x3 median filter, so the cell is binarized afresh from
    ``plain`` (the page never filtered). Only a lone glyph level with the digits, no taller than
    they are, shaped as a triangle counts: dust, a stray dot or a word there is not a sign."""
    x0, y0, _, y1 = ink
    height = y1 - y0
    inset = max(2, int(dpi / 60))
    left = cell[0] + inset
    right = x0 - max(2, int(dpi / 100))  # a gap from the digits: a touching △ is leading_triangle's
    top, bottom = max(cell[1] + inset, y0 - height // 3), min(cell[3] - inset, y1 + height // 3)
    if height < 6 or right - left < height // 2 or bottom <= top:
        return None
    crop = plain[top:bottom, left:right]
    # anything clearly darker than the paper: a 1-px stroke, softened by deskewing, is light grey
    # (150-190 on white) and the page's adaptive threshold breaks it into pieces
    sub = (crop < float(np.median(crop)) - 40).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    for k in range(1, n):  # the edge of an erased rule, top to bottom: not a glyph
        if stats[k, cv2.CC_STAT_HEIGHT] >= 0.9 * (bottom - top) and stats[k, cv2.CC_STAT_WIDTH] <= 4:
            sub[labels == k] = 0
    # its pieces joined: speck removal has whitened the parts the median filter left small (its base)
    joined = cv2.dilate(sub, np.ones((3, 3), np.uint8), iterations=2)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    comps = [k for k in range(1, n) if stats[k, cv2.CC_STAT_AREA] >= 12]
    if len(comps) != 1:  # nothing there, or more than one glyph (words, dust beside it)
        return None
    k = comps[0]
    x, y, w, h = (int(v) for v in stats[k, :4])
    x, y, w, h = x + 2, y + 2, w - 4, h - 4  # the glyph's own ink, the dilation taken off
    if not (0.4 * height <= h <= 1.15 * height and 0.6 * h <= w <= 1.6 * h):
        return None
    middle = top + y + h / 2
    if not (y0 <= middle <= y1):  # not level with the digits
        return None
    glyph = (labels[y : y + h, x : x + w] == k) & (sub[y : y + h, x : x + w] > 0)
    if _triangle(labels[y - 2 : y + h + 2, x - 2 : x + w + 2] == k, small=True) is None:
        return None
    # hollow or filled, told by its own ink (the joined shape is filled in)
    mid = glyph[h // 3 : 2 * h // 3]
    spans = sum((np.flatnonzero(r)[-1] - np.flatnonzero(r)[0] + 1) if r.any() else 0 for r in mid)
    return APART + ("▲" if float(mid.sum()) >= 0.75 * max(1, spans) else "△")


def past_speck(binary: np.ndarray, ink: Box) -> Box:
    """``ink`` from its first glyph as tall as the digits: a speck before them (what a median filter
    leaves of a faint △) left out."""
    x0, y0, x1, y1 = ink
    n, _, stats, _ = cv2.connectedComponentsWithStats(
        (binary[y0:y1, x0:x1] > 0).astype(np.uint8), connectivity=8
    )
    tall = [
        int(stats[k, cv2.CC_STAT_LEFT])
        for k in range(1, n)
        if stats[k, cv2.CC_STAT_HEIGHT] >= 0.6 * (y1 - y0)
    ]
    return (x0 + min(tall), y0, x1, y1) if tall else ink


def _triangle_touching(glyph: np.ndarray) -> str | None:
    """The sign of a glyph made of a triangle and the digit it touches (△9 printed close, or joined
    by a copier's thickening): cut where the ink is thinnest between them, test the left piece."""
    h, w = glyph.shape
    ink = glyph[: int(0.7 * h)].sum(
        axis=0
    )  # above the base line, where a triangle's base may run into the digit
    lo, hi = int(0.3 * w), int(0.7 * w)
    if hi <= lo:
        return None
    cut = lo + int(np.argmin(ink[lo:hi]))
    if ink[cut] > 0.1 * h:  # no gap above the base: one glyph
        return None
    left = glyph[:, :cut]
    rows = np.flatnonzero(left.any(axis=1))
    cols = np.flatnonzero(left.any(axis=0))
    if rows.size < 0.4 * h or cols.size == 0:
        return None
    piece = left[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    ph, pw = piece.shape
    if ph < 0.4 * h or pw < 0.6 * ph or pw > 1.6 * ph:
        return None
    return _triangle(piece)


def _triangle(glyph: np.ndarray, small: bool = False) -> str | None:
    """△ or ▲ when ``glyph`` (a boolean image cut to its ink) is narrow at the top and full at the bottom.

    ``small``: a glyph well shorter than the digits beside it (no digit is): a copier's small △
    whose base runs down at a slant (one corner lower) is judged on its widest bottom rows."""
    h, w = glyph.shape
    widths = []
    for row in glyph:
        cols = np.flatnonzero(row)
        widths.append((cols[-1] - cols[0] + 1) if cols.size else 0)
    q = max(1, h // 4)
    top = float(np.mean(widths[:q])) / w
    low = widths[-max(1, h // 3) :]
    bottom = float(np.percentile(low, 75)) / w if small else float(np.mean(widths[-q:])) / w
    if not (top <= 0.5 and bottom >= 0.75):
        return None
    # A 4 also narrows at the top, but its lower part is a thin stem, not a full base.
    mid = glyph[h // 2 : h // 2 + max(1, h // 6)]
    fill = float(mid.sum()) / max(
        1.0, float(sum((np.flatnonzero(r)[-1] - np.flatnonzero(r)[0] + 1) if r.any() else 0 for r in mid))
    )
    return "▲" if fill >= 0.75 else "△"


def is_zero_glyph(binary: np.ndarray, ink: tuple[int, int, int, int]) -> bool:
    """One upright oval with one hole in its middle: a 0 (a 6 or 9 has its hole low or high, a 1 none).

    Budgets are full of lone zeros; checking their shape spares most second readings."""
    x0, y0, x1, y1 = ink
    sub = (binary[y0:y1, x0:x1] > 0).astype(np.uint8)
    h, w = sub.shape
    if h < 6 or not 0.35 <= w / h <= 0.9:
        return False
    contours, hierarchy = cv2.findContours(sub, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return False
    outer = [
        i
        for i, hinfo in enumerate(hierarchy[0])
        if hinfo[3] < 0 and cv2.contourArea(contours[i]) > 0.2 * h * w
    ]
    holes = [
        i
        for i, hinfo in enumerate(hierarchy[0])
        if hinfo[3] >= 0 and cv2.contourArea(contours[i]) > 0.04 * h * w
    ]
    if len(outer) != 1 or len(holes) != 1:
        return False
    _, hy, _, hh = cv2.boundingRect(contours[holes[0]])
    return bool(hh >= 0.45 * h and abs((hy + hh / 2) - h / 2) <= 0.15 * h)


def parenthesised(binary: np.ndarray, ink: Box) -> Box | None:
    """The ink inside a pair of parentheses that enclose a whole number cell ((1,190): a negative),
    or None. Each parenthesis is the first or last glyph, apart from the digits, narrow, taller
    than any glyph between them, and bowed outwards: its middle stands further out than its ends."""
    x0, y0, x1, y1 = ink
    sub = (binary[y0:y1, x0:x1] > 0).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    comps = [k for k in range(1, n) if stats[k, cv2.CC_STAT_AREA] >= 3]
    if len(comps) < 3:
        return None
    first = min(comps, key=lambda k: stats[k, cv2.CC_STAT_LEFT])
    last = max(comps, key=lambda k: stats[k, cv2.CC_STAT_LEFT] + stats[k, cv2.CC_STAT_WIDTH])
    inner = [k for k in comps if k not in (first, last)]
    if first == last or not inner:
        return None
    # taller than every glyph inside: the halves of a broken 0 or the bowl of a 6 are not
    digit = max(int(stats[k, cv2.CC_STAT_HEIGHT]) for k in inner)
    left = min(int(stats[k, cv2.CC_STAT_LEFT]) for k in inner)
    right = max(int(stats[k, cv2.CC_STAT_LEFT] + stats[k, cv2.CC_STAT_WIDTH]) for k in inner)
    if (
        stats[first, cv2.CC_STAT_LEFT] + stats[first, cv2.CC_STAT_WIDTH] >= left
        or stats[last, cv2.CC_STAT_LEFT] <= right
    ):
        return None  # touching the digits: a piece of one
    for k, outward in ((first, -1), (last, 1)):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if h < 1.12 * digit or h < 0.8 * (y1 - y0) or w > 0.5 * h:
            return None
        glyph = labels[y : y + h, x : x + w] == k
        centres = [float(np.flatnonzero(r).mean()) if r.any() else np.nan for r in glyph]
        q = max(1, h // 4)
        ends = np.nanmean(centres[:q] + centres[-q:])
        middle = np.nanmean(centres[h // 2 - q // 2 : h // 2 + q // 2 + 1])
        if (middle - ends) * outward < max(1.0, 0.15 * w):
            return None
    left = stats[first, cv2.CC_STAT_LEFT] + stats[first, cv2.CC_STAT_WIDTH]
    right = stats[last, cv2.CC_STAT_LEFT]
    rows = np.flatnonzero(np.isin(labels[:, left:right], inner).any(axis=1))
    return x0 + int(left), y0 + int(rows[0]), x0 + int(right), y0 + int(rows[-1]) + 1
