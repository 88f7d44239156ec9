"""Evaluate relations on every check line and turn failures into findings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from chohyo.findings import CATALOGUE, FindingType, finding, register
from chohyo.model import CellRef, Finding, NullReason, Relation, Severity, Suspect, Table
from chohyo.validate.evaluate import evaluate
from chohyo.validate.numeric import Numeric, decimals_of
from chohyo.validate.view import View, column_name, row_label

if "ratio-mismatch" not in CATALOGUE:
    register(
        FindingType(
            "ratio-mismatch",
            Severity.ERROR,
            "Ratio mismatch",
            "{where}: expected {expected} (= {formula}), found {found}",
        )
    )

_CODES = {
    "sum": "sum-mismatch",
    "formula": "sum-mismatch",
    "difference": "difference-mismatch",
    "balance": "balance-mismatch",
    "ratio": "ratio-mismatch",
}


@dataclass(frozen=True)
class LineCheck:
    """One relation evaluated on one check line (a column for row relations, a row for column ones)."""

    relation: Relation
    line: int  # grid index of the check line
    ok: bool
    exact: bool
    expected: Decimal
    found: Decimal
    cells: tuple[tuple[int, int], ...]  # (row, col) grid cells, target first

    @property
    def key(self) -> tuple[str, int]:
        return (self.relation.id, self.line)


def relation_cells(rel: Relation, line: int) -> tuple[tuple[int, int], ...]:
    idx = (rel.target, *(t.index for t in rel.terms))
    return tuple((i, line) if rel.axis == "row" else (line, i) for i in idx)


def _ratio_checks(num: Numeric, rel: Relation) -> list[LineCheck]:
    """target = a / b × 100 on each check line, within half of the target's last shown digit."""
    if rel.axis == "col":
        pos, lines, v, present, unknown = num.col_pos, num.rows, num.v.T, num.present.T, num.unknown.T
    else:
        pos, lines, v, present, unknown = num.row_pos, num.cols, num.v, num.present, num.unknown
    t, a, b = pos[rel.target], pos[rel.terms[0].index], pos[rel.terms[1].index]
    out = []
    for j, line in enumerate(lines):
        if not (present[t, j] and present[a, j] and present[b, j]) or v[b, j] == 0:
            continue
        found = num.to_decimal(v[t, j])
        expected = Decimal(int(v[a, j])) / Decimal(int(v[b, j])) * 100
        half = Decimal(5) * Decimal(10) ** (-decimals_of(found) - 1)
        ok = abs(found - expected) <= half and not unknown[t, j]
        out.append(
            LineCheck(rel, line, ok, ok, expected.quantize(Decimal("0.01")), found, relation_cells(rel, line))
        )
    return out


def check_relation(num: Numeric, view: View, rel: Relation) -> list[LineCheck]:
    if rel.kind == "ratio":
        return _ratio_checks(num, rel)
    ev = evaluate(view, view.pos[rel.target], [(view.pos[t.index], t.sign) for t in rel.terms])
    check_lines = view.checks
    out = []
    for j in range(len(check_lines)):
        if not ev.checked[j] or (check_lines[j] in view.soft and not ev.ok[j]):
            continue
        out.append(
            LineCheck(
                rel,
                check_lines[j],
                bool(ev.ok[j]),
                bool(ev.exact[j]),
                num.to_decimal(ev.expected[j]),
                num.to_decimal(ev.found[j]),
                relation_cells(rel, check_lines[j]),
            )
        )
    return out


def check_all(
    num: Numeric, views: dict[str, View], relations: tuple[Relation, ...]
) -> tuple[tuple[Relation, ...], list[LineCheck]]:
    """Relations with ``holds`` set, and every line check."""
    checks: list[LineCheck] = []
    out = []
    for rel in relations:
        lines = check_relation(num, views[rel.axis], rel)
        checks += lines
        out.append(replace(rel, holds=all(c.ok for c in lines)))
    return tuple(out), checks


def cell_ref(table: Table, row: int, col: int, value: Decimal | None = None) -> CellRef:
    cell = table.cell(row, col)
    return CellRef(
        table.id,
        row,
        col,
        row_label(table, row),
        column_name(table, col),
        value if value is not None else (cell.value if cell else None),
        cell.page if cell else None,
    )


def where(table: Table, row: int, col: int) -> str:
    return f"table {table.id}, {row_label(table, row)} / {column_name(table, col)}"


def _unparseable(table: Table, key: tuple[int, int]) -> bool:
    cell = table.cell(*key)
    return cell is not None and cell.value is None and cell.null_reason is NullReason.UNPARSEABLE


def findings_for(
    table: Table, checks: list[LineCheck], suspects: dict[tuple[str, int], tuple[Suspect, ...]]
) -> list[Finding]:
    out = []
    page = table.pages[0] if table.pages else None
    for c in checks:
        if c.ok and c.exact:
            continue
        r, col = c.cells[0]
        refs = tuple(cell_ref(table, rr, cc) for rr, cc in c.cells)
        cell = table.cell(r, col)
        # an unparseable cell has no value to show: say so rather than print 0
        found = None if _unparseable(table, c.cells[0]) else c.found
        expected = None if any(_unparseable(table, k) for k in c.cells[1:]) else c.expected
        kw: dict[str, Any] = dict(
            page=cell.page if cell else page,
            table=table.id,
            cells=refs,
            expected=expected,
            found=found,
            relation=c.relation.id,
            where=where(table, r, col),
            formula=c.relation.description,
        )
        if c.ok:
            out.append(finding("rounding-only", **kw))
        else:
            out.append(
                finding(_CODES.get(c.relation.kind, "sum-mismatch"), suspects=suspects.get(c.key, ()), **kw)
            )
    return out
