"""Small runtime helpers shared by the pipeline and the stages."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike

from chohyo.errors import DocumentTimeoutError


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


class Deadline:
    """A document's wall-time budget (``max_seconds``), checked between pages: in the library, the CLI and
    each batch worker alike. A single page stuck inside PDFium is not interrupted (``batch --timeout``
    kills its worker for that)."""

    def __init__(self, seconds: float, source: str) -> None:
        self.seconds = seconds
        self.source = source
        self.end = time.monotonic() + seconds

    def check(self, page: int) -> None:
        if time.monotonic() > self.end:
            raise DocumentTimeoutError(
                f"reading it took longer than {self.seconds:g} s (max_seconds, --timeout); stopped before "
                f"page {page}. Raise the limit or read fewer pages (--pages).",
                path=self.source,
            )
