"""datapackage.json: a Frictionless (v1 tabular) data package describing each CSV.

Written by hand (no frictionless dependency). The CSVs hold bare numbers (-1234, no grouping), so
``bareNumber`` stays at its default true and no ``groupChar`` is declared: ``bareNumber: false``
would silently read △1234 as +1234, and ``integer`` ignores ``groupChar`` (rules.md §5). The unit
and its scale go in each numeric field's metadata; values stay as printed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from chohyo.emit.grid import CleanTable
from chohyo.model import Document
from chohyo.spreadsheet import line_terminator

_NAME_OK = re.compile(r"[^a-z0-9._-]+")


def package_name(text: str, fallback: str) -> str:
    """Frictionless names are lower-case ASCII letters, digits, '-', '_', '.'."""
    name = _NAME_OK.sub("-", text.lower()).strip("-._")
    return name or fallback


def field_json(table: CleanTable, index: int) -> dict[str, Any]:
    col = table.columns[index]
    field: dict[str, Any] = {"name": col.header}
    if index == 0:
        field.update(type="string", description="row label")
    elif col.numeric:
        field["type"] = "integer" if col.integer else "number"
        if col.unit is not None:
            field["unit"] = col.unit.name
            field["scale"] = (
                int(col.unit.scale)
                if col.unit.scale == col.unit.scale.to_integral_value()
                else str(col.unit.scale)
            )
    else:
        field["type"] = "string"
    if "/" in col.name:
        field["title"] = col.name
        field["path"] = col.name.split("/")
    return field


def resource_json(table: CleanTable, csv_path: str, encoding: str, stem: str) -> dict[str, Any]:
    t = table.table
    resource: dict[str, Any] = {
        "name": package_name(Path(csv_path).stem, f"table-{t.id}"),
        "path": csv_path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding,
        "dialect": {
            "delimiter": ",",
            "lineTerminator": line_terminator(encoding),
            "header": True,
        },
        "schema": {
            "fields": [field_json(table, i) for i in range(len(table.columns))],
            "missingValues": [""],
        },
    }
    if t.title:
        resource["title"] = t.title
    if t.notes:  # the lines printed under the table (footnotes, source): they belong with its CSV
        resource["notes"] = list(t.notes)
    if t.pages:
        resource["pages"] = list(t.pages)
    return resource


def build_datapackage(
    doc: Document, tables: list[tuple[CleanTable, str]], encoding: str, stem: str
) -> dict[str, Any]:
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": package_name(stem, "document"),
        "title": doc.title or stem,
        "sources": [{"title": Path(doc.source).name, "path": Path(doc.source).name, "sha256": doc.sha256}],
        "resources": [resource_json(t, path, encoding, stem) for t, path in tables],
    }
    if doc.period is not None:
        package["temporalCoverage"] = {"start": doc.period.start, "end": doc.period.end}
    return package
