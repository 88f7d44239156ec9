"""The end of a batch: ``OUT/summary.csv`` (one row per input, written atomically) and a rich table."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chohyo.atomic import atomic_file
from chohyo.batch.names import display, text_of
from chohyo.batch.outcome import DONE, FAILED, IGNORED, SKIPPED
from chohyo.errors import OutputWriteError
from chohyo.spreadsheet import formula_safe, line_terminator

if TYPE_CHECKING:
    from chohyo.batch.runner import BatchReport

COLUMNS = [
    "input",
    "status",
    "doc_status",
    "error_code",
    "error_message",
    "pages",
    "tables",
    "errors",
    "warnings",
    "seconds",
    "output_dir",
]


def _rel(report: BatchReport, folder: str) -> str:
    """An output folder relative to OUT ('/'-separated), so a copied OUT's summary stays right."""
    if not folder:
        return ""
    try:
        return Path(folder).relative_to(report.out).as_posix()
    except ValueError:
        return folder


def write_csv(report: BatchReport, path: Path, encoding: str = "utf-8-sig") -> None:
    """One row per input, in the documents' CSV encoding; file names and messages are formula-safe.
    ``output_dir`` is relative to OUT. OutputWriteError when it cannot be written (disk full...)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=line_terminator(encoding))
    w.writerow(COLUMNS)
    for job in report.jobs:
        o = report.outcomes.get(job.key)
        if o is None:  # interrupted before it finished: the next run converts it
            w.writerow([formula_safe(job.key), "pending", "", "", "", 0, 0, 0, 0, 0, ""])
            continue
        w.writerow(
            [
                formula_safe(o.key),
                o.status,
                o.doc_status,
                o.error_code,
                formula_safe(text_of(o.error_message)),
                o.pages,
                o.tables,
                o.errors,
                o.warnings,
                f"{o.seconds:.3f}",
                formula_safe(text_of(_rel(report, o.output_dir))),
            ]
        )
    try:
        with atomic_file(path, "w", encoding=encoding, errors="replace", newline="") as fh:
            fh.write(buf.getvalue())  # type: ignore[attr-defined]
    except OSError as err:  # the disk filled up while writing (atomic_file reports the other cases)
        raise OutputWriteError(f"cannot write the summary: {err.strerror or err}", path=str(path)) from err


def render(report: BatchReport, console: Any, resume_hint: str = "") -> None:
    """The end-of-batch tables and lines; every name and message escaped (never rich markup, never a
    control character)."""
    from rich.table import Table
    from rich.text import Text

    done, failed, skipped, ignored = (report.of(s) for s in (DONE, FAILED, SKIPPED, IGNORED))
    counts = Table(title="chohyo batch", show_header=True)
    for col in ("done", "failed", "skipped", "ignored", "pages", "seconds", "pages/s"):
        counts.add_column(col, justify="right")
    counts.add_row(
        str(len(done)),
        str(len(failed)),
        str(len(skipped)),
        str(len(ignored)),
        str(report.pages_converted),
        f"{report.seconds:.1f}",
        f"{report.pages_per_second:.1f}",
    )
    console.print(counts)
    failures = report.still_failed()
    if failures:
        table = Table(title="failures", show_header=True)
        for col in ("input", "code", "reason"):
            table.add_column(col, overflow="fold")
        for o in sorted(failures, key=lambda o: o.key):
            tag = " (before)" if o.status == SKIPPED else " (ignored)" if o.status == IGNORED else ""
            table.add_row(Text(display(o.key) + tag), Text(o.error_code), Text(display(o.error_message)))
        console.print(table)
    invalid = [o for o in report.outcomes.values() if o.errors]
    if invalid:
        console.print(
            f"{len(invalid)} document(s) have validation errors: see their report in the output folder."
        )
    for note in report.notes[:50]:
        console.print(Text("note: " + display(note)))
    if len(report.notes) > 50:
        console.print(f"... and {len(report.notes) - 50} more note(s)")
    out = display(str(report.out))
    console.print(Text(f"manifest: {out}/manifest.sqlite   summary: {out}/summary.csv"))
    if report.fault is not None:
        console.print(Text(f"stopped: {display(str(report.fault))}"), style="bold red")
    if report.interrupted:
        left = len(report.jobs) - len(report.outcomes)
        console.print(
            f"[bold yellow]interrupted:[/] {left} input(s) not converted. Run the same command again "
            f"to resume (finished documents are skipped){resume_hint}."
        )
    elif report.fault is None and any(o.status == SKIPPED and o.error_code for o in report.outcomes.values()):
        console.print(
            "Some inputs failed in an earlier run and were skipped: add --retry-failed to try them again."
        )
