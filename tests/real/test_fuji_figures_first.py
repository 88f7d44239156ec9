"""A table whose first column is figures (Fuji p.23, 財源内訳: 国県支出金 | 地方債 | その他 | 一般財源,
its row names on the facing page) reads that column as values, not as row labels; a table whose
first column is its labels keeps them (p.22, the facing page). Truth made by hand from the rendered
page: fixtures/real/fuji_r6_budget/p023_sources.json. Skipped when ../shared/real/ is absent."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from chohyo.model import CellKind, Document, Severity
from chohyo.pipeline import convert

from tests.real.test_real_fuji import BOOK, TRUTH, _cut

pytestmark = pytest.mark.skipif(
    not BOOK.exists(),
    reason=f"the real book is not here: {BOOK} (../shared/real/ sits beside the checkout on CI)",
)


@pytest.fixture(scope="module")
def pages_22_23(tmp_path_factory: pytest.TempPathFactory) -> Document:
    folder = tmp_path_factory.mktemp("fuji_sources")
    result = convert(_cut([22, 23], folder), folder / "out")
    assert result.document is not None, result.error
    return result.document


def _rows_of_values(doc: Document, page: int) -> list[list[Decimal | None]]:
    out = []
    for t in doc.tables:
        if t.pages[0] != page:
            continue
        for r in range(t.header_rows, t.n_rows):
            cells = sorted(t.row_cells(r), key=lambda c: c.col)
            if any(c.value is not None for c in cells):
                out.append([c.value for c in cells])
    return out


def test_the_first_column_of_figures_is_read_as_values(pages_22_23: Document) -> None:
    truth = json.loads((TRUTH / "p023_sources.json").read_text(encoding="utf-8"))
    found = _rows_of_values(pages_22_23, 2)
    for row in truth["rows"]:
        want = [None if v is None else Decimal(v) for v in row]
        assert want in found, (want, found)


def test_no_label_is_taken_from_figures(pages_22_23: Document) -> None:
    for t in pages_22_23.tables:
        if t.pages[0] == 2:
            assert all(not r.label for r in t.rows), [r.label for r in t.rows]
            assert not any(c.kind is CellKind.LABEL for c in t.body_cells())


def test_the_facing_page_keeps_its_labels_and_no_alarm(pages_22_23: Document) -> None:
    labels = [r.label for t in pages_22_23.tables if t.pages[0] == 1 for r in t.rows if r.label]
    assert any("議会費" in x for x in labels), labels
    assert not [f for f in pages_22_23.findings if f.severity is Severity.ERROR]
    assert all(r.holds for t in pages_22_23.tables for r in t.relations)
