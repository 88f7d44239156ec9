"""The real 富士市 budget book (../shared/real/fuji_r6_budget.pdf) on a handful of its pages.

Each test converts only the pages it needs (cut into a temporary PDF) and checks them against the
truth made by hand from the rendered pages (fixtures/real/fuji_r6_budget/): no value read from a
unit mark, no false alarm, the printed figures recovered, the book's identities held, blank pages
told without OCR. Skipped, with the reason, when the shared folder is absent (a user's clone).
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from chohyo.japanese.units import parse_unit as unit_mark
from chohyo.model import CellKind, Document, PageKind, Severity, Status, Table
from chohyo.pipeline import convert, run

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / ".." / "shared" / "real" / "fuji_r6_budget.pdf"
TRUTH = REPO / "fixtures" / "real" / "fuji_r6_budget"
TRUTH_PAGES = (28, 222, 236, 600)

pytestmark = pytest.mark.skipif(
    not BOOK.exists(),
    reason=f"the real book is not here: {BOOK} (../shared/real/ "
    "sits beside the checkout on CI; a user's clone has none)",
)


def _cut(pages: list[int], folder: Path) -> Path:
    """The given pages (1-based) of the book as a PDF of their own, in a temporary folder."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(BOOK))
    dst = pdfium.PdfDocument.new()
    dst.import_pages(src, [p - 1 for p in pages])
    out = folder / f"fuji_p{'_'.join(map(str, pages))}.pdf"
    dst.save(str(out))
    dst.close()
    src.close()
    return out


def _truth(page: int) -> dict:
    return json.loads((TRUTH / f"p{page:03d}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path, float]:
    folder = tmp_path_factory.mktemp("fuji")
    pdf = _cut(list(TRUTH_PAGES), folder)
    start = time.perf_counter()
    result = convert(pdf, folder / "out")
    assert result.document is not None, result.error
    return result.document, folder / "out" / pdf.stem, time.perf_counter() - start


def _tables_on(doc: Document, page: int) -> list[Table]:
    """The tables printed on a book page (a table continued from the page before counts)."""
    index = TRUTH_PAGES.index(page) + 1
    return [t for t in doc.tables if index in t.pages]


def _squeeze(text: str) -> str:
    return "".join(text.split())


def test_no_value_comes_from_a_unit_mark(converted: tuple[Document, Path, float]) -> None:
    doc, folder, _ = converted
    for t in doc.tables:
        for c in t.body_cells():
            assert not (unit_mark(c.raw_text) and c.value is not None), (t.id, c.row, c.col, c.raw_text)
    rows = pq.read_table(folder / "cells.parquet").to_pylist()
    valued = [r for r in rows if "千円" in (r["raw_text"] or "") and r["value"] is not None]
    assert valued == []
    # the marks became the units of the amount columns
    units = {c.unit.name for t in doc.tables for c in t.columns if c.unit is not None}
    assert "千円" in units


def test_no_false_alarm(converted: tuple[Document, Path, float]) -> None:
    doc, _, _ = converted
    errors = [f.message for f in doc.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert doc.status is Status.SUCCESS
    assert all(r.holds for t in doc.tables for r in t.relations)


def _value_rows(t: Table, page: int) -> list[tuple[list[str], list[Decimal]]]:
    labels = {r.index: r.label for r in t.rows}
    index = TRUTH_PAGES.index(page) + 1
    out = []
    for r in range(t.header_rows, t.n_rows):
        values = [
            c.value
            for c in t.row_cells(r)
            if c.kind is CellKind.NUMBER and c.value is not None and c.page == index
        ]
        if values:  # the row's label, or its label cells (a second label column beside 前年度)
            texts = [labels.get(r, "")] + [
                c.text for c in t.row_cells(r) if c.kind in (CellKind.LABEL, CellKind.TEXT)
            ]
            out.append(([_squeeze(x) for x in texts if x.strip()], values))
    return out


@pytest.mark.parametrize("page", TRUTH_PAGES)
def test_truth_values_recovered(converted: tuple[Document, Path, float], page: int) -> None:
    doc, _, _ = converted
    found = [row for t in _tables_on(doc, page) for row in _value_rows(t, page)]
    for table in _truth(page)["tables"]:
        for row in table["rows"]:
            want = [Decimal(str(v)) for v in row["values"] if v is not None]
            label = _squeeze(row["label"])
            # a wrapped label may still come out cut (31財政調整基 / 金費): a prefix of the truth counts
            hits = [lab for lab, values in found if values == want]
            assert hits, f"p{page} {row['label']}: {want} not found"
            assert any(not labs or any(label in lab or lab in label for lab in labs) for labs in hits), (
                label,
                hits,
            )


def test_the_books_identities_are_found_and_hold(converted: tuple[Document, Path, float]) -> None:
    doc, _, _ = converted
    by_page = {p: [r for t in _tables_on(doc, p) for r in t.relations] for p in TRUTH_PAGES}
    # page 222 prints its header in place: the identities are found by the columns' titles
    described = {r.description for r in by_page[222]}
    assert "比較 = 本年度 - 前年度" in described
    assert any(d.startswith("本年度 = 国県支出金") and d.endswith("一般財源") for d in described)
    # page 28: 計 = 1 個人 + 2 法人, and 比較 = 本年度 − 前年度 in some form on every row
    assert any(r.axis == "row" and len(r.terms) == 2 for r in by_page[28])
    assert any(r.axis == "col" for r in by_page[28])
    # page 236: the 財源 breakdown of 計 (7,519,634 = 139,189 + 393,700 + 927,003 + 6,059,742)
    assert any(r.axis == "col" and len(r.terms) == 4 for r in by_page[236])
    assert all(r.holds for rs in by_page.values() for r in rs)


def test_a_ratio_row_is_never_part_of_a_sum(converted: tuple[Document, Path, float]) -> None:
    doc, _, _ = converted
    (table,) = [
        t for t in _tables_on(doc, 600) if any("比" in c.text and "率" in c.text for c in t.body_cells())
    ][:1]
    ratio_row = next(c.row for c in table.body_cells() if _squeeze(c.text).startswith("比率"))
    for r in table.relations:
        if r.axis == "row":
            assert ratio_row not in (r.target, *(t.index for t in r.terms)), r.description
    # 合計 = Σ 職種 across the columns holds on the persons' rows and is not checked on the ratio row
    assert any(r.axis == "col" and len(r.terms) == 7 and r.holds for r in table.relations)


def test_blank_pages_are_not_read_by_ocr(tmp_path: Path) -> None:
    pages = json.loads((TRUTH / "blank_pages.json").read_text(encoding="utf-8"))["pages"]
    pdf = _cut([pages[0], 172, 173], tmp_path)  # 172 and 173 hold a path that draws nothing
    start = time.perf_counter()
    doc = run(pdf)
    seconds = time.perf_counter() - start
    assert [p.kind for p in doc.pages] == [PageKind.DIGITAL] * 3
    assert all(any("blank page" in n for n in p.notes) for p in doc.pages)
    assert not [f for f in doc.findings if f.code in {"scanned-page", "ocr-skipped"}]
    assert doc.status is not Status.PARTIAL
    assert seconds < 2.0  # no OCR: milliseconds a page (2 s allows for a slow shared machine)
