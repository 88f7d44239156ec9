"""The smallest sets of cells whose change makes every failing relation hold.

Every check is linear: residual = target − Σ sign·term, held when |residual| ≤ tolerance (the
summed half-units). A *unit* is a set of 1–3 cells, linked by shared checks, and one value for
each (solved check by check: a check with one unknown cell left fixes it) such that every check
through the unit holds and each value really changes. Failing checks are grouped by shared cells;
each group is covered exactly by units (disjoint failing checks) at the least total cell count.
All least covers are kept: what is in every one of them is certain, the rest is ambiguous and
is reported with all its candidates (never one picked silently).

Search is pruned: singles and pairs start from a cell on a failing check and pair it only with a
cell sharing a check with it; triples (small tables only) are tried for a group that pairs
cannot cover and must cover all of the group's failing checks at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from chohyo.validate.check import LineCheck
from chohyo.validate.numeric import Numeric

Cell_ = tuple[int, int]

MAX_COVER_NODES = 20_000
MAX_CANDIDATES = 20  # ambiguous sets listed per group
SMALL_TABLE = 400  # numeric cells: up to this, triples are tried


@dataclass(frozen=True)
class Unit:
    changes: tuple[tuple[Cell_, int], ...]  # (cell, new value scaled as in Numeric.v), sorted
    covers: frozenset[int]  # failing check indices it makes hold
    partial: bool = False  # one cell common to every least cover, the rest of its unit ambiguous

    @property
    def cells(self) -> tuple[Cell_, ...]:
        return tuple(c for c, _ in self.changes)

    @property
    def size(self) -> int:
        return len(self.changes)


@dataclass
class Group:
    """Failing checks linked by shared cells, and what explains them."""

    failing: frozenset[int]
    certain: list[Unit] = field(default_factory=list)  # in every least cover
    alternatives: list[tuple[Unit, ...]] = field(default_factory=list)  # the rest of each least cover
    n_alternatives: int = 0  # before the listing cap

    @property
    def ambiguous(self) -> bool:
        return len(self.alternatives) > 1


class _System:
    """The checks as integer linear constraints over cells."""

    def __init__(self, num: Numeric, checks: list[LineCheck]) -> None:
        rp, cp = num.row_pos, num.col_pos
        self.coef: list[dict[Cell_, int]] = []
        self.r: list[int] = []
        self.tol: list[int] = []
        self.unknown: list[frozenset[Cell_]] = []
        self.current: dict[Cell_, int] = {}
        self.is_unknown: set[Cell_] = set()
        self.through: dict[Cell_, list[int]] = defaultdict(list)
        for k, c in enumerate(checks):
            coef: dict[Cell_, int] = {}
            res = tol = 0
            unk = []
            for n, cell in enumerate(c.cells):
                i, j = rp[cell[0]], cp[cell[1]]
                a = 1 if n == 0 else -_term_sign(c, cell)
                coef[cell] = coef.get(cell, 0) + a
                val = int(num.v[i, j])
                self.current[cell] = val
                if num.unknown[i, j]:
                    unk.append(cell)
                    self.is_unknown.add(cell)
                    val = 0
                res += a * val
                tol += int(num.h[i, j])
                self.through[cell].append(k)
            self.coef.append(coef)
            self.r.append(res)
            self.tol.append(tol)
            self.unknown.append(frozenset(unk))
        self.failing = frozenset(k for k, c in enumerate(checks) if not c.ok)

    def neighbours(self, cell: Cell_) -> set[Cell_]:
        return {x for k in self.through[cell] for x in self.coef[k]}

    def solve(self, cells: Iterable[Cell_]) -> Unit | None:
        """One value per cell making every check through them hold, if the checks determine it."""
        s = set(cells)
        ks = sorted({k for x in s for k in self.through[x]}, key=lambda k: (k not in self.failing, k))
        if any(not self.unknown[k] <= s for k in ks):
            return None
        delta: dict[Cell_, int] = {}
        pending = set(s)
        while pending:
            progress = False
            for k in ks:
                coef = self.coef[k]
                left = [x for x in coef if x in pending]
                if len(left) != 1 or coef[left[0]] not in (1, -1):
                    continue
                rest = self.r[k] + sum(a * delta[x] for x, a in coef.items() if x in delta)
                delta[left[0]] = -coef[left[0]] * rest
                pending.discard(left[0])
                progress = True
            if not progress:
                return None  # underdetermined: no single answer
        for k in ks:
            coef = self.coef[k]
            if abs(self.r[k] + sum(a * delta[x] for x, a in coef.items() if x in delta)) > self.tol[k]:
                return None
        if any(delta[x] == 0 and x not in self.is_unknown for x in s):
            return None  # a "change" that changes nothing: a smaller set does it
        changes = tuple(sorted((x, (0 if x in self.is_unknown else self.current[x]) + delta[x]) for x in s))
        return Unit(changes, frozenset(k for k in ks if k in self.failing))

    def holds_jointly(self, units: Iterable[Unit]) -> bool:
        delta = {}
        for u in units:
            for x, new in u.changes:
                delta[x] = new - (0 if x in self.is_unknown else self.current[x])
        ks = {k for x in delta for k in self.through[x]}
        return all(
            abs(self.r[k] + sum(a * delta[x] for x, a in self.coef[k].items() if x in delta)) <= self.tol[k]
            for k in ks
        )


def _term_sign(check: LineCheck, cell: Cell_) -> int:
    rel = check.relation
    idx = cell[0] if rel.axis == "row" else cell[1]
    return next(t.sign for t in rel.terms if t.index == idx)


def _groups(system: _System, units: list[Unit]) -> list[frozenset[int]]:
    """Failing checks linked by a shared cell or by a unit covering both (two typos that cancel in
    the column between them fail only their two rows: the pair links them)."""
    parent = {k: k for k in system.failing}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    links = [[k for k in ks if k in system.failing] for ks in system.through.values()]
    links += [sorted(u.covers) for u in units]
    for fk in links:
        for a, b in pairwise(fk):
            parent[find(a)] = find(b)
    out: dict[int, set[int]] = defaultdict(set)
    for k in system.failing:
        out[find(k)].add(k)
    return sorted((frozenset(g) for g in out.values()), key=min)


def _units(system: _System) -> list[Unit]:
    """Singles, and pairs for the groups singles cannot cover: a cell of the group with a cell on
    a failing check sharing a check with it (also in another group: two typos that cancel in the
    column between them fail only their two rows), or with a cell on every check it misses."""
    failing_cells = {x for k in system.failing for x in system.coef[k]}
    found: dict[frozenset[Cell_], Unit | None] = {
        frozenset((a,)): system.solve((a,)) for a in sorted(failing_cells)
    }
    singles = [u for u in found.values() if u is not None and u.covers]
    for g in _groups(system, singles):
        if _covers([u for u in singles if u.covers <= g], g, 1):
            continue
        for a in sorted({x for k in g for x in system.coef[k]}):
            rest = g - set(system.through[a])
            # a partner on a failing check that shares a check with a (the pair may leave a single
            # typo elsewhere in the group to a single), or one on every check a misses
            partners = system.neighbours(a) & failing_cells
            if rest:
                partners |= set.intersection(*(set(system.coef[k]) for k in rest))
            for b in sorted(partners - {a}):
                key = frozenset((a, b))
                if key not in found:
                    found[key] = system.solve(key)
    return [u for u in found.values() if u is not None and u.covers]


def _triples(system: _System, group: frozenset[int]) -> list[Unit]:
    """Linked triples that cover the whole group, from the cells of its smallest failing check."""
    out = []
    seen: set[frozenset[Cell_]] = set()
    first = min(group, key=lambda k: (len(system.coef[k]), k))
    for a in system.coef[first]:
        for b, c in combinations(sorted(system.neighbours(a) - {a}), 2):
            key = frozenset((a, b, c))
            if key in seen:
                continue
            seen.add(key)
            if group <= {k for x in key for k in system.through[x]}:
                unit = system.solve(key)
                if unit is not None and unit.covers == group:
                    out.append(unit)
    return out


def _covers(units: list[Unit], group: frozenset[int], limit: int) -> list[tuple[Unit, ...]]:
    """Every least-cost exact cover of ``group`` by units (at most ``limit`` asked for: 0 = all)."""
    by_check: dict[int, list[Unit]] = defaultdict(list)
    for u in units:
        if u.covers <= group:
            for k in u.covers:
                by_check[k].append(u)
    best: list[int] = [10**9]
    out: list[tuple[Unit, ...]] = []
    nodes = [0]

    def dfs(uncovered: frozenset[int], chosen: tuple[Unit, ...], cost: int) -> None:
        nodes[0] += 1
        if nodes[0] > MAX_COVER_NODES or cost > best[0] or (limit and len(out) >= limit and cost == best[0]):
            return
        if not uncovered:
            if cost < best[0]:
                best[0] = cost
                out.clear()
            out.append(chosen)
            return
        if cost + 1 > best[0]:
            return
        options = {k: [u for u in by_check[k] if u.covers <= uncovered] for k in uncovered}
        k = min(options, key=lambda k: (len(options[k]), k))
        for u in sorted(options[k], key=lambda u: (u.size, u.changes)):
            dfs(uncovered - u.covers, (*chosen, u), cost + u.size)

    dfs(group, (), 0)
    return out


def _settle(system: _System, group: Group, covers: list[tuple[Unit, ...]]) -> None:
    """What every least cover changes alike is certain (a whole unit, or one cell of units that
    differ elsewhere); the rest of each cover is one candidate."""
    common_units = set(covers[0]).intersection(*covers[1:])
    common = frozenset.intersection(*(frozenset(ch for u in c for ch in u.changes) for c in covers))
    certain = sorted(common_units, key=lambda u: u.changes)
    for u in covers[0]:
        if u not in common_units:
            certain += [
                Unit((ch,), frozenset(k for k in u.covers if ch[0] in system.coef[k]), partial=True)
                for ch in u.changes
                if ch in common
            ]
    group.certain = certain
    rest = []
    for c in covers:
        units = [
            Unit(tuple(ch for ch in u.changes if ch not in common), u.covers)
            for u in c
            if u not in common_units
        ]
        rest.append(tuple(sorted((u for u in units if u.changes), key=lambda u: u.changes)))
    rest = list(dict.fromkeys(rest))
    group.n_alternatives = len(rest)
    group.alternatives = [r for r in rest if r][:MAX_CANDIDATES]


def explain(num: Numeric, checks: list[LineCheck], max_size: int = 3) -> tuple[list[LineCheck], list[Group]]:
    """The linear (non-ratio) checks and, per group of failing ones, what explains them."""
    rp, cp = num.row_pos, num.col_pos
    lin = [
        c for c in checks if c.relation.kind != "ratio" and all(x[0] in rp and x[1] in cp for x in c.cells)
    ]
    if all(c.ok for c in lin):
        return lin, []
    small = max_size >= 3 and num.v.size <= SMALL_TABLE
    if not small:  # units are made of cells on failing checks: only the checks through them matter
        bad = {x for c in lin if not c.ok for x in c.cells}
        lin = [c for c in lin if any(x in bad for x in c.cells)]
    system = _System(num, lin)
    if not system.failing:
        return lin, []
    units = _units(system)
    groups = []
    for g in _groups(system, units):
        group = Group(g)
        mine = [u for u in units if u.covers <= g]
        covers = [c for c in _covers(mine, g, 0) if system.holds_jointly(c)]
        if not covers and small:
            covers = [c for c in _covers(_triples(system, g), g, 0) if system.holds_jointly(c)]
        if covers:
            _settle(system, group, covers)
        groups.append(group)
    return lin, groups
