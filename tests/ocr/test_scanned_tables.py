"""Scanned budgets: tables found with the right shape, numbers read right, pages turned upright."""

from __future__ import annotations

import difflib

import doc_cache
import pytest
from chohyo.model import CellKind, PageKind
from chohyo.settings import ExtractSettings

from .conftest import SCANNED, cells_right, needs_tesseract, truth

pytestmark = [needs_tesseract, pytest.mark.slow]


@pytest.fixture(scope="module")
def ruled_page():
    return doc_cache.scanned_page(SCANNED / "budget_ruled_200.pdf", 0, ExtractSettings())


@doc_cache.group("budget_ruled_200.pdf page 1")
def test_ruled_200dpi_table_shape(ruled_page):
    page, _found = ruled_page
    assert page.kind is PageKind.SCANNED and page.dpi == pytest.approx(200, abs=1)
    assert len(page.tables) == 1
    table = page.tables[0]
    assert table.header_rows == 2
    assert table.n_cols == 8
    # page 1 of the budget holds its first 46 body rows
    assert table.n_rows - table.header_rows == 46
    # two header rows: 公益事業 spans five sub-columns; 科目, 法人会計, 計 span both rows
    assert [len(c.path) for c in table.columns] == [1, 2, 2, 2, 2, 2, 1, 1]
    want = truth("budget_ruled_200")["tables"][0]["columns"]
    close = [
        difflib.SequenceMatcher(None, c.name, w).ratio() >= 0.6
        for c, w in zip(table.columns, want, strict=True)
    ]
    assert sum(close) >= 7, [c.name for c in table.columns]


@doc_cache.group("budget_ruled_200.pdf page 1")
def test_ruled_200dpi_numbers_read(ruled_page):
    page, _ = ruled_page
    table = page.tables[0]
    rows = truth("budget_ruled_200")["tables"][0]["rows"][:46]
    right, total = cells_right(table.grid(), rows)
    assert total == 46 * 7
    assert right / total >= 0.95, f"{right}/{total} numeric cells read right"


@doc_cache.group("budget_ruled_200.pdf page 1")
def test_ocr_cells_carry_provenance_and_confidences(ruled_page):
    page, _ = ruled_page
    table = page.tables[0]
    numbers = [c for c in table.cells if c.kind is CellKind.NUMBER]
    assert numbers and all(c.provenance.extractor in ("tesseract", "rapidocr") and c.is_ocr for c in numbers)
    assert (
        sum(c.provenance.extractor == "tesseract" for c in numbers) > len(numbers) / 2
    )  # numbers: Tesseract first
    for c in numbers:
        assert len(c.char_confidences) == len(c.raw_text)
        assert all(0.0 <= p <= 1.0 for p in c.char_confidences)
        assert (
            c.bbox is not None
            and 0 <= c.bbox.x0 < c.bbox.x1 <= page.width
            and 0 <= c.bbox.top < c.bbox.bottom <= page.height
        )
    assert table.title and any("単位" in cap for cap in table.captions)


def test_upside_down_page_is_turned_and_read():
    page, _ = doc_cache.scanned_page(
        SCANNED / "budget_borderless_200.pdf", 1, ExtractSettings()
    )  # page 2 was scanned upside down
    assert page.rotation == 180
    assert len(page.tables) == 1
    table = page.tables[0]
    assert table.n_cols == 8
    rows = truth("budget_borderless_200")["tables"][0]["rows"][46:]
    right, total = cells_right(table.grid(), rows)
    assert right / total >= 0.9, f"{right}/{total} numeric cells read right"


@doc_cache.group("budget_ruled_200.pdf page 1")
def test_rapidocr_cells_carry_a_confidence_per_character(ruled_page):
    """RapidOCR's recognizer scores every character; the cell keeps them (the number repair tries
    the least sure digits first) and its confidence stays the line's score (the mean)."""
    page, _ = ruled_page
    labels = [
        c for c in page.tables[0].cells if c.provenance.extractor == "rapidocr" and len(c.raw_text) >= 3
    ]
    assert len(labels) >= 20
    for c in labels:
        assert len(c.char_confidences) == len(c.raw_text)
        assert min(c.char_confidences) <= c.confidence <= max(c.char_confidences) + 1e-6
    assert sum(len(set(c.char_confidences)) > 1 for c in labels) >= len(labels) // 2
