"""Copier-layered scans: a page drawn from several image layers, composed as the page displays.

Office copiers (and MRC compressors) store a page as a low-resolution colour background (a JPEG at
150 dpi) with the text in 1-bit layers drawn over it at 300 dpi or more: stencil image masks
painted in a colour, CCITT or JBIG2 bilevel images. The text lives in those layers; the
background holds at most a blur of it. Such a page is OCR'd from a rendering of the whole page
at the layers' resolution (PDFium composes the layers, their colours and their masks as a viewer
does), not from the single biggest embedded image.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A layer this small is a mark or a dot (a 16 x 16 mask), not the page's text.
MIN_LAYER_SHARE = 0.01
MAX_LAYER_DPI = 600.0  # a 1200 dpi text layer is composed at 600: enough for OCR, a quarter of the pixels


@dataclass(frozen=True)
class Layers:
    count: int  # bilevel layers over the background
    dpi: float  # the finest layer's resolution: the page is composed at it


def _bilevel(obj: Any) -> bool:
    """An image mask (stencil) or a 1-bit image (CCITT, JBIG2, 1 bpp Flate)."""
    import pypdfium2.raw as pdfium_c

    try:
        meta = obj.get_metadata()
    except Exception:  # a broken image object
        return False
    if meta.bits_per_pixel == 1:
        return True
    filters = obj.get_filters()
    return any(f in ("JBIG2Decode", "CCITTFaxDecode") for f in filters) or (
        meta.colorspace == pdfium_c.FPDF_COLORSPACE_UNKNOWN and meta.bits_per_pixel <= 1
    )


def copier_layers(page: Any, background: Any) -> Layers | None:
    """The bilevel layers drawn over ``background`` (the page's full-page image), if the page is
    layered: at least one such layer covering a real part of the page (its text)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    area = max(width * height, 1.0)
    count, share, dpi = 0, 0.0, 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        if obj.raw == background.raw or not _bilevel(obj):
            continue
        try:
            left, bottom, right, top = obj.get_bounds()
            px_w, px_h = obj.get_px_size()
        except Exception:
            continue
        w_pt, h_pt = max(0.0, right - left), max(0.0, top - bottom)
        if w_pt <= 0 or h_pt <= 0:
            continue
        count += 1
        share += w_pt * h_pt / area
        # the layer's resolution along its longer side (a rotated layer swaps its pixel axes)
        dpi = max(dpi, max(px_w, px_h) / (max(w_pt, h_pt) / 72.0))
    if not count or share < MIN_LAYER_SHARE:
        return None
    return Layers(count, min(round(dpi), MAX_LAYER_DPI))
