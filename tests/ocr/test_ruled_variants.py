"""Ruled layout variants on a scan (200 dpi), read by the whole pipeline: rows ruled by columns only,
two label columns (款 | 項), a group column written downwards (歳入 / 歳出), years as column names,
remarks right-aligned in a value column, dust beside the numbers."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import doc_cache
import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr.images import page_image
from chohyo.extract.ocr.preprocess import prepare
from chohyo.extract.ocr.ruled_grid import find_grids
from chohyo.model import CellKind, Document, Table
from chohyo.settings import ExtractSettings

from .conftest import ROOT, SCANNED, needs_tesseract

pytestmark = [needs_tesseract, pytest.mark.slow]

# ---- where the scans are (one constant: <name>_200.pdf with its <name>_200.truth.json) ----
VARIANT_SCANS = SCANNED / "variants"


@cache
def _doc(name: str) -> Document:
    return doc_cache.run(VARIANT_SCANS / f"{name}_200.pdf")  # shared with test_scanned_variants


def _truth(name: str) -> dict[str, Any]:
    path = VARIANT_SCANS / f"{name}_200.truth.json"
    if not path.exists():
        path = ROOT / "fixtures" / "variants" / f"{name}.truth.json"
    return json.loads(path.read_text(encoding="utf-8"))["tables"][0]


def _value(table: Table, row: int, col: int) -> str | None:
    cell = table.cell(row, col)
    if cell is None or cell.kind is CellKind.EMPTY:
        return None
    return str(int(cell.value)) if cell.value is not None else cell.text


def _label(text: str) -> str:
    """Labels compared without white space, as bench/score.py does: the reader sometimes loses the
    space after a bare number (4市たばこ税 for 4 市たばこ税)."""
    return re.sub(r"\s+", "", text)


def _grid_rows(table: Table) -> list[tuple[str, list[str | None]]]:
    return [
        (_label(r.label), [_value(table, r.index, c) for c in range(1, len(table.columns))])
        for r in table.rows
    ]


def _truth_rows(want: dict[str, Any]) -> list[tuple[str, list[str | None]]]:
    return [(_label(r["label"]), r["values"]) for r in want["rows"]]


def _columns(table: Table) -> list[str]:
    return ["/".join(c.path) for c in table.columns]


def _grid_rows_of(path: Path) -> list[int]:
    pdf = pdfium.PdfDocument(path)
    try:
        img = page_image(pdf, 0, ExtractSettings())
    finally:
        pdf.close()
    prep = prepare(img.gray, img.dpi, 0)
    return [g.n_rows for g in find_grids(prep.binary, img.dpi)]


def test_rows_without_rules_between_them_are_cut_at_their_lines() -> None:
    """Header, one band of ten rows (vertical rules only) and the total: 12 grid rows."""
    assert _grid_rows_of(VARIANT_SCANS / "vertical_rules_200.pdf") == [12]


def test_a_table_ruled_row_by_row_gets_no_extra_rows() -> None:
    assert _grid_rows_of(SCANNED / "budget_ruled_200.pdf") == [48]


@doc_cache.group("vertical_rules_200")
def test_vertical_rules_scan_reads_every_row_and_its_remarks() -> None:
    doc = _doc("vertical_rules")
    want = _truth("vertical_rules")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert _columns(table) == want["columns"]
    assert _grid_rows(table) == _truth_rows(want)
    # the remarks are right-aligned in their column, as numbers are: read as text all the same
    remarks = [c for c in table.cells if c.col == 4 and c.kind is CellKind.TEXT]
    assert [c.text for c in remarks] == [v[3] for _, v in _truth_rows(want) if v[3]]


@doc_cache.group("staircase_200")
def test_staircase_labels_become_one_label_column_with_levels() -> None:
    doc = _doc("staircase")
    want = _truth("staircase")
    table = doc.tables[0]
    assert _columns(table) == want["columns"]  # 款・項, then the value columns
    assert _grid_rows(table) == _truth_rows(want)
    assert [(r.level, [_label(p) for p in r.parents]) for r in table.rows] == [
        (r["level"], [_label(p) for p in r["parents"]]) for r in want["rows"]
    ]


@doc_cache.group("vertical_group_200")
def test_group_column_written_downwards_becomes_the_rows_parent() -> None:
    doc = _doc("vertical_group")
    want = _truth("vertical_group")
    table = doc.tables[0]
    assert _columns(table) == want["columns"]  # 区分 names the label column only
    assert _grid_rows(table) == _truth_rows(want)
    assert [list(r.parents) for r in table.rows] == [r["parents"] for r in want["rows"]]


@doc_cache.group("ruled_years_200")
def test_years_are_column_names_not_a_row() -> None:
    doc = _doc("ruled_years")
    want = _truth("ruled_years")
    table = doc.tables[0]
    assert _columns(table) == want["columns"]
    assert len(table.rows) == len(want["rows"])
    assert [r.label for r in table.rows].count("共済費") == 3


@doc_cache.group("continued_titled_200")
def test_dust_beside_a_number_does_not_spoil_it() -> None:
    """Page 2 has a dot after 11,926 (read 11,926-) and one before 4,233 (read as a speck sign)."""
    doc = _doc("continued_titled")
    want = _truth("continued_titled")
    assert len(doc.tables) == 1
    assert [v for _, v in _grid_rows(doc.tables[0])] == [v for _, v in _truth_rows(want)]
