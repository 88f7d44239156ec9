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
    assert ["/".join(nospace(p) for p in c.path) for c in table.columns] == [
        nospace(c) for c in tt["columns"]
    ]
    assert list(table.pages) == tt["pages"]


@pytest.mark.parametrize("case", ["continued_3p", "continued_titled"])
def test_page_footer_is_not_a_row_and_not_text(case: str) -> None:
    doc = variant(case)
    labels = {nospace(r.label) for t in doc.tables for r in t.rows}
    assert not any(label.startswith("-") for label in labels)
    assert all(nospace(r.label) for t in doc.tables for r in t.rows)
    texts = [nospace(b.text) for p in doc.pages for b in p.text_blocks]
    assert texts and not any(t.strip("-").isdigit() for t in texts)


def test_paragraph_between_stacked_tables_stays_text() -> None:
    doc = variant("two_tables")
    texts = [b.text for p in doc.pages for b in p.text_blocks]
    assert any("3.2%" in t for t in texts)


def test_rotated_page_is_read_as_displayed() -> None:
    page = variant("rotated_page").pages[0]
    assert page.rotation == 90
    assert page.width > page.height  # landscape as shown, though the MediaBox is portrait
    table = page.tables[0]
    assert table.bbox is not None and table.bbox.x1 <= page.width and table.bbox.bottom <= page.height


def test_staircase_label_columns_keep_their_indentation() -> None:
    table = variant("staircase").tables[0]
    boxes = {r.label: c.bbox for r in table.rows for c in table.row_cells(r.index) if c.col == 0}
    kan, kou = boxes["1 市税"], boxes["1 市民税"]
    assert kan is not None and kou is not None and kou.x0 > kan.x0 + 20


@pytest.mark.parametrize("case", ["vertical_group", "vertical_group_borderless"])
def test_vertical_group_column_becomes_the_rows_parent(case: str) -> None:
    table = variant(case).tables[0]
    parents = {r.label: r.parents for r in table.rows}
    assert parents["市税"] == ("歳入",) and parents["歳出合計"] == ("歳出",)
