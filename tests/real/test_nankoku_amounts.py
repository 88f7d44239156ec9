"""Amounts printed in their own place are values (issue 16 part 3): a figure printed with its unit
(地方債調書 ``905,295千円``), the body of a table beside a side title down its whole height (給与費明細書
職員手当の内訳). Hand truth: fixtures/real/nankoku_r4_nouson_haisui/amounts.json. Skipped, with the
reason, when the fetched book is absent (bench/realdocs.py says where it lives)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from chohyo.model import Document, Severity, Table, Unit
from chohyo.pipeline import convert

from bench.realdocs import FETCHED, fetched, missing_reason

REPO = Path(__file__).resolve().parents[2]
TRUTH = json.loads(
    (REPO / "fixtures" / "real" / "nankoku_r4_nouson_haisui" / "amounts.json").read_text("utf-8")
)
BOOK = fetched(TRUTH["source"])

pytestmark = pytest.mark.skipif(BOOK is None, reason=missing_reason(FETCHED / TRUTH["source"]))


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Document]:
    assert BOOK is not None
    result = convert(BOOK, tmp_path_factory.mktemp("nankoku_amounts"))
    assert result.document is not None, result.error
    yield result.document


def _row_values(doc: Document, page: int, label: str) -> list[tuple[Table, list[Decimal], list[Unit | None]]]:
    out = []
    for t in doc.tables:
        if page not in t.pages:
            continue
        for row in t.rows:
            if not row.label.replace(" ", "").startswith(label):
                continue
            cells = sorted(
                (c for c in t.cells if c.row == row.index and c.value is not None), key=lambda c: c.col
            )
            out.append(
                (t, [c.value for c in cells if c.value is not None], [t.columns[c.col].unit for c in cells])
            )
    return out


@pytest.mark.parametrize("truth", TRUTH["rows"], ids=lambda r: f"p{r['page']}-{r['table']}")
def test_printed_figures_are_values_at_their_unit(doc: Document, truth: dict[str, object]) -> None:
    found = _row_values(doc, int(str(truth["page"])), str(truth["label"]))
    want = [Decimal(str(x)) for x in truth["figures"]]  # type: ignore[attr-defined]
    unit = Unit.named(str(truth["unit"])) if truth["unit"] else None
    assert any(
        values[-len(want) :] == want and set(units[-len(want) :]) == {unit} for _, values, units in found
    ), found


def test_the_debt_table_arithmetic_holds_on_the_values(doc: Document) -> None:
    ((_, values, _),) = _row_values(doc, 20, "農業集落排水事業債")
    _, before, borrowed, repaid, after = values  # 前々年度末, 前年度末, 起債, 償還, 当該年度末
    assert before + borrowed - repaid == after


def test_no_error_and_no_unit_warning_on_the_tables_read(doc: Document) -> None:
    pages = {int(str(r["page"])) for r in TRUTH["rows"]}
    assert not [
        f
        for f in doc.findings
        if f.page in pages and (f.severity is Severity.ERROR or f.code == "unparseable-number")
    ]
