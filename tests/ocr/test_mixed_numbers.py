from __future__ import annotations

from chohyo.extract.ocr.mixed_numbers import is_mixed_number, mixed_number


def test_the_fraction_bar_read_as_digits_is_a_mixed_number() -> None:
    # 水道事業会計予算 p7's 職員数 as the two engines read them
    assert mixed_number("6 1/4", "614") == "6 1/4"
    assert mixed_number("41/4", "4174") == "4 1/4"
    assert mixed_number("10 1/2", "10172") == "10 1/2"
    assert is_mixed_number("6 1/4")


def test_no_mixed_number_without_the_first_reading_s_digits_or_a_proper_fraction() -> None:
    assert mixed_number("6 1/4", "6") is None  # nothing after the whole part: no fraction was there
    assert mixed_number("6 1/4", "514") is None  # the whole parts disagree
    assert mixed_number("6 5/4", "654") is None  # not a proper fraction
    assert mixed_number("1,234", "1234") is None
    assert not is_mixed_number("614")
    assert not is_mixed_number("5 10 2")
