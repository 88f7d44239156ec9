"""The end of a batch: ``OUT/summary.csv`` (one row per input, written atomically) and a rich table."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chohyo.atomic import atomic_file
from chohyo.batch.outcome import DONE, FAILED, SKIPPED
from chohyo.spreadsheet import formula_safe

if TYPE_CHECKING:
    from chohyo.batch.runner import BatchReport

COLUMNS = ["input", "status", "doc_status", "error_code", "error_message", "pages", "tables", "errors",
           "warnings", "seconds", "output_dir"]


def write_csv(report: BatchReport, path: Path, encoding: str = "utf-8-sig") -> None:
    """One row per input, in the documents' CSV encoding; file names and messages are formula-safe."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if encoding.lower() in {"cp932", "shift_jis", "utf-8-sig"} else "\n")
    w.writerow(COLUMNS)
    for job in report.jobs:
        o = report.outcomes.get(job.key)
        if o is None:  # interrupted before it finished: the next run converts it
            w.writerow([formula_safe(job.key), "pending", "", "", "", 0, 0, 0, 0, 0, ""])
            continue
        w.writerow([formula_safe(o.key), o.status, o.doc_status, o.error_code, formula_safe(o.error_message),
                    o.pages, o.tables, o.errors, o.warnings, f"{o.seconds:.3f}", formula_safe(o.output_dir)])
    with atomic_file(path, "w", encoding=encoding, errors="replace", newline="") as fh:
        fh.write(buf.getvalue())  # type: ignore[attr-defined]


def render(report: BatchReport, console: Any, resume_hint: str = "") -> None:
    from rich.table import Table

    done, failed, skipped = (report.of(s) for s in (DONE, FAILED, SKIPPED))
    counts = Table(title="chohyo batch", show_header=True)
    for col in ("done", "failed", "skipped", "pages", "seconds", "pages/s"):
        counts.add_column(col, justify="right")
    counts.add_row(str(len(done)), str(len(failed)), str(len(skipped)), str(report.pages_converted),
                   f"{report.seconds:.1f}", f"{report.pages_per_second:.1f}")
    console.print(counts)
    failures = report.still_failed()
    if failures:
        table = Table(title="failures", show_header=True)
        for col in ("input", "code", "reason"):
            table.add_column(col, overflow="fold")
        for o in sorted(failures, key=lambda o: o.key):
            table.add_row(o.key + (" (before)" if o.status == SKIPPED else ""), o.error_code, o.error_message)
        console.print(table)
    invalid = [o for o in report.outcomes.values() if o.errors]
    if invalid:
        console.print(f"{len(invalid)} document(s) have validation errors: see their report in the output folder.")
    console.print(f"manifest: {report.out / 'manifest.sqlite'}   summary: {report.out / 'summary.csv'}")
    if report.interrupted:
        left = len(report.jobs) - len(report.outcomes)
        console.print(f"[bold yellow]interrupted:[/] {left} input(s) not converted. Run the same command again "
                      f"to resume (finished documents are skipped){resume_hint}.")
    elif any(o.status == SKIPPED and o.error_code for o in report.outcomes.values()):
        console.print("Some inputs failed in an earlier run and were skipped: add --retry-failed to try them again.")
