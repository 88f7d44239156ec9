"""Superscript note marks (extract/digital/superscripts.py)."""

from __future__ import annotations

from chohyo.extract.digital.superscripts import mark_superscripts
from chohyo.extract.tables.geometry import Char


def _chars(text: str, x0: float = 100.0) -> list[Char]:
    return [Char(ch, x0 + 5 * i, 360.4, x0 + 5 * (i + 1), 370.4, 10.0) for i, ch in enumerate(text)]


def _mark(ch: str, x0: float, size: float = 5.9, bottom: float = 366.6) -> Char:
    return Char(ch, x0, bottom - size, x0 + 3, bottom, size)


def _text(chars: list[Char]) -> str:
    return "".join(c.text for c in chars)


def test_small_raised_digits_after_a_glyph_are_superscripts() -> None:
    chars = [*_chars("24.91"), _mark("1", 125.0), _mark("2", 128.0)]
    assert _text(mark_superscripts(chars)) == "24.91¹²"
    assert _text(mark_superscripts(chars, flag_size=True)) == "24.91<s>12</s>"


def test_digits_on_the_baseline_far_off_or_full_size_stay_plain() -> None:
    on_line = [*_chars("24.91"), _mark("2", 125.0, bottom=370.4)]  # a small digit on the baseline
    apart = [*_chars("24.91"), _mark("2", 140.0)]  # not touching the figure
    full = [*_chars("24.91"), _mark("2", 125.0, size=10.0, bottom=368.0)]
    letter = [*_chars("106"), _mark("t", 115.0), _mark("h", 118.0)]  # a raised `th` is no note mark
    for chars in (on_line, apart, full, letter):
        assert _text(mark_superscripts(chars)) == _text(chars)
