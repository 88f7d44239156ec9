"""Characters → text lines → words, by geometry alone."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter, itemgetter

from chohyo.extract.tables.geometry import Char, Line, Word
from chohyo.japanese.signs import OCR_MINUS_SIGNS

WORD_GAP = 0.3  # a gap wider than this many font sizes ends a word
_SIGNS = OCR_MINUS_SIGNS + "(（"  # a mark that may open a number


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"


_BY_CENTRE = attrgetter("cy", "x0")
_BY_X0 = attrgetter("x0")


def group_lines(chars: Iterable[Char]) -> list[Line]:
    """Characters whose vertical centres fall in one band form a line (top to bottom)."""
    out = []
    for band in _bands(chars):
        line = Line(band)  # a line always starts with a glyph that is not a space
        line.words = split_words(band)
        out.append(line)
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def line_words(chars: Iterable[Char]) -> list[tuple[float, list[list[Char]]]]:
    """``group_lines`` without its records, for a ruled table's cells, which read no more of a line:
    each line's centre and each of its words' chars, in the same order."""
    out = []
    for band in _bands(chars):
        ink = [c for c in band if not c.is_space] or band
        top = min([c.top for c in ink])
        out.append(((top, min([c.x0 for c in ink])), (top + max([c.bottom for c in ink])) / 2, band))
    out.sort(key=_FIRST)
    return [(cy, word_runs(band)) for _, cy, band in out]


_FIRST = itemgetter(0)


def _bands(chars: Iterable[Char]) -> list[list[Char]]:
    """The chars of each line, each sorted left to right (in the order lines were opened)."""
    lines: list[list[Char]] = []
    current: list[Char] = []
    top = bottom = 0.0  # the band of the current line
    for ch in sorted(chars, key=_BY_CENTRE):
        space = ch.is_space
        if lines:
            height = bottom - top
            own = ch.bottom - ch.top
            if abs(ch.cy - (top + bottom) / 2) <= (own if own > height else height) * 0.3:  # max(height, own)
                current.append(ch)
                if not space and height <= 0:
                    top = ch.top if ch.top < top else top  # min(top, ch.top)
                    bottom = ch.bottom if ch.bottom > bottom else bottom  # max(bottom, ch.bottom)
                continue
        if space:
            continue  # a stray space opens no line
        current = [ch]
        lines.append(current)
        top, bottom = ch.top, ch.bottom
    for band in lines:
        band.sort(key=_BY_X0)
    return lines


def split_words(chars: list[Char]) -> list[Word]:
    """Split a line where glyphs leave a gap or where two or more spaces stand for layout."""
    return [Word(w) for w in word_runs(chars)]


def word_runs(chars: list[Char]) -> list[list[Char]]:
    """The chars of each word ``split_words`` makes (trailing spaces dropped, none empty)."""
    words: list[list[Char]] = []
    current: list[Char] = []
    last_ink: Char | None = None
    spaces = 0
    for ch in chars:
        if ch.is_space:
            spaces += 1
            if current:
                current.append(ch)
            continue
        if current and last_ink is not None:
            gap = ch.x0 - last_ink.x1
            size = ch.size  # max(ch.size, last_ink.size, 1.0)
            if last_ink.size > size:
                size = last_ink.size
            if 1.0 > size:
                size = 1.0
            if (
                spaces >= 2
                or (spaces == 0 and gap > WORD_GAP * size)
                or gap > 1.6 * size
                or (spaces and _digit(last_ink.text) and (_digit(ch.text) or ch.text in _SIGNS))
            ):
                words.append(current)
                current = []
        current.append(ch)
        last_ink = ch
        spaces = 0
    if current:
        words.append(current)
    out = []
    for w in words:
        while w and w[-1].is_space:
            w.pop()
        if w:
            out.append(w)
    return out


def heading_level(size: float, body_size: float) -> int:
    ratio = size / max(body_size, 1.0)
    return 1 if ratio >= 1.5 else 2 if ratio >= 1.2 else 3
