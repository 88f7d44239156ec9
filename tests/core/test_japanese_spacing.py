"""rules.md §1: the one letter-spacing rule (chohyo.japanese.spacing), both sides of it.

Spacing goes only between Japanese characters and between the digits of a spaced number; a space
between Latin words, a blank form date, a name's family/given gap stay.
"""

import pytest
from chohyo.japanese.spacing import (
    join_wrapped,
    merge_letter_spacing,
    merge_line_spacing,
    word_gap,
)

MERGED = [
    ("給 料 手 当", "給料手当"),
    ("Ⅰ 一 般 正 味 財 産 増 減 の 部", "Ⅰ 一般正味財産増減の部"),
    ("山 浦 英 太", "山浦英太"),
    ("お は よ う ご ざ い ま す。", "おはようございます。"),
    ("合\u3000計", "合計"),
    ("(1) 経 常 収 益", "(1) 経常収益"),
    ("1 2 3 , 4 5 6", "123,456"),
    ("1 2 , 3 4 5 . 6", "12,345.6"),
]
UNCHANGED = [
    "Japan Motors Trading",
    "Net Assets",
    "公益事業 1",
    "令和5年 月 日",
    "年 月 日",
    "山浦 英太",
    "横浜市会議長 清水 富 雄 様",
    "JR 東海",
    "Tokyo 東京",
    "1 2",  # two numbers, not one spaced number
    "1 2 3 4 , 5",  # a comma out of place: not one number
    "A B C",
]


@pytest.mark.parametrize(("printed", "clean"), MERGED)
def test_letter_spacing_goes_between_japanese_characters(printed: str, clean: str) -> None:
    assert merge_line_spacing(printed) == clean
    if printed != "お は よ う ご ざ い ま す。":  # a label is all single characters; text may end in 。
        assert merge_letter_spacing(printed) == clean


@pytest.mark.parametrize("printed", UNCHANGED)
def test_spaces_that_mean_something_stay(printed: str) -> None:
    assert merge_letter_spacing(printed) == printed
    assert merge_line_spacing(printed) == printed


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        # a justified line of a council speech: pdfium's spaces between every pair
        (
            "私 も、長 期 間 に 及 ぶ 感 染 症 と の 闘 い に お き ま し て は、市 民 の 皆 様",
            "私も、長期間に及ぶ感染症との闘いにおきましては、市民の皆様",
        ),
        ("約 ８ ， ５ ０ ０ 人 の 接 種 が 可 能", "約８，５００人の接種が可能"),
        # a space beside a Latin letter stays, even in a letter-spaced line
        ("J R 四 国 の 駅 で は J R 線 の", "J R 四国の駅では J R 線の"),
        ("令 和 ４ 年 度 の Net Zero 計 画", "令和４年度の Net Zero 計画"),
        ("JR 東 海", "JR 東海"),
        ("この文の中に 一つ だけ 空白", "この文の中に 一つ だけ 空白"),  # mostly unspaced: as printed
        ("申請日 令和5年 月 日", "申請日 令和5年 月 日"),
        # the gap around a half-width number is no letter-spacing; a spaced number's digits join
        (
            "平成 27 年 4 月 1 日から平成 28 年 3 月 31 日まで",
            "平成 27 年 4 月 1 日から平成 28 年 3 月 31 日まで",
        ),
        ("合 計 は 1 2 3 , 4 5 6 円", "合計は 123,456 円"),
        ("南国市長\u3000平山耕三", "南国市長 平山耕三"),  # one gap in a line: kept (as one space)
    ],
)
def test_running_text_lines(line: str, clean: str) -> None:
    assert merge_line_spacing(line) == clean


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("第４２５回南国市議会定例", "会が開かれますことを", "第４２５回南国市議会定例会が開かれますことを"),
        ("the Net", "Assets of", "the Net Assets of"),
        ("JR", "東海", "JR東海"),
        ("令和", "４年度", "令和４年度"),
        ("in 2022,", "the city", "in 2022, the city"),
        ("1,", "234", "1,234"),  # a number broken after its comma
    ],
)
def test_wrapped_lines_join(before: str, after: str, joined: str) -> None:
    assert join_wrapped(before, after) == joined


@pytest.mark.parametrize(
    ("a", "b", "gap", "space"),
    [
        ("a", "P", 2.8, True),
        ("n", "d", 0.2, False),
        ("給", "料", 4.0, False),
        ("a", "東", 4.0, False),
        (",", "a", 3.0, True),
        ("1", "2", 4.0, False),  # a spaced number's digits
        ("6", "2", 24.0, True),  # two figures a column apart (49,486 / 2,909), never one number
    ],
)
def test_word_gap_between_latin_glyphs(a: str, b: str, gap: float, space: bool) -> None:
    assert word_gap(a, b, gap, height=10.0) is space
