"""The extract stage's fast paths read exactly what the plain per-character pdfium calls read."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from chohyo.extract.digital import ffi
from chohyo.extract.digital.chars import _codes
from chohyo.extract.tables.geometry import Char

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CASES = ["budget_ruled.pdf", "budget_fullwidth.pdf", "council_text.pdf", "variants/rotated_page.pdf"]


@pytest.mark.parametrize("name", CASES)
def test_bulk_code_points_match_per_char_calls(name: str) -> None:
    pdf = pdfium.PdfDocument(FIXTURES / name)
    try:
        for i in range(len(pdf)):
            textpage = pdf[i].get_textpage()
            raw = textpage.raw
            n = pdfium_c.FPDFText_CountChars(raw)
            assert n > 0
            assert _codes(raw, n) == [pdfium_c.FPDFText_GetUnicode(raw, k) for k in range(n)]
            # pdfium generates only spaces and line breaks (read_chars asks only those if generated)
            generated = {
                pdfium_c.FPDFText_GetUnicode(raw, k)
                for k in range(n)
                if pdfium_c.FPDFText_IsGenerated(raw, k)
            }
            assert generated <= {0x20, 0x0D, 0x0A}
            textpage.close()
    finally:
        pdf.close()


def test_unchecked_calls_return_what_the_checked_ones_do() -> None:
    pdf = pdfium.PdfDocument(FIXTURES / "budget_ruled.pdf")
    try:
        textpage = pdf[0].get_textpage()
        raw = textpage.raw
        a, b = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
        for k in range(pdfium_c.FPDFText_CountChars(raw)):
            assert ffi.FPDFText_GetLooseCharBox(raw, k, ctypes.byref(a)) == pdfium_c.FPDFText_GetLooseCharBox(
                raw, k, ctypes.byref(b)
            )
            assert (a.left, a.top, a.right, a.bottom) == (b.left, b.top, b.right, b.bottom)
            assert ffi.FPDFText_GetFontSize(raw, k) == pdfium_c.FPDFText_GetFontSize(raw, k)
            assert ffi.FPDFText_IsGenerated(raw, k) == pdfium_c.FPDFText_IsGenerated(raw, k)
        textpage.close()
    finally:
        pdf.close()


def test_char_keeps_value_semantics() -> None:
    a, b = Char("予", 1, 2, 11, 12, 10.0), Char("予", 1, 2, 11, 12, 10.0)
    assert a == b and hash(a) == hash(b) and a != Char("算", 1, 2, 11, 12, 10.0)
    assert (a.cx, a.cy, a.is_space, Char("\u3000", 0, 0, 1, 1, 1).is_space) == (6.0, 7.0, False, True)
