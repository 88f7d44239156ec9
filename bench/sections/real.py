"""Real books: public documents nobody made for chohyo, converted whole (../shared/real/).

For each book: wall and CPU time of ``chohyo.convert`` (extract → normalize → validate → emit into
a temporary folder), tables, body cells, cells whose value was read from a unit mark (a cell whose
raw text holds 千円 and still has a value: the measure of issue 14), error findings, relations
found / checked / held (and the book's own identities by name: 比較 = 本年度 − 前年度, 本年度 =
Σ 財源), pages told blank without OCR, pages sent to OCR, and the document's status. Skipped, with
the reason, when ../shared/real/ is absent.

Speed and memory (issue 14 part 10): pdfplumber's ``extract_tables`` over the same pages in this
same process (CPU time, the ratio is pdfplumber's over chohyo's), and chohyo's peak RSS for the whole
book measured in a fresh subprocess (``ru_maxrss``), so that neither the peer nor this process's
earlier work counts.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TITLE = "Real books"
ORDER = 1
REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real"
BOOKS = ["fuji_r6_budget.pdf"]
# The same measure on the code before issue 14 (commit c2e1b73), for comparison.
BEFORE = {
    "fuji_r6_budget.pdf": "before issue 14 (c2e1b73, through the same `chohyo.convert` on the same quiet "
    "machine): 518 tables, 160,187 cells, 1,830 cells valued from a unit mark, 9 errors "
    "(all false alarms), relations 659 found / 659 checked / 650 held, 8 blank pages "
    "sent to OCR, status partial, 17.0 s wall, 18.7 s CPU"
}


_PEAK = """
import resource, sys, tempfile
from chohyo.pipeline import convert
with tempfile.TemporaryDirectory() as tmp:
    convert(sys.argv[1], tmp)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(path: Path) -> float:
    """chohyo.convert's peak resident memory (MB) on the whole file, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True, timeout=900
    )
    return int(done.stdout.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def pdfplumber_cpu(path: Path) -> tuple[float, int]:
    """pdfplumber's ``extract_tables`` on every page (CPU s, tables), each page closed after use."""
    import pdfplumber

    cpu, tables = time.process_time(), 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables += len(page.extract_tables())
            page.close()
    return time.process_time() - cpu, tables


def _warm() -> None:
    """The stages' imports, outside the timing (pdfplumber is imported before its timing too)."""
    import importlib

    for name in ("chohyo.extract", "chohyo.normalize", "chohyo.validate", "chohyo.emit", "pyarrow.parquet"):
        importlib.import_module(name)


