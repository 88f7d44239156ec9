"""Framed boxes of text set side by side (a slide's row of boxes, each a titled list): each box is
read on its own, column by column, instead of as printed lines running across the boxes.

A box is a rectangle of rules (two vertical rules of the same height joined by two horizontal
ones) that holds text. Only boxes beside another box, a gap apart (touching boxes are a grid's
cells), matter: there the page's text lines run
across several boxes (``情報技術を活　◆マイナンバー　◆オープンデー …``). Boxes set one under
another at the same left and right edges (a title box over its list box) make one column, read
top to bottom; the columns in reading order, left to right.
"""

from __future__ import annotations

from dataclasses import dataclass

from chohyo.extract.digital.rulings import Segment
from chohyo.extract.tables.geometry import Char, Line
from chohyo.model import BBox

TOL = 1.5  # points: rules meeting at a box's corner
STACK_GAP = 6.0  # points between a title box and the box under it in one column


@dataclass(frozen=True)
class Column:
    """Boxes one under another at the same edges; ``boxes`` top to bottom."""

    boxes: tuple[BBox, ...]

    @property
    def bbox(self) -> BBox:
        return BBox(self.boxes[0].x0, self.boxes[0].top, self.boxes[0].x1, self.boxes[-1].bottom)


def _boxes(hs: list[Segment], vs: list[Segment]) -> list[BBox]:
    """Closed rectangles: a vertical rule, the nearest one to its right of the same extent, and a
    horizontal rule across both at the top and at the bottom."""
    out: list[BBox] = []
    for a in vs:
        right = [
            b
            for b in vs
            if b.pos > a.pos + 4 * TOL and abs(b.start - a.start) <= TOL and abs(b.end - a.end) <= TOL
        ]
        if not right:
            continue
        b = min(right, key=lambda s: s.pos)

        def across(y: float, a: Segment = a, b: Segment = b) -> bool:
            return any(abs(h.pos - y) <= TOL and h.start <= a.pos + TOL and h.end >= b.pos - TOL for h in hs)

        if across(a.start) and across(a.end):
            out.append(BBox(a.pos, a.start, b.pos, a.end))
    return out


def _inside(c: Char, box: BBox) -> bool:
    cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return box.x0 < cx < box.x1 and box.top < cy < box.bottom


def box_columns(hs: list[Segment], vs: list[Segment], lines: list[Line]) -> list[Column]:
    """The columns of framed boxes side by side that hold some of ``lines``' text."""
    chars = [c for ln in lines for c in ln.chars if not c.is_space]
    boxes = [b for b in _boxes(hs, vs) if any(_inside(c, b) for c in chars)]
    # a box holding another (a frame round the whole row) is no box of the row
    boxes = [b for b in boxes if not any(o is not b and _contains(b, o) for o in boxes)]
    # boxes that touch side to side are the cells of a ruled grid (a table the lattice reader left)
    boxes = [b for b in boxes if not any(o is not b and _touch(b, o) for o in boxes)]
    boxes.sort(key=lambda b: (b.x0, b.top))
    columns: list[list[BBox]] = []
    for b in boxes:
        col = next(
            (
                c
                for c in columns
                if abs(c[-1].x0 - b.x0) <= TOL
                and abs(c[-1].x1 - b.x1) <= TOL
                and 0 <= b.top - c[-1].bottom <= STACK_GAP
            ),
            None,
        )
        if col is None:
            columns.append([b])
        else:
            col.append(b)
    out = [Column(tuple(c)) for c in columns]
    # only columns beside another one: a lone box's lines are not cut by its neighbours
    return [c for c in out if any(o is not c and _beside(c.bbox, o.bbox) for o in out)]


def _contains(outer: BBox, inner: BBox) -> bool:
    return (
        outer.x0 <= inner.x0 + TOL
        and outer.top <= inner.top + TOL
        and inner.x1 <= outer.x1 + TOL
        and inner.bottom <= outer.bottom + TOL
        and (outer.x1 - outer.x0) * (outer.bottom - outer.top)
        > (inner.x1 - inner.x0) * (inner.bottom - inner.top)
    )


def _touch(a: BBox, b: BBox) -> bool:
    """Side to side with no gap: one's right edge on the other's left, rows overlapping."""
    rows = a.top < b.bottom - TOL and b.top < a.bottom - TOL
    return rows and (abs(a.x1 - b.x0) <= 2 * TOL or abs(b.x1 - a.x0) <= 2 * TOL)


def _beside(a: BBox, b: BBox) -> bool:
    """Side by side with a gap between them: overlapping rows, apart in x. Boxes that touch are the
    cells of a ruled grid (a table the lattice reader left), not framed boxes of text."""
    return a.top < b.bottom and b.top < a.bottom and (a.x1 < b.x0 - 2 * TOL or b.x1 < a.x0 - 2 * TOL)


def split_by_columns(lines: list[Line], columns: list[Column]) -> tuple[list[Line], list[list[list[Line]]]]:
    """``lines`` without the characters inside the columns' boxes, and per column and box the
    characters it holds as lines of their own (``group_lines`` of each box)."""
    from chohyo.extract.tables.layout import group_lines

    boxes = [(k, b) for k, col in enumerate(columns) for b in col.boxes]
    per_box: dict[tuple[int, int], list[Char]] = {}
    rest: list[Line] = []
    for ln in lines:
        keep: list[Char] = []
        for c in ln.chars:
            where = next(((k, id(b)) for k, b in boxes if _inside(c, b)), None)
            if where is None:
                keep.append(c)
            else:
                per_box.setdefault(where, []).append(c)
        if len(keep) == len(ln.chars):
            rest.append(ln)
        elif any(not c.is_space for c in keep):
            rest.extend(group_lines(keep))
    out: list[list[list[Line]]] = []
    for k, col in enumerate(columns):
        out.append([group_lines(per_box.get((k, id(b)), [])) for b in col.boxes])
    return rest, out
