"""Read an existing CSV (header row of column paths, first column labels) as a Table to validate.

Headers are column paths joined with ``/`` (``公益事業/公益事業1``), optionally with a unit suffix
(``計(千円)``); the first column holds row labels; cells hold plain numbers (``-1234``; grouping
commas and △ are accepted too). UTF-8 (with or without BOM) or cp932.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from chohyo.errors import InputFileError
from chohyo.japanese.numbering import numbering_level
from chohyo.japanese.numbers import has_digit, parse_plain
from chohyo.japanese.units import bracketed_unit
from chohyo.model import Cell, CellKind, Column, NullReason, Provenance, Row, Table, Unit

_PROV = Provenance("csv", "file")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputFileError(f"cannot read {path}: {err.strerror or err}") from err
    for enc in ("utf-8-sig", "cp932"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputFileError(f"{path} is neither UTF-8 nor cp932 text; save it as UTF-8 CSV")


def _column(index: int, header: str) -> Column:
    found = bracketed_unit(header.rstrip(), times=False)
    unit = None
    if found:
        header, name = found[0], found[1].replace("％", "%")
        unit = Unit.named(name)
    return Column(index, tuple(p.strip() for p in header.split("/")), unit)


def table_from_csv(path: str | Path, table_id: str = "t1", unit: Unit | None = None) -> Table:
    path = Path(path)
    rows = list(csv.reader(io.StringIO(_read_text(path))))
    rows = [r for r in rows if any(x.strip() for x in r)]
    if len(rows) < 2 or len(rows[0]) < 2:
        raise InputFileError(
            f"{path}: a table CSV needs a header row and at least one row of label + numbers"
        )
    columns = tuple(_column(i, h.strip()) for i, h in enumerate(rows[0]))
    units = {c.unit for c in columns[1:] if c.unit is not None}
    if unit is None and len(units) == 1:
        unit = units.pop()
    cells = [
        Cell(0, c.index, h, c.name, CellKind.HEADER, provenance=_PROV)
        for c, h in zip(columns, rows[0], strict=True)
    ]
    body = []
    for r, record in enumerate(rows[1:], start=1):
        label = record[0].strip() if record else ""
        cells.append(Cell(r, 0, label, label, CellKind.LABEL, provenance=_PROV))
        body.append(Row(r, label, level=numbering_level(label) or 0))
        for c, text in enumerate(record[1 : len(columns)], start=1):
            text = text.strip()
            value = parse_plain(text) if text else None
            if not text or text in {"-", "—", "―", "－"}:
                cells.append(
                    Cell(r, c, text, "", CellKind.EMPTY, null_reason=NullReason.BLANK, provenance=_PROV)
                )
            elif value is None and not has_digit(text):
                cells.append(Cell(r, c, text, text, CellKind.TEXT, provenance=_PROV))
            elif value is None:
                cells.append(
                    Cell(
                        r,
                        c,
                        text,
                        text,
                        CellKind.NUMBER,
                        null_reason=NullReason.UNPARSEABLE,
                        provenance=_PROV,
                    )
                )
            else:
                cells.append(Cell(r, c, text, text, CellKind.NUMBER, value, provenance=_PROV))
    return Table(
        table_id,
        (1,),
        columns,
        tuple(cells),
        header_rows=1,
        rows=tuple(body),
        title=path.stem,
        unit=unit,
        method="csv",
    )
