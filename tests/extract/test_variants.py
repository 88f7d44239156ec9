"""Layouts the extractor was not tuned on (fixtures/variants/, made by make_variants.py).

Every truth table is found as one table with the truth's column paths, every truth row is
reproduced exactly (label, every value: full-width digits, △ and (1,234) negatives, `-` = none)
and nothing else becomes a body row (no year header, page footer or paragraph).
"""

from __future__ import annotations

import pytest
from chohyo.model import Table

from tests.extract.conftest import VARIANT_CASES, clean_signed, nospace, variant, variant_truth

CASES = [(c, i) for c in VARIANT_CASES for i in range(len(variant_truth(c)["tables"]))]


def _match(case: str, index: int) -> Table:
    want = [nospace(r["label"]) for r in variant_truth(case)["tables"][index]["rows"]]
    return max(variant(case).tables, key=lambda t: len(set(want) & {nospace(r.label) for r in t.rows}))


def test_every_variant_case_is_covered() -> None:
    assert len(VARIANT_CASES) >= 6


@pytest.mark.parametrize("case", VARIANT_CASES)
def test_one_table_per_truth_table(case: str) -> None:
    assert len(variant(case).tables) == len(variant_truth(case)["tables"])


@pytest.mark.parametrize(("case", "index"), CASES)
def test_every_truth_row_is_exact(case: str, index: int) -> None:
    tt = variant_truth(case)["tables"][index]
    table = _match(case, index)
    got = []
    for r in table.rows:
        texts = {c.col: c.text for c in table.row_cells(r.index)}
        got.append([nospace(r.label), *(clean_signed(texts.get(k)) for k in range(1, len(table.columns)))])
    want = [[nospace(r["label"]), *r["values"]] for r in tt["rows"]]
    assert got == want


@pytest.mark.parametrize(("case", "index"), CASES)
def test_column_paths_and_pages(case: str, index: int) -> None:
    tt = variant_truth(case)["tables"][index]
    table = _match(case, index)
    assert ["/".join(nospace(p) for p in c.path) for c in table.columns] == [nospace(c) for c in tt["columns"]]
    assert list(table.pages) == tt["pages"]


def test_page_footer_is_not_a_row_and_not_text() -> None:
    doc = variant("continued_3p")
    labels = {nospace(r.label) for t in doc.tables for r in t.rows}
    assert not any(label.startswith("-") for label in labels)
    assert all(nospace(r.label) for t in doc.tables for r in t.rows)


def test_paragraph_between_stacked_tables_stays_text() -> None:
    doc = variant("two_tables")
    texts = [b.text for p in doc.pages for b in p.text_blocks]
    assert any("3.2%" in t for t in texts)
