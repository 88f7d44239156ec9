"""A budget book printed two-up on landscape sheets, cut by 款: 富士市 令和8年度 一般会計予算書.

Its layout differs from the R6 book's portrait pages: a 目 page and its 節/説明 page side by side on
one sheet, several 項 on one sheet with the 目 column titles printed once at the top, and each 目
column title spanning several ruled grid columns. Truth read by hand from the rendered sheets:
fixtures/real/fuji_r8_twoup/budget.json. Skipped, with the reason, when the fetched files are absent
(bench/realdocs.py says where they live and how to refill them).
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from chohyo.budget import BudgetLine
from chohyo.model import Document, Severity
from chohyo.pipeline import run

from bench.realdocs import FETCHED, fetched, missing_reason
from tests.real.budget_truth import check_moku

REPO = Path(__file__).resolve().parents[2]
TRUTH = json.loads((REPO / "fixtures" / "real" / "fuji_r8_twoup" / "budget.json").read_text("utf-8"))
# the 款 cut from the book whose 目 tables span ruled grid columns or hold a second 項 untitled:
# every one gave false 本年度 = Σ財源 errors or lines with no 目 before
WHOLE = [
    "fuji_r8/歳入_01款_市税.pdf",
    "fuji_r8/歳入_16款_県支出金.pdf",
    "fuji_r8/歳出_06款_農林水産業費.pdf",
    "fuji_r8/歳出_07款_商工費.pdf",
    "fuji_r8/歳出_11款_災害復旧費.pdf",
    "fuji_r8/歳出_12款_公債費.pdf",
]

pytestmark = pytest.mark.xdist_group("fuji_r8_twoup")


@cache
def _doc(relative: str) -> Document:
    path = fetched(relative)
    if path is None:
        pytest.skip(missing_reason(FETCHED / relative))
    return run(path)


def _n(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _lines(doc: Document, truth: dict) -> list[BudgetLine]:  # type: ignore[type-arg]
    assert doc.budget is not None
    return [
        x
        for x in doc.budget.lines
        if x.division == truth["division"]
        and x.kan.number == truth["kan"][0]
        and [x.kou.number, x.kou.name] == truth["kou"]
        and [x.moku.number, x.moku.name] == truth["moku"]
    ]


MOKU = [(f["file"], m) for f in TRUTH["files"] for m in f["moku"]]


@pytest.mark.parametrize(
    ("file", "truth"), MOKU, ids=[f"{f.split('/')[-1]}:{'/'.join(m['moku'])}" for f, m in MOKU]
)
def test_each_moku_has_its_values_sources_and_setsu(file: str, truth: dict) -> None:  # type: ignore[type-arg]
    setsu = check_moku(_lines(_doc(file), truth), truth)
    if "setsu" in truth:
        assert setsu == [[n, name, _n(a)] for n, name, a in truth["setsu"]]


@pytest.mark.parametrize("entry", TRUTH["files"], ids=lambda f: f["file"].split("/")[-1])
def test_a_second_kou_on_the_sheet_is_closed_by_its_kei(entry: dict) -> None:  # type: ignore[type-arg]
    doc = _doc(entry["file"])
    assert doc.budget is not None
    for truth in entry["kou"]:
        got = {
            x.kou.current
            for x in doc.budget.lines
            if x.division == truth["division"] and [x.kou.number, x.kou.name] == truth["kou"]
        }
        assert got == {_n(truth["total"])}, truth["kou"]
        held = [
            r.holds
            for r in doc.budget.relations
            if r.kind == "項 = Σ目" and r.target_label.endswith(f"{truth['kou'][0]}項 {truth['kou'][1]}")
        ]
        assert held == [True], truth["kou"]


JIGYOU = [(f["file"], j) for f in TRUTH["files"] for j in f.get("jigyou", [])]


@pytest.mark.parametrize(("file", "truth"), JIGYOU, ids=[j["note"] for _, j in JIGYOU])
def test_a_jigyou_is_marked_over_its_sai_jigyou_and_checked(file: str, truth: dict) -> None:  # type: ignore[type-arg]
    doc = _doc(file)
    assert doc.budget is not None
    lines = [x for x in doc.budget.lines if [x.moku.number, x.moku.name] == truth["moku"] and x.note_level]
    assert [(x.note_level, x.note, x.note_amount) for x in lines] == [
        ("事業", truth["note"], truth["amount"]),
        *(("細事業", note, amount) for note, amount in truth["sai"]),
    ]
    rel = [
        r
        for r in doc.budget.relations
        if r.kind == "事業 = Σ細事業" and r.target_label.endswith(truth["note"])
    ]
    assert [(r.target, r.terms, r.holds) for r in rel] == [
        (truth["amount"], tuple(a for _, a in truth["sai"]), True)
    ]


@pytest.mark.parametrize("file", WHOLE, ids=lambda f: f.split("/")[-1])
def test_every_line_has_its_moku_and_no_false_alarm(file: str) -> None:
    doc = _doc(file)
    assert doc.budget is not None
    assert doc.budget.unlinked == 0
    counts = doc.budget.counts()
    assert all(f == h for f, h in counts.values()), counts
    assert counts["比較 = 本年度 − 前年度"] == (doc.budget.moku, doc.budget.moku)
    if file.split("/")[-1].startswith("歳出"):  # 財源内訳 printed on every 目 row: each one checked
        assert counts["本年度 = Σ財源"] == (doc.budget.moku, doc.budget.moku)
    assert [f.message for f in doc.findings if f.severity is Severity.ERROR] == []
