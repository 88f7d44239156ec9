"""<stem>.xlsx: a sheet per table as in its CSV, flagged cells filled and commented, Findings and Sources.

Numbers are stored as numbers with a number format (the unit stays in the header, as in the CSV),
so a clerk can sum a column at once. Text from a PDF is always stored as text: a label such as
``=HYPERLINK(...)`` is a string cell with Excel's quote prefix, so even editing it never turns it
into a formula.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from chohyo.emit.flags import Flag, flagged_cells
from chohyo.emit.grid import CleanTable
from chohyo.model import Cell, Document, Finding, Severity
from chohyo.spreadsheet import formula_safe

FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0: openpyxl refuses them
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_COMMENT = 2000


def _text(value: str) -> str:
    return _ILLEGAL.sub("\ufffd", value)


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write one cell; text is never a formula (openpyxl would store ``=...`` as one)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        value = _text(value)
        cell.value = value
        cell.data_type = "s"
        if formula_safe(value) != value:
            cell.quotePrefix = True  # Excel's own mark for "this is text", kept when the cell is edited
    else:
        cell.value = value
    return cell


def sheet_names(tables: list[CleanTable]) -> dict[str, str]:
    """t1 → "t1 一般会計歳入" (≤ 31 characters, none of []:*?/\\, unique)."""
    out: dict[str, str] = {}
    used: set[str] = {"findings", "sources"}
    for t in tables:
        title = _SHEET_BAD.sub(" ", _text(t.table.title)).strip().strip("'")
        name = f"{t.table.id} {title}".strip()[:31].rstrip()
        if name.lower() in used:
            name = t.table.id[:31]
        used.add(name.lower())
        out[t.table.id] = name
    return out


def _decimal_format(d: Decimal) -> str:
    """As many decimals as printed: 4.50 shows 4.50 in Excel and LibreOffice, not 4.5."""
    places = -int(d.as_tuple().exponent)
    return "#,##0." + "0" * places if places > 0 else "#,##0"


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value) if value else None
    except InvalidOperation:
        return None


def _comment(flag: Flag, findings: tuple[Finding, ...]) -> str:
    lines = [f"{findings[i].severity.value} {findings[i].code}: {findings[i].message}" for i in flag.findings]
    if flag.proposed is not None:
        lines.append(f"proposed: {flag.proposed}")
    if flag.candidate is not None:
        lines.append(f"one candidate of several, not a proposal: {flag.candidate}")
    return _text("\n".join(lines))[:MAX_COMMENT]


def _table_sheet(
    ws: Any, t: CleanTable, flags: dict[tuple[str, int, int], Flag], doc: Document
) -> dict[tuple[int, int], str]:
    """Write one table; return (grid row, col) → the sheet coordinate of each written cell."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    coords: dict[tuple[int, int], str] = {}
    bold = Font(bold=True)
    for j, header in enumerate(t.header, 1):
        _put(ws, 1, j, header).font = bold
    for i, row in enumerate(t.rows, 2):
        for col, value in zip(t.columns, row.values, strict=True):
            number: Any = None
            d = _decimal(value) if col.numeric else None
            if d is not None:  # a numeric column may hold a text cell (a note, a label)
                number = int(d) if col.integer else float(d)
            cell = _put(ws, i, col.index + 1, number if number is not None else (value or None))
            if d is not None:
                cell.number_format = "#,##0" if col.integer else _decimal_format(d)
            coords[(row.index, col.index)] = cell.coordinate
            flag = flags.get((t.table.id, row.index, col.index))
            if flag is not None:
                cell.fill = PatternFill("solid", fgColor=FILLS[flag.severity])
                cell.comment = Comment(_comment(flag, doc.findings), "chohyo", width=320, height=160)
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 28
    return coords


