"""Borderless tables printed side by side (two, three or more) share their text lines: cut those
lines at the gutters.

A gutter is where, on several lines, a number is followed after a wide gap by a text label that
starts another run of label + numbers (a 備考 column of plain text never qualifies). Each gutter
makes a band of lines; the lines of a band are replaced by their parts (regions 1, 2, 3 ... left
to right) and the stream finder reads each region on its own. Gutters whose supporting rows
overlap cut the same band (three tables in a row); a second block of side-by-side tables further
down the page gets regions of its own, and one block's band never grows into another's rows. A
heading over each table, printed on one line, is cut at the start of the heading nearest to the
gutter.
"""

from __future__ import annotations

from chohyo.extract.tables.cells import has_digit, looks_numeric
from chohyo.extract.tables.geometry import Line, Word
from chohyo.extract.tables.layout import split_words

GAP = 2.0  # font sizes between the left table's last number and the right table's label
ALIGN = 2.0  # font sizes: the right labels' left edges agree within this
NUDGE = 1.5  # font sizes: a heading may start this far left of the gutter (over its table's edge)
BLOCK = 64  # region numbers per block of side-by-side tables (block k: 1 + 64k, 2 + 64k, ...)


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


def _cut_at(line: Line, gutter: float) -> float | None:
    """Where ``line`` is cut for ``gutter``: the gutter itself when no word crosses it, else the
    start of a word just left of it that stands clear of the word before (a heading over the
    right table starts at the table's edge, a little left of its labels); None when a word
    really runs across."""
    if not _crosses(line, gutter):
        return gutter
    size = max(line.size, 1.0)
    for k, w in enumerate(line.words):
        if (
            w.x0 < gutter < w.x1
            and gutter - w.x0 <= NUDGE * size
            and k > 0
            and w.x0 - line.words[k - 1].x1 > GAP * size
        ):
            return w.x0 - 0.5
    return None


def _split(line: Line, xs: list[float], first: int) -> list[Line]:
    """The parts of ``line`` between the cuts ``xs``, numbered ``first``, ``first + 1`` ... left to right."""
    parts = []
    bounds = [float("-inf"), *sorted(xs), float("inf")]
    for k in range(1, len(bounds)):
        lo, hi = bounds[k - 1], bounds[k]
        chars = [c for c in line.chars if lo <= c.cx < hi]
        if any(not c.is_space for c in chars):
            part = Line(chars, region=first + k - 1)
            part.words = split_words(part.chars)
            parts.append(part)
    return parts


def split_side_by_side(lines: list[Line]) -> list[Line]:
    """``lines`` (top to bottom) with the lines of each side-by-side band cut at its gutters."""
    found: list[tuple[float, int]] = [(x, i) for i, ln in enumerate(lines) for x in _candidates(ln)]
    if len(found) < 2:
        return lines
    found.sort()
    gutters: list[tuple[float, list[int]]] = []  # (gutter, supporting rows)
    group: list[tuple[float, int]] = []
    for item in [*found, (float("inf"), -1)]:
        if group and item[0] - group[-1][0] > ALIGN * max(lines[group[0][1]].size, 1.0):
            rows = sorted({i for _, i in group})
            if len(rows) >= 2:
                gutters.append((min(x for x, _ in group) - 1.0, rows))
            group = []
        group.append(item)
    cut: dict[int, list[float]] = {}
    block_of: dict[int, int] = {}  # line -> its block of side-by-side tables
    bands: list[tuple[set[int], set[int], int]] = []  # (supporting rows, lines cut, block) of each band
    for gutter, rows in gutters:
        mine = set(rows)
        # another block of tables (its rows share no line with these) stops the band
        others = set().union(*(range(r[0], r[-1] + 1) for _, r in gutters if not mine & set(r)))
        related = [(done, block) for support, done, block in bands if support & mine]
        block = related[0][1] if related else len({b for *_, b in bands})
        marked = _band(lines, rows, gutter, cut, set().union(*(done for done, _ in related)), others)
        if marked:
            bands.append((mine, marked, block))
            block_of.update(dict.fromkeys(marked, block))
    if not cut:
        return lines
    out: list[Line] = []
    for i, ln in enumerate(lines):
        out.extend(_split(ln, cut[i], 1 + BLOCK * block_of[i]) if i in cut else [ln])
    return out


def _band(
    lines: list[Line],
    rows: list[int],
    gutter: float,
    cut: dict[int, list[float]],
    shared: set[int],
    others: set[int],
) -> set[int]:
    """Mark the lines from the first to the last supporting row, grown up and down over lines
    (header, unit captions, headings, rows of the longer table) that the gutter does not cross.
    Lines already cut by another band may be cut again only when they belong to ``shared`` (the
    lines of a band of the same block of tables); ``others`` (the rows of another block) are never
    taken. Returns the lines marked."""
    first, last = rows[0], rows[-1]

    def taken(i: int) -> bool:
        return (i in cut and i not in shared) or i in others

    if any(_crosses(lines[i], gutter) or taken(i) for i in range(first, last + 1)):
        return set()
    at: dict[int, float] = {i: gutter for i in range(first, last + 1)}
    pitch = (lines[last].cy - lines[first].cy) / max(last - first, 1) or lines[first].size * 1.5
    lo = first
    while lo > 0 and lines[lo].cy - lines[lo - 1].cy <= 2.5 * pitch and not taken(lo - 1):
        x = _cut_at(lines[lo - 1], gutter)
        if x is None or not any(w.x0 >= x for w in lines[lo - 1].words):
            break  # a heading over the left table only ends the band
        lo -= 1
        at[lo] = x
    hi = last
    while (
        hi + 1 < len(lines)
        and not _crosses(lines[hi + 1], gutter)
        and lines[hi + 1].cy - lines[hi].cy <= 1.6 * pitch
    ):
        if taken(hi + 1):
            break
        hi += 1
        at[hi] = gutter
    for i, x in at.items():
        if all(abs(x - y) > 1.0 for y in cut.get(i, [])):
            cut.setdefault(i, []).append(x)
    return set(at)
