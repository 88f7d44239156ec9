"""No right figure named by an error on bench.heldout_scans' pages (real 南国市 born-digital pages
rendered at 300 dpi and degraded as a copier would; their truth is their own text layer).

地方債現在高調書: 2 災害復旧債 = (1) + (2) + (3) failed in its 償還元金 column on 7,724,118 read
7,723,118 (Tesseract, sure of it), and its three right parts were named as the other candidates.
As first read the sum failed on two lines (that one, and 4,300,000 read 300,000), so the misread
was not alone and was not read again; the doubtful cells read again, it fails there alone: read
again too, 7,724,118. 水道事業会計予算 p7: 職員数 ``6 1/4`` read 614, 4174, 10172 made every sum
through the column fail and named its right 0; the second engine reads the fraction bar: text."""

from __future__ import annotations

import pytest

from tests.real.heldout_pages import heldout_score as _score


@pytest.mark.slow
def test_a_misread_left_alone_on_its_line_after_the_second_reading_is_read_again() -> None:
    score = _score(1)  # 地方債現在高調書
    assert score.silent == 0, score.notes
    assert score.false_alarms == 0, score.notes  # 3 before
    assert score.right >= 250, score.line()  # 248 before


@pytest.mark.slow
def test_a_mixed_number_is_no_amount_and_names_no_right_figure() -> None:
    score = _score(6)  # 水道事業会計予算 p7
    assert score.silent == 0, score.notes
    assert score.false_alarms == 0, score.notes  # 1 before
    assert score.wrong == 0, score.notes  # 614, 4174, 10172, 6173, 3174, 9172 before (flagged)
