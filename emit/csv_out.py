"""tables/<stem>_t<N>.csv: one per table, one header line, bare numbers (総務省 machine-readable rules)."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from chohyo.emit.grid import CleanTable
from chohyo.emit.textout import encodable
from chohyo.spreadsheet import formula_safe, line_terminator


def csv_text(table: CleanTable, encoding: str) -> str:
    """The CSV as text, each cell made safe for ``encoding`` (OutputError names a cell that is not) and
    for spreadsheets (text that would start a formula gets a leading apostrophe)."""
    tid = table.table.id
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=line_terminator(encoding))
    writer.writerow(
        [
            formula_safe(encodable(h, encoding, f"table {tid}, header of column {c.index + 1}"))
            for h, c in zip(table.header, table.columns, strict=True)
        ]
    )
    if codecs.lookup(encoding).name.startswith("utf"):  # as ``encodable`` tells it: every text is written
        writer.writerows([[formula_safe(v) for v in row.values] for row in table.rows])
        return buf.getvalue()
    for row in table.rows:
        where_row = f"row {row.values[0]!r}" if row.values[0] else f"row {row.index}"
        writer.writerow(
            [
                formula_safe(
                    encodable(v, encoding, f"table {tid}, {where_row}, column {table.columns[i].name!r}")
                )
                for i, v in enumerate(row.values)
            ]
        )
    return buf.getvalue()


def write_csv(table: CleanTable, path: Path, encoding: str) -> Path:
    data = csv_text(table, encoding).encode(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
