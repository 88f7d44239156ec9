"""A budget book's own sums re-checked after a clerk's review (``chohyo apply``).

目 = Σ節, 項 = Σ目, 款 = Σ項, 合計 = Σ款, 比較 and 財源 join figures of different tables (a 目 row
and the 節 lines facing it), so they are not among a table's relations: the budget is rebuilt from
the reviewed cells exactly as the normalize stage built it, and checked as the validate stage
checks it. A relation passes through a reviewed cell when its figures move with that cell (the
budget keeps no cell references): the budget is built once more with every reviewed figure moved
far beyond any printed amount, by a step of its own per table, so each moved figure of a relation
names the table it came from (a relation that changes shape is put on every reviewed table).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from chohyo.budget import Budget, BudgetRelation
from chohyo.model import Cell, Document, Finding
from chohyo.normalize.budget import build_budget
from chohyo.validate.budget import check_budget

# (kind, division, target label, n-th of that key): a relation's name in both builds
Key = tuple[str, str, str, int]


def keyed(budget: Budget | None) -> dict[Key, BudgetRelation]:
    out: dict[Key, BudgetRelation] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for rel in budget.relations if budget is not None else ():
        base = (rel.kind, rel.division, rel.target_label)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out[(*base, n)] = rel
    return out


def _figures(rel: BudgetRelation | None) -> tuple[Decimal, tuple[Decimal, ...]] | None:
    return None if rel is None else (rel.target, rel.terms)


def _with_cells(doc: Document, changed: Mapping[str, Mapping[tuple[int, int], Cell]]) -> Document:
    return doc.map_tables(lambda t: t.with_cells(changed[t.id]) if t.id in changed else t)


def _nudged(doc: Document, cells: Mapping[str, Iterable[tuple[int, int]]], step: Decimal) -> Document:
    """The document with each reviewed cell that holds a figure moved by ``step`` × its table's number
    (1, 2, ...): a figure of a relation that moved by k × step comes from table k."""
    tables = {t.id: t for t in doc.tables}
    changed: dict[str, dict[tuple[int, int], Cell]] = {}
    for k, (tid, places) in enumerate(cells.items(), 1):
        for row, col in places:
            cell = tables[tid].cell(row, col) if tid in tables else None
            if cell is not None and cell.value is not None:
                changed.setdefault(tid, {})[(row, col)] = replace(cell, value=cell.value + step * k)
    return _with_cells(doc, changed)


def _sources(
    old: BudgetRelation | None, moved: BudgetRelation | None, step: Decimal, ids: list[str]
) -> set[str] | None:
    """The reviewed tables whose figures moved this relation (None: it changed shape, any may have)."""
    if old is None or moved is None or len(old.terms) != len(moved.terms):
        return None
    out = set()
    for a, b in zip((old.target, *old.terms), (moved.target, *moved.terms), strict=True):
        if a == b:
            continue
        k, rest = divmod(b - a, step)
        if rest or not 1 <= k <= len(ids):
            return None
        out.add(ids[int(k) - 1])
    return out


@dataclass(frozen=True)
class BudgetRecheck:
    """One budget relation through reviewed cells, before and after the review."""

    key: Key
    before: BudgetRelation | None  # None: the relation did not exist before (the review made it)
    after: BudgetRelation | None  # None: the review's values no longer make it (a 計 row moved)
    tables: frozenset[str]  # the reviewed tables whose cells it passes through

    @property
    def relation(self) -> BudgetRelation:
        rel = self.after or self.before
        assert rel is not None
        return rel


@dataclass(frozen=True)
class BudgetReview:
    budget: Budget
    rechecks: tuple[BudgetRecheck, ...]
    failing: frozenset[str]  # reviewed tables with a budget relation through them that fails now


def recheck_budget(
    before: Document, after: Document, reviewed: Mapping[str, Iterable[tuple[int, int]]]
) -> BudgetReview | None:
    """The budget of ``after`` (the reviewed document) checked, and the relations through reviewed cells.

    ``reviewed`` maps a table id to its reviewed cells. None when the document is no budget book."""
    if before.budget is None:
        return None
    # the baseline is the budget rebuilt from the cells as they are before the review (the stored one
    # was built before validate's OCR fixes): only what the review changes may differ from it
    base = build_budget(before)
    old = keyed(check_budget(base)[0] if base is not None else before.budget)
    built = build_budget(after)
    budget, _ = check_budget(built) if built is not None else (replace(before.budget, relations=()), [])
    new = keyed(budget)
    through: dict[Key, set[str]] = {}
    # one more build, every reviewed figure moved far beyond any printed amount, by its table's step
    figures = [abs(v) for r in old.values() for v in (r.target, *r.terms)]
    step = Decimal(10) ** (len(str(int(max(figures, default=Decimal(0))))) + 2)
    ids = list(reviewed)
    nudged = keyed(build_budget(_nudged(before, reviewed, step)))
    for k in old.keys() | nudged.keys():
        if _figures(old.get(k)) != _figures(nudged.get(k)):
            found = _sources(old.get(k), nudged.get(k), step, ids)
            through.setdefault(k, set()).update(ids if found is None else found)
    for k in old.keys() | new.keys():  # a typed figure moves what it is part of, a cleared one too
        if _figures(old.get(k)) != _figures(new.get(k)) and k not in through:
            through[k] = set(reviewed)
    rechecks = tuple(
        BudgetRecheck(k, old.get(k), new.get(k), frozenset(tids)) for k, tids in sorted(through.items())
    )
    failing = frozenset(t for r in rechecks if r.after is not None and not r.after.holds for t in r.tables)
    return BudgetReview(budget, rechecks, failing)


def marker(key: Key) -> str:
    """The ``relation`` of a finding about a budget relation, so a later review finds it again."""
    kind, division, label, n = key
    return f"budget {kind} | {division} {label} #{n}"


def is_budget(f: Finding) -> bool:
    """A finding about a budget relation made or kept by a review (its ``relation`` is a marker)."""
    return (f.relation or "").startswith("budget ")


def budget_findings(doc: Document) -> dict[Key, int]:
    """Indexes of the open findings on the budget's failing relations, by relation: those the validate
    stage made (known by their words) and those an earlier review made or kept (by their marker)."""
    if doc.budget is None:
        return {}
    relations = keyed(doc.budget)
    _, made = check_budget(doc.budget)
    failing = [k for k, r in relations.items() if r.total != r.target]
    wanted = {(f.code, f.message, f.page, f.table): k for f, k in zip(made, failing, strict=True)}
    marked = {marker(k): k for k in relations}
    out: dict[Key, int] = {}
    for i, f in enumerate(doc.findings):
        k = marked.get(f.relation or "") or wanted.get((f.code, f.message, f.page, f.table))
        if k is not None and f.resolution is None and f.code == "sum-mismatch":
            out.setdefault(k, i)
    return out


def failure_finding(rel: BudgetRelation) -> Finding:
    """The finding the validate stage makes for ``rel`` failing (the same words)."""
    _, made = check_budget(Budget(relations=(rel,)))
    return made[0]


__all__ = [
    "BudgetRecheck",
    "BudgetReview",
    "Key",
    "budget_findings",
    "failure_finding",
    "is_budget",
    "marker",
    "recheck_budget",
]
