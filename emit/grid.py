"""A table as it will be written: one header line of column paths, clean label and value strings.

Shared by the CSV, Markdown and data-package writers so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from chohyo.emit.textout import join_lines, write_out
from chohyo.japanese.units import bracketed_unit
from chohyo.model import Cell, CellKind, Table, Unit, dedupe_names
from chohyo.settings import EmitSettings


@dataclass(frozen=True)
class OutColumn:
    index: int
    name: str  # the column path joined with "/", no unit
    header: str  # what the CSV header shows: name, plus "(unit)" for numeric columns when asked
    numeric: bool
    integer: bool  # every value is a whole number as printed
    unit: Unit | None


@dataclass(frozen=True)
class OutRow:
    index: int  # grid row in Table.cells
    page: int
    values: tuple[str, ...]  # one string per column, label first


@dataclass(frozen=True)
class CleanTable:
    table: Table
    columns: tuple[OutColumn, ...]
    rows: tuple[OutRow, ...]

    @property
    def header(self) -> list[str]:
        return [c.header for c in self.columns]


def plain_number(value: Decimal) -> str:
    """-1234, 50.5, 0: no grouping, no exponent, no sign on zero; digits as printed."""
    text = format(value, "f")
    return text[1:] if text.startswith("-") and value == 0 else text


def cell_string(cell: Cell | None, keep_dependent: bool) -> str:
    if cell is None or cell.kind in (CellKind.EMPTY, CellKind.HEADER):
        return ""
    if cell.kind is CellKind.NUMBER:
        # A null with a reason (dash, suppressed...) is an empty cell: the reason lives in cells.parquet.
        return "" if cell.value is None else plain_number(cell.value)
    text = join_lines(cell.text or "")  # a cell's wrapped lines are one value
    return text if keep_dependent else write_out(text)


def _column_name(table: Table, index: int, keep_dependent: bool) -> str:
    col = table.columns[index] if index < len(table.columns) else None
    name = col.name if col is not None and col.name else f"列{index + 1}"  # a headerless table
    return name if keep_dependent else write_out(name)


def own_unit(name: str) -> Unit | None:
    """A header that states its own unit (遂行率(%), 金額（千円）) keeps it over the table's."""
    found = bracketed_unit(name)
    return Unit.named(found[1]) if found else None


def _with_unit(name: str, unit: Unit | None) -> str:
    if unit is None or not unit.name or own_unit(name) is not None:
        return name
    return f"{name}({unit.name})"


dedupe = dedupe_names  # one rule for Table.df and the CSV header


def row_labels(table: Table, keep_dependent: bool) -> dict[int, str]:
    """Each body row's own label: the normalized Row.label, else the label cell's text."""
    out = {}
    for r in table.rows:
        if r.label:
            label = join_lines(r.label)
            out[r.index] = label if keep_dependent else write_out(label)
    return out


def clean_table(table: Table, settings: EmitSettings) -> CleanTable:
    keep = settings.write_dependent_chars
    n_cols = table.n_cols
    body = [c for c in table.body_cells() if c.kind is CellKind.NUMBER]
    numeric = {c.col for c in body if c.col > 0}
    fractional = {c.col for c in body if c.value is not None and int(c.value.as_tuple().exponent) < 0}

    names = [_column_name(table, i, keep) for i in range(n_cols)]
    units = [
        (
            table.columns[i].unit
            if i < len(table.columns) and table.columns[i].unit
            else own_unit(names[i]) or table.unit
        )
        if i in numeric
        else None
        for i in range(n_cols)
    ]
    headers = dedupe(
        [_with_unit(n, u) if settings.unit_in_header else n for n, u in zip(names, units, strict=True)]
    )
    columns = tuple(
        OutColumn(i, names[i], headers[i], i in numeric, i in numeric and i not in fractional, units[i])
        for i in range(n_cols)
    )

    pages = {r.index: r.page for r in table.rows}
    labels = row_labels(table, keep)
    by_row: dict[int, dict[int, Cell]] = {}
    for c in table.body_cells():
        by_row.setdefault(c.row, {})[c.col] = c
    rows = []
    for r in sorted(by_row):
        cells = by_row[r]
        label = labels.get(r) or cell_string(cells.get(0), keep)
        values = [label] + [cell_string(cells.get(i), keep) for i in range(1, n_cols)]
        if not any(values):
            continue
        page = pages.get(r) or min(
            (c.page for c in cells.values()), default=table.pages[0] if table.pages else 1
        )
        rows.append(OutRow(r, page, tuple(values)))
    return CleanTable(table, columns, tuple(rows))
