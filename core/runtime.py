"""Small runtime helpers shared by the pipeline and the stages."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
