"""A balance sheet printed as two tables side by side: 資産合計 (the last row of the left half)
equals 負債・純資産合計 (the last row of the right half). Checked across the two tables: when it
holds, it confirms both totals (their ``ocr-unconfirmed`` marks go); when it fails, an error names
both, as nothing tells which side is misread.
"""

from __future__ import annotations

import re
from dataclasses import replace

from chohyo.findings import CATALOGUE, FindingType, finding, register
from chohyo.model import CellKind, Document, Finding, Severity, Table
from chohyo.validate.check import cell_ref, where
from chohyo.validate.unconfirmed import without_marks

if "balance-sheet-mismatch" not in CATALOGUE:
    register(
        FindingType(
            "balance-sheet-mismatch",
            Severity.ERROR,
            "Two sides of a balance sheet differ",
            "{left} is {found} but {right} is {expected}: a balance sheet's two sides must be equal",
        )
    )

_ASSETS = re.compile(r"^資.{0,2}合計$")  # 資産合計, 資産の部合計 (資座合計 as OCR reads it)
_CLAIMS = re.compile(r"^負.{0,6}純資.?合計$")  # 負債純資産合計, 負債及び純資産合計, 負債・純資産の部合計


def _bare(text: str) -> str:
    return re.sub(r"[\s\u3000・･【】\[\]()（）〔〕]", "", text)


def _last_total(table: Table) -> tuple[str, int, int] | None:
    """(label, row, col) of the table's last body row, when it is labelled and holds one amount."""
    if not table.rows:
        return None
    last = table.rows[-1]
    amounts = [
        c
        for c in table.body_cells()
        if c.row == last.index and c.kind is CellKind.NUMBER and c.value is not None
    ]
    if len(amounts) != 1:
        return None
    return _bare(last.label), last.index, amounts[0].col


def _side_by_side(a: Table, b: Table) -> bool:
    if a.bbox is None or b.bbox is None or a.pages[-1] != b.pages[0]:
        return False
    overlap = min(a.bbox.bottom, b.bbox.bottom) - max(a.bbox.top, b.bbox.top)
    return a.bbox.x1 <= b.bbox.x0 + 2 and overlap > 0.8 * min(
        a.bbox.bottom - a.bbox.top, b.bbox.bottom - b.bbox.top
    )


def balance_halves(doc: Document) -> Document:
    """``doc`` with each side-by-side 資産合計 = 負債・純資産合計 checked (see the module's doc)."""
    tables = doc.tables
    confirmed: set[tuple[str, int, int]] = set()
    new: list[Finding] = []
    for a in tables:
        left = _last_total(a)
        if left is None or not _ASSETS.match(left[0]):
            continue
        for b in tables:
            right = _last_total(b)
            if b is a or right is None or not _CLAIMS.match(right[0]) or not _side_by_side(a, b):
                continue
            x, y = a.cell(left[1], left[2]), b.cell(right[1], right[2])
            assert x is not None and y is not None
            if x.value == y.value:
                confirmed |= {(a.id, left[1], left[2]), (b.id, right[1], right[2])}
            else:
                new.append(
                    finding(
                        "balance-sheet-mismatch",
                        page=b.pages[0],
                        table=a.id,
                        cells=(cell_ref(a, left[1], left[2]), cell_ref(b, right[1], right[2])),
                        found=x.value,
                        expected=y.value,
                        left=where(a, left[1], left[2]),
                        right=where(b, right[1], right[2]),
                    )
                )
    if not confirmed and not new:
        return doc
    return replace(doc, findings=without_marks(doc.findings, confirmed) + tuple(new))
