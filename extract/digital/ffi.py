"""pdfium functions for the per-glyph and per-path loops, without ctypes argument checking.

pypdfium2's bindings declare ``argtypes``, so ctypes converts and checks every argument of every
call: two to three times the cost of the C call itself. The clones here share the symbol and the
declared ``restype`` but take their arguments as given; callers pass only what the declared
types would have produced (the raw handles pypdfium2 returns, Python ints for C ints, ``byref``
of the declared struct).
"""

from __future__ import annotations

from typing import Any

import pypdfium2.raw as pdfium_c


def unchecked(name: str) -> Any:
    """``pdfium_c.<name>`` with the same result type and no argument conversion (the checked one
    if this pypdfium2 does not expose its library the way 4.x does)."""
    checked = getattr(pdfium_c, name)
    try:
        from pypdfium2_raw.bindings import _libs

        fn = _libs["pdfium"][name]  # a new function object: the checked one stays as it is
    except (ImportError, KeyError, AttributeError, TypeError):
        return checked
    fn.restype = checked.restype
    return fn


FPDFText_GetUnicode = unchecked("FPDFText_GetUnicode")
FPDFText_IsGenerated = unchecked("FPDFText_IsGenerated")
FPDFText_GetLooseCharBox = unchecked("FPDFText_GetLooseCharBox")
FPDFText_GetFontSize = unchecked("FPDFText_GetFontSize")
FPDFText_GetCharAngle = unchecked("FPDFText_GetCharAngle")
FPDFPage_CountObjects = unchecked("FPDFPage_CountObjects")
FPDFPage_GetObject = unchecked("FPDFPage_GetObject")
FPDFPageObj_GetType = unchecked("FPDFPageObj_GetType")
FPDFPageObj_GetMatrix = unchecked("FPDFPageObj_GetMatrix")
FPDFPath_CountSegments = unchecked("FPDFPath_CountSegments")
FPDFPath_GetPathSegment = unchecked("FPDFPath_GetPathSegment")
FPDFPathSegment_GetPoint = unchecked("FPDFPathSegment_GetPoint")
FPDFPathSegment_GetType = unchecked("FPDFPathSegment_GetType")
FPDFPathSegment_GetClose = unchecked("FPDFPathSegment_GetClose")