def _findings_sheet(
    ws: Any,
    doc: Document,
    flags: dict[tuple[str, int, int], Flag],
    where: dict[tuple[str, int, int], str],
    names: dict[str, str],
) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    header = [
        "#",
        "severity",
        "code",
        "table",
        "page",
        "cell",
        "row",
        "column",
        "found",
        "proposed",
        "message",
    ]
    for j, h in enumerate(header, 1):
        _put(ws, 1, j, h).font = Font(bold=True)
    r = 2
    for flag in flags.values():
        for i in flag.findings:
            f = doc.findings[i]
            coord = where.get((flag.table, flag.row, flag.col))
            label = next((c.row_label for c in f.cells if (c.row, c.col) == (flag.row, flag.col)), "")
            column = next((c.column for c in f.cells if (c.row, c.col) == (flag.row, flag.col)), "")
            sus = next((s for s in f.suspects if (s.row, s.col) == (flag.row, flag.col)), None)
            if sus is not None:
                label, column = sus.row_label, sus.column
            found = sus.found if sus is not None else (f.found if f.cells else None)
            values = [i + 1, f.severity.value, f.code, f.table, f.page, coord or "", label, column]
            for j, v in enumerate(values, 1):
                _put(ws, r, j, v)
            _put(ws, r, 9, float(found) if found is not None else None)
            _put(ws, r, 10, flag.proposed)
            _put(ws, r, 11, f.message)
            if coord:
                link = ws.cell(row=r, column=6)
                sheet = names[flag.table].replace("'", "''")
                link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{coord}")
                link.style = "Hyperlink"
            r += 1
    named = {i for flag in flags.values() for i in flag.findings}
    for i, f in enumerate(doc.findings):  # findings about a page, a table or the document
        if i in named:
            continue
        for j, v in enumerate([i + 1, f.severity.value, f.code, f.table, f.page, "", "", ""], 1):
            _put(ws, r, j, v)
        _put(ws, r, 11, f.message)
        r += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _sources_sheet(
    ws: Any,
    doc: Document,
    tables: list[CleanTable],
    names: dict[str, str],
    where: dict[tuple[str, int, int], str],
) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    from chohyo.version import __version__

    head: list[tuple[str, Any]] = [
        ("file", Path(doc.source).name),
        ("sha256", doc.sha256),
        ("pages read", ",".join(str(p.number) for p in doc.pages)),
        ("chohyo", __version__),
    ]
    head += [(k, v) for k, v in doc.meta if k in {"pdf_producer", "pdf_creator", "pdf_title"}]
    for r, (k, v) in enumerate(head, 1):
        _put(ws, r, 1, k).font = bold
        _put(ws, r, 2, v)
    r = len(head) + 2
    cols = [
        "sheet",
        "cell",
        "table",
        "page",
        "x0",
        "top",
        "x1",
        "bottom",
        "extractor",
        "method",
        "transforms",
        "confidence",
        "raw_text",
        "corrected_from",
    ]
    for j, h in enumerate(cols, 1):
        _put(ws, r, j, h).font = bold
    for t in tables:
        for c in sorted(t.table.cells, key=lambda c: (c.row, c.col)):
            coord = where.get((t.table.id, c.row, c.col))
            if coord is None:
                continue
            r += 1
            for j, v in enumerate(_source_row(c, names[t.table.id], coord, t.table.id), 1):
                _put(ws, r, j, v)


def _source_row(c: Cell, sheet: str, coord: str, table: str) -> list[Any]:
    b = c.bbox
    box = [None] * 4 if b is None else [round(b.x0, 1), round(b.top, 1), round(b.x1, 1), round(b.bottom, 1)]
    p = c.provenance
    return [
        sheet,
        coord,
        table,
        c.page,
        *box,
        p.extractor,
        p.method,
        " ".join(p.transforms),
        round(c.confidence, 3),
        c.raw_text,
        c.corrected_from,
    ]


def write_xlsx(doc: Document, path: Path, tables: list[CleanTable]) -> Path:
    from openpyxl import Workbook

    names = sheet_names(tables)
    flags = {k: v for k, v in flagged_cells(doc).items() if k[0] in names}  # the tables asked for
    wb = Workbook()
    wb.remove(wb.active)
    findings_ws = wb.create_sheet("Findings")
    where: dict[tuple[str, int, int], str] = {}
    for t in tables:
        coords = _table_sheet(wb.create_sheet(names[t.table.id]), t, flags, doc)
        where.update({(t.table.id, r, c): v for (r, c), v in coords.items()})
    _findings_sheet(findings_ws, doc, flags, where, names)
    _sources_sheet(wb.create_sheet("Sources"), doc, tables, names, where)
    wb.save(path)
    return path


__all__ = ["FILLS", "sheet_names", "write_xlsx"]
