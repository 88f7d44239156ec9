"""Tesseract processes started ahead of their images (engines/tesseract_procs.py): the reading is
the one pytesseract's own call gives, and nothing started ahead outlives its page."""

from __future__ import annotations

import pytest
from chohyo.extract.ocr.engines import ReadKind, reader_for
from chohyo.extract.ocr.engines import tesseract_procs as procs
from chohyo.extract.ocr.engines.tesseract import (
    APT_HINT,
    NUMERIC_WHITELIST,
    _tesseract_cmd,
    parse_hocr,
)
from chohyo.extract.ocr.images import page_image
from chohyo.settings import ExtractSettings

from tests.ocr.conftest import SCANNED, needs_tesseract

pytestmark = needs_tesseract


@pytest.fixture(scope="module")
def band():
    """The title and the first rows of a real-size scanned page (300 dpi), grey."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(SCANNED / "budget_ruled_300.pdf")
    gray = page_image(pdf, 0, ExtractSettings()).gray
    return gray[: gray.shape[0] // 4]


@pytest.mark.parametrize("whitelist", [None, NUMERIC_WHITELIST])
def test_a_process_started_ahead_reads_as_pytesseract_does(band, whitelist):
    import pytesseract
    from PIL import Image

    config = "--psm 6 --dpi 300 -c hocr_char_boxes=1"
    if whitelist:
        config += f" -c tessedit_char_whitelist={whitelist}"
    theirs = parse_hocr(
        pytesseract.image_to_pdf_or_hocr(
            Image.fromarray(band), lang="jpn", config=config, extension="hocr"
        ).decode()
    )
    args = procs.command(_tesseract_cmd(), "jpn", 6, 300, whitelist)
    procs.start(args, 1, APT_HINT)
    assert procs.waiting() == 1
    ours = parse_hocr(procs.hocr(args, band, APT_HINT))
    assert procs.waiting() == 0  # the waiting one was taken
    assert len(ours) >= 2 and any(any(ch.isdigit() for ch in w.text) for ln in ours for w in ln.words)
    assert ours == theirs


def test_a_process_nobody_took_is_stopped():
    reader = reader_for(ReadKind.NUMBER)
    reader.ready(ReadKind.NUMBER, 2)
    reader.ready(ReadKind.PAGE, 1, psm=6)
    started = [p for waiting in procs._WAITING.values() for _, p in waiting]
    assert len(started) == 3 and all(p.poll() is None for p in started)
    reader.release()
    assert procs.waiting() == 0
    assert all(p.returncode is not None for p in started)  # stopped and reaped


def test_no_more_wait_than_the_cap():
    reader = reader_for(ReadKind.NUMBER)
    try:
        reader.ready(ReadKind.NUMBER, procs.WAITING_MAX + 3)
        assert procs.waiting() == procs.WAITING_MAX
    finally:
        reader.release()


def test_a_page_read_leaves_no_process_waiting():
    import pypdfium2 as pdfium
    from chohyo.extract.ocr.page import read_page

    pdf = pdfium.PdfDocument(SCANNED / "budget_ruled_150.pdf")
    page = read_page(page_image(pdf, 0, ExtractSettings()), 1, ExtractSettings())
    assert page.tables and procs.waiting() == 0


def test_a_missing_tesseract_is_a_missing_dependency(monkeypatch):
    from chohyo.errors import MissingDependencyError

    args = procs.command("/nonexistent/bin/tesseract", "jpn", 6, 300)
    with pytest.raises(MissingDependencyError, match="apt-get install"):
        procs.start(args, 1, APT_HINT)
    with pytest.raises(MissingDependencyError, match="apt-get install"):
        procs.hocr(args, __import__("numpy").full((20, 20), 255, dtype="uint8"), APT_HINT)
