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
from chohyo.model import (
    CONFIRMED_BY_ARITHMETIC,
    WON_ON_ARITHMETIC,
    Document,
    Finding,
    Page,
    Severity,
    Status,
    Table,
)
from chohyo.runtime import gc_paused
from chohyo.settings import NormalizeSettings, Settings, ValidateSettings


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
                doc = judge_readings(doc, settings.normalize, settings.validate)
            if any(p.alternatives for p in doc.pages):  # the runner-ups are judged: none is emitted
                doc = replace(doc, pages=tuple(replace(p, alternatives=()) for p in doc.pages))
            return replace(doc, status=document_status(doc))
    except MemoryError:  # a page or image too big for this machine: exit 11, not "a bug"
        raise ResourceLimitError(
            "ran out of memory reading it (a huge page or image?); lower its size or run it alone",
            path=str(path),
        ) from None


@dataclass(frozen=True)
class Verdict:
    """What arithmetic says of one reading of a page: relations that hold and that fail."""

    reader: str
    tables: tuple[Table, ...]
    findings: tuple[Finding, ...]
    held: int
    failed: int

    @property
    def confirmed(self) -> bool:
        """Some relation holds and none fails."""
        return self.held > 0 and self.failed == 0


def _verdict(reader: str, tables: tuple[Table, ...], findings: tuple[Finding, ...]) -> Verdict:
    held = sum(r.holds is True for t in tables for r in t.relations)
    failed = sum(r.holds is False for t in tables for r in t.relations)
    return Verdict(reader, tables, findings, held, failed)


def judge_readings(doc: Document, normalize: NormalizeSettings, validate: ValidateSettings) -> Document:
    """On each re-read page, the reading arithmetic confirms (issue 16): extract chose by structure
    alone, as it cannot call validate; here every runner-up reading is normalized and validated, and
    one whose relations hold (the most, none failing) replaces a chosen reading whose relations
    fail. Arithmetic that says nothing leaves the structural choice; the cells' ``readers-disagree``
    marks stay as extract set them for the reading kept (a figure no other reader holds and no
    relation confirms is still flagged)."""
    from chohyo.extract.digital.reread import disagreements
    from chohyo.normalize import normalize_document
    from chohyo.validate import validate_document

    pages: list[Page] = []
    findings = list(doc.findings)
    for page in doc.pages:
        if not page.alternatives or any(len(t.pages) > 1 for t in page.tables):
            pages.append(page)
            continue
        ids = [t.id for t in page.tables]
        chosen = _verdict(
            page.tables[0].cells[0].provenance.extractor if page.tables and page.tables[0].cells else "",
            page.tables,
            tuple(f for f in doc.findings if f.table in ids),
        )
        best = chosen
        # the runner-ups are judged only when the chosen reading's arithmetic fails (the fast path)
        for alt in page.alternatives if chosen.failed else ():
            # the alternative's tables take the ids of the chosen ones (then t3-2, t3-3 for extras)
            named = tuple(
                replace(t, id=ids[k] if k < len(ids) else f"{ids[-1]}-{k - len(ids) + 2}")
                for k, t in enumerate(alt.tables)
            )
            alone = replace(page, tables=named, alternatives=())
            mini = Document(doc.source, doc.sha256, (alone,), findings=disagreements([alone]))
            mini = validate_document(normalize_document(mini, normalize), validate)
            got = mini.pages[0].tables
            verdict = _verdict(
                alt.reader, got, tuple(f for f in mini.findings if f.table in {t.id for t in got})
            )
            # arithmetic prefers a reading whose relations hold (the most, none failing) over
            # one whose relations fail; a reading whose relations neither hold nor fail is never
            # displaced (m27.pdf, a listing: camelot-stream's rows "equal" in some column are no total)
            if verdict.confirmed and (best is chosen or verdict.held > best.held):
                best = verdict
        if best is chosen and not chosen.confirmed:
            pages.append(page)  # arithmetic says nothing for the structural choice
            continue
        mark = CONFIRMED_BY_ARITHMETIC if best is chosen else WON_ON_ARITHMETIC
        tables = tuple(
            replace(
                t, cells=tuple(replace(c, provenance=c.provenance.with_transforms(mark)) for c in t.cells)
            )
            for t in best.tables
        )
        note = (
            f"arithmetic: kept the {best.reader} reading ({best.held} relations hold, {best.failed} fail)"
            + ("" if best is chosen else f" over {chosen.reader} ({chosen.held} hold, {chosen.failed} fail)")
        )
        if best is not chosen:
            findings = [f for f in findings if f.table not in ids] + list(best.findings)
        pages.append(replace(page, tables=tables, notes=(*page.notes, note)))
    return replace(doc, pages=tuple(pages), findings=tuple(findings))


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
