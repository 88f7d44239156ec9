"""Which cells a clerk must look at: one entry per flagged cell, shared by the workbook and review.html.

A finding flags its suspect cells when it names any (the cells it proposes to change), else the
first cell it names (a relation's target, an unparseable number, an OCR doubt). The terms of a
relation are context, not flags: a sum that fails names every row it adds up, and shading twenty
cells for one wrong figure would hide the one that matters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from chohyo.model import Document, Finding, Severity

RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
AMBIGUOUS = "ambiguous-correction"
RECORDS = frozenset(
    {"reviewed-cell", "relation-rechecked"}
)  # a clerk's decision, kept as a finding: a record, not a doubt


@dataclass(frozen=True)
class Flag:
    table: str
    row: int
    col: int
    severity: Severity  # the worst of its findings
    findings: tuple[int, ...]  # indexes into Document.findings
    proposed: str | None = None  # a suspect's proposed value, as text
    # the cell is one of several candidate sets (ambiguous-correction): its value there is a
    # candidate, never a proposal, so nothing offers to apply it
    candidate: str | None = None

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.table, self.row, self.col)


def flagged_refs(f: Finding) -> list[tuple[int, int, str | None]]:
    """(row, col, proposed text) of the cells this finding flags."""
    if f.suspects:
        return [
            (s.row, s.col, s.proposed_text if s.proposed_text is not None else _text(s.proposed))
            for s in f.suspects
        ]
    return [(f.cells[0].row, f.cells[0].col, None)] if f.cells else []


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def flagged_cells(doc: Document) -> dict[tuple[str, int, int], Flag]:
    """Flagged cells by (table, row, col), in the order their first finding names them."""
    tables = {t.id for t in doc.tables}
    out: dict[tuple[str, int, int], Flag] = {}
    for i, f in enumerate(doc.findings):
        if f.table is None or f.table not in tables or f.code in RECORDS:
            continue
        for row, col, proposed in flagged_refs(f):
            key = (f.table, row, col)
            old = out.get(key)
            if old is None:
                out[key] = Flag(f.table, row, col, f.severity, (i,), proposed)
                continue
            worst = f.severity if RANK[f.severity] < RANK[old.severity] else old.severity
            out[key] = Flag(
                f.table, row, col, worst, (*old.findings, i), old.proposed if old.proposed else proposed
            )
    for key, flag in out.items():
        if flag.proposed is not None and any(doc.findings[i].code == AMBIGUOUS for i in flag.findings):
            out[key] = replace(flag, proposed=None, candidate=flag.proposed)
    return out


__all__ = ["RANK", "Flag", "flagged_cells", "flagged_refs"]
