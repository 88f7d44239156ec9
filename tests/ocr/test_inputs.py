"""Image inputs, mixed PDFs, bad text layers, and a missing Tesseract."""

from __future__ import annotations

from pathlib import Path

import doc_cache
import pypdfium2 as pdfium
import pytest
from chohyo.errors import MissingDependencyError, ResourceLimitError
from chohyo.extract import extract_document
from chohyo.extract.ocr import ocr_available, text_layer_is_bad
from chohyo.model import PageKind
from chohyo.settings import ExtractSettings

from .conftest import ROOT, SCANNED, cells_right, needs_tesseract, truth
from .goodlayer import make_good_layer_pdf


@doc_cache.group("budget_ruled_p1.png")
@needs_tesseract
@pytest.mark.slow
def test_png_input_is_read():
    doc = doc_cache.extract(SCANNED / "budget_ruled_p1.png", ExtractSettings())
    assert len(doc.pages) == 1 and doc.pages[0].kind is PageKind.SCANNED
    table = doc.tables[0]
    rows = truth("budget_ruled_p1")["tables"][0]["rows"]
    assert table.n_rows - table.header_rows == len(rows)
    right, total = cells_right(table.grid(), rows)
    assert right / total >= 0.9, f"{right}/{total}"


@doc_cache.group("budget_ruled.tiff")
@needs_tesseract
@pytest.mark.slow
def test_multipage_tiff_becomes_one_continued_table():
    doc = doc_cache.extract(SCANNED / "budget_ruled.tiff", ExtractSettings())
    assert len(doc.pages) == 2
    assert len(doc.tables) == 1, "the table continued on page 2 is merged"
    table = doc.tables[0]
    assert table.pages == (1, 2)
    rows = truth("budget_ruled")["tables"][0]["rows"]
    assert table.n_rows - table.header_rows == len(rows)


@needs_tesseract
def test_bad_text_layer_detected():
    pdf = pdfium.PdfDocument(SCANNED / "budget_badlayer.pdf")
    reason = text_layer_is_bad(pdf, 0)
    assert reason and "text layer" in reason


@needs_tesseract
@pytest.mark.slow
def test_good_text_layer_is_kept(tmp_path: Path):
    good = make_good_layer_pdf(ROOT / "fixtures" / "budget_ruled.pdf", tmp_path / "good.pdf")
    assert text_layer_is_bad(pdfium.PdfDocument(good), 0) is None


def test_no_layer_or_born_digital_is_not_bad():
    assert text_layer_is_bad(pdfium.PdfDocument(SCANNED / "budget_ruled_200.pdf"), 0) is None
    assert text_layer_is_bad(pdfium.PdfDocument(ROOT / "fixtures" / "budget_ruled.pdf"), 0) is None


@needs_tesseract
@pytest.mark.slow
def test_mixed_pdf_routes_each_page():
    doc = doc_cache.extract(SCANNED / "budget_mixed.pdf", ExtractSettings())
    assert [p.kind for p in doc.pages] == [PageKind.SCANNED, PageKind.DIGITAL]
    # the table continued from the scanned page onto the digital one is one table
    table = doc.tables[0]
    assert table.pages == (1, 2)
    assert all(c.is_ocr for c in table.cells if c.page == 1 and c.raw_text)
    assert all(not c.is_ocr for c in table.cells if c.page == 2)
    rows = truth("budget_mixed")["tables"][0]["rows"]
    right, total = cells_right(table.grid(), rows)
    assert right / total >= 0.95


def test_missing_tesseract_raises(monkeypatch: pytest.MonkeyPatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/bin/tesseract")
    with pytest.raises(MissingDependencyError) as err:
        ocr_available("jpn")
    assert "apt-get install" in str(err.value)
    with pytest.raises(MissingDependencyError):
        extract_document(SCANNED / "budget_ruled_p1.png", ExtractSettings())


@needs_tesseract
def test_missing_language_raises():
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-jpn"):
        ocr_available("xyz_nonexistent")


def test_image_bomb_guard():
    with pytest.raises(ResourceLimitError):
        extract_document(SCANNED / "budget_ruled_p1.png", ExtractSettings(max_page_pixels=1_000_000))


@needs_tesseract
@pytest.mark.slow
def test_the_bad_layer_test_gets_the_users_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """extract_document hands the user's settings to text_layer_is_bad (it once ran with the defaults
    whatever was asked). A good Japanese layer checked by a fresh OCR in English (ocr_lang=eng) finds
    none of its kana and kanji pairs: the layer is judged unusable and the page goes to OCR; with the
    default jpn the same layer is kept."""
    import chohyo.extract.document as document_module
    from chohyo.extract.ocr import textlayer
    from chohyo.model import Page

    good = make_good_layer_pdf(ROOT / "fixtures" / "budget_ruled.pdf", tmp_path / "good.pdf")
    langs: list[str] = []
    agreement = textlayer._agreement

    def watched(gray, dpi, text, lang):  # the real test, with the language it was given noted
        langs.append(lang)
        return agreement(gray, dpi, text, lang)

    def no_ocr(pdf, index, settings):  # the page's own OCR is not what this test is about
        width, height = pdf[index].get_size()
        return Page(index + 1, width, height, PageKind.SCANNED), ()

    monkeypatch.setattr(textlayer, "_agreement", watched)
    monkeypatch.setattr(document_module, "read_scanned_page", no_ocr)

    doc = extract_document(good, ExtractSettings(ocr_lang="eng"))
    assert langs == ["eng"]
    assert doc.pages[0].kind is PageKind.SCANNED
    assert "bad-text-layer" in [f.code for f in doc.findings]

    langs.clear()
    doc = extract_document(good, ExtractSettings())
    assert langs == ["jpn"]
    assert doc.pages[0].kind is PageKind.DIGITAL
