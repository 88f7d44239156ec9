"""OCR'd numbers that nothing confirms are said in a finding, never left silent.

A number read from a scan is trusted when arithmetic confirms it: some relation through the cell
(its row's or its column's sum, a difference, a balance) holds with it, after any repair; or when
two independent readings agree (two engines read the same well-formed number: the extract stage
names it in the cell's provenance, model.OCR_AGREED) and no relation through it fails; or, in a
column of shares (持株比率(%), 構成比), when the column adds up to its total line's 100. A number
no holding relation goes through — a table whose structure gave no relation, a row outside every
sum, a cell on a relation that fails — may be misread and nothing would show it: it gets an
``ocr-unconfirmed`` warning naming the cell, so a reader knows to check it against the scan. A
born-digital number is never named (its text layer is what was printed).

A sum in the running text (amounts.csv) has no arithmetic around it: an OCR'd one is confirmed
only when two engines read the same digits in its line (its provenance carries OCR_AGREED, set by
normalize); any other is named in the same warning, so no OCR'd figure in the prose is silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chohyo.findings import CATALOGUE, FindingType, finding, register
from chohyo.model import LABEL_DOUBTFUL, OCR_AGREED, CellKind, Finding, Severity, Table, TextAmount
from chohyo.validate.check import LineCheck, cell_ref, where
from chohyo.validate.view import is_receipt

if "ocr-unconfirmed" not in CATALOGUE:
    register(
        FindingType(
            "ocr-unconfirmed",
            Severity.WARNING,
            "OCR number unconfirmed",
            "{where}: OCR read {text!r} and no relation confirms it ({reason}); check it against the scan",
        )
    )


def unconfirmed(table: Table, checks: Iterable[LineCheck]) -> list[Finding]:
    """One warning per OCR'd number of ``table`` that no holding check goes through."""
    checks = list(checks)
    held = {cell for c in checks if c.ok and not _cancelling(table, c) for cell in c.cells}
    held |= shares_of_100(table)
    failing = {cell for c in checks if not c.ok for cell in c.cells}
    # a receipt's amount on a line whose name was not read: the agreeing readings give the
    # amount, not the item it is paid for
    unnamed = (
        {c.row for c in table.body_cells() if LABEL_DOUBTFUL in c.provenance.transforms}
        if is_receipt(table)
        else set()
    )
    out = []
    for c in table.body_cells():
        key = (c.row, c.col)
        if c.kind is not CellKind.NUMBER or c.value is None or not c.is_ocr or key in held:
            continue
        nameless = c.row in unnamed
        if (
            OCR_AGREED in c.provenance.transforms
            and key not in failing
            and c.corrected_from is None
            and not nameless
        ):
            continue  # two engines read the same well-formed number: confirmed by agreement
        reason = FAILS if key in failing else NAMELESS if nameless else "no relation goes through it"
        out.append(unconfirmed_cell(table, key, reason))
    return out


FAILS = "the relations through it fail"
NAMELESS = "its line's name was not read: whose amount it is is unknown"

# A column of shares: 持株比率(%), 構成比, 割合 (validate never adds a ratio column up: most do not add up)
_SHARES = re.compile(r"[%％]|比率|構成比|割合")
_TOTAL = re.compile(r"合計|総計|^計$")
MIN_SHARES = 2


def shares_of_100(table: Table) -> set[tuple[int, int]]:
    """The cells of each column of shares whose figures add up to its total line's 100 exactly
    (持株比率: 50.5 + 13.5 + ... + 5.0 = 100.0): confirmed, the column's sum being the one a share
    column is printed to make. Only a total of 100 confirms: figures misread the same way all down
    the column (50.5 read 505: 1000) add up too, but never to 100."""
    out: set[tuple[int, int]] = set()
    for k, column in enumerate(table.columns):
        if not _SHARES.search(column.name):
            continue
        cells = sorted(
            (
                c
                for c in table.body_cells()
                if c.col == k and c.kind is CellKind.NUMBER and c.value is not None
            ),
            key=lambda c: c.row,
        )
        if len(cells) < MIN_SHARES + 1:
            continue
        *shares, total = cells
        label = next((r.label for r in table.rows if r.index == total.row), "")
        if _TOTAL.search(label.replace(" ", "").replace("\u3000", "")) and total.value == 100 == sum(
            c.value for c in shares if c.value is not None
        ):
            out |= {(c.row, c.col) for c in cells}
    return out


CellKey = tuple[str, int, int]  # (table id, row, col)


def without_marks(findings: Iterable[Finding], confirmed: set[CellKey]) -> tuple[Finding, ...]:
    """``findings`` less the ``ocr-unconfirmed`` marks on cells a check across the grid confirms
    (a balance sheet's two halves, a 計 beside its 内訳): the per-table checks never saw it."""
    return tuple(
        f
        for f in findings
        if not (
            f.code == "ocr-unconfirmed"
            and f.cells
            and {(c.table, c.row, c.col) for c in f.cells} <= confirmed
        )
    )


def unconfirmed_cell(table: Table, key: tuple[int, int], reason: str) -> Finding:
    """The ``ocr-unconfirmed`` warning on one OCR'd number of ``table``."""
    c = table.cell(*key)
    assert c is not None
    return finding(
        "ocr-unconfirmed",
        page=c.page,
        table=table.id,
        where=where(table, *key),
        cells=(cell_ref(table, *key),),
        text=c.raw_text or c.text,
        reason=reason,
    )


def _cancelling(table: Table, check: LineCheck) -> bool:
    """A check that holds only because two equal amounts cancel (補正後 − 補正前 = 比較 with 比較
    blank or 0): the same figure printed twice is misread the same way twice (``12 1/3人`` read
    12173 on both lines), so the check confirms neither reading."""
    values = [table.cell(*key) for key in check.cells]
    nonzero = [c.value for c in values if c is not None and c.value is not None and c.value != 0]
    return len(nonzero) == 2 and abs(nonzero[0]) == abs(nonzero[1])


def unconfirmed_amounts(amounts: Iterable[TextAmount]) -> list[Finding]:
    """One warning per OCR'd sum of the running text (amounts.csv) that no second reading confirms."""
    out = []
    for i, a in enumerate(amounts, 1):
        p = a.provenance
        if not p.read_by_ocr or OCR_AGREED in p.transforms:
            continue
        sentence = a.sentence if len(a.sentence) <= 40 else a.sentence[:39] + "…"
        reason = (
            "the two engines read it differently, or only one read the line"
            if a.value is not None
            else a.note or "it could not be read as a number"
        )
        out.append(
            finding(
                "ocr-unconfirmed",
                page=a.page,
                where=f"page {a.page}, amounts.csv row {i} ({sentence})",
                text=a.text,
                reason=reason,
            )
        )
    return out
