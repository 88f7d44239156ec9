"""OCR of scanned pages and image files: the same model (Tables of Cells, TextBlocks) as digital pages.

Entry points used by the router: ``read_scanned_page`` (a PDF page without a usable text layer),
``read_image_pages`` (PNG/JPEG/TIFF input), ``ocr_available`` (raises MissingDependencyError),
``doubtful_text`` (findings for OCR'd text cells read with low confidence; call it once tables have final ids)
and ``text_layer_is_bad`` (an invisible text layer that does not match the scan).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chohyo.errors import UsageError
from chohyo.extract.ocr.doubt import doubtful_text
from chohyo.findings import finding
from chohyo.model import Finding, Page, PageKind
from chohyo.pages import missing_pages
from chohyo.settings import ExtractSettings

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

__all__ = [
    "IMAGE_SUFFIXES",
    "doubtful_text",
    "ocr_available",
    "read_image_pages",
    "read_scanned_page",
    "text_layer_is_bad",
]


# The OCR engines and the image code (OpenCV, the ONNX runtime) load on a page's first need: a
# born-digital document never pays for them (OpenCV alone is 0.15 s of every run).


def ocr_available(lang: str = "jpn") -> None:
    """Raise MissingDependencyError unless tesseract and ``lang``'s data are installed."""
    from chohyo.extract.ocr.engines.tesseract import ocr_available as check

    check(lang)


def text_layer_is_bad(pdf: Any, index: int, settings: ExtractSettings | None = None) -> str | None:
    """Why page ``index``'s text layer cannot be trusted (see ``textlayer``), or None."""
    from chohyo.extract.ocr.textlayer import text_layer_is_bad as check

    return check(pdf, index, settings)


def read_scanned_page(pdf: Any, index: int, settings: ExtractSettings) -> tuple[Page, tuple[Finding, ...]]:
    """OCR page ``index`` (0-based) of an open ``pypdfium2.PdfDocument``.

    Raises MissingDependencyError when tesseract or its language data is missing; returns the
    page marked scanned with an ``ocr-unavailable`` finding when OCR is turned off.
    """
    from chohyo.extract.ocr.engines import require
    from chohyo.extract.ocr.images import page_image
    from chohyo.extract.ocr.page import read_page

    if settings.ocr == "never":
        page = pdf[index]
        width, height = page.get_size()
        return Page(index + 1, width, height, PageKind.SCANNED), (
            finding("ocr-unavailable", page=index + 1, reason="OCR is turned off (ocr=never)"),
        )
    require(settings.ocr_lang, settings.ocr_engine)
    img = page_image(pdf, index, settings)
    return read_page(img, index + 1, settings), ()


def read_image_pages(path: Path, settings: ExtractSettings) -> tuple[Page, ...]:
    """The pages of a PNG, JPEG or (multi-page) TIFF file, OCR'd. The extract stage merges
    continued tables and numbers tables as it does for PDFs."""
    from chohyo.extract.ocr.engines import require
    from chohyo.extract.ocr.images import image_file_pages
    from chohyo.extract.ocr.page import read_page

    require(settings.ocr_lang, settings.ocr_engine)
    pages, count = [], 0
    for count, img in enumerate(image_file_pages(Path(path), settings), 1):
        if not settings.pages or count in settings.pages:  # frames not asked for are never OCR'd
            pages.append(read_page(img, count, settings))
    message = missing_pages(settings.pages, count)
    if message is not None:
        raise UsageError(message, path=str(path))
    return tuple(pages)
