"""rules.md §1-2: targeted full-width folding (chohyo.japanese.widths), never a whole-string NFKC."""

import pytest
from chohyo.japanese.widths import fold_ascii, fold_digits, fold_number, fold_width
from hypothesis import given
from hypothesis import strategies as st

# (printed, fold_digits, fold_number, fold_ascii)
TABLE = [
    ("１２３", "123", "123", "123"),
    ("１２．５", "12．5", "12.5", "12.5"),
    ("（１，２３４）", "（1，234）", "(1,234)", "(1,234)"),
    ("－1,234", "－1,234", "-1,234", "-1,234"),
    ("５０．５％", "50．5％", "50.5%", "50.5%"),
    ("＋１２", "＋12", "+12", "+12"),
    ("Ｈ２７．４．１", "Ｈ27．4．1", "Ｈ27.4.1", "H27.4.1"),
    ("①受取会費", "①受取会費", "①受取会費", "①受取会費"),  # NFKC would make it 1受取会費
    ("⑴", "⑴", "⑴", "⑴"),
    ("㍻", "㍻", "㍻", "㍻"),
    ("Ⅱ", "Ⅱ", "Ⅱ", "Ⅱ"),
    ("△1,234", "△1,234", "△1,234", "△1,234"),
    ("ー1", "ー1", "ー1", "ー1"),  # the long-vowel mark is never a minus
    ("１，２３４円", "1，234円", "1,234円", "1,234円"),
    ("ｶﾀｶﾅ", "ｶﾀｶﾅ", "ｶﾀｶﾅ", "ｶﾀｶﾅ"),
]


@pytest.mark.parametrize(("printed", "digits", "number", "ascii_"), TABLE)
def test_fold_tables(printed: str, digits: str, number: str, ascii_: str) -> None:
    assert fold_digits(printed) == digits
    assert fold_number(printed) == number
    assert fold_ascii(printed) == ascii_


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("（１）経常収益", "(1)経常収益"),
        ("ｶﾀｶﾅ", "カタカナ"),
        ("カタカナ", "カタカナ"),
        ("①受取会費", "①受取会費"),
        ("㈱", "㈱"),
        ("㍻", "㍻"),
        ("Ⅱ", "Ⅱ"),
        ("－1,234", "-1,234"),
    ],
)
def test_width_folding_is_targeted(printed: str, clean: str) -> None:
    assert fold_width(printed) == clean


def test_only_digits_and_number_punctuation_fold_in_numbers() -> None:
    folded = {chr(cp) for cp in range(0xFF01, 0xFF5F) if fold_number(chr(cp)) != chr(cp)}
    assert folded == set("０１２３４５６７８９，．（）％＋－")


@given(st.text(max_size=30))
def test_width_folding_is_idempotent(text: str) -> None:
    once = fold_width(text)
    assert fold_width(once) == once
