"""cells.parquet: the tidy long form, one row per body cell.

``value`` is decimal128(38, s), s the most fractional digits any value in the document shows
(0 for yen tables): a numeric type every reader can sum without casting, and exact — the Decimal
read back equals the Decimal extracted, which a float64 would not promise past 2**53 and a string
would leave to every user to parse. A document whose values do not fit 38 digits falls back to
strings (``value_type`` in the file metadata says which).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from chohyo.emit.grid import own_unit
from chohyo.emit.textout import write_out
from chohyo.model import Cell, CellKind, Document, Table

_FIELDS = (
    "document", "table", "page", "row", "col", "row_label", "row_path", "column", "text", "raw_text", "value",
    "null_reason", "kind", "unit", "scale", "confidence", "x0", "top", "x1", "bottom", "extractor", "method",
    "transforms", "corrected_from",
)


def decimal_type(values: list[Decimal | None]) -> Any:
    """decimal128(38, s) when every value fits, else None (use strings)."""
    import pyarrow as pa

    scale, integer_digits = 0, 1
    for v in values:
        if v is None:
            continue
        if not v.is_finite():
            return None
        t = v.as_tuple()
        exp = int(t.exponent)
        scale = max(scale, -exp)
        integer_digits = max(integer_digits, len(t.digits) + exp)
    return pa.decimal128(38, scale) if integer_digits + scale <= 38 else None


def _records(doc: Document, table: Table, keep: bool) -> list[dict[str, Any]]:
    fix = (lambda s: s) if keep else write_out
    name = Path(doc.source).name
    rows = {r.index: r for r in table.rows}
    labels = {c.row: c.text for c in table.body_cells() if c.col == 0}
    numeric = {c.col for c in table.body_cells() if c.kind is CellKind.NUMBER and c.col > 0}
    out = []
    for c in sorted(table.body_cells(), key=lambda c: (c.row, c.col)):
        row = rows.get(c.row)
        label = row.label if row is not None and row.label else labels.get(c.row, "")
        path = (*row.parents, label) if row is not None else (label,)
        col = table.columns[c.col] if c.col < len(table.columns) else None
        unit = (
            ((col.unit or own_unit(col.name)) if col is not None else None) or table.unit if c.col in numeric else None
        )
        out.append(_record(name, table, c, fix(label), fix("/".join(p for p in path if p)),
                           fix(col.name) if col is not None and col.name else f"列{c.col + 1}", unit))
    return out


def _record(name: str, table: Table, c: Cell, label: str, path: str, column: str, unit: Any) -> dict[str, Any]:
    box = c.bbox
    return {
        "document": name,
        "table": table.id,
        "page": c.page,
        "row": c.row,
        "col": c.col,
        "row_label": label,
        "row_path": path,
        "column": column,
        "text": c.text,
        "raw_text": c.raw_text,
        "value": c.value,
        "null_reason": c.null_reason.value if c.null_reason is not None else None,
        "kind": c.kind.value,
        "unit": unit.name if unit is not None else None,
        "scale": unit.scale if unit is not None else None,
        "confidence": float(c.confidence),
        "x0": box.x0 if box else None,
        "top": box.top if box else None,
        "x1": box.x1 if box else None,
        "bottom": box.bottom if box else None,
        "extractor": c.provenance.extractor,
        "method": c.provenance.method,
        "transforms": list(c.provenance.transforms),
        "corrected_from": c.corrected_from,
    }


def cells_table(doc: Document, keep_dependent: bool = False) -> Any:
    """The document's body cells as a pyarrow Table (period and source in the schema metadata)."""
    import pyarrow as pa

    records = [r for t in doc.tables for r in _records(doc, t, keep_dependent)]
    value_type = decimal_type([r["value"] for r in records])
    scale_type = decimal_type([r["scale"] for r in records])
    if value_type is None:
        for r in records:
            r["value"] = None if r["value"] is None else format(r["value"], "f")
    if scale_type is None:
        for r in records:
            r["scale"] = None if r["scale"] is None else format(r["scale"], "f")
    s, i32, f64 = pa.string(), pa.int32(), pa.float64()
    schema = pa.schema(
        [
            ("document", s), ("table", s), ("page", i32), ("row", i32), ("col", i32), ("row_label", s),
            ("row_path", s), ("column", s), ("text", s), ("raw_text", s), ("value", value_type or s),
            ("null_reason", s), ("kind", s), ("unit", s), ("scale", scale_type or s), ("confidence", f64),
            ("x0", f64), ("top", f64), ("x1", f64), ("bottom", f64), ("extractor", s), ("method", s),
            ("transforms", pa.list_(s)), ("corrected_from", s),
        ],
        metadata=_metadata(doc, "decimal128" if value_type is not None else "string"),
    )
    columns = {name: [r[name] for r in records] for name in _FIELDS}
    return pa.table(columns, schema=schema)


def _metadata(doc: Document, value_type: str) -> dict[str, str]:
    from chohyo import __version__

    period = doc.period
    return {
        "source": doc.source,
        "sha256": doc.sha256,
        "title": doc.title,
        "period_start": period.start if period else "",
        "period_end": period.end if period else "",
        "period_label": period.label if period else "",
        "value_type": value_type,
        "chohyo_version": __version__,
    }


def write_parquet(doc: Document, path: Path, keep_dependent: bool = False) -> Path:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(cells_table(doc, keep_dependent), path)
    return path
