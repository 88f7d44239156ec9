"""Build model Tables from a fixture's truth JSON (fixtures/<case>.truth.json).

Used by tests and the benchmark to exercise validation on exactly the printed values, before
(and independently of) extraction.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from chohyo.model import Cell, CellKind, Column, Document, NullReason, Page, Provenance, Row, Table, Unit

_PROV = Provenance("truth", "fixture")


def table_from_truth(spec: dict[str, Any], table_id: str = "t1") -> Table:
    names: list[str] = list(spec["columns"])
    columns = tuple(Column(i, tuple(n.split("/"))) for i, n in enumerate(names))
    cells = [Cell(0, i, n, n, CellKind.HEADER, provenance=_PROV) for i, n in enumerate(names)]
    rows = []
    for r, row in enumerate(spec["rows"], start=1):
        label = row["label"]
        cells.append(Cell(r, 0, label, label, CellKind.LABEL, provenance=_PROV))
        for c, text in enumerate(row["values"], start=1):
            if text is None:
                cells.append(
                    Cell(r, c, "", "", CellKind.EMPTY, null_reason=NullReason.BLANK, provenance=_PROV)
                )
            else:
                cells.append(
                    Cell(r, c, str(text), str(text), CellKind.NUMBER, Decimal(str(text)), provenance=_PROV)
                )
        rows.append(Row(r, label, parents=tuple(row.get("parents", ())), level=int(row.get("level", 0))))
    unit = spec.get("unit")
    return Table(
        id=table_id,
        pages=tuple(spec.get("pages", (1,))),
        columns=columns,
        cells=tuple(cells),
        header_rows=1,
        rows=tuple(rows),
        title=spec.get("title", ""),
        unit=Unit(unit["name"], Decimal(str(unit.get("scale", 1)))) if unit else None,
        method="truth",
    )


def document_from_truth(path: str | Path) -> Document:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    tables = tuple(table_from_truth(t, f"t{i + 1}") for i, t in enumerate(data["tables"]))
    page = Page(1, 595.0, 842.0, tables=tables)
    return Document(source=str(path), sha256="", pages=(page,))


def load_truth(path: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data
