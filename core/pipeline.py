"""Composes the stages: extract → normalize → validate → emit.

Each stage is a plain function of (Document, its settings section) and never imports another
stage; this module is the only place that knows the order.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from chohyo.errors import ChohyoError, ResourceLimitError
from chohyo.model import Document, Severity, Status
from chohyo.runtime import gc_paused
from chohyo.settings import Settings


@dataclass(frozen=True)
class Result:
    """How one document's run ended: a status and its errors, never a stack trace."""

    source: str
    status: Status
    document: Document | None = None
    outputs: tuple[Path, ...] = ()
    error: ChohyoError | None = None
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return (
            0 if self.document is None else sum(f.severity is Severity.ERROR for f in self.document.findings)
        )


def document_status(doc: Document) -> Status:
    return Status.PARTIAL if any(f.severity is Severity.ERROR for f in doc.findings) else Status.SUCCESS


# (pages done, pages in the document), called after each page is extracted; the library never prints
Progress = Callable[[int, int], None]


def run(path: str | Path, settings: Settings | None = None, progress: Progress | None = None) -> Document:
    """Extract, normalize and validate one file; raises ``ChohyoError`` for a file it cannot read."""
    from chohyo.extract import extract_document
    from chohyo.normalize import normalize_document
    from chohyo.validate import validate_document

    settings = settings or Settings()
    try:
        with gc_paused():
            doc = extract_document(Path(path), settings.extract, progress=progress)
            doc = normalize_document(doc, settings.normalize)
            if settings.validate.enabled:
                doc = validate_document(doc, settings.validate)
            return replace(doc, status=document_status(doc))
    except MemoryError:  # a page or image too big for this machine: exit 11, not "a bug"
        raise ResourceLimitError(
            "ran out of memory reading it (a huge page or image?); lower its size or run it alone",
            path=str(path),
        ) from None


def convert(
    path: str | Path, out_dir: str | Path, settings: Settings | None = None, progress: Progress | None = None
) -> Result:
    """Run the pipeline and write the outputs; expected failures come back in the Result."""
    from chohyo.emit import write_outputs

    settings = settings or Settings()
    start = time.perf_counter()
    try:
        doc = run(path, settings, progress)
        with gc_paused():
            outputs = write_outputs(doc, Path(out_dir), settings.emit)
    except ChohyoError as err:
        err.path = err.path or str(path)
        return Result(str(path), Status.FAILURE, error=err, seconds=time.perf_counter() - start)
    return Result(str(path), doc.status, doc, tuple(outputs), seconds=time.perf_counter() - start)
