"""Amounts in running text (chohyo.normalize.amounts): what is read, what is never read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.model import Provenance, TextBlock
from chohyo.normalize.amounts import find_amounts

_TEXT = Provenance("pdfium", "text")


def _read(text: str, prov: Provenance = _TEXT) -> list[tuple[str, Decimal | None, str]]:
    return [(a.text, a.value, a.unit) for a in find_amounts(TextBlock(3, text, provenance=prov))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("規模は、110,893千円の減額計上であります。", [("110,893千円", Decimal(110893000), "千円")]),
        ("31,197,129円の債権を放棄", [("31,197,129円", Decimal(31197129), "円")]),
        ("総額で約3億円となります。", [("約3億円", Decimal(300000000), "億円")]),
        ("12万3456円を給付", [("12万3456円", Decimal(123456), "円")]),
        ("個人市民税で1億9,891万5千円の増", [("1億9,891万5千円", Decimal(198915000), "円")]),
        ("総額 255億5千万円", [("255億5千万円", Decimal(25550000000), "円")]),
        ("市債 72.5億円", [("72.5億円", Decimal(7250000000), "億円")]),
        ("約130名の参加により", [("約130名", Decimal(130), "名")]),
        ("来場者は約18千名", [("約18千名", Decimal(18000), "千名")]),
        ("一万二千円", [("一万二千円", Decimal(12000), "円")]),
        (
            "住宅使用料65名28,732,312 円",
            [("65名", Decimal(65), "名"), ("28,732,312円", Decimal(28732312), "円")],
        ),
    ],
)
def test_amounts_read(text: str, want: list[tuple[str, Decimal, str]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "単位：千円",  # a unit word, no figure
        "数千円の負担",  # 数千: no sum
        "十万円程度",  # no digit in the figure: not read rather than guessed
        "一人ひとりに寄り添い",  # 一人: a word
        "歳出では、職員4 1/3名の人件費を含み",  # a fraction: never 3名
        "〇〇事業の費用",
        "金〇,〇〇〇円を支払う",  # a form's placeholder, never 0
        "対象は1,000 人口の集落",  # 人口: no count
    ],
)
def test_not_amounts(text: str) -> None:
    assert _read(text) == []


def test_bad_grouping_kept_without_a_value() -> None:
    (a,) = find_amounts(TextBlock(1, "合計3,44,15円を計上", provenance=_TEXT))
    assert a.value is None and "groups of three" in a.note


def test_sentence_date_and_fiscal_year() -> None:
    text = "令和4年3月4日に提出した。令和4年度の予算は233億4,000万円です。"
    (first,) = find_amounts(TextBlock(2, text, provenance=_TEXT))
    assert first.sentence == "令和4年度の予算は233億4,000万円です。"
    assert first.fiscal_year == 2022 and first.value == Decimal(23340000000)
    (dated,) = find_amounts(TextBlock(2, "令和4年3月4日に500円を納付。", provenance=_TEXT))
    assert (dated.date, dated.date_iso) == ("令和4年3月4日", "2022-03-04")


def test_ocr_figure_is_noted_unconfirmed() -> None:
    (a,) = find_amounts(TextBlock(1, "20,850円", provenance=Provenance("tesseract", "ocr-text")))
    assert a.value == Decimal(20850) and "OCR" in a.note


def test_range_upper_end_is_noted() -> None:
    (a,) = find_amounts(TextBlock(1, "1万~2万円を給付", provenance=_TEXT))
    assert (a.text, a.value) == ("2万円", Decimal(20000)) and "range" in a.note


def test_text_dates_with_iso_form() -> None:
    """和暦 dates in running text with their ISO form: a whole date, a month (dated entries), none
    for a law's year alone or a blank form date; a date that cannot be keeps its reason."""
    from chohyo.model import Document, Page
    from chohyo.normalize.dates import text_dates

    text = "令和4年6月10日提出。令和3年12月 策定。地方自治法(昭和22年法律第67号)。令和5年 月 日。昭和64年2月1日。"
    doc = Document("x.pdf", "0", pages=(Page(1, 595.0, 842.0, text_blocks=(TextBlock(1, text),)),))
    got = [(d.text, d.iso, bool(d.note)) for d in text_dates(doc)]
    assert got == [
        ("令和4年6月10日", "2022-06-10", False),
        ("令和3年12月", "2021-12", False),
        ("昭和64年2月1日", "", True),
    ]
