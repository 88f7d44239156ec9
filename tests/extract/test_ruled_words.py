"""Words that run over a ruling drawn through their line (lattice.split_at_rulings)."""

from __future__ import annotations

from chohyo.extract.digital.lattice import split_at_rulings
from chohyo.extract.digital.rulings import Segment
from chohyo.extract.tables.geometry import Char

XS = [0.0, 60.0, 120.0]  # two columns, a ruling at x = 60 from top to bottom
V_AT = [[Segment(x, 0.0, 100.0)] for x in XS]


def _word(text: str, x0: float, width: float = 5.0) -> list[Char]:
    return [Char(ch, x0 + i * width, 10.0, x0 + (i + 1) * width, 20.0, 10.0) for i, ch in enumerate(text)]


def _texts(pieces: list[list[Char]]) -> list[str]:
    return ["".join(c.text for c in p) for p in pieces]


def test_two_grouped_figures_run_together_are_cut_by_their_grouping() -> None:
    # 54,306,600 ends just past the ruling; 306,373,500 starts right after it
    word = _word("54,306,600306,373,500", 12.0)
    assert _texts(split_at_rulings(word, 15.0, XS, V_AT)) == ["54,306,600", "306,373,500"]


def test_a_figure_that_reads_two_ways_stays_whole() -> None:
    # 12345678: any cut gives two plain numbers; nothing confirms one, so nothing is cut
    assert _texts(split_at_rulings(_word("12345678", 40.0), 15.0, XS, V_AT)) == ["12345678"]


def test_a_figure_that_merely_overflows_stays_whole() -> None:
    assert _texts(split_at_rulings(_word("1,234,567", 40.0), 15.0, XS, V_AT)) == ["1,234,567"]


def test_text_is_cut_at_the_ruling() -> None:
    word = _word("本年度予算額前年度予算額", 0.0, 10.0)  # six characters each side of x = 60
    assert _texts(split_at_rulings(word, 15.0, XS, V_AT)) == ["本年度予算額", "前年度予算額"]


def test_a_ruling_that_does_not_reach_the_line_cuts_nothing() -> None:
    short = [[Segment(x, 50.0, 100.0)] for x in XS]  # the ruling starts below the line
    word = _word("本年度予算額前年度予算額", 0.0, 10.0)
    assert _texts(split_at_rulings(word, 15.0, XS, short)) == ["本年度予算額前年度予算額"]
