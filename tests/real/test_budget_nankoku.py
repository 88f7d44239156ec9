"""Another city's budget book: 南国市 令和4年度 一般会計予算 as one long table, with the same code as Fuji's.

Its layout differs from Fuji's (款/項 heading on a line of its own, dotted item numbers, 目 and
節/説明 in one table, wrapped 目 and 節 names, 目 re-printed over a continued page, 財源内訳).
Truth read by hand from the rendered pages: fixtures/real/nankoku_r4_budget/budget.json. Skipped,
with the reason, when the fetched book is absent (bench/realdocs.py says where it lives).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from chohyo.budget import BudgetLine
from chohyo.model import Document, Severity
from chohyo.pipeline import convert

from bench.realdocs import FETCHED, fetched, missing_reason
from tests.real.budget_truth import check_moku

REPO = Path(__file__).resolve().parents[2]
TRUTH = json.loads((REPO / "fixtures" / "real" / "nankoku_r4_budget" / "budget.json").read_text("utf-8"))
BOOK = fetched(TRUTH["source"])

pytestmark = pytest.mark.skipif(BOOK is None, reason=missing_reason(FETCHED / TRUTH["source"]))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Document, Path]]:
    assert BOOK is not None
    folder = tmp_path_factory.mktemp("nankoku_budget")
    result = convert(BOOK, folder)
    assert result.document is not None, result.error
    yield result.document, folder / BOOK.stem


def _lines(doc: Document, truth: dict[str, object]) -> list[BudgetLine]:
    assert doc.budget is not None
    return [
        line
        for line in doc.budget.lines
        if line.division == truth["division"]
        and [line.kan.number, line.kan.name] == truth["kan"]
        and [line.kou.number, line.kou.name] == truth["kou"]
        and [line.moku.number, line.moku.name] == truth["moku"]
    ]


def _n(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("truth", TRUTH["moku"], ids=lambda t: "/".join(t["moku"]))
def test_each_moku_has_its_values_sources_and_setsu(book: tuple[Document, Path], truth: dict) -> None:  # type: ignore[type-arg]
    doc, _ = book
    lines = _lines(doc, truth)
    setsu = check_moku(lines, truth)
    if "setsu" in truth:
        assert setsu == [[n, name, _n(a)] for n, name, a in truth["setsu"]]
    else:  # only one page of a long 目 read by hand: its 節 there, in order
        page = [
            [x.setsu_number, x.setsu_name, x.setsu_amount] for x in lines if x.setsu_number and x.page == 60
        ]
        assert page == [[n, name, _n(a)] for n, name, a in truth["setsu_on_page_60"]]
    if "notes" in truth:
        assert [[x.note, x.note_amount] for x in lines if x.note_amount is not None] == [
            [t, _n(a)] for t, a in truth["notes"]
        ]


def test_each_kou_is_closed_by_its_kei(book: tuple[Document, Path]) -> None:
    doc, _ = book
    assert doc.budget is not None
    for truth in TRUTH["kou"]:
        lines = [
            x
            for x in doc.budget.lines
            if x.division == truth["division"] and [x.kou.number, x.kou.name] == truth["kou"]
        ]
        assert lines and {x.kou.current for x in lines} == {_n(truth["total"])}, truth["kou"]


def test_the_summary_gives_each_kan_and_the_total(book: tuple[Document, Path]) -> None:
    doc, _ = book
    assert doc.budget is not None
    summary = TRUTH["summary_revenue"]
    kan = {x.kan.number: x.kan.current for x in doc.budget.lines if x.division == "歳入"}
    assert kan == {k: _n(v) for k, v in summary["kan"].items()}
    total = [r for r in doc.budget.relations if r.kind == "合計 = Σ款" and r.division == "歳入"]
    assert [(r.target, r.holds) for r in total] == [(_n(summary["total"]), True)]


def test_whole_book_every_relation_holds(book: tuple[Document, Path]) -> None:
    doc, folder = book
    assert doc.budget is not None
    whole = TRUTH["whole_book"]
    assert doc.budget.moku == whole["moku"]
    counts = doc.budget.counts()
    assert counts["項 = Σ目"] == (whole["kou"], whole["kou"])  # every 項 found by its 計, and all hold
    assert all(f == h for f, h in counts.values()), counts
    assert counts["目 = Σ節"][0] >= 0.9 * whole["moku"]
    assert counts["比較 = 本年度 − 前年度"] == (whole["moku"], whole["moku"])
    assert doc.budget.unlinked == 0
    assert sum(f.severity is Severity.ERROR for f in doc.findings) == whole["errors"]
    with (folder / "budget.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(doc.budget.lines)


def test_a_moku_name_wrapped_in_its_cell_is_one_name(book: tuple[Document, Path]) -> None:
    doc, _ = book
    assert doc.budget is not None
    names = {(x.division, x.moku.number, x.moku.name) for x in doc.budget.lines}
    for division, number, name in TRUTH["wrapped_moku"]["names"]:
        assert (division, number, name) in names
        assert not [
            n for d, k, n in names if d == division and k == number and n != name and name.startswith(n)
        ]


def test_setsu_broken_down_by_its_notes_on_another_citys_layout(book: tuple[Document, Path]) -> None:
    # p.85 (read on the page): 19 扶助費 1,699,316 = ○生活保護扶助費 1,695,500 + ○中国残留邦人生活支援
    # 3,816, each ○ item followed by its own breakdown (生活扶助費 401,000 …)
    doc, _ = book
    assert doc.budget is not None
    found = [r for r in doc.budget.relations if r.kind == "節 = Σ説明"]
    assert len(found) >= 40 and all(r.holds for r in found)
    aid = next(r for r in found if r.target == 1699316)
    assert (aid.division, aid.terms, aid.page) == ("歳出", (1695500, 3816), 85)
    # p.74: a 説明 name wrapped in the narrow column keeps its amount on its first line
    line = next(x for x in doc.budget.lines if x.page == 74 and x.note == "南国市権利擁護支援セ")
    assert line.note_amount == 1900
    # p.74: a name wrapped inside its parenthesis, the amount at the end of its first line
    # (``自立支援給付費（更生   130,000`` / ``医療）``): one row, with its amount
    wrapped = [
        (x.note, x.note_amount)
        for x in doc.budget.lines
        if x.page == 74 and x.note.startswith("自立支援給付費")
    ]
    assert ("自立支援給付費(更生医療)", 130000) in wrapped
    assert not [n for n, _ in wrapped if n.endswith(("(更生", "130,000"))]
