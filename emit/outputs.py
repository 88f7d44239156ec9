"""Write every output of a Document under OUT/<stem>/, all or nothing.

The folder is built under a temporary name (``chohyo.atomic.atomic_dir``) and renamed into place
only when every file is written: a crash never leaves a folder that looks complete, and an
existing output is replaced only by a complete new one.
"""

from __future__ import annotations

import json
from pathlib import Path

from chohyo.atomic import atomic_dir
from chohyo.emit.amounts_out import write_amounts_csv
from chohyo.emit.budget_out import write_budget_csv, write_budget_parquet
from chohyo.emit.csv_out import write_csv
from chohyo.emit.datapackage import build_datapackage
from chohyo.emit.grid import CleanTable, clean_table
from chohyo.emit.markdown import document_markdown
from chohyo.emit.parquet_out import write_parquet
from chohyo.emit.report import build_report
from chohyo.emit.review_outputs import write_review_outputs
from chohyo.errors import OutputError
from chohyo.model import Document
from chohyo.outnames import doc_stem
from chohyo.runtime import gc_paused
from chohyo.serialize import to_json
from chohyo.settings import EmitSettings


def output_dir(doc: Document, out_dir: Path) -> Path:
    """Where a document's outputs go: OUT/<stem of the source file>/ (never OUT itself)."""
    return Path(out_dir) / doc_stem(doc.source)


def _json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def write_outputs(doc: Document, out_dir: Path, settings: EmitSettings) -> list[Path]:
    """Write OUT/<stem>/ (CSV, Parquet, JSON, Markdown, data package, as asked: xlsx, review.html);
    return the final paths."""
    with gc_paused():  # builds ~10^6 short-lived acyclic objects; collections would only walk them
        return _write_outputs(doc, out_dir, settings)


def _write_outputs(doc: Document, out_dir: Path, settings: EmitSettings) -> list[Path]:
    final = output_dir(doc, out_dir)
    stem = final.name
    tables = [clean_table(t, settings) for t in doc.tables]
    csv_names = {t.table.id: f"tables/{stem}_t{i}.csv" for i, t in enumerate(tables, 1)}
    written: list[Path] = []
    try:
        with atomic_dir(final) as tmp:
            written += _write_all(doc, tmp, settings, stem, tables, csv_names)
    except OSError as err:
        raise OutputError(f"cannot write the output: {err.strerror or err}", path=str(final)) from err
    return [final / p.relative_to(tmp) for p in written]


def _write_all(
    doc: Document,
    tmp: Path,
    settings: EmitSettings,
    stem: str,
    tables: list[CleanTable],
    csv_names: dict[str, str],
) -> list[Path]:
    keep = settings.write_dependent_chars
    written: list[Path] = []
    if settings.csv:
        for t in tables:
            written.append(write_csv(t, tmp / csv_names[t.table.id], settings.encoding))
    if settings.parquet:
        written.append(write_parquet(doc, tmp / "cells.parquet", keep))
    if doc.budget is not None and doc.budget.lines:  # a budget book: its 事項別明細書 as one long table
        if settings.csv:
            written.append(write_budget_csv(doc.budget, tmp / "budget.csv", settings.encoding, keep))
        if settings.parquet:
            written.append(write_budget_parquet(doc.budget, tmp / "budget.parquet", keep))
    if doc.amounts and settings.csv:  # sums and counts in running text
        written.append(write_amounts_csv(doc.amounts, tmp / "amounts.csv", settings.encoding, keep))
    if settings.json:
        path = tmp / "document.json"
        path.write_text(to_json(doc, indent=None) + "\n", encoding="utf-8")
        written.append(path)
        written.append(
            _json(tmp / "report.json", build_report(doc, csv_names if settings.csv else None, keep))
        )
    if settings.markdown:
        path = tmp / "text.md"
        path.write_text(document_markdown(doc, {t.table.id: t for t in tables}, keep), encoding="utf-8")
        written.append(path)
    if settings.datapackage and settings.csv:
        pairs = [(t, csv_names[t.table.id]) for t in tables]
        written.append(
            _json(tmp / "datapackage.json", build_datapackage(doc, pairs, settings.encoding, stem))
        )
    written += write_review_outputs(doc, tmp, settings, stem, tables)
    return written
