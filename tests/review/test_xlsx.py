"""<stem>.xlsx read back: numbers as numbers, flagged cells filled and commented, text never a formula."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from chohyo.emit.grid import clean_table
from chohyo.emit.xlsx_out import FILLS, write_xlsx
from chohyo.model import Severity
from chohyo.settings import EmitSettings
from openpyxl import load_workbook

from tests.review.review_docs import FORMULA, hostile_document


def _book(tmp_path: Path):  # type: ignore[no-untyped-def]
    doc = hostile_document()
    tables = [clean_table(t, EmitSettings()) for t in doc.tables]
    path = write_xlsx(doc, tmp_path / "予算書.xlsx", tables)
    return load_workbook(path)


def test_sheets_values_and_units(tmp_path: Path) -> None:
    wb = _book(tmp_path)
    assert wb.sheetnames[0] == "Findings" and wb.sheetnames[-1] == "Sources"
    ws = wb[wb.sheetnames[1]]
    assert ws.title.startswith("t1 ") and len(ws.title) <= 31 and "/" not in ws.title
    header = [c.value for c in ws[1]]
    assert header == ["科目", "公益事業/公益事業1(円)", "公益事業/小計(円)", "計(円)"]
    assert ws["B2"].value == 1234 and ws["B2"].data_type == "n" and ws["B2"].number_format == "#,##0"
    assert ws["B3"].value == -1000
    assert ws["C3"].value is None  # a dash is no value, as in the CSV


def test_flagged_cell_filled_and_commented(tmp_path: Path) -> None:
    ws = _book(tmp_path)["Findings"]
    rows = list(ws.iter_rows(min_row=2, values_only=False))
    linked = [r for r in rows if r[5].value]
    assert [r[2].value for r in linked] == ["sum-mismatch"]
    assert linked[0][5].hyperlink.location.endswith("!B4")
    assert linked[0][9].value == "2234"  # the proposal
    table = _book(tmp_path).worksheets[1]
    cell = table["B4"]  # the suspect (row 4, column 1)
    assert cell.fill.fgColor.rgb.endswith(FILLS[Severity.ERROR])
    assert "sum-mismatch" in cell.comment.text and "proposed: 2234" in cell.comment.text
    assert table["B2"].comment is None  # a relation's target is context when a suspect is named


def test_formula_text_stays_text(tmp_path: Path) -> None:
    table = _book(tmp_path).worksheets[1]
    cell = table["A3"]
    assert cell.value == FORMULA and cell.data_type == "s" and cell.quotePrefix
    assert all(c.data_type != "f" for row in table.iter_rows() for c in row)


def test_sources_sheet_has_page_box_provenance(tmp_path: Path) -> None:
    ws = _book(tmp_path)["Sources"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["file", "予算書.pdf"] + [None] * (len(rows[0]) - 2)
    head = next(i for i, r in enumerate(rows) if r[0] == "sheet")
    body = rows[head + 1 :]
    b2 = next(r for r in body if r[1] == "B2")
    assert b2[3] == 1 and b2[8] == "pdfium-words" and b2[9] == "lattice" and b2[12] == "1,234"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice absent (apt-get install libreoffice-calc)"
)
def test_libreoffice_reads_numbers_and_text(tmp_path: Path) -> None:
    """Another spreadsheet program, not openpyxl, opens the workbook: numbers are numbers, the formula
    text is text (LibreOffice would compute a formula), the unit is in the header."""
    book = write_xlsx(
        hostile_document(),
        tmp_path / "予算書.xlsx",
        [clean_table(t, EmitSettings()) for t in hostile_document().tables],
    )
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",  # sheet 2: t1
            "--outdir",
            str(tmp_path / "lo"),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = next((tmp_path / "lo").glob("*.csv"))
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["科目", "公益事業/公益事業1(円)", "公益事業/小計(円)", "計(円)"]
    # formatted as the number format says (#,##0): LibreOffice took them as numbers
    assert rows[1][1:] == ["1,234", "1,234", "2,468"] and rows[2][1] == "-1,000"
    assert rows[2][0] == FORMULA  # shown as written, never computed


def test_decimals_shown_as_printed(tmp_path: Path) -> None:
    """A ratio printed 4.50 is the number 4.5 shown with two decimals (Fuji t586 showed 4.5 in LibreOffice)."""
    from dataclasses import replace

    doc = hostile_document()
    t = doc.tables[0]
    cells = {
        (2, 2): replace(t.cell(2, 2), text="4.50", raw_text="4.50", value=Decimal("4.50")),  # type: ignore[type-var]
        (4, 2): replace(t.cell(4, 2), text="1.125", raw_text="1.125", value=Decimal("1.125")),  # type: ignore[type-var]
    }
    doc = doc.map_tables(lambda x: x.with_cells(cells))
    path = write_xlsx(doc, tmp_path / "d.xlsx", [clean_table(x, EmitSettings()) for x in doc.tables])
    ws = load_workbook(path).worksheets[1]
    assert (ws["C2"].value, ws["C2"].number_format) == (4.5, "#,##0.00")
    assert (ws["C4"].value, ws["C4"].number_format) == (1.125, "#,##0.000")
