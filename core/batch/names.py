"""File names as text that is safe to store and to print.

A POSIX file name is bytes: one that is not valid UTF-8 reaches Python with lone surrogates
(``surrogateescape``), which SQLite, CSV writers and terminals refuse. A name may also hold control
characters (terminal escape sequences, bidi overrides) that must never reach a terminal raw.
"""

from __future__ import annotations

import os
import unicodedata

_UNSAFE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def text_of(name: str) -> str:
    """A name as valid Unicode: bytes that are not UTF-8 become ``\\xNN`` (the name stays recognisable)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def display(text: str) -> str:
    """``text`` with every control/format character escaped (``\\x1b``, ``\\u202e``): safe on a terminal."""
    text = text_of(text)
    if all(unicodedata.category(c) not in _UNSAFE_CATEGORIES for c in text):
        return text
    out = []
    for c in text:
        if unicodedata.category(c) in _UNSAFE_CATEGORIES:
            n = ord(c)
            out.append(f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}")
        else:
            out.append(c)
    return "".join(out)
