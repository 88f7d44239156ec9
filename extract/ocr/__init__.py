"""OCR of scanned pages and image files: the same model (Tables of Cells, TextBlocks) as digital pages.

Entry points used by the router: ``read_scanned_page`` (a PDF page without a usable text layer),
``read_image_document`` (PNG/JPEG/TIFF input), ``ocr_available`` (raises MissingDependencyError)
and ``text_layer_is_bad`` (an invisible text layer that does not match the scan).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from chohyo.extract.ocr.tesseract import ocr_available
from chohyo.extract.ocr.textlayer import text_layer_is_bad
from chohyo.findings import finding
from chohyo.model import Document, Finding, Page, PageKind
from chohyo.settings import ExtractSettings

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

__all__ = ["IMAGE_SUFFIXES", "ocr_available", "read_image_document", "read_scanned_page", "text_layer_is_bad"]


def read_scanned_page(pdf: Any, index: int, settings: ExtractSettings) -> tuple[Page, tuple[Finding, ...]]:
    """OCR page ``index`` (0-based) of an open ``pypdfium2.PdfDocument``.

    Raises MissingDependencyError when tesseract or its language data is missing; returns the
    page marked scanned with an ``ocr-unavailable`` finding when OCR is turned off.
    """
    from chohyo.extract.ocr.images import page_image
    from chohyo.extract.ocr.page import read_page

    if settings.ocr == "never":
        page = pdf[index]
        width, height = page.get_size()
        return Page(index + 1, width, height, PageKind.SCANNED), (
            finding("ocr-unavailable", page=index + 1, reason="OCR is turned off (ocr=never)"),
        )
    ocr_available(settings.ocr_lang)
    img = page_image(pdf, index, settings)
    return read_page(img, index + 1, settings), ()


def read_image_document(path: Path, settings: ExtractSettings) -> Document:
    """A PNG, JPEG or (multi-page) TIFF file as a Document of scanned pages."""
    from chohyo.errors import InputFileError
    from chohyo.extract.ocr.images import image_file_pages
    from chohyo.extract.ocr.merge import merge_continued
    from chohyo.extract.ocr.page import read_page

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputFileError(f"cannot read the file ({err.strerror or err})", path=str(path)) from err
    if not data:
        raise InputFileError("the file is empty", path=str(path))
    ocr_available(settings.ocr_lang)
    pages = tuple(read_page(img, n + 1, settings) for n, img in enumerate(image_file_pages(path, settings)))
    if settings.merge_continued_tables:
        pages = merge_continued(pages)
    doc = Document(source=str(path), sha256=hashlib.sha256(data).hexdigest(), pages=pages)
    return doc
