"""Is a scan's text layer a bad earlier OCR? ``text_layer_is_bad(pdf, index) -> reason | None``.

For the router (extract/route.py): a page whose text sits over one full-page image may carry an
invisible text layer (render mode 3) from an earlier OCR. It is trusted only when it agrees
with the image: its characters must sit on ink (placement), and a fresh OCR of the image must
find most of its character pairs (content). ``None`` means: no such layer, or a usable one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import cv2
import numpy as np
from chohyo.extract.ocr.images import full_page_image, page_image
from chohyo.settings import ExtractSettings

MIN_ON_INK = 0.7  # share of text-layer characters that must sit on ink
MIN_AGREEMENT = 0.35  # share of the layer's character pairs a fresh OCR must also find
SAMPLE = 400  # characters checked for placement
MIN_GLYPH_INK = 0.08  # a glyph's box on the scan is at least this much ink (a rule or speck is less)


def _invisible_share(page: Any) -> float:
    import pypdfium2.raw as pdfium_c

    objs = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=3))
    if not objs:
        return 0.0
    invisible = sum(
        pdfium_c.FPDFTextObj_GetTextRenderMode(o.raw) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE for o in objs
    )
    return float(invisible / len(objs))


def _bigrams(text: str) -> Counter[str]:
    """Character pairs with a kana or kanji in them (digit pairs match by chance on any budget)."""
    t = re.sub(r"\s+", "", text)
    pairs = (t[i : i + 2] for i in range(len(t) - 1))
    return Counter(p for p in pairs if any(ch >= "\u3040" for ch in p))


def _on_ink(page: Any, textpage: Any, gray: np.ndarray, dpi: float, x0: float, top: float, n: int) -> float:
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    height = page.get_size()[1]
    s = dpi / 72.0
    step = max(1, n // SAMPLE)
    hits = total = 0
    for i in range(0, n, step):
        if textpage.get_text_range(i, 1).isspace():
            continue
        left, bottom, right, top_ = textpage.get_charbox(i)
        px0, px1 = int((left - x0) * s), int((right - x0) * s) + 1
        py0, py1 = int((height - top_ - top) * s), int((height - bottom - top) * s) + 1
        box = binary[max(0, py0) : max(0, py1), max(0, px0) : max(0, px1)]
        total += 1
        hits += bool(box.size and (box > 0).mean() >= MIN_GLYPH_INK)
    return hits / total if total else 1.0


def text_layer_is_bad(pdf: Any, index: int, settings: ExtractSettings | None = None) -> str | None:
    """A reason when page ``index`` (0-based) is a scan whose text layer does not match its image.

    ``settings``: the user's (extract/document.py passes them): the fresh OCR reads their
    ``ocr_lang``, the page image is taken under their ``ocr_dpi`` and ``max_page_pixels``; None: the defaults."""
    settings = settings or ExtractSettings()
    page = pdf[index]
    if full_page_image(page) is None:
        return None
    textpage = page.get_textpage()
    n = textpage.count_chars()
    text = textpage.get_text_range()
    if n == 0 or not text.strip():
        return None
    invisible = _invisible_share(page)
    img = page_image(pdf, index, settings)
    on_ink = _on_ink(page, textpage, img.gray, img.dpi, img.x0, img.top, n)
    label = "invisible " if invisible > 0.5 else ""
    if on_ink < MIN_ON_INK:
        return f"{label}text layer is misplaced: only {on_ink:.0%} of its characters sit on ink in the scan"
    agreement = _agreement(img.gray, img.dpi, text, settings.ocr_lang)
    if agreement is not None and agreement < MIN_AGREEMENT:
        return f"{label}text layer disagrees with the scan: OCR finds {agreement:.0%} of its character pairs"
    return None


def _agreement(gray: np.ndarray, dpi: float, text: str, lang: str) -> float | None:
    """Share of the layer's character pairs that a fresh page OCR also reads (None: OCR unavailable)."""
    from chohyo.errors import MissingDependencyError
    from chohyo.extract.ocr.engines import ReadKind, reader_for

    reader = reader_for(ReadKind.PAGE, lang)
    try:
        reader.check()
    except MissingDependencyError:
        return None
    factor = min(1.0, 300.0 / dpi)
    img = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    lines = reader.read_page(img, psm=11)
    ocr = "".join(w.text for ln in lines for w in ln.words)
    layer, fresh = _bigrams(text), _bigrams(ocr)
    total = sum(layer.values())
    if total < 10:
        return None
    return sum((layer & fresh).values()) / total
