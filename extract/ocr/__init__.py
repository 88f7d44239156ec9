"""OCR of scanned pages and image files (the scanned-pages issue fills this in).

The born-digital router calls these; until OCR is available they return the page marked
scanned with no content and a finding that says why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chohyo.findings import finding
from chohyo.model import Document, Finding, Page, PageKind
from chohyo.settings import ExtractSettings

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def read_scanned_page(pdf: Any, index: int, settings: ExtractSettings) -> tuple[Page, tuple[Finding, ...]]:
    """OCR page ``index`` (0-based) of an open ``pypdfium2.PdfDocument``."""
    page = pdf[index]
    width, height = page.get_size()
    reason = "OCR is not implemented yet"
    return Page(index + 1, width, height, PageKind.SCANNED), (finding("ocr-unavailable", page=index + 1, reason=reason),)


def read_image_document(path: Path, settings: ExtractSettings) -> Document:
    """A PNG, JPEG or (multi-page) TIFF file as a Document of scanned pages."""
    from chohyo.errors import InputFileError

    raise InputFileError("image input needs OCR, which is not implemented yet", path=str(path))
