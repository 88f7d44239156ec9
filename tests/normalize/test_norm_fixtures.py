"""The fixture PDFs through extract + normalize (chohyo.pipeline.run, validation off): labels,
values, column names, units, periods and parents equal the truth files, with no post-processing."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from chohyo.model import CellKind, Document, Unit
from chohyo.pipeline import run
from chohyo.settings import Settings
from norm_helpers import FIXTURES, truth

DIGITAL = [
    c
    for c in (
        "budget_ruled",
        "budget_borderless",
        "budget_fullwidth",
        "budget_typos",
        "branch_a3",
        "kyen_rounding",
        "council_text",
    )
    if (FIXTURES / f"{c}.pdf").exists()
]


@cache
def _doc(case: str) -> Document:
    settings = Settings().with_(extract={"ocr": "never"}, validate={"enabled": False})
    return run(FIXTURES / f"{case}.pdf", settings)


def _cell_out(doc: Document, t: int, row: int, col: int) -> str | None:
    """What a plain reader gets: the number as text for numeric cells, the text otherwise."""
    cell = doc.tables[t].cell(row, col)
    if cell is None or cell.kind is CellKind.EMPTY:
        return None
    return cell.text or None


@pytest.mark.parametrize("case", DIGITAL)
def test_labels_values_and_columns_equal_truth(case: str) -> None:
    doc, tt = _doc(case), truth(case)
    assert len(doc.tables) == len(tt["tables"])
    for i, (table, want) in enumerate(zip(doc.tables, tt["tables"], strict=True)):
        assert table.title == want["title"]
        assert [c.name for c in table.columns] == want["columns"]
        assert [r.label for r in table.rows] == [r["label"] for r in want["rows"]]
        got = [[_cell_out(doc, i, r.index, c) for c in range(1, len(want["columns"]))] for r in table.rows]
        assert got == [r["values"] for r in want["rows"]]


@pytest.mark.parametrize("case", DIGITAL)
def test_numbers_are_plain_integers_and_units_attached(case: str) -> None:
    doc, tt = _doc(case), truth(case)
    for table, want in zip(doc.tables, tt["tables"], strict=True):
        numbers = [c for c in table.body_cells() if c.kind is CellKind.NUMBER]
        assert all(c.value is not None and int(c.text) == c.value for c in numbers)
        unit = want.get("unit")
        expected = Unit(unit["name"], Decimal(unit["scale"])) if unit else None
        assert table.unit == expected
        if expected is not None:
            assert all(col.unit == expected for col in table.columns[1:])


@pytest.mark.parametrize("case", DIGITAL)
def test_period(case: str) -> None:
    want = truth(case).get("period")
    doc = _doc(case)
    if want is None:
        assert doc.period is None
    else:
        assert doc.period is not None and (doc.period.start, doc.period.end) == (want["start"], want["end"])


@pytest.mark.parametrize("case", DIGITAL)
def test_parents_on_every_row(case: str) -> None:
    doc, tt = _doc(case), truth(case)
    for table, want in zip(doc.tables, tt["tables"], strict=True):
        assert [list(r.parents) for r in table.rows] == [r["parents"] for r in want["rows"]]


def test_budget_paths_and_transforms() -> None:
    doc = _doc("budget_ruled")
    table = doc.tables[0]
    paths = {"/".join(r.path) for r in table.rows}
    assert "Ⅰ 一般正味財産増減の部/経常増減の部/経常収益/1. 受取会費/受取会費" in paths
    roots = [r.label for r in table.rows if not r.parents]
    assert roots == ["Ⅰ 一般正味財産増減の部", "正味財産期首残高", "正味財産期末残高"]
    negative = [c for c in table.body_cells() if c.raw_text.startswith("△")]
    assert negative and all(c.value < 0 and "negative-triangle" in c.provenance.transforms for c in negative)


def test_no_number_findings_on_clean_documents() -> None:
    for case in DIGITAL:
        codes = {f.code for f in _doc(case).findings}
        assert not codes & {"unparseable-number", "bad-grouping", "ocr-candidate"}, case
