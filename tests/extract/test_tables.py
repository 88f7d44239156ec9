"""Born-digital tables on the fixture PDFs: every truth row in the right row and column."""

from __future__ import annotations

import pytest
from chohyo.model import CellKind, Table

from tests.extract.conftest import DIGITAL, clean_cell, document, nospace, truth


def _match_table(case: str, index: int) -> Table:
    """The extracted table whose rows carry the truth table's first labels."""
    want = [nospace(r["label"]) for r in truth(case)["tables"][index]["rows"]]
    tables = document(case).tables
    return max(tables, key=lambda t: len(set(want) & {nospace(r.label) for r in t.rows}))


def _truth_tables(case: str) -> list[tuple[str, int]]:
    return [(case, i) for i in range(len(truth(case)["tables"]))]


CASES = [c for case in DIGITAL for c in _truth_tables(case)]


@pytest.mark.parametrize(("case", "index"), CASES)
def test_every_truth_row_is_reproduced(case: str, index: int) -> None:
    tt = truth(case)["tables"][index]
    table = _match_table(case, index)
    rows = list(table.rows)
    assert len(rows) == len(tt["rows"]), f"{case}: {len(rows)} body rows, truth has {len(tt['rows'])}"
    for row, want in zip(rows, tt["rows"], strict=True):
        assert nospace(row.label) == nospace(want["label"])
        cells = {c.col: c for c in table.row_cells(row.index)}
        assert nospace(cells[0].text) == nospace(want["label"])
        for col, value in enumerate(want["values"], start=1):
            got = cells.get(col)
            text = got.text if got is not None else ""
            if value is None:
                assert clean_cell(text) == "", f"{row.label} col {col}: expected empty, got {text!r}"
                continue
            assert clean_cell(text) == value.lstrip("-"), f"{row.label} col {col}: {text!r} != {value}"
            if value.startswith("-"):
                assert text.strip()[0] in "△▲-−－(（", f"{row.label} col {col}: sign lost in {text!r}"


@pytest.mark.parametrize(("case", "index"), CASES)
def test_column_paths_follow_the_header(case: str, index: int) -> None:
    tt = truth(case)["tables"][index]
    table = _match_table(case, index)
    got = ["/".join(nospace(p) for p in col.path) for col in table.columns]
    assert got == [nospace(c) for c in tt["columns"]]


@pytest.mark.parametrize("case", ["budget_ruled", "budget_borderless", "budget_fullwidth"])
def test_continued_table_is_one_table_without_a_repeated_header(case: str) -> None:
    doc = document(case)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.pages == (1, 2)
    assert table.header_rows == 2
    labels = [nospace(r.label) for r in table.rows]
    assert "科目" not in labels and "公益事業1" not in labels
    assert {r.page for r in table.rows} == {1, 2}
    assert any(f.code == "table-continued" for f in doc.findings)


@pytest.mark.parametrize("case", ["budget_ruled", "budget_borderless", "budget_fullwidth", "branch_a3"])
def test_spanning_headers_become_paths_not_duplicates(case: str) -> None:
    table = document(case).tables[0]
    label_col = table.columns[0]
    assert len(label_col.path) == 1 and nospace(label_col.path[0]) == "科目"
    last = table.columns[-1]
    assert len(last.path) == 1  # 計 / 合計 spans both header rows: one element, not repeated
    header = [c for c in table.cells if c.row < table.header_rows]
    assert header and all(c.kind is CellKind.HEADER for c in header)
    spanning = [c for c in header if c.col_span > 1]
    assert spanning, "the group header (公益事業 / 支部) spans its sub-columns"


@pytest.mark.parametrize("case", ["budget_ruled", "budget_borderless", "budget_fullwidth", "branch_a3"])
def test_title_and_captions_above_the_table(case: str) -> None:
    table = document(case).tables[0]
    assert nospace(table.title) == nospace(truth(case)["tables"][0]["title"])
    captions = " ".join(table.captions)
    assert "単位" in captions and "円" in captions
    assert any("から" in c and "まで" in c for c in table.captions)


@pytest.mark.parametrize("case", ["budget_ruled", "budget_borderless", "budget_fullwidth"])
def test_cells_carry_kind_bbox_page_and_provenance(case: str) -> None:
    doc = document(case)
    table = doc.tables[0]
    page = doc.pages[0]
    method = {"budget_ruled": "lattice"}.get(case, "stream")
    body = list(table.body_cells())
    assert table.method == method
    for c in body:
        assert c.provenance.extractor == "pdfium" and c.provenance.method == method
        assert c.value is None  # numbers are parsed by the normalize stage
        assert c.text == c.raw_text.strip()
        if c.col == 0 and c.text:
            assert c.kind is CellKind.LABEL
        elif c.text:
            assert c.kind is CellKind.NUMBER
        else:
            assert c.kind is CellKind.EMPTY
        if c.bbox is not None:
            assert 0 <= c.bbox.x0 < c.bbox.x1 <= page.width and 0 <= c.bbox.top < c.bbox.bottom <= page.height
    assert {c.page for c in body} == {1, 2}


def test_letter_spacing_by_character_spacing_stays_one_cell() -> None:
    table = document("budget_ruled").tables[0]
    page2 = [r for r in table.rows if r.page == 2]
    assert "給料手当" in {r.label for r in page2}  # printed with character spacing, no space characters
    assert table.n_cols == 8


def test_letter_spacing_by_real_spaces_is_kept_as_printed() -> None:
    table = document("budget_borderless").tables[0]
    page2 = {r.label for r in table.rows if r.page == 2}
    assert "給 料 手 当" in page2  # the normalize stage merges it


def test_full_width_digits_stay_one_cell() -> None:
    table = document("budget_fullwidth").tables[0]
    texts = [c.text for c in table.body_cells() if c.kind is CellKind.NUMBER]
    assert "４４，３５４，５００" in texts
    assert all(len(table.row_cells(r.index)) == 8 for r in table.rows)
