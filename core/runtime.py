"""Small runtime helpers shared by the pipeline and the stages."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC while a document is built: the model is acyclic frozen objects, yet every full
    collection walks the whole document (a quarter of a stage's time on a long book)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def text_path(path: str | PathLike[str]) -> str:
    """``path`` as text every output can hold: a file name that is not UTF-8 (a Shift_JIS name from an
    old zip) arrives with lone surrogates, which JSON, Parquet and the terminal refuse; its odd bytes
    are written as ``\\xe9`` instead, visible and unambiguous."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text
