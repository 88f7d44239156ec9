"""Characters → text lines → words, by geometry alone."""

from __future__ import annotations

from collections.abc import Iterable

from chohyo.extract.geometry import Char, Line, Word

WORD_GAP = 0.3  # a gap wider than this many font sizes ends a word
_SIGNS = "△▲-−－(（"


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"


def group_lines(chars: Iterable[Char]) -> list[Line]:
    """Characters whose vertical centres fall in one band form a line (top to bottom)."""
    lines: list[list[Char]] = []
    bands: list[tuple[float, float]] = []
    for ch in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if ch.is_space and not lines:
            continue
        if lines:
            top, bottom = bands[-1]
            height = bottom - top
            if abs(ch.cy - (top + bottom) / 2) <= max(height, ch.bottom - ch.top) * 0.3:
                lines[-1].append(ch)
                if not ch.is_space:
                    bands[-1] = (min(top, ch.top), max(bottom, ch.bottom)) if height <= 0 else (top, bottom)
                continue
        if ch.is_space:
            continue  # a stray space opens no line
        lines.append([ch])
        bands.append((ch.top, ch.bottom))
    out = []
    for chars in lines:
        chars.sort(key=lambda c: c.x0)
        if any(not c.is_space for c in chars):
            line = Line(chars)
            line.words = split_words(line.chars)
            out.append(line)
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def split_words(chars: list[Char]) -> list[Word]:
    """Split a line where glyphs leave a gap or where two or more spaces stand for layout."""
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
            size = max(ch.size, last_ink.size, 1.0)
            between_numbers = spaces and _digit(last_ink.text) and (_digit(ch.text) or ch.text in _SIGNS)
            if spaces >= 2 or (spaces == 0 and gap > WORD_GAP * size) or gap > 1.6 * size or between_numbers:
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
            out.append(Word(w))
    return out
