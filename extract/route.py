"""Decide per page: a usable text layer → digital; none or an unusable one → scanned (OCR)."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c
from chohyo.errors import ResourceLimitError
from chohyo.extract.digital import ffi
from chohyo.extract.tables.geometry import Char
from chohyo.settings import ExtractSettings

_CID = re.compile(r"\(cid:\d+\)")
_BAD = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd\ufffd]")  # private use, or no Unicode mapping
MIN_INK_CHARS = 8  # fewer real characters than this over a full-page image: a scan with stray text
FULL_PAGE = 0.8  # an image covering this share of the page is "the page"


@dataclass(frozen=True, slots=True)
class Route:
    scanned: bool
    reason: str
    bad_layer: bool = False  # a text layer exists but is unusable (cid glyphs, private use)


def page_images(page: Any, width: float, height: float, settings: ExtractSettings, number: int) -> float:
    """The largest share of the page one image covers; guards against image bombs."""
    best = 0.0
    w, h = ctypes.c_uint(), ctypes.c_uint()
    raw = page.raw
    n = pdfium_c.FPDFPage_CountObjects(raw)
    get_type, get_object = ffi.FPDFPageObj_GetType, ffi.FPDFPage_GetObject
    kinds = [get_type(get_object(raw, i)) for i in range(max(n, 0))]
    wanted = {pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM}
    if not wanted.intersection(kinds):  # the common case: vector text and lines only
        return 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        if pdfium_c.FPDFImageObj_GetImagePixelSize(obj.raw, ctypes.byref(w), ctypes.byref(h)):
            if w.value * h.value > settings.max_page_pixels:
                raise ResourceLimitError(
                    f"page {number} holds an image of {w.value}×{h.value} pixels, more than the limit of "
                    f"{settings.max_page_pixels:,}. Raise max_page_pixels if you trust the file."
                )
        try:
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:  # a broken image object: it covers nothing we can measure
            continue
        cover = max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(y1, height) - max(y0, 0.0))
        best = max(best, cover / max(width * height, 1.0))
    return best


def check_char_count(textpage: Any, number: int, settings: ExtractSettings) -> int:
    n = pdfium_c.FPDFText_CountChars(textpage.raw)
    if n > settings.max_chars_per_page:
        raise ResourceLimitError(
            f"page {number} has {n:,} characters, more than the limit of {settings.max_chars_per_page:,}. "
            "Raise max_chars_per_page if you trust the file."
        )
    return int(n)


BLANK_DPI = 36  # a blank page is told at this resolution: about 1 ms a page
_INK = 160  # darker than this (0-255) is ink


def blank_page(page: Any, chars: list[Char]) -> str | None:
    """Why the page is blank (no text, no ink beyond a frame), or None: a blank separator page is
    never sent to OCR. Told from the page rendered at ``BLANK_DPI``, so white images and paths
    count as nothing and a scanned blank sheet (a white image) is blank too."""
    if any(not c.is_space for c in chars):
        return None
    img = page.render(scale=BLANK_DPI / 72, grayscale=True).to_numpy()
    ink = (img[..., 0] if img.ndim == 3 else img) < _INK
    if not ink.any():
        return "no text and no ink"
    # a frame: rows and columns that are mostly ink; anything else is content
    rows, cols = ink.mean(axis=1) > 0.5, ink.mean(axis=0) > 0.5
    rest = ink[~rows][:, ~cols]
    return "no text, no ink inside a frame" if (rows.any() or cols.any()) and int(rest.sum()) <= 2 else None


def route_page(chars: list[Char], image_cover: float, settings: ExtractSettings) -> Route:
    if settings.ocr == "always":
        return Route(True, "OCR forced (ocr=always)")
    ink = [c for c in chars if not c.is_space]
    if not ink:
        reason = "no text layer" + (", one full-page image" if image_cover >= FULL_PAGE else "")
        return Route(True, reason)
    text = "".join([c.text for c in ink])
    if _CID.search(text):
        return Route(True, "the text layer is (cid:NNN) glyphs without a Unicode map", bad_layer=True)
    bad = len(_BAD.findall(text))  # private-use or U+FFFD: one per char (a char's text is one code point)
    if bad / len(ink) > 0.2:
        return Route(
            True, f"{bad} of {len(ink)} characters are private-use or unmapped code points", bad_layer=True
        )
    if image_cover >= FULL_PAGE and len(ink) < MIN_INK_CHARS:
        return Route(True, f"one full-page image with only {len(ink)} characters of text")
    note = "text layer"
    if image_cover >= FULL_PAGE:
        note += " over a full-page image (an OCR'd scan); its text is used"
    return Route(False, note)
