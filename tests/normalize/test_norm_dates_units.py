"""rules.md §3: eras, fiscal years, periods (the unit rules are tested in tests/core/test_japanese_units.py)."""

import pytest
from chohyo.normalize.dates import find_period, parse_date, parse_fiscal_year, parse_period


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和5年2月3日", "2023-02-03"),
        ("令和4年6月8日", "2022-06-08"),
        ("昭和64年1月7日", "1989-01-07"),
        ("平成元年1月8日", "1989-01-08"),
        ("平成31年4月30日", "2019-04-30"),
        ("令和元年5月1日", "2019-05-01"),
        ("H27.4.1", "2015-04-01"),
        ("R5.2.3", "2023-02-03"),
        ("Ｈ２７．４．１", "2015-04-01"),
        ("平成 27 年 4 月 1 日", "2015-04-01"),
        ("令和五年二月三日", "2023-02-03"),
        ("2023年2月3日", "2023-02-03"),
        ("2023/2/3", "2023-02-03"),
        ("大正15年12月24日", "1926-12-24"),
        ("昭和元年12月25日", "1926-12-25"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    d = parse_date(text)
    assert d is not None and d.iso == iso and d.error is None


@pytest.mark.parametrize(
    "text",
    [
        "昭和64年1月8日",
        "平成31年5月1日",
        "令和元年4月30日",
        "平成32年1月1日",
        "令和5年2月30日",
        "大正15年12月25日",
    ],
)
def test_impossible_dates_are_rejected(text: str) -> None:
    d = parse_date(text)
    assert d is not None and d.iso is None and d.error


@pytest.mark.parametrize(
    ("text", "year"), [("R5", 2023), ("令和元年", 2019), ("H27", 2015), ("平成31年", 2019)]
)
def test_year_only(text: str, year: int) -> None:
    d = parse_date(text)
    assert d is not None and d.year == year and d.iso is None and not d.blank


def test_blank_form_date_keeps_only_the_year() -> None:
    d = parse_date("令和5年 月 日")
    assert d is not None and d.blank and d.year == 2023 and d.iso is None


def test_text_without_a_date() -> None:
    assert parse_date("年 月 日") is None
    assert parse_date("受取会費") is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("平成27年度", "2015-04-01", "2016-03-31"),
        ("平成31年度", "2019-04-01", "2020-03-31"),
        ("令和元年度", "2019-04-01", "2020-03-31"),
        ("平成 27 年度 正味財産増減予算書", "2015-04-01", "2016-03-31"),
        ("令和5年度", "2023-04-01", "2024-03-31"),
    ],
)
def test_fiscal_years(text: str, start: str, end: str) -> None:
    fy = parse_fiscal_year(text)
    assert fy is not None and (fy.start, fy.end) == (start, end)


def test_fiscal_year_past_the_era_is_rejected() -> None:
    assert parse_fiscal_year("平成32年度") is None


@pytest.mark.parametrize(
    "text",
    [
        "平成27年4月1日から平成28年3月31日まで",
        "平成 27 年 4 月 1 日から平成 28 年 3 月 31 日まで",
        "自 平成27年4月1日 至 平成28年3月31日",
        "平成27年4月1日～平成28年3月31日",
        "H27.4.1〜H28.3.31",
    ],
)
def test_title_period(text: str) -> None:
    p = parse_period(text)
    assert p is not None and (p.start, p.end) == ("2015-04-01", "2016-03-31")


def test_document_period_prefers_printed_dates_over_fiscal_year() -> None:
    p = find_period(["平成27年度 正味財産増減予算書", "平成27年4月1日から平成28年3月31日まで"])
    assert p is not None and p.label == "平成27年4月1日から平成28年3月31日まで"
    fy = find_period(["令和元年度 予算書"])
    assert fy is not None and (fy.start, fy.end) == ("2019-04-01", "2020-03-31")
