"""A page as chohyo read it, as an image: debug drawings and review.html crops are made over it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chohyo.model import Page
    from PIL import Image

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


def render_page(path: Path, page: Page, dpi: float, password: str | None = None) -> Image.Image:
    """The page as chohyo read it, ``dpi`` dots per inch: a PDF page as displayed (its /Rotate applied,
    and for a digital page whose text runs sideways the further turn that reads it upright),
    a scanned page also turned upright by ``page.rotation`` as the OCR did, an image file's frame as is."""
    from PIL import Image

    scale = dpi / 72.0
    if path.suffix.lower() in IMAGE_SUFFIXES:
        with Image.open(path) as im:
            im.seek(page.number - 1)
            img = im.convert("RGB")
        img = img.resize((round(page.width * scale), round(page.height * scale)), Image.Resampling.LANCZOS)
    else:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path, password=password)
        try:
            pdf_page = pdf[page.number - 1]
            # a digital page whose text is set sideways was read turned beyond its /Rotate
            extra = (page.rotation - pdf_page.get_rotation()) % 360 if page.kind.value == "digital" else 0
            img = pdf_page.render(scale=scale, rotation=extra).to_pil().convert("RGB")
        finally:
            pdf.close()
    if page.kind.value != "digital":
        # Boxes of a scan are in the frame the OCR read: turned upright, then deskewed (both about
        # the image centre; PIL, like OpenCV, turns counter-clockwise for a positive angle).
        if page.rotation:
            img = img.rotate(-page.rotation, expand=True)
        skew = ocr_skew(page)
        if skew:
            img = img.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    return img


def ocr_skew(page: Page) -> float:
    """The deskew angle the OCR applied, from its page note ("... deskewed +1.00°"); 0 if none."""
    for note in page.notes:
        m = re.search(r"deskewed ([+-]?\d+(?:\.\d+)?)°", note)
        if m:
            return float(m.group(1))
    return 0.0


__all__ = ["IMAGE_SUFFIXES", "ocr_skew", "render_page"]
