"""Name the suspect cell of failing relations.

A cell is a suspect when one value for it makes every failing check it lies on hold, and every
other check through it (row AND column relations) still holds. Among suspects, one that explains
failures no other cell explains is named; when two cells explain the same failures equally
(nothing crosses them), nobody is named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from chohyo.model import Suspect
from chohyo.validate.check import LineCheck
from chohyo.validate.numeric import Numeric, column_unit, half_unit
from chohyo.validate.view import column_name, row_label

Cell_ = tuple[int, int]


@dataclass
class Fix:
    cell: Cell_
    found: Decimal | None
    proposed: Decimal
    explains: frozenset[tuple[str, int]]


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


def locate(num: Numeric, checks: list[LineCheck]) -> tuple[list[Fix], dict[tuple[str, int], list[Fix]]]:
    """Suspects and, per failing check key, the suspects on it."""
    failing = [c for c in checks if not c.ok and c.relation.kind != "ratio"]
    if not failing:
        return [], {}
    through: dict[Cell_, list[LineCheck]] = defaultdict(list)
    for c in checks:
        if c.relation.kind == "ratio":
            continue
        for cell in c.cells:
            through[cell].append(c)
    fixes: list[Fix] = []
    for cell in {cell for c in failing for cell in c.cells}:
        if cell[0] not in num.row_pos or cell[1] not in num.col_pos:
            continue
        cur, _ = _value(num, cell)
        proposals = set()
        mine = [c for c in failing if cell in c.cells]
        for c in mine:
            s = _sign_in(c, cell)
            proposals.add(c.expected if s == 0 else cur + s * (c.found - c.expected))
        for new in sorted(proposals):
            if all(holds_with(num, c, cell, new) for c in through[cell]):
                found = None if _value(num, cell)[1] else cur
                fixes.append(Fix(cell, found, new, frozenset(c.key for c in mine)))
                break
    named: list[Fix] = []
    uncovered = {c.key for c in failing}
    while uncovered:
        gain = {id(f): len(f.explains & uncovered) for f in fixes}
        best = max(gain.values(), default=0)
        if best == 0:
            break
        tops = [f for f in fixes if gain[id(f)] == best]
        chosen = [f for f in tops if not any(g is not f and g.explains & f.explains & uncovered for g in tops)]
        if not chosen:  # equally good rivals: ambiguous, name none of them
            for f in tops:
                uncovered -= f.explains
            continue
        for f in chosen:
            named.append(f)
            uncovered -= f.explains
    by_check: dict[tuple[str, int], list[Fix]] = defaultdict(list)
    for f in named:
        for key in f.explains:
            by_check[key].append(f)
    return named, by_check


def to_suspect(num: Numeric, fix: Fix, text: str | None = None, reason: str = "") -> Suspect:
    r, c = fix.cell
    return Suspect(r, c, row_label(num.table, r), column_name(num.table, c), fix.found, fix.proposed, text,
                   reason or f"the only value that makes its {len(fix.explains)} failing relation check(s) hold "
                   "while every other relation through it still holds")
