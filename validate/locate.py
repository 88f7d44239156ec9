"""Name the suspect cells of failing relations (the search itself is in ``explain``).

Suspects are the cells of the least set whose change makes every failing check hold while every
other check through them still holds: one cell at the crossing of a row and a column relation, or
two (three on small tables) when several typos sit on one relation line. When several least sets
exist the failures are ambiguous: nobody is named on them, and each candidate set is reported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from chohyo.findings import CATALOGUE, FindingType, register
from chohyo.model import Severity, Suspect
from chohyo.validate.check import LineCheck
from chohyo.validate.explain import Unit, explain
from chohyo.validate.numeric import Numeric, column_unit, half_unit
from chohyo.validate.view import column_name, row_label

Cell_ = tuple[int, int]

if "ambiguous-correction" not in CATALOGUE:
    register(
        FindingType(
            "ambiguous-correction",
            Severity.WARNING,
            "Several corrections fit",
            "{where}: candidate {k} of {count}: {change} makes the failing checks ({failing}) hold, "
            "and so does each other candidate: none is chosen",
        )
    )


@dataclass
class Fix:
    cell: Cell_
    found: Decimal | None
    proposed: Decimal
    explains: frozenset[tuple[str, int]]
    together: tuple[Cell_, ...] = ()  # every cell of its set (itself included)
    partial: bool = False  # in every least correction, with cells that differ between them


def _value(num: Numeric, cell: Cell_) -> tuple[Decimal, bool]:
    """The printed value (0 when blank) and whether it is unparseable."""
    i, j = num.row_pos[cell[0]], num.col_pos[cell[1]]
    return num.to_decimal(num.v[i, j]), bool(num.unknown[i, j])


def _sign_in(check: LineCheck, cell: Cell_) -> int:
    """+1/-1 as a term, 0 as the target."""
    rel = check.relation
    idx = cell[0] if rel.axis == "row" else cell[1]
    if idx == rel.target:
        return 0
    return next(t.sign for t in rel.terms if t.index == idx)


def holds_with(num: Numeric, check: LineCheck, cell: Cell_, new: Decimal) -> bool:
    total = Decimal(0)
    tol = Decimal(0)
    target = Decimal(0)
    for k, c in enumerate(check.cells):
        if c == cell:
            val, bad = new, False
        else:
            val, bad = _value(num, c)
        if bad:
            return False
        tol += half_unit(val, column_unit(num.table, c[1]))
        if k == 0:
            target = val
        else:
            total += val * _sign_in(check, c)
    return abs(target - total) <= tol


@dataclass
class Located:
    """Named fixes, the named fixes on each failing check, and the ambiguous groups."""

    named: list[Fix]
    by_check: dict[tuple[str, int], list[Fix]]
    ambiguous: list[tuple[list[tuple[str, int]], list[list[Fix]], int]]  # failing keys, candidate sets, count


def _fixes(num: Numeric, unit: Unit, lin: list[LineCheck]) -> list[Fix]:
    out = []
    for cell, new in unit.changes:
        cur, bad = _value(num, cell)
        mine = frozenset(lin[k].key for k in unit.covers if cell in lin[k].cells)
        out.append(Fix(cell, None if bad else cur, num.to_decimal(new), mine, unit.cells, unit.partial))
    return out


def locate(num: Numeric, checks: list[LineCheck]) -> Located:
    """Suspects of the failing checks: the least sets of cells whose change makes them all hold."""
    lin, groups = explain(num, checks)
    named: list[Fix] = []
    ambiguous = []
    for g in groups:
        for unit in g.certain:
            named += _fixes(num, unit, lin)
        if g.ambiguous:
            sets = [[f for u in alt for f in _fixes(num, u, lin)] for alt in g.alternatives]
            ambiguous.append((sorted(lin[k].key for k in g.failing), sets, g.n_alternatives))
    by_check: dict[tuple[str, int], list[Fix]] = defaultdict(list)
    for f in named:
        for key in f.explains:
            by_check[key].append(f)
    return Located(named, by_check, ambiguous)


def to_suspect(num: Numeric, fix: Fix, text: str | None = None, reason: str = "") -> Suspect:
    r, c = fix.cell
    if not reason and fix.partial:
        reason = (
            f"this value is in every least correction of its {len(fix.explains)} failing relation check(s); "
            "the other cells of those corrections are ambiguous (see the candidates)"
        )
    if not reason and len(fix.together) > 1:
        others = ", ".join(
            f"{row_label(num.table, rr)} / {column_name(num.table, cc)}"
            for rr, cc in fix.together
            if (rr, cc) != fix.cell
        )
        reason = (
            f"changed together with {others}: the only least set of cells whose values make its "
            f"{len(fix.explains)} failing relation check(s) hold while every other relation through them still holds"
        )
    return Suspect(
        r,
        c,
        row_label(num.table, r),
        column_name(num.table, c),
        fix.found,
        fix.proposed,
        text,
        reason
        or f"the only value that makes its {len(fix.explains)} failing relation check(s) hold "
        "while every other relation through it still holds",
    )
