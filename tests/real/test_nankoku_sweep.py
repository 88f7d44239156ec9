"""Issues 14, 16: pages of 南国市 council papers (FETCHED/nankoku, from the public repo
nankokushigikai/gikai_nankokushi_portal) where the corpus sweep (bench/sections/sweep.py) found
false alarms or missing identities. The print was read by hand (pdftotext -layout, pdftoppm): none of
these pages carries a misprint, so every error is a false alarm. Skipped when the files are absent."""

from __future__ import annotations

import pytest
from chohyo.model import Document, Severity
from chohyo.pipeline import run
from chohyo.settings import Settings

from bench.realdocs import FETCHED, missing_reason


def _read(name: str, pages: tuple[int, ...] = ()) -> Document:
    path = FETCHED / "nankoku" / name
    if not path.is_file():
        pytest.skip(missing_reason(path))
    return run(path, Settings().with_(extract={"ocr": "never", "pages": pages}))


def _errors(doc: Document) -> list[str]:
    return [f.message for f in doc.findings if f.severity is Severity.ERROR]


def _identities(doc: Document) -> dict[str, bool | None]:
    return {r.description: r.holds for t in doc.tables for r in t.relations if r.source == "label-identity"}


def test_carry_over_list_with_a_mark_column_has_no_false_alarm() -> None:
    # 繰越事業一覧表 p. 3: ○ (国補正) marks in the first column; two "○ = ○" errors before
    assert _errors(_read("425_2022_03__benkyoukai__3gatsuhosei__Ｐ５~８　繰越事業一覧表.pdf")) == []


def test_budget_summary_ratio_column_is_not_summed() -> None:
    # 当初予算表紙: 対前年度当初比 (%) checked as 総計 = Σ 会計 before
    assert _errors(_read("425_2022_03__benkyoukai__4gatsutousho__Ｐ１　当初予算表紙.pdf")) == []


def test_special_account_statement_over_two_kan_has_no_false_alarm() -> None:
    # 農業集落排水 予算 pp. 11-12: 目 | 計 of 款 3 then 目 (1 千円) | 計 of 款 4 in one table
    doc = _read("425_2022_03__議案第11号：令和４年度農業集落排水事業特別会計予算.pdf", (11, 12))
    assert _errors(doc) == []


def test_carry_over_amendment_款_numbers_are_no_tree() -> None:
    # 一般会計補正予算 第2表 繰越明許費補正 pp. 8-9: "3 = 6", "2 = 3", "6 = 7" before
    assert _errors(_read("425_2022_03__議案第１号：令和３年度一般会計補正予算.pdf", (8, 9))) == []


def test_supplementary_budget_identities_by_titles() -> None:
    doc = _read("425_2022_03__報告第１号：R3年度一般会計補正予算専決（12月）（１）.pdf")
    held = _identities(doc)
    assert held.get("計 = 補正前の額 + 補正額") is True
    assert all(held.values()) and _errors(doc) == []


def test_debt_balance_chain_over_two_years() -> None:
    doc = _read("425_2022_03__benkyoukai__4gatsutousho__Ｐ12　地方債現在高調書.pdf")
    held = [d for d, ok in _identities(doc).items() if ok and "末現在高" in d.split("=")[0]]
    assert len(held) >= 2 and _errors(doc) == []


def test_a_change_printed_into_the_total_cell_is_split_back_and_checked() -> None:
    # 一般会計補正予算（3月）p. 8 歳入合計: 補正額 9,364 set into the 計 cell (９，３６４２７，６５７，０３７)
    doc = _read("426_2022_06__報告第１号：一般会計補正予算（3月）.pdf", (8,))
    assert _errors(doc) == []
    assert not [f for f in doc.findings if f.code == "bad-grouping"]
    assert _identities(doc).get("計 = 補正前の額 + 補正額") is True


def test_a_real_misprint_is_still_reported() -> None:
    # 令和8年度水道事業会計予算 p. 10 (4) 昇給, 前年度 4号給: 合計 10 but 事務職 4 + 技術職 4 + その他 0 = 8,
    # and 事務職's 昇給に係る職員数 is 6 (0 + 0 + 0 + 4 号給 = 4): the print is wrong (read off the page
    # image), so an error is right there, and the printed figures stay as printed.
    doc = _read("446_2026_03__議案第１３号：令和８年度水道事業会計予算.pdf", (10,))
    errors = [f for f in doc.findings if f.severity is Severity.ERROR and f.page == 10]
    assert errors and all(f.code == "sum-mismatch" for f in errors)
