"""Heading levels nest the way the headings are numbered (extract/headings.py)."""

from __future__ import annotations

from chohyo.extract.headings import nest_headings, numbering_style
from chohyo.model import Page, TextBlock, TextRole


def _levels(texts: list[tuple[str, int]]) -> list[int]:
    blocks = tuple(TextBlock(1, t, TextRole.HEADING, level=lv) for t, lv in texts)
    (page,) = nest_headings([Page(1, 595, 842, text_blocks=blocks)])
    return [b.level for b in page.text_blocks]


def test_numbered_headings_nest_under_the_unnumbered_one() -> None:
    got = _levels(
        [
            ("施政方針", 1),
            ("第1 総務", 3),
            ("1 財政", 3),
            ("(1) 歳入", 3),
            ("①市税", 3),
            ("(2) 歳出", 3),
            ("第2 福祉", 3),
        ]
    )
    assert got == [1, 2, 3, 4, 5, 4, 2]


def test_a_new_unnumbered_heading_closes_the_numbering() -> None:
    assert _levels([("取り組み", 1), ("①催告", 3), ("②分納", 3), ("和解", 2), ("(1) 申立て", 3)]) == [
        1,
        2,
        2,
        2,
        3,
    ]


def test_styles() -> None:
    assert [
        numbering_style(t)
        for t in (
            "第3章 総則",
            "5.1 注意点",
            "1 総務",
            "(1) 歳入",
            "①市税",
            "【フロー】",
            "債権放棄内訳",
            "34.1パーセント",
        )
    ] == [
        "第章",
        "d2",
        "d1",
        "r2",
        "r4",
        "【】",
        "",
        "",
    ]
