"""Two borderless tables printed side by side share their text lines: cut those lines at the gutter.

The gutter is where, on several lines, a number is followed after a wide gap by a text label that
starts a second row of label + numbers (a 備考 column of plain text never qualifies). Lines of the
band are replaced by their left part (region 1) and right part (region 2); the stream finder reads
each region on its own.
"""

from __future__ import annotations

from chohyo.extract.cells import has_digit, looks_numeric
from chohyo.extract.geometry import Line, Word
from chohyo.extract.layout import split_words

GAP = 2.0  # font sizes between the left table's last number and the right table's label
ALIGN = 2.0  # font sizes: the right labels' left edges agree within this


def _num(w: Word) -> bool:
    return looks_numeric(w.text) and has_digit(w.text)


def _row_like(words: list[Word]) -> bool:
    """A label followed by at least one number."""
    return len(words) >= 2 and not _num(words[0]) and _num(words[-1])


def _candidates(line: Line) -> list[float]:
    out = []
    for a, b in zip(line.words, line.words[1:], strict=False):
        if _num(a) and not looks_numeric(b.text) and b.x0 - a.x1 > GAP * max(line.size, 1.0):
            left = [w for w in line.words if w.x1 <= a.x1]
            right = [w for w in line.words if w.x0 >= b.x0]
            if _row_like(left) and _row_like(right):
                out.append(b.x0)
    return out


def _crosses(line: Line, x: float) -> bool:
    return any(w.x0 < x < w.x1 for w in line.words)


def _split(line: Line, x: float) -> list[Line]:
    parts = []
    for region, chars in ((1, [c for c in line.chars if c.cx < x]), (2, [c for c in line.chars if c.cx >= x])):
        if any(not c.is_space for c in chars):
            part = Line(chars, region=region)
            part.words = split_words(part.chars)
            parts.append(part)
    return parts


def split_side_by_side(lines: list[Line]) -> list[Line]:
    """``lines`` (top to bottom) with the lines of each side-by-side band cut in two."""
    found: list[tuple[float, int]] = [(x, i) for i, ln in enumerate(lines) for x in _candidates(ln)]
    if len(found) < 2:
        return lines
    found.sort()
    cut: dict[int, float] = {}
    group: list[tuple[float, int]] = []
    for item in [*found, (float("inf"), -1)]:
        if group and item[0] - group[-1][0] > ALIGN * max(lines[group[0][1]].size, 1.0):
            rows = sorted({i for _, i in group})
            if len(rows) >= 2:
                gutter = min(x for x, _ in group) - 1.0
                _band(lines, rows, gutter, cut)
            group = []
        group.append(item)
    if not cut:
        return lines
    out: list[Line] = []
    for i, ln in enumerate(lines):
        out.extend(_split(ln, cut[i]) if i in cut else [ln])
    return out


def _band(lines: list[Line], rows: list[int], gutter: float, cut: dict[int, float]) -> None:
    """Mark the lines from the first to the last supporting row, grown up and down over lines
    (header, unit captions, rows of the longer table) that the gutter does not cross."""
    first, last = rows[0], rows[-1]
    if any(_crosses(lines[i], gutter) or i in cut for i in range(first, last + 1)):
        return
    pitch = (lines[last].cy - lines[first].cy) / max(last - first, 1) or lines[first].size * 1.5
    lo = first
    while lo > 0 and not _crosses(lines[lo - 1], gutter) and lines[lo].cy - lines[lo - 1].cy <= 2.5 * pitch:
        if lo - 1 in cut or not any(w.x0 >= gutter for w in lines[lo - 1].words):
            break  # a heading over the left table only ends the band
        lo -= 1
    hi = last
    while hi + 1 < len(lines) and not _crosses(lines[hi + 1], gutter) and lines[hi + 1].cy - lines[hi].cy <= 1.6 * pitch:
        if hi + 1 in cut:
            break
        hi += 1
    for i in range(lo, hi + 1):
        cut[i] = gutter
