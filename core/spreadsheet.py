"""Text written to a CSV that a spreadsheet could run as a formula (CSV injection, OWASP).

A PDF label such as ``=cmd|' /C calc'!A0`` becomes a live formula when the CSV is opened in Excel or
LibreOffice. Such a cell is written with a leading apostrophe, which spreadsheets show as text;
a plain number (``-1234``, ``+5``, ``0.5``) is a number and stays as it is. With the line ends
Excel expects, shared by the CSV writers of the emit stage and of the batch summary.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def formula_safe(text: str) -> str:
    """``=SUM(A1)`` → ``'=SUM(A1)``, ``@x`` → ``'@x``; ``-1234`` and ordinary text unchanged."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def line_terminator(encoding: str) -> str:
    """CRLF for the Excel encodings (what Windows tools expect), LF otherwise."""
    return "\r\n" if encoding.lower() in {"cp932", "shift_jis", "utf-8-sig"} else "\n"


__all__ = ["FORMULA_START", "formula_safe", "line_terminator"]
