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

from chohyo.emit.arrow_table import table_from_columns
from chohyo.emit.grid import own_unit
from chohyo.emit.textout import write_out
from chohyo.model import CellKind, Document

_FIELDS = (
    "document",
    "table",
    "page",
    "row",
    "col",
    "row_label",
    "row_path",
    "column",
    "text",
    "raw_text",
    "value",
    "null_reason",
    "kind",
    "unit",
    "scale",
    "confidence",
    "x0",
    "top",
    "x1",
    "bottom",
    "extractor",
    "method",
    "transforms",
    "corrected_from",
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


def _columns(doc: Document, keep: bool) -> dict[str, list[Any]]:
    """One list per field, body cells in (table, row, col) order. Label, path, column name and unit
    depend only on the row or the column, so each is worked out once per row or column."""
    fix = (lambda s: s) if keep else write_out
    name = Path(doc.source).name
    out: dict[str, list[Any]] = {f: [] for f in _FIELDS}
    (
        document,
        table_id,
        page,
        row_no,
        col_no,
        row_label,
        row_path,
        column,
        text,
        raw_text,
        value,
        null_reason,
        kind,
        unit_name,
        scale,
        confidence,
        x0,
        top,
        x1,
        bottom,
        extractor,
        method,
        transforms,
        corrected_from,
    ) = (out[f] for f in _FIELDS)
    for table in doc.tables:
        body = sorted((c for c in table.cells if c.row >= table.header_rows), key=lambda c: (c.row, c.col))
        rows = {r.index: r for r in table.rows}
        labels = {c.row: c.text for c in body if c.col == 0}
        numeric = {c.col for c in body if c.kind is CellKind.NUMBER and c.col > 0}
        row_keys: dict[int, tuple[str, str]] = {}
        col_keys: dict[int, tuple[str, Any]] = {}
        for c in body:
            rk = row_keys.get(c.row)
            if rk is None:
                row = rows.get(c.row)
                label = row.label if row is not None and row.label else labels.get(c.row, "")
                path = (*row.parents, label) if row is not None else (label,)
                rk = row_keys[c.row] = (fix(label), fix("/".join(p for p in path if p)))
            ck = col_keys.get(c.col)
            if ck is None:
                col = table.columns[c.col] if c.col < len(table.columns) else None
                unit = (
                    ((col.unit or own_unit(col.name)) if col is not None else None) or table.unit
                    if c.col in numeric
                    else None
                )
                ck = col_keys[c.col] = (
                    fix(col.name) if col is not None and col.name else f"列{c.col + 1}",
                    unit,
                )
            u = ck[1]
            box = c.bbox
            prov = c.provenance
            document.append(name)
            table_id.append(table.id)
            page.append(c.page)
            row_no.append(c.row)
            col_no.append(c.col)
            row_label.append(rk[0])
            row_path.append(rk[1])
            column.append(ck[0])
            text.append(c.text)
            raw_text.append(c.raw_text)
            value.append(c.value)
            null_reason.append(c.null_reason.value if c.null_reason is not None else None)
            kind.append(c.kind.value)
            unit_name.append(u.name if u is not None else None)
            scale.append(u.scale if u is not None else None)
            confidence.append(float(c.confidence))
            x0.append(box.x0 if box else None)
            top.append(box.top if box else None)
            x1.append(box.x1 if box else None)
            bottom.append(box.bottom if box else None)
            extractor.append(prov.extractor)
            method.append(prov.method)
            transforms.append(list(prov.transforms))
            corrected_from.append(c.corrected_from)
    return out


def cells_table(doc: Document, keep_dependent: bool = False) -> Any:
    """The document's body cells as a pyarrow Table (period and source in the schema metadata)."""
    import pyarrow as pa

    columns = _columns(doc, keep_dependent)
    value_type = decimal_type(columns["value"])
    scale_type = decimal_type(columns["scale"])
    if value_type is None:
        columns["value"] = [None if v is None else format(v, "f") for v in columns["value"]]
    if scale_type is None:
        columns["scale"] = [None if v is None else format(v, "f") for v in columns["scale"]]
    s, i32, f64 = pa.string(), pa.int32(), pa.float64()
    schema = pa.schema(
        [
            ("document", s),
            ("table", s),
            ("page", i32),
            ("row", i32),
            ("col", i32),
            ("row_label", s),
            ("row_path", s),
            ("column", s),
            ("text", s),
            ("raw_text", s),
            ("value", value_type or s),
            ("null_reason", s),
            ("kind", s),
            ("unit", s),
            ("scale", scale_type or s),
            ("confidence", f64),
            ("x0", f64),
            ("top", f64),
            ("x1", f64),
            ("bottom", f64),
            ("extractor", s),
            ("method", s),
            ("transforms", pa.list_(s)),
            ("corrected_from", s),
        ],
        metadata=_metadata(doc, "decimal128" if value_type is not None else "string"),
    )
    return table_from_columns(columns, schema)


def _metadata(doc: Document, value_type: str) -> dict[str, str]:
    from chohyo.version import __version__

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
