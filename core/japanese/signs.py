"""Minus signs, negative notations and null dashes (rules.md §2).

A negative number is printed with a leading ``△ ▲ - − － ‐ ‑ ‒ – — ― ﹣`` (spaces may follow) or
inside parentheses. A leading ``ー`` (long-vowel mark) is NOT a minus: Tesseract ``jpn`` reads
``1`` as ``ー``. Some readers deliberately work with a narrower or wider set; each is named here
with the reason, so a call site states which one it means.
"""

from __future__ import annotations

import re

__all__ = [
    "DASHES",
    "MINUS_SIGNS",
    "NULL_DASHES",
    "OCR_MINUS_SIGNS",
    "OCR_NULL_DASHES",
    "SPECK_MARKS",
    "TRIANGLES",
    "is_null_dash",
    "sign_class",
    "split_sign",
]

TRIANGLES = "△▲"
DASHES = "−‐‑‒–—―﹣"  # U+2212 and the hyphen/dash family (ASCII '-' and '－' are the plain minus)
MINUS_SIGNS = TRIANGLES + "-－" + DASHES  # every printed negative mark (rules.md §2)
# What the OCR digit readers print before a number (Tesseract's numeric whitelist and its
# neighbours): the OCR cell parser reads only these as a minus.
OCR_MINUS_SIGNS = "△▲-−－"
# Marks a speck before the digits is read as (repair drops them): here ``ー`` IS included, on
# purpose: a dot of dust before an OCR'd number comes out as ``ー`` as often as ``-``.
SPECK_MARKS = "△▲-−－‐ー"

# A cell holding only dashes means "none" (null with reason dash): any run of these (box-drawing
# rules and ``ー`` included), or a lone ``一``.
NULL_DASHES = "-−‐‑‒–—―﹣ー─━－"
_NULL_DASH = re.compile("^[" + re.escape(NULL_DASHES) + "]+$")
_NULL_DASH_EXTRA = frozenset({"一"})
# The OCR digit reader knows only these lone dashes.
OCR_NULL_DASHES = frozenset({"-", "−", "－", "—", "―"})


def sign_class(marks: str) -> str:
    """A regex character class of ``marks`` (``[△▲\\-−－]``)."""
    return "[" + re.escape(marks) + "]"


def is_null_dash(text: str, *, ocr: bool = False) -> bool:
    """A cell of dashes only (``-``, ``―``, ``－－``): null with reason dash.

    ``ocr=True``: the OCR digit reader's narrower rule: exactly one of ``- − － — ―``.
    """
    if ocr:
        return text in OCR_NULL_DASHES
    return bool(_NULL_DASH.match(text)) or text in _NULL_DASH_EXTRA


_PAREN = re.compile(r"^\(\s*(.+?)\s*\)$")
_LEADING = {marks: re.compile(rf"^({sign_class(marks)})\s*(.+)$") for marks in (MINUS_SIGNS,)}


def split_sign(text: str, marks: str = MINUS_SIGNS, *, parens: bool = True) -> tuple[str, str]:
    """The negative notation of a (width-folded) number text and the rest.

    ``(1,234)`` → (``"()"``, ``1,234``); ``△ 1,234`` → (``△``, ``1,234``); ``1,234`` → (``""``,
    ``1,234``). Only ``marks`` count as a leading minus; ``parens=False`` ignores parentheses.
    """
    if parens:
        m = _PAREN.match(text)
        if m:
            return "()", m.group(1)
    pat = _LEADING.get(marks)
    if pat is None:
        pat = _LEADING[marks] = re.compile(rf"^({sign_class(marks)})\s*(.+)$")
    m = pat.match(text)
    if m:
        return m.group(1), m.group(2)
    return "", text
