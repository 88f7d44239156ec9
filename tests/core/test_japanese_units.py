"""rules.md §3: unit marks and their scale (chohyo.japanese.units)."""

from decimal import Decimal

import pytest
from chohyo.japanese.units import (
    bracketed_unit,
    find_unit,
    is_unit_mark,
    parse_unit,
    split_unit_suffix,
    unreadable_unit,
)
from chohyo.model import Unit


@pytest.mark.parametrize(
    ("text", "name", "scale"),
    [
        ("(単位:円)", "円", 1),
        ("（単位：千円）", "千円", 1000),
        ("単位 百万円", "百万円", 10**6),
        ("単位:万円", "万円", 10**4),
        ("単位：億円", "億円", 10**8),
        ("(単位:人)", "人", 1),
        ("単位:千人", "千人", 1000),
        ("単位:件", "件", 1),
        ("(単位:%)", "%", 1),
        ("（単位：％）", "%", 1),
    ],
)
def test_units_from_titles_and_captions(text: str, name: str, scale: int) -> None:
    assert find_unit("平成27年度 正味財産増減予算書", text) == Unit(name, Decimal(scale))


def test_no_unit() -> None:
    assert find_unit("平成27年度 正味財産増減予算書", "科目") is None


@pytest.mark.parametrize("text", ["(単位:1J)", "（単 位：干円)", "単位:"])
def test_a_printed_unit_that_cannot_be_read_is_told_apart(text: str) -> None:
    # OCR of thin strokes (円 → 1J, 千 → 干): not the same as a table that prints no unit
    assert find_unit(text) is None
    assert unreadable_unit("平成27年度 正味財産増減予算書", text) == text


def test_a_readable_or_absent_unit_is_not_unreadable() -> None:
    assert unreadable_unit("平成27年度 正味財産増減予算書", "(単位:千円)") is None
    assert unreadable_unit("平成27年度 正味財産増減予算書", "科目") is None


@pytest.mark.parametrize(
    ("header", "name", "unit"),
    [
        ("金額(千円)", "金額", Unit("千円", Decimal(1000))),
        ("計（円）", "計", Unit("円")),
        ("構成比(%)", "構成比", Unit("%")),
        ("計(単位:千円)", "計", Unit("千円", Decimal(1000))),
        ("公益事業", "公益事業", None),
        ("(単位:円)", "", Unit("円")),
    ],
)
def test_units_in_headers(header: str, name: str, unit: Unit | None) -> None:
    assert split_unit_suffix(header) == (name, unit)


# A cell that is only a unit mark: never the number 1000 (rules.md §3)
MARKS = [
    ("千円", Unit("千円", Decimal(1000))),
    ("(千円)", Unit("千円", Decimal(1000))),
    ("（千円）", Unit("千円", Decimal(1000))),
    ("[千円]", Unit("千円", Decimal(1000))),
    ("単位:千円", Unit("千円", Decimal(1000))),
    ("（単位：千円）", Unit("千円", Decimal(1000))),
    ("単位 百万円", Unit("百万円", Decimal(10**6))),
    ("円", Unit("円")),
    ("万円", Unit("万円", Decimal(10**4))),
    ("億円", Unit("億円", Decimal(10**8))),
    ("千人", Unit("千人", Decimal(1000))),
    ("人", Unit("人")),
    ("件", Unit("件")),
    ("%", Unit("%")),
    ("（％）", Unit("%")),
    ("1,000", None),
    ("千", None),
    ("千円未満", None),
    ("金額(千円)", None),
    ("1,000円", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "unit"), MARKS)
def test_unit_marks(text: str, unit: Unit | None) -> None:
    assert parse_unit(text) == unit
    assert is_unit_mark(text) is (unit is not None)


@pytest.mark.parametrize(
    ("header", "printed", "csv"),
    [
        ("計(千円)", ("計", "千円"), ("計", "千円")),
        ("構成比（％）", ("構成比", "％"), ("構成比", "％")),
        ("倍率(倍)", ("倍率", "倍"), None),
        ("金額\n(千円)", ("金額", "千円"), ("金額", "千円")),
        ("a\nb(千円)", ("a\nb", "千円"), None),
        ("計(単位:千円)", None, None),
        ("公益事業", None, None),
    ],
)
def test_bracketed_units(header: str, printed: tuple[str, str] | None, csv: tuple[str, str] | None) -> None:
    assert bracketed_unit(header) == printed
    assert bracketed_unit(header, times=False) == csv


def test_a_letter_spaced_unit_line_is_read() -> None:
    # 南国市 辺地総合整備計画変更 p. 2: the caption prints （単 位千 円） with letter spacing
    from chohyo.japanese.units import find_unit, unreadable_unit

    caption = "（変 更 前）平 成２９年 度 か ら 令 和４年 度 ま で６年 間（単 位千 円）"
    unit = find_unit(caption)
    assert unit is not None and unit.name == "千円" and unreadable_unit(caption) is None
    assert unreadable_unit("(単 位:1J)") is not None