def measure(path: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq
    from chohyo.model import PageKind, Severity
    from chohyo.pipeline import convert

    _warm()
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = time.perf_counter(), time.process_time()
        result = convert(path, tmp)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        doc = result.document
        if doc is None:
            return {"status": f"failure: {result.error}", "seconds": wall}
        cells = pq.read_table(
            Path(tmp) / path.stem / "cells.parquet", columns=["raw_text", "value"]
        ).to_pylist()
        budget_file = Path(tmp) / path.stem / "budget.parquet"
        budget_rows = pq.read_metadata(budget_file).num_rows if budget_file.exists() else None
    relations = [r for t in doc.tables for r in t.relations]
    identities = [r for r in relations if r.source == "label-identity"]
    compare = [r for r in identities if r.kind == "difference"]
    sources = [r for r in identities if r.kind == "sum"]
    return {
        "status": doc.status.value,
        "seconds": wall,
        "cpu": cpu,
        "pages": len(doc.pages),
        "tables": len(doc.tables),
        "cells": len(cells),
        "unit_valued": sum(1 for c in cells if "千円" in (c["raw_text"] or "") and c["value"] is not None),
        "errors": sum(1 for f in doc.findings if f.severity is Severity.ERROR),
        "warnings": sum(1 for f in doc.findings if f.severity is Severity.WARNING),
        "found": len(relations),
        "checked": sum(1 for r in relations if r.holds is not None),
        "held": sum(1 for r in relations if r.holds),
        "compare": (len(compare), sum(1 for r in compare if r.holds)),
        "sources": (len(sources), sum(1 for r in sources if r.holds)),
        "blank": sum(1 for p in doc.pages if any(n.startswith("blank page") for n in p.notes)),
        "ocr": sum(1 for p in doc.pages if p.kind is not PageKind.DIGITAL),
        "budget": None
        if doc.budget is None
        else {
            "moku": doc.budget.moku,
            "rows": budget_rows,
            "unlinked": doc.budget.unlinked,
            "counts": doc.budget.counts(),
            "errors": sum(1 for f in doc.findings if f.severity is Severity.ERROR and "Σ" in f.message),
        },
        "overflow": {
            code: sum(1 for f in doc.findings if f.code == code)
            for code in ("overflow-split", "overflow-ambiguous", "overflow-unconfirmed")
        },
    }


def run() -> str:
    lines = [
        "Whole public books from `../shared/real/` through `chohyo.convert` (all four stages, outputs "
        "written to a temporary folder). *unit-mark cells*: cells whose raw text holds 千円 and that "
        "still carry a value (should be 0). *identities*: the budget book's own, found by the columns' "
        "titles (found / held).",
        "",
        "| book | pages | tables | cells | unit-mark cells | errors | relations found / checked / held "
        "| 比較 = 本年度 − 前年度 | 本年度 = Σ 財源 | blank pages (no OCR) | pages OCR'd | status | wall s | CPU s |",
        "|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|---|---:|---:|",
    ]
    notes = []
    budgets: list[str] = []
    measured: dict[str, dict[str, Any]] = {}
    for name in BOOKS:
        path = REAL / name
        if not path.exists():
            notes.append(
                f"- {name}: skipped, {path} is absent (the shared folder sits beside the checkout on CI)."
            )
            continue
        m = measured[name] = measure(path)
        if "tables" not in m:
            lines.append(f"| {name} | | | | | | | | | | | {m['status']} | {m['seconds']:.1f} | |")
            continue
        c, s = m["compare"], m["sources"]
        lines.append(
            f"| {name} | {m['pages']} | {m['tables']} | {m['cells']:,} | {m['unit_valued']} | {m['errors']} "
            f"| {m['found']} / {m['checked']} / {m['held']} | {c[0]} / {c[1]} | {s[0]} / {s[1]} | {m['blank']} "
            f"| {m['ocr']} | {m['status']} | {m['seconds']:.1f} | {m['cpu']:.1f} |"
        )
        if name in BEFORE:
            notes.append(f"- {name}: {BEFORE[name]}.")
        if m.get("budget"):
            b = m["budget"]
            cells = " | ".join(f"{f} / {h}" for f, h in b["counts"].values())
            budgets.append(
                f"| {name} | {b['moku']} | {b['rows']:,} | {b['unlinked']} | {cells} | {b['errors']} |"
            )
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    notes.append(
        f"- wall time depends on the machine's load (1-minute load average {load:.1f} when measured, "
        f"{len(os.sched_getaffinity(0))} cores); CPU s is this process's own time."
    )
    if budgets:
        from chohyo.budget import RELATION_KINDS

        notes += [
            "",
            "The 歳入/歳出 事項別明細書 as one long table (`budget.csv` / `budget.parquet`, one row per "
            "節/説明 line, each with its 目, 項 and 款), found by column titles, item numbers and the facing "
            "目 and 節 pages; its own sums on 本年度, found / held (a relation is claimed only on a whole "
            "statement: a 目 closed by the next 目 or 計, 項 with 目 1..n, 款 with 項 1..n, 合計 with every "
            "款 the 総括 lists).",
            "",
            "| book | 目 | rows | lines with no 目 | " + " | ".join(RELATION_KINDS) + " | errors |",
            "|---|---:|---:|---:|" + "---|" * len(RELATION_KINDS) + "---:|",
            *budgets,
        ]
    return "\n".join([*lines, "", *notes, "", *_speed_memory(measured)]) + "\n"


def _speed_memory(measured: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "### Speed and memory (issue 14 part 10)",
        "",
        "chohyo's `convert` (all four stages, outputs written) and pdfplumber's `extract_tables` over "
        "the same pages, one after the other in this process (CPU s; the stages' imports are done "
        "before the timing, as pdfplumber's are). Peak RSS: `chohyo.convert` on the whole book in a "
        "fresh subprocess (`ru_maxrss`).",
        "",
        "| book | pages | chohyo CPU s | pdfplumber CPU s | pdfplumber tables | chohyo faster (CPU) "
        "| chohyo peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    overflow: list[str] = []
    for name, m in measured.items():
        path = REAL / name
        if "cpu" not in m:
            continue
        peer, peer_tables = pdfplumber_cpu(path)
        rss = peak_rss_mb(path)
        lines.append(
            f"| {name} | {m['pages']} | {m['cpu']:.1f} | {peer:.1f} | {peer_tables} "
            f"| {peer / m['cpu']:.1f}× | {rss:.0f} |"
        )
        o = m["overflow"]
        found = sum(o.values())
        overflow.append(
            f"- {name}, figures run together (issue 14 part 8): {found} cells found, "
            f"{o['overflow-split'] + o['overflow-ambiguous']} split, {o['overflow-split']} confirmed by their "
            f"formula alone, {o['overflow-ambiguous'] + o['overflow-unconfirmed']} flagged "
            f"({o['overflow-ambiguous']} where a shorter amount fits the formula too, split at the larger; "
            f"{o['overflow-unconfirmed']} where nothing fits, kept as printed); 0 blanked."
        )
    lines += ["", *SPEED_NOTES, *overflow]
    return lines


SPEED_NOTES = [
    "- target (issue 14): at least 4× pdfplumber's CPU time, peak RSS at most 400 MB for the 612 pages "
    "(813 MB when the issue was filed). Before this work (0c63fb4, same machine, 17:12 UTC): chohyo "
    "7.6 s CPU, pdfplumber 34.4 s CPU (4.5×), peak RSS 331 MB. Pages are read one at a time (each page's "
    "chars and images are let go after it); the peak is in the emit stage (pyarrow and the pandas it "
    "loads, then document.json).",
    "- `chohyo extract` draws a page bar on stderr for a document of 20 pages or more when stderr is a "
    "terminal (none in a pipe, none with `--quiet`).",
]


if __name__ == "__main__":
    print(run())
