"""Crops of the printed page around flagged cells, as JPEG data URIs for review.html.

Each page is rendered once (as ``chohyo debug`` renders it, so a scan's boxes land where the OCR
read them); a page that cannot be rendered (a password, the file moved) gives no crops, never an
error: the review page is still useful without them.
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
MAX_CROPS = 300  # a review page stays a few MB however many cells are flagged
MAX_PAGES = 60
CONTEXT_LEFT = 240.0  # points left of the cell: the row label is usually there
MARGIN = 24.0


class PageCropper:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.path = Path(doc.source)
        self._pages: dict[int, Image.Image | None] = {}
        self.made = 0

    def _image(self, page: Page) -> Image.Image | None:
        if page.number not in self._pages:
            if len(self._pages) >= MAX_PAGES:
                return None
            try:
                from chohyo.emit.page_image import render_page

                self._pages[page.number] = render_page(self.path, page, DPI)
            except Exception:  # a page we cannot draw: the review goes on without its crops
                self._pages[page.number] = None
        return self._pages[page.number]

    def crop(self, page_no: int, box: BBox | None) -> str | None:
        """The area around ``box`` on page ``page_no`` with the box outlined, as a data URI."""
        if box is None or self.made >= MAX_CROPS or not self.path.is_file():
            return None
        page = next((p for p in self.doc.pages if p.number == page_no), None)
        if page is None:
            return None
        img = self._image(page)
        if img is None:
            return None
        return self._cut(img, box)

    def _cut(self, img: Any, box: BBox) -> str:
        from PIL import ImageDraw

        s = DPI / 72.0  # boxes are PDF points, the render is DPI dots per inch
        left = max(0, int((box.x0 - CONTEXT_LEFT) * s))
        top = max(0, int((box.top - MARGIN) * s))
        right = min(img.width, int((box.x1 + MARGIN) * s))
        bottom = min(img.height, int((box.bottom + MARGIN) * s))
        part = img.crop((left, top, max(right, left + 1), max(bottom, top + 1))).convert("RGB")
        draw = ImageDraw.Draw(part)
        draw.rectangle(
            (box.x0 * s - left - 2, box.top * s - top - 2, box.x1 * s - left + 2, box.bottom * s - top + 2),
            outline=(220, 0, 0),
            width=2,
        )
        buf = io.BytesIO()
        part.save(buf, format="JPEG", quality=70)  # a scan crop as PNG is ~80 kB, as JPEG ~10
        self.made += 1
        return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


__all__ = ["DPI", "MAX_CROPS", "PageCropper"]
