"""Boxes of a page shown turned by /Rotate, brought from PDF space into the page as displayed.

pdfium gives character boxes and path points in the page's own (unrotated) space; a landscape
table on a portrait page turned 90° then runs up the page. Turning the boxes once, here, lets
every later step read rows and columns as a reader sees them. ``w``, ``h``: the unrotated size.
"""

from __future__ import annotations

from chohyo.extract.digital.rulings import Segment
from chohyo.extract.tables.geometry import Char


def rotate_chars(chars: list[Char], rotation: int, w: float, h: float) -> list[Char]:
    if rotation == 90:  # shown turned clockwise: (x, top) -> (h - top, x)
        return [Char(c.text, h - c.bottom, c.x0, h - c.top, c.x1, c.size) for c in chars]
    if rotation == 270:  # (x, top) -> (top, w - x)
        return [Char(c.text, c.top, w - c.x1, c.bottom, w - c.x0, c.size) for c in chars]
    if rotation == 180:
        return [Char(c.text, w - c.x1, h - c.bottom, w - c.x0, h - c.top, c.size) for c in chars]
    return chars


def rotate_rulings(
    hs: list[Segment], vs: list[Segment], rotation: int, w: float, h: float
) -> tuple[list[Segment], list[Segment]]:
    """(horizontal, vertical) rulings as displayed; a quarter turn swaps the two."""
    if rotation == 90:
        return [Segment(v.pos, h - v.end, h - v.start) for v in vs], [
            Segment(h - s.pos, s.start, s.end) for s in hs
        ]
    if rotation == 270:
        return [Segment(w - v.pos, v.start, v.end) for v in vs], [
            Segment(s.pos, w - s.end, w - s.start) for s in hs
        ]
    if rotation == 180:
        return [Segment(h - s.pos, w - s.end, w - s.start) for s in hs], [
            Segment(w - v.pos, h - v.end, h - v.start) for v in vs
        ]
    return hs, vs
