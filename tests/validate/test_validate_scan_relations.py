"""Relations a scan's misreads break in more lines than a misprint would (validate/discover.py
SCAN_SOURCES): kept on a scanned table when its numbering declares them (1 普通債 over a complete
block (1) … (n)) or its column titles state them (年度末残高 + 発行額 − 償還元金 = 年度末現在高) and they
hold in most lines. What holds through them confirms its cells; what fails leaves its cells
ocr-unconfirmed and is no error of the table (a misread is not a misprint); repair reads crossing
them. A born-digital table keeps the values-alone rules (its figures are no misreads)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chohyo.model import Provenance, Severity, Table
from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from validate_helpers import make_table

S = ValidateSettings()

# 地方債現在高調書's shape: a head numbered 1 over its block (1)…(3), then 2 over (1)…(2); columns
# 残高 | 発行額 | 償還元金 | 末現在高
ROWS: list[tuple[str, list[int]]] = [
    ("1 普通債", [600, 60, 30, 630]),
    ("(1) 総務", [100, 10, 5, 105]),
    ("(2) 民生", [200, 20, 10, 210]),
    ("(3) 衛生", [300, 30, 15, 315]),
    ("2 災害復旧債", [90, 9, 6, 93]),
    ("(1) 農林", [40, 4, 2, 42]),
    ("(2) 土木", [50, 5, 4, 51]),
]
COLUMNS = ["区分", "令和2年度末残高", "3年度発行額", "3年度償還元金", "3年度末現在高"]


def _table(rows: list[tuple[str, list[int]]], scanned: bool = True) -> Table:
    t = make_table(COLUMNS, [(label, [str(v) for v in values]) for label, values in rows])
    if not scanned:
        return t
    prov = Provenance("tesseract", "ocr-grid")
    return replace(t, cells=tuple(replace(c, provenance=prov) for c in t.cells))


def _misread(rows: list[tuple[str, list[int]]], **cells: int) -> list[tuple[str, list[Any]]]:
    """``rows`` with some figures misread: ``r2c1=700`` is row 2's first value column."""
    out = [(label, list(values)) for label, values in rows]
    for key, value in cells.items():
        r, c = (int(x) for x in key[1:].split("c"))
        out[r - 1][1][c - 1] = value
    return out


def _unconfirmed(result: Any) -> set[tuple[int, int]]:
    return {(ref.row, ref.col) for f in result.findings if f.code == "ocr-unconfirmed" for ref in f.cells}


def test_a_numbered_block_broken_by_misreads_still_confirms_what_holds() -> None:
    # (2) 民生's 残高 read 700 for 200 and (3) 衛生's 発行額 read 90 for 30 (no confusions repair
    # undoes): 1 普通債 = (1)+(2)+(3) fails in two of four columns, and both balance rows fail
    result = validate_table(_table(_misread(ROWS, r3c1=700, r4c2=90)), S)
    found = {r.description: r for r in result.relations}
    assert "1 普通債 = (1) 総務 + (2) 民生 + (3) 衛生" in found, found
    assert found["1 普通債 = (1) 総務 + (2) 民生 + (3) 衛生"].source == "scan-numbering"
    assert not [f for f in result.findings if f.severity is Severity.ERROR], result.findings
    unconfirmed = _unconfirmed(result)
    assert (3, 1) in unconfirmed and (4, 2) in unconfirmed, unconfirmed
    assert (2, 3) not in unconfirmed and (1, 3) not in unconfirmed  # 償還元金 holds down the block


def test_a_born_digital_table_keeps_the_values_alone_rules() -> None:
    result = validate_table(_table(_misread(ROWS, r3c1=700, r4c2=90), scanned=False), S)
    assert not [r for r in result.relations if r.source.startswith("scan-")], result.relations


def test_a_misread_crossing_two_such_relations_is_read_again() -> None:
    """(2) 民生's 発行額 440 read 340 (a 3 for a 4) and (1) 総務's 残高 1000 read 9000 (no confusion):
    the block fails in two columns of four. The 3 crosses the block and its own balance row: the one
    reading that makes both hold is written; the 9000 stays, unconfirmed."""
    rows = [(label, [v * 10 for v in values]) for label, values in ROWS]
    rows[0] = ("1 普通債", [6000, 840, 300, 6540])
    rows[2] = ("(2) 民生", [2000, 440, 100, 2340])
    result = validate_table(_table(_misread(rows, r3c2=340, r2c1=9000)), S)
    fixed = [(ref.row, ref.col) for f in result.findings if f.code == "corrected-cell" for ref in f.cells]
    assert fixed == [(3, 2)], [f.message for f in result.findings]
    assert (2, 1) in _unconfirmed(result)
    assert not [f for f in result.findings if f.severity is Severity.ERROR]
