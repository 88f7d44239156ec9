"""基金現在高調 of the 南国市 council papers (issues 15/16): amounts printed with the word naming the
change (``取崩 △ 200,000`` over ``積立 608``) come out as values with their sign, under a column per
word, each fund one row; the page's own arithmetic (計 and the balances across the columns) holds.
Skipped, with the reason, when the fetched documents are absent (CHOHYO_FETCHED, by default /work/realx)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from chohyo.extract.tables.labelled_amounts import TRANSFORM
from chohyo.model import Document
from chohyo.pipeline import run
from chohyo.settings import Settings

from bench.realdocs import FETCHED, fetched, missing_reason

# page → labelled amounts the page prints (counted on the rendered page; pdftotext agrees)
PAGES = {
    "nankoku/425_2022_03__benkyoukai__3gatsuhosei__Ｐ２　基金現在高調.pdf": 83,
    "nankoku/425_2022_03__benkyoukai__4gatsutousho__Ｐ11　基金現在高調.pdf": 71,
    "nankoku/426_2022_06__benkyoukai__Ｐ3　基金現在高調　.pdf": 45,
}
_cache: dict[str, Document] = {}


def _doc(relative: str) -> Document:
    path: Path | None = fetched(relative)
    if path is None:
        pytest.skip(missing_reason(FETCHED / relative))
    if relative not in _cache:
        _cache[relative] = run(path, Settings().with_(extract={"ocr": "never"}))
    return _cache[relative]


@pytest.mark.parametrize("relative", sorted(PAGES))
def test_every_labelled_amount_is_a_value_and_the_arithmetic_holds(relative: str) -> None:
    doc = _doc(relative)
    (t,) = [t for t in doc.tables if any(c.path and c.path[-1] in ("取崩", "積立") for c in t.columns)]
    labelled = [c for c in t.cells if any(x.startswith(TRANSFORM) for x in c.provenance.transforms)]
    assert len(labelled) == PAGES[relative]
    assert all(c.value is not None for c in labelled)
    # no word left in a body cell, no sign left in a label
    body = [c for c in t.cells if c.row >= t.header_rows]
    assert not [c.raw_text for c in body if c.col > 0 and ("取崩" in c.raw_text or "積立" in c.raw_text)]
    assert not [r.label for r in t.rows if "△" in r.label]
    # each fund one row: no body row without its label but with amounts
    values = {c.row for c in body if c.value is not None}
    assert all(r.label for r in t.rows if r.index in values)
    # 計 and the balances (差引残高 = 前年度末残高 + Σ the changes, △ negative) are found and hold
    assert len(t.relations) >= 3 and all(r.holds for r in t.relations)
    assert not [c.path for c in t.columns if "基金現在高調" in "".join(c.path)]  # the title names no column
    assert not [f for f in doc.findings if f.severity.name == "ERROR"]


def test_fund_row_reads_as_printed() -> None:
    """財政調整, 令和2年度 当初～３月専決: 取崩 △ 200,000 over 積立 608 (the 積立 line cut off by the
    reader before, a row of its own with no label)."""
    doc = _doc(min(PAGES))
    (t,) = doc.tables[:1]
    names = [" / ".join(c.path) for c in t.columns]
    row = next(r.index for r in t.rows if r.label == "財政調整")
    v = {names[c.col]: c.value for c in t.cells if c.row == row}
    assert v["令和2年度 積立・取崩 / 当初~3月専決 / 取崩"] == Decimal(-200000)
    assert v["令和2年度 積立・取崩 / 当初~3月専決 / 積立"] == Decimal(608)
    assert v["令和2年度 積立・取崩 / 決算積立 / 積立"] == Decimal(200000)
    assert v["令和3年度予算計上額 / 12月補正 / 取崩"] == Decimal(10787)  # a 取崩 reduced: positive
    assert v["差引残高"] == Decimal(1947198)
