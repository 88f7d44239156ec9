"""Tables for notebooks, on camelot's model: ``.df``, ``to_csv``/``to_excel``/..., a short repr.

A ``NotebookTable`` wraps one model ``Table`` with the document it came from (for its findings and
period). Its DataFrame and files are built by the emit stage's ``clean_table``, so a notebook sees
the same header paths, units and values as the CSV on disk.
"""

from __future__ import annotations

import html
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chohyo.model import Document, Finding, Severity, Table
from chohyo.settings import EmitSettings

if TYPE_CHECKING:  # the emit stage and pandas load on first use: `import chohyo` stays cheap
    import pandas as pd
    from chohyo.emit.grid import CleanTable
    from PIL import Image

FORMATS = ("csv", "excel", "parquet", "json", "html", "markdown")
MAX_HTML_ROWS = 60  # more rows than this: head, tail and flagged rows only (df has them all)
_SEVERITY_COLOUR = {Severity.ERROR: "#f8c4c4", Severity.WARNING: "#fbe3a6", Severity.INFO: "#dbe9f7"}


def _pages(pages: tuple[int, ...]) -> str:
    if not pages:
        return "p?"
    return f"p{pages[0]}" if len(pages) == 1 else f"p{pages[0]}-{pages[-1]}"


class NotebookTable:
    """One table of a document; every attribute of the model ``Table`` is available as well."""

    def __init__(self, table: Table, document: Document, settings: EmitSettings | None = None) -> None:
        self.table = table
        self.document = document
        self._settings = settings or EmitSettings()
        self._clean: CleanTable | None = None

    def __getattr__(self, name: str) -> Any:  # id, pages, cells, rows, relations, unit, ...
        return getattr(self.table, name)

    @property
    def clean(self) -> CleanTable:
        if self._clean is None:
            from chohyo.emit.grid import clean_table

            self._clean = clean_table(self.table, self._settings)
        return self._clean

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.document.findings if f.table == self.table.id)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.clean.rows), len(self.clean.columns)

    @property
    def df(self) -> pd.DataFrame:
        """The table as in its CSV: header paths with units, numbers as nullable Int64 or Float64.

        ``df.attrs`` carries the table id, pages, title, captions, notes (the lines printed under
        the table: footnotes, source), unit, scale, the document's period and each
        column's path and unit.
        """
        import pandas as pd

        clean = self.clean
        data: dict[str, Any] = {}
        for col in clean.columns:
            values = [row.values[col.index] for row in clean.rows]
            numbers = _numbers(values) if col.numeric else None
            if numbers is not None:  # a column that also holds text stays text: nothing dropped
                if col.integer:
                    data[col.header] = pd.array(
                        [None if n is None else int(n) for n in numbers], dtype="Int64"
                    )
                else:
                    data[col.header] = pd.array(
                        [None if n is None else float(n) for n in numbers], dtype="Float64"
                    )
            else:
                data[col.header] = pd.array([v or None for v in values], dtype="string")
        df = pd.DataFrame(data)
        t, period = self.table, self.document.period
        df.attrs.update(
            {
                "table": t.id,
                "pages": list(t.pages),
                "title": t.title,
                "captions": list(t.captions),
                "notes": list(t.notes),
                "unit": t.unit.name if t.unit else None,
                "scale": int(t.unit.scale) if t.unit and t.unit.scale == int(t.unit.scale) else None,
                "period": None if period is None else {"start": period.start, "end": period.end},
                "columns": {
                    c.header: {"path": c.name, "unit": c.unit.name if c.unit else None} for c in clean.columns
                },
                "source": self.document.source,
            }
        )
        return df

    # --- files -----------------------------------------------------------------------------------
    def to_csv(self, path: str | Path, encoding: str | None = None) -> Path:
        """The same CSV ``chohyo extract`` writes (utf-8-sig by default, formula-safe)."""
        from chohyo.emit.csv_out import write_csv

        return write_csv(self.clean, Path(path), encoding or self._settings.encoding)

    def to_excel(self, path: str | Path) -> Path:
        """A workbook with this table on one sheet (see ``TableList.export(f="excel")``)."""
        return _write_workbook([self], Path(path))

    def to_parquet(self, path: str | Path) -> Path:
        self.df.to_parquet(Path(path), index=False)
        return Path(path)

    def to_json(self, path: str | Path) -> Path:
        records = json.loads(self.df.to_json(orient="records", force_ascii=False))
        Path(path).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return Path(path)

    def to_html(self, path: str | Path) -> Path:
        Path(path).write_text(self._repr_html_(), encoding="utf-8")
        return Path(path)

    def to_markdown(self, path: str | Path) -> Path:
        from chohyo.emit.markdown import table_markdown, table_notes_markdown

        notes = table_notes_markdown(self.table)  # the lines printed under the table, after it
        Path(path).write_text(
            table_markdown(self.clean) + "\n" + (f"\n{notes}\n" if notes else ""), encoding="utf-8"
        )
        return Path(path)

    # --- pictures (pdfplumber's to_image) --------------------------------------------------------
    def to_image(
        self, page: int | None = None, resolution: float = 100, password: str | None = None
    ) -> Image.Image:
        """The printed page with what chohyo found drawn over it: this table's frame, its cells by
        kind (numbers blue, labels green, headers shaded), cells its findings name in their
        severity's colour and the proposed values beside the table.

        ``page``: one of the table's pages (default its first); ``resolution``: dots per inch. A PIL
        image, which a notebook shows as it is (``_repr_png_``); ``.save("t1.png")`` to keep it.
        """
        from chohyo.emit.debug_png import draw_overlay, page_overlay
        from chohyo.emit.page_image import render_page

        number = self.table.pages[0] if page is None else page
        if number not in self.table.pages:
            raise ValueError(f"table {self.table.id} is on page(s) {list(self.table.pages)}, not {number}")
        source = Path(self.document.source)
        if not source.is_file():
            raise FileNotFoundError(f"{source}: the PDF this table was read from is not there any more")
        overlay = page_overlay(self.document, number)
        # this table only: its frame and cells (the page's other tables and text blocks are noise here)
        overlay["tables"] = [t for t in overlay["tables"] if t["id"] == self.table.id]
        overlay["cells"] = [c for c in overlay["cells"] if c["table"] == self.table.id]
        overlay["text_blocks"] = []
        pg = next(p for p in self.document.pages if p.number == number)
        return draw_overlay(render_page(source, pg, resolution, password), overlay)

    def plot(self, page: int | None = None, resolution: float = 100) -> Image.Image:
        """camelot's name for ``to_image``."""
        return self.to_image(page, resolution)

    # --- display ---------------------------------------------------------------------------------
    def __repr__(self) -> str:
        rels = self.table.relations
        held = sum(r.holds is True for r in rels)
        failed = sum(r.holds is False for r in rels)
        rows, cols = self.shape
        unit = f" {self.table.unit.name}" if self.table.unit and self.table.unit.name else ""
        return f"<Table {self.table.id} {_pages(self.table.pages)} {rows}×{cols}{unit} relations {held}✓ {failed}✗>"

    def _flagged(self) -> dict[tuple[int, int], tuple[Severity, str]]:
        """(grid row, col) → the worst severity naming that cell, with the messages."""
        out: dict[tuple[int, int], tuple[Severity, str]] = {}
        rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        for f in self.findings:
            refs = [(c.row, c.col) for c in f.cells] + [(s.row, s.col) for s in f.suspects]
            for key in refs:
                old = out.get(key)
                text = f.message if old is None else f"{old[1]}\n{f.message}"
                sev = f.severity if old is None or rank[f.severity] < rank[old[0]] else old[0]
                out[key] = (sev, text)
        return out

    def _repr_html_(self) -> str:
        """The table with flagged cells shaded by severity; every piece of PDF text escaped."""
        clean, flagged = self.clean, self._flagged()
        head = "".join(f"<th>{html.escape(h)}</th>" for h in clean.header)
        body = []
        # a long table (a budget book's 600 rows) shows its head, its tail and every flagged row,
        # as pandas shows 60 rows of a big frame: a notebook cell must stay readable
        flagged_rows = {r for r, _ in flagged}
        n = len(clean.rows)
        shown = {
            i
            for i, row in enumerate(clean.rows)
            if n <= MAX_HTML_ROWS or i < 20 or i >= n - 10 or row.index in flagged_rows
        }
        width = len(clean.columns)
        for i, row in enumerate(clean.rows):
            if i not in shown:
                if i - 1 in shown:
                    gap = next((j for j in range(i, n) if j in shown), n) - i
                    body.append(f'<tr class="gap"><td colspan="{width}">⋮ {gap} row(s) not shown</td></tr>')
                continue
            tds = []
            for col, value in zip(clean.columns, row.values, strict=True):
                flag = flagged.get((row.index, col.index))
                style = ' style="text-align:right"' if col.numeric else ""
                if flag is not None:
                    colour = _SEVERITY_COLOUR[flag[0]]
                    style = f' style="background:{colour}{";text-align:right" if col.numeric else ""}"'
                    style += f' title="{html.escape(flag[1])}" data-severity="{flag[0].value}"'
                tds.append(f"<td{style}>{html.escape(value)}</td>")
            body.append("<tr>" + "".join(tds) + "</tr>")
        caption = html.escape(repr(self))
        return (
            f'<table class="chohyo"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )


class TableList(list[NotebookTable]):
    """The tables of one document, in order; ``.document`` keeps the whole model and its findings."""

    def __init__(self, document: Document, settings: EmitSettings | None = None) -> None:
        super().__init__(NotebookTable(t, document, settings) for t in document.tables)
        self.document = document

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.document.findings

    @property
    def n(self) -> int:
        return len(self)

    def __repr__(self) -> str:
        name = Path(self.document.source).name
        return f"<TableList {name} n={len(self)} findings={len(self.document.findings)}>"

    def _repr_html_(self) -> str:
        """One line per table (its repr and how many cells findings name, by severity), then the
        findings of no table: a document of 600 tables stays one screen; ``tables[i]`` shows a table."""
        rows = []
        for i, t in enumerate(self):
            counts = {s: 0 for s in Severity}
            for sev, _ in t._flagged().values():
                counts[sev] += 1
            flags = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n) or "none"
            rows.append(
                f"<tr><td>{i}</td><td>{html.escape(repr(t))}</td><td>{html.escape(t.table.title)}</td>"
                f"<td>{flags}</td></tr>"
            )
        caption = html.escape(repr(self))
        return (
            f'<table class="chohyo-list"><caption>{caption}</caption><thead><tr><th>#</th><th>table</th>'
            f"<th>title</th><th>flagged cells</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def export(self, path: str | Path, f: str = "csv") -> list[Path]:
        """camelot's ``export``: ``out/budget.csv`` → ``out/budget-t1.csv``, ``out/budget-t2.csv``...;
        ``f="excel"`` writes one workbook with a sheet per table."""
        if f not in FORMATS:
            raise ValueError(f"f must be one of {', '.join(FORMATS)}, not {f!r}")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if f == "excel":
            return [_write_workbook(list(self), path.with_suffix(".xlsx"))]
        ext = {"markdown": ".md"}.get(f, f".{f}")
        written = []
        for t in self:
            target = path.with_name(f"{path.stem}-{t.table.id}{ext}")
            written.append(getattr(t, f"to_{f}")(target))
        return written


def _numbers(values: list[str]) -> list[Decimal | None] | None:
    """The column's values as numbers ("" → None), or None when one of them is text (a note, a label)."""
    try:
        return [None if v == "" else Decimal(v) for v in values]
    except InvalidOperation:
        return None


def _write_workbook(tables: list[NotebookTable], path: Path) -> Path:
    """A sheet per table: header paths with units, numbers as numbers, text never a formula."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        ws = wb.create_sheet(title=t.table.id[:31])
        ws.append(t.clean.header)
        for row in t.clean.rows:
            out: list[Any] = []
            for col, value in zip(t.clean.columns, row.values, strict=True):
                parsed = _numbers([value]) if col.numeric else None
                number = parsed[0] if parsed else None
                if number is not None:
                    out.append(int(number) if col.integer else float(number))
                else:
                    out.append(value or None)
            ws.append(out)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # "=cmd|..." from a PDF is stored as text, never as a formula
                elif isinstance(cell.value, int):
                    cell.number_format = "#,##0"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


__all__ = ["FORMATS", "NotebookTable", "TableList"]
