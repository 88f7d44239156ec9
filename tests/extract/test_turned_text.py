"""Cell text from glyph boxes (synthetic geometry): Latin text set a quarter turn, and the lines of
a Latin cell joined by a space (issue 16)."""

from __future__ import annotations

import pytest
from chohyo.extract.tables.geometry import Char
from chohyo.extract.tables.grid import cell_text


def _turned(word_gaps: str, upward: bool = True, size: float = 8.0) -> list[Char]:
    """Glyphs of ``word_gaps`` running up (or down) the page, one a line; a space is a gap."""
    chars, y = [], 400.0
    for ch in word_gaps:
        if ch == " ":
            y += -2.5 if upward else 2.5
            continue
        top, bottom = (y - 4.0, y) if upward else (y, y + 4.0)
        chars.append(Char(ch, 100.0, top, 111.0, bottom, size))  # wider than tall: turned
        y = top if upward else bottom
    return chars


@pytest.mark.parametrize(
    ("text", "upward", "shuffle"),
    [
        ("Brian Calley", True, False),
        ("Number of Registered voters", True, False),
        ("No", True, False),
        ("Brian Calley", False, False),  # turned clockwise, in content order
        ("Jim Hines", True, True),  # order lost: read bottom to top
    ],
)
def test_turned_latin_text_reads_as_printed(text: str, upward: bool, shuffle: bool) -> None:
    chars = _turned(text, upward)
    if shuffle:
        chars = chars[3:] + chars[:3]  # not in content order: read bottom to top
    assert cell_text(chars) == text


def test_upright_stacked_kanji_are_not_turned_text() -> None:
    chars = [Char(ch, 100.0, 100.0 + 10 * k, 108.0, 109.0 + 10 * k, 8.0) for k, ch in enumerate("歳入合計")]
    assert cell_text(chars) == "歳入合計"


def _line(text: str, top: float) -> list[Char]:
    return [Char(ch, 100.0 + 5 * k, top, 105.0 + 5 * k, top + 8.0, 8.0) for k, ch in enumerate(text)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Read &", "Write"], "Read & Write"),
        (["Schools Identified", "(n = 469)"], "Schools Identified (n = 469)"),
        # a line ending in a hyphen keeps its break: a compound's hyphen (`Non-` / `Negligent`) and a
        # word broken over lines (`Preva-` / `lence`) look the same in print
        (["Non-", "Negligent"], "Non- Negligent"),
        (["Preva-", "lence"], "Preva- lence"),
        (["国庫支出", "金"], "国庫支出金"),
    ],
)
def test_lines_of_a_cell_joined(lines: list[str], expected: str) -> None:
    chars = [ch for k, t in enumerate(lines) for ch in _line(t, 100.0 + 12 * k)]
    assert cell_text(chars) == expected
