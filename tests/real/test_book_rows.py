"""Rows and headers of the Fuji budget book (富士市 令和6年度 一般会計予算書) against hand-made truth.

The truth files (fixtures/real/fuji_r6_budget/p<N>.json) were read off the rendered pages: each
table's column paths and units, and every printed row as [label, values as printed]. The book
itself is not in the project: it is read from ../shared/real/ beside the checkout, and the test
skips when it is absent. Each page is cut out on its own (pypdfium2, into tmp_path) and converted
alone, so a table continued from the page before starts afresh here, as the truth says.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from chohyo.model import CellKind, Document, Table
from chohyo.pipeline import run
from chohyo.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT.parent / "shared" / "real" / "fuji_r6_budget.pdf"
TRUTH = ROOT / "fixtures" / "real" / "fuji_r6_budget"
OWN_PAGES = (4, 21, 28, 30, 101, 210)  # the pages these tests own (others may add files beside them)
PAGE_NUMBER = re.compile(r"^[-－ー―‐−]\s*\d{1,4}\s*[-－ー―‐−]$")


def _truth(page: int) -> dict[str, Any]:
    return json.loads((TRUTH / f"p{page}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Document]:
    if not BOOK.is_file():
        pytest.skip(f"the Fuji budget book is not at {BOOK} (../shared/real/ beside the checkout)")
    import pypdfium2 as pdfium

    out: dict[int, Document] = {}
    folder = tmp_path_factory.mktemp("fuji")
    book = pdfium.PdfDocument(str(BOOK))
    try:
        for n in OWN_PAGES:
            one = pdfium.PdfDocument.new()
            one.import_pages(book, [n - 1])
            path = folder / f"p{n}.pdf"
            one.save(str(path))
            one.close()
            out[n] = run(path, Settings().with_(validate={"enabled": False}))
    finally:
        book.close()
    return out


def _plain(printed: str) -> str:
    """A printed figure as the model holds it: no grouping commas, △ as a minus sign."""
    s = printed.replace(",", "").replace("，", "")
    return "-" + s[1:] if s[:1] in "△▲" else s


def _text(s: str) -> str:
    """Text compared as read: width folded, no layout spaces (the gap before a 説明 amount)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def _row(table: Table, index: int) -> list[str]:
    cells = {c.col: c for c in table.row_cells(index)}
    out = []
    for col in range(1, len(table.columns)):
        c = cells.get(col)
        if c is None:
            out.append("")
        elif c.kind is CellKind.NUMBER:
            out.append("" if c.value is None else format(c.value, "f"))
        else:
            out.append(_text(c.text))
    return out


def _expected(values: list[str]) -> list[str]:
    return [_plain(v) if re.fullmatch(r"[△▲]?[0-9][0-9,]*", v) else _text(v) for v in values]


@pytest.mark.parametrize("page", OWN_PAGES)
def test_headers_are_the_printed_column_paths(pages: dict[int, Document], page: int) -> None:
    truth = _truth(page)
    tables = pages[page].tables
    assert len(tables) == len(truth["tables"]), [t.title for t in tables]
    for got, want in zip(tables, truth["tables"], strict=True):
        assert [c.name for c in got.columns] == want["columns"], got.id
        assert [c.unit.name if c.unit else None for c in got.columns] == want["units"], got.id
        assert _text(got.title) == _text(want["title"]), got.id
        for amount in want.get("amounts", []):  # the amounts printed beside the 款 and 項 names
            assert _text(amount) in [_text(c) for c in got.captions], got.id


@pytest.mark.parametrize("page", OWN_PAGES)
def test_one_row_per_printed_row(pages: dict[int, Document], page: int) -> None:
    truth = _truth(page)
    for got, want in zip(pages[page].tables, truth["tables"], strict=True):
        rows = [[r.label, *_row(got, r.index)] for r in got.rows]
        expected = [[label, *_expected(values)] for label, *values in want["rows"]]
        assert rows == expected, got.id


@pytest.mark.parametrize("page", OWN_PAGES)
def test_no_page_number_or_running_head_in_a_table(pages: dict[int, Document], page: int) -> None:
    doc = pages[page]
    folio = _truth(page)["page_number"]
    for t in doc.tables:
        for c in t.cells:
            assert not PAGE_NUMBER.match(c.text.strip()), (t.id, c.row, c.text)
            assert _text(c.text) != _text(folio)
        for col in t.columns:  # a running heading (1款 市税 … 46,460,600千円) never names a column
            assert not re.search(r"\d+\s*[款項]|[\d,]+千円", col.name), col.name
    # the page number stays out of the text as well: it is neither a row nor a paragraph
    assert all(not PAGE_NUMBER.match(b.text.strip()) for b in doc.text_blocks)


def test_item_numbers_have_one_form(pages: dict[int, Document]) -> None:
    """``1 市税`` on every row, never ``1市税`` beside ``6 農林水産業費``."""
    labels = [r.label for n in OWN_PAGES for t in pages[n].tables for r in t.rows]
    numbered = [x for x in labels if re.match(r"^\d{1,3}\D", x)]
    assert numbered and all(re.match(r"^\d{1,3} \S", x) for x in numbered), numbered
