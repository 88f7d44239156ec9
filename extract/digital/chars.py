"""Every character of a page with its box, read through pdfium's text page (fast: no layout analysis)."""

from __future__ import annotations

import ctypes
import re
from typing import Any

import pypdfium2.raw as pdfium_c
from chohyo.extract.digital import ffi
from chohyo.extract.tables.geometry import Char


def _codes(raw: Any, n: int) -> list[int]:
    """The code point of every char index: one bulk ``FPDFText_GetText`` call when its UTF-16 text
    maps one unit to one char (no surrogates, nothing skipped), else one call per char. 0xFFFE in
    the text stands for a char with no text of its own: that one is asked for itself."""
    buf = (ctypes.c_ushort * (n + 1))()
    if pdfium_c.FPDFText_GetText(raw, 0, n, buf) == n + 1:
        text = ctypes.string_at(buf, 2 * n).decode("utf-16-le", "surrogatepass")
        if len(text) == n and not _SURROGATE.search(text):
            units = list(map(ord, text))
            if "\ufffe" in text:
                get_unicode = ffi.FPDFText_GetUnicode
                return [get_unicode(raw, i) if u == 0xFFFE else u for i, u in enumerate(units)]
            return units
    get_unicode = ffi.FPDFText_GetUnicode
    return [get_unicode(raw, i) for i in range(n)]


_SURROGATE = re.compile("[\ud800-\udfff]")
_SKIP = frozenset((0, 0xFFFE, 0xFFFF, 0x0D, 0x0A))
_MAYBE_GENERATED = frozenset((0x20, 0x0D, 0x0A))  # pdfium generates only spaces and line breaks


def read_chars(
    textpage: Any, page_height: float, page_left: float = 0.0, page_bottom: float = 0.0
) -> list[Char]:
    """Characters in content order; pdfium's generated spaces/newlines are dropped, real spaces kept.

    Boxes are pdfium's *loose* boxes (the font's advance and ascent/descent), so glyphs of one
    line share a band and character spacing shows as a gap between boxes.
    """
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return []
    rect = pdfium_c.FS_RECTF()
    is_generated = ffi.FPDFText_IsGenerated
    loose_box = ffi.FPDFText_GetLooseCharBox
    font_size = ffi.FPDFText_GetFontSize
    ref = ctypes.byref(rect)
    out: list[Char] = []
    append = out.append
    top_of = page_height + page_bottom
    pending_high = 0
    gap_space = False  # pdfium replaced a real space by a generated one (seen with letter-spaced names)
    maybe_generated = _MAYBE_GENERATED
    skip = _SKIP
    for i, code in enumerate(_codes(raw, n)):
        if code in maybe_generated and is_generated(raw, i) == 1:
            gap_space = code == 0x20 and bool(out) and not out[-1].is_space
            continue
        if 0xD800 <= code <= 0xDBFF:  # surrogate pair: pdfium reports the halves as two chars
            pending_high = code
            continue
        if pending_high and 0xDC00 <= code <= 0xDFFF:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code in skip:
            continue
        if not loose_box(raw, i, ref):
            continue
        x0, x1 = rect.left - page_left, rect.right - page_left
        top, bottom = top_of - rect.top, top_of - rect.bottom
        if x1 < x0:
            x0, x1 = x1, x0
        if bottom < top:
            top, bottom = bottom, top
        text = chr(code) if code != 2 else "-"  # pdfium's 0x02: the hyphen of a word broken over lines
        if text == "\t" or text == "\u00a0":
            text = " "
        size = font_size(raw, i)
        band = bottom - top if bottom - top > x1 - x0 else x1 - x0
        if size < 0.5 * band or size > 4.0 * band > 0:
            # text drawn at size 1 and scaled by its matrix: pdfium reports 1, and every gap then
            # looks like a word gap (``11,062`` ``.`` ``6``); drawn at 200 and scaled down (a 補正予算
            # 総括 page), no gap is one and a row of figures is one word; the loose box gives its size
            size = band
        if gap_space and not text.isspace():
            prev = out[-1]
            # keep it only for a small gap on the same line: a space as printed, not a column gap
            letters = prev.text.isalpha() and text.isalpha()  # letter-spaced words, never between numbers
            if letters and abs(prev.top - top) < 0.5 * size and 0.1 * size < x0 - prev.x1 <= 1.0 * size:
                append(Char(" ", prev.x1, prev.top, prev.x1, prev.bottom, prev.size))
        gap_space = False
        append(Char(text, x0, top, x1, bottom, size))
    return out


def page_origin(page: Any) -> tuple[float, float]:
    """Lower-left corner of the crop box: boxes are measured from it."""
    try:
        x0, y0, _x1, _y1 = page.get_cropbox()
        return float(x0), float(y0)
    except Exception:  # no usable crop box: the media box starts at the origin
        return 0.0, 0.0
