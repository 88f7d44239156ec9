"""A scanned page whose text holds many amounts and no table gets a warning (issue 15)."""

from __future__ import annotations

from chohyo.extract.unread_amounts import MIN_AMOUNTS, amounts_in, amounts_without_table
from chohyo.model import Page, PageKind, TextBlock

# 当初予算の概要 (南国市, R4) written as prose: the held-out scan that reported success with no table
PROSE = (
    "令和4年度一般会計当初予算は、23,340,000千円で、令和3年度当初予算に比べて、490,000千円、2.1%の減額と"
    "なっております。歳入といたしましては、自主財源が8,618,194千円(対前年度比56,718千円、0.7%増)"
)
RECEIPT = "小計 ￥529 合計 ￥529 内消費税 (￥39) お預り金額 ￥1,000 お釣り ￥471 TEL:0471-28-8905 2024-11-13"


def _page(kind: PageKind, *texts: str) -> Page:
    blocks = tuple(TextBlock(page=1, text=t) for t in texts)
    return Page(1, 595.0, 842.0, kind=kind, text_blocks=blocks)


def test_amounts_are_grouped_yen_marked_or_followed_by_yen() -> None:
    assert amounts_in(PROSE) == ["23,340,000", "490,000", "8,618,194", "56,718"]
    assert amounts_in(RECEIPT) == ["￥529", "￥529", "￥39", "￥1,000", "￥471"]
    # dates, percentages, article and phone numbers are no amounts; a dot between groups is a misread comma
    assert amounts_in("令和4年3月31日 第12条 2.1% 0471-28-8905") == []
    assert amounts_in("歳出 902.638") == ["902.638"]


def test_a_scan_full_of_amounts_without_a_table_is_warned() -> None:
    found = amounts_without_table([_page(PageKind.SCANNED, PROSE, RECEIPT)])
    assert [f.code for f in found] == ["amounts-without-table"]
    assert found[0].page == 1 and found[0].severity.value == "warning"
    assert "9 amounts" in found[0].message


def test_few_amounts_a_born_digital_page_or_a_table_stay_quiet() -> None:
    few = "令和4年度 予算 1,000千円 " * (MIN_AMOUNTS - 1)
    assert amounts_without_table([_page(PageKind.SCANNED, few)]) == []
    assert amounts_without_table([_page(PageKind.DIGITAL, PROSE, RECEIPT)]) == []
