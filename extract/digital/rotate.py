"""Boxes of a page shown turned by /Rotate, brought from PDF space into the page as displayed.

pdfium gives character boxes and path points in the page's own (unrotated) space; a landscape
table on a portrait page turned 90° then runs up the page. Turning the boxes once, here, lets
every later step read rows and columns as a reader sees them. ``w``, ``h``: the unrotated size.
"""

from __future__ import annotations

import math
from typing import Any

import pypdfium2.raw as pdfium_c
from chohyo.extract.digital import ffi
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


def reading_turn(textpage: Any, rotation: int, sample: int = 400) -> int:
    """The quarter turn that brings the page's text upright: its /Rotate, unless most glyphs are
    drawn turned (a landscape table set sideways on a portrait page, /Rotate or not).

    pdfium measures a glyph's angle a clockwise (its device space runs down the page); such a glyph
    reads left to right once the page is turned 360 - a clockwise, as ``rotate_chars`` turns it. Japanese vertical writing
    keeps its glyphs upright (angle 0), so it never turns a page. Up to ``sample`` glyphs, evenly
    spread, are asked; a turn wins only with two thirds of the non-space glyphs.
    """
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return rotation
    step = max(1, n // sample)
    angle_of = ffi.FPDFText_GetCharAngle
    unicode_of = ffi.FPDFText_GetUnicode
    votes = [0, 0, 0, 0]
    for i in range(0, n, step):
        code = unicode_of(raw, i)
        if code <= 0x20 or code in (0xFFFE, 0xFFFF):
            continue
        a = angle_of(raw, i)
        if a < 0:  # pdfium's error value
            continue
        votes[round(math.degrees(a) / 90) % 4] += 1
    total = sum(votes)
    quarter = max(range(4), key=lambda q: votes[q])
    if quarter == 0 or total < 20 or 3 * votes[quarter] < 2 * total:
        return rotation
    return (360 - 90 * quarter) % 360
