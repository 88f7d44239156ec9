"""rules.md §2: kanji numerals in text (chohyo.japanese.kanji_numerals), never inside labels."""

import pytest
from chohyo.japanese.kanji_numerals import find_kanji_numbers, is_kanji_amount, parse_kanji_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一万二千", 12000),
        ("二〇二三", 2023),
        ("12万3456", 123456),
        ("千二百", 1200),
        ("十", 10),
        ("三億五千万", 350_000_000),
        ("〇〇事業", None),
        ("一般", None),
    ],
)
def test_kanji_numerals(text: str, value: int | None) -> None:
    assert parse_kanji_number(text) == value


def test_kanji_numerals_in_running_text_skip_placeholders_and_words() -> None:
    found = find_kanji_numbers("予算は一万二千円、二〇二三年度から。〇〇事業と一般会計、金額(千円)")
    assert found == [("一万二千", 12000), ("二〇二三", 2023)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("１２万３４５６", 123456),
        ("壱万", 10000),
        ("二千二十三", 2023),
        ("百", 100),
        ("万万", None),
        ("12a", None),
        ("", None),
    ],
)
def test_more_kanji_numerals(text: str, value: int | None) -> None:
    assert parse_kanji_number(text) == value


@pytest.mark.parametrize(
    ("body", "amount"),
    [("一万二千", True), ("千", True), ("二〇二三", True), ("一", False), ("〇〇", False), ("12", False)],
)
def test_a_whole_cell_is_a_kanji_amount_only_with_a_unit_or_two_digits(body: str, amount: bool) -> None:
    assert is_kanji_amount(body) is amount
