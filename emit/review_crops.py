"""Crops of the printed page around flagged cells, as small data URIs for review.html.

A born-digital page upright as printed is rendered only around the cell (no page image at all, so
no cap on pages); any other page (a scan, turned or deskewed as the OCR read it) is rendered once,
as ``chohyo debug`` renders it, so its boxes land where the OCR read them. Each crop is stored as
whichever is smaller: a 16-grey PNG (text on white: ~2 kB for a budget-book cell at 144 dpi) or a
JPEG (a scan's grain), the cell outlined in red either way. Crops stop at ``MAX_CROP_BYTES`` (errors
take them first): a 612-page book with hundreds of flagged cells still opens in a second. A page
that cannot be rendered (a password, the file moved) gives no crops, never an error: the review
page is still useful without them.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chohyo.model import BBox, Document, Page

if TYPE_CHECKING:
    from PIL import Image

DPI = 144.0  # a 10 pt figure is ~20 px high: legible on a scan
MAX_CROPS = 2000
MAX_CROP_BYTES = 3_000_000  # of images in a review page (~200 scan crops, ~600 born-digital ones)
MAX_PAGES = 60  # whole pages rendered (scans, ~0.3 s each)
KEPT_PAGES = 6  # of them held in memory (~6 MB each at 144 dpi)
CONTEXT_LEFT = 240.0  # points left of the cell: the row label is usually there
MARGIN = 24.0


class PageCropper:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.path = Path(doc.source)
        self._pages: dict[int, Image.Image | None] = {}  # the last few whole pages rendered
        self._rendered: set[int] = set()
        self._pdf: Any = None
        self._pdf_pages: dict[int, Any] = {}
        self.made = 0
        self.bytes = 0

    def _image(self, page: Page) -> Image.Image | None:
        """The whole page (a scan), a few kept at a time: ask for crops page by page within a severity."""
        if page.number not in self._pages:
            if page.number not in self._rendered and len(self._rendered) >= MAX_PAGES:
                return None
            self._rendered.add(page.number)
            if len(self._pages) >= KEPT_PAGES:
                del self._pages[next(iter(self._pages))]  # the oldest
            try:
                from chohyo.emit.page_image import render_page

                self._pages[page.number] = render_page(self.path, page, DPI)
            except Exception:  # a page we cannot draw: the review goes on without its crops
                self._pages[page.number] = None
        return self._pages[page.number]

    def crop(self, page_no: int, box: BBox | None) -> str | None:
        """The area around ``box`` on page ``page_no`` with the box outlined, as a data URI."""
        if box is None or self.made >= MAX_CROPS or self.bytes >= MAX_CROP_BYTES or not self.path.is_file():
            return None
        page = next((p for p in self.doc.pages if p.number == page_no), None)
        if page is None:
            return None
        s = DPI / 72.0  # boxes are PDF points, the render is DPI dots per inch
        area = (
            max(0.0, box.x0 - CONTEXT_LEFT),
            max(0.0, box.top - MARGIN),
            min(page.width, box.x1 + MARGIN),
            min(page.height, box.bottom + MARGIN),
        )
        part = self._region(page, area) if page.kind.value == "digital" and not page.rotation else None
        if part is None:
            img = self._image(page)
            if img is None:
                return None
            left, top = int(area[0] * s), int(area[1] * s)
            right, bottom = min(img.width, int(area[2] * s)), min(img.height, int(area[3] * s))
            part = img.crop((left, top, max(right, left + 1), max(bottom, top + 1)))
        x, y = area[0] * s, area[1] * s
        outline = (box.x0 * s - x - 2, box.top * s - y - 2, box.x1 * s - x + 2, box.bottom * s - y + 2)
        uri = _encoded(part, outline)
        self.made += 1
        self.bytes += len(uri)
        return uri

    def _region(self, page: Page, area: tuple[float, float, float, float]) -> Image.Image | None:
        """Only ``area`` (points, top-left origin) of a digital page printed upright, rendered."""
        try:
            import pypdfium2 as pdfium

            if self._pdf is None:
                self._pdf = pdfium.PdfDocument(self.path)
            pdf_page = self._pdf_pages.get(page.number)
            if pdf_page is None:  # kept: a page with many flagged cells is parsed once
                pdf_page = self._pdf_pages[page.number] = self._pdf[page.number - 1]
            if pdf_page.get_rotation():
                return None
            w, h = pdf_page.get_size()
            crop = (area[0], h - area[3], w - area[2], area[1])  # pdfium cuts (left, bottom, right, top)
            image: Image.Image = pdf_page.render(scale=DPI / 72.0, crop=crop).to_pil()
            return image
        except Exception:  # drawn from the whole page instead, or no crop
            return None

    def close(self) -> None:
        for p in self._pdf_pages.values():
            p.close()
        self._pdf_pages.clear()
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def _encoded(part: Image.Image, outline: tuple[float, float, float, float]) -> str:
    """The crop with ``outline`` drawn in red, as the smaller of a 16-grey PNG and a JPEG."""
    from PIL import ImageDraw

    grey = part.convert("L").quantize(15)  # 15 greys + red: text on white compresses ~5x better
    palette = [*((grey.getpalette() or []) + [255] * 45)[:45], 220, 0, 0]  # fewer greys: padded
    grey.putpalette(palette)
    ImageDraw.Draw(grey).rectangle(outline, outline=15, width=2)
    colour = part.convert("RGB")
    ImageDraw.Draw(colour).rectangle(outline, outline=(220, 0, 0), width=2)
    png, jpeg = io.BytesIO(), io.BytesIO()
    grey.save(png, format="PNG", optimize=True)
    colour.save(jpeg, format="JPEG", quality=70)
    if len(png.getvalue()) <= len(jpeg.getvalue()):
        return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode("ascii")
    return "data:image/jpeg;base64," + base64.b64encode(jpeg.getvalue()).decode("ascii")


__all__ = ["DPI", "MAX_CROPS", "MAX_CROP_BYTES", "PageCropper"]
