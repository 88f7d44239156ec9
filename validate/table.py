"""Validate one table: discover → check → locate → repair."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chohyo.findings import finding
from chohyo.model import Cell, Finding, Relation, Severity, Suspect, Table
from chohyo.settings import ValidateSettings
from chohyo.validate import repair as repair_mod
from chohyo.validate.check import LineCheck, cell_ref, check_all, findings_for, where
from chohyo.validate.discover import SCAN_SOURCES, discover_view, to_relation
from chohyo.validate.locate import Fix, Located, locate, to_suspect
from chohyo.validate.numeric import Numeric, numeric_matrix
from chohyo.validate.rules_file import Rules
from chohyo.validate.unconfirmed import unconfirmed
from chohyo.validate.view import View, build_view, column_name, ratio_marks, row_label


@dataclass
class TableResult:
    table: Table
    findings: list[Finding] = field(default_factory=list)
    checks: list[LineCheck] = field(default_factory=list)

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self.table.relations


def _views(num: Numeric) -> dict[str, View]:
    marks = ratio_marks(num)
    return {"row": build_view(num, "row", marks), "col": build_view(num, "col", marks)}


def discover_relations(
    table: Table,
    settings: ValidateSettings,
    rules: Rules | None = None,
    num: Numeric | None = None,
    views: dict[str, View] | None = None,
) -> tuple[Relation, ...]:
    num = num or numeric_matrix(table)
    if num.v.size == 0:
        return ()
    views = views or _views(num)
    declared = rules.relations_for(table, views) if rules else []
    out: list[Relation] = list(declared)
    if settings.discover:
        for axis, view in views.items():
            taken = {view.pos[r.target] for r in declared if r.axis == axis and r.target in view.pos}
            found = discover_view(view, settings.max_search_run, taken)
            out += [to_relation(view, c, table.id, k) for k, c in enumerate(found, start=1)]
    return tuple(out)


def _locate(
    num: Numeric, checks: list[LineCheck]
) -> tuple[dict[tuple[str, int], tuple[Suspect, ...]], Located]:
    found = locate(num, checks)
    return {k: tuple(to_suspect(num, f) for f in fs) for k, fs in found.by_check.items()}, found


def _set_repairs(table: Table, found: Located) -> dict[tuple[int, int], repair_mod.Repair]:
    """Sets of two or more OCR'd cells named together: repaired when each value is a reading of its
    cell (an OCR confusion, rules.md §2) and the set is the only least one (arithmetic, §4)."""
    out = {}
    sets: dict[tuple[tuple[int, int], ...], list[Fix]] = {}
    for f in found.named:
        if len(f.together) > 1:
            sets.setdefault(f.together, []).append(f)
    for fixes in sets.values():
        reps = {}
        for f in fixes:
            cell = table.cell(*f.cell)
            if cell is None or not cell.is_ocr:
                break
            text = next(
                (t for t, _ in repair_mod.readings(cell) if repair_mod.reading_value(t) == f.proposed), None
            )
            if text is None:
                break
            others = len(f.together) - 1
            reps[f.cell] = repair_mod.Repair(
                cell,
                text,
                f.proposed,
                1.0,
                f"with {others} other cell(s) of its row/column, the only least correction "
                f"that makes every relation through them hold ({len(f.explains)} failing check(s))",
            )
        else:
            out.update(reps)
    return out


def _ambiguous_findings(table: Table, num: Numeric, found: Located) -> list[Finding]:
    out = []
    for keys, sets, count in found.ambiguous:
        failing = ", ".join(f"{rid}@{line}" for rid, line in keys)
        for k, fixes in enumerate(sets, start=1):
            change = "; ".join(
                f"{row_label(table, f.cell[0])} / {column_name(table, f.cell[1])}: {f.found} → {f.proposed}"
                for f in fixes
            )
            r, c = fixes[0].cell
            cell = table.cell(r, c)
            out.append(
                finding(
                    "ambiguous-correction",
                    page=cell.page if cell else None,
                    table=table.id,
                    where=where(table, r, c),
                    cells=tuple(cell_ref(table, *f.cell) for f in fixes),
                    k=k,
                    count=count,
                    change=change,
                    failing=failing,
                    suspects=tuple(
                        to_suspect(num, f, reason=f"candidate {k} of {count}: {change}") for f in fixes
                    ),
                )
            )
    return out


def validate_table(table: Table, settings: ValidateSettings, rules: Rules | None = None) -> TableResult:
    known = len(rules.problems) if rules else 0
    num = numeric_matrix(table)
    views = _views(num) if num.v.size else None  # read only: discovery and checks share them
    relations = discover_relations(table, settings, rules, num, views)
    problems = rules.problems[known:] if rules else []
    if not relations or views is None:
        return TableResult(replace(table, relations=()), list(problems) + unconfirmed(table, ()))
    relations, checks = check_all(num, views, relations)
    suspects, located = _locate(num, checks)
    extra: list[Finding] = []
    # Repair OCR'd cells that lie on failing checks.
    failing_cells = {cell for c in checks if not c.ok for cell in c.cells}
    fixed: dict[tuple[int, int], Cell] = {}
    proposals = _joint_readings(table, relations, failing_cells)
    single: dict[tuple[int, int], repair_mod.Repair] = {}
    for key in sorted(failing_cells - set(proposals)):
        cell = table.cell(*key)
        if cell is None or not cell.is_ocr:
            continue
        through = [c for c in checks if key in c.cells]
        rep = repair_mod.propose(num, cell, through)
        if rep is not None:
            single[key] = rep
    for c in checks:  # two cells of one failing check that could each be "fixed": fix neither,
        rivals = [k for k in c.cells if k in single] if not c.ok else []  # unless one reading is forced
        forced = [k for k in rivals if single[k].weight >= repair_mod.FORCED]
        if len(rivals) > 1:
            for k in rivals:
                if len(forced) != 1 or k != forced[0]:
                    single.pop(k, None)
    proposals.update(single)
    for key, rep in _set_repairs(table, located).items():
        proposals.setdefault(key, rep)
    for key, rep in sorted(proposals.items()):
        cell = rep.cell
        if settings.fix == "auto":
            fixed[key] = repair_mod.apply(rep)
            extra.append(
                finding(
                    "corrected-cell",
                    page=cell.page,
                    table=table.id,
                    where=where(table, *key),
                    cells=(cell_ref(table, *key, rep.value),),
                    original=cell.raw_text or cell.text,
                    text=rep.text,
                    reason=rep.reason,
                    found=cell.value,
                    expected=rep.value,
                )
            )
    if fixed:
        table = table.with_cells(fixed)
        num = numeric_matrix(table)
        relations, checks = check_all(num, _views(num), relations)
        suspects, located = _locate(num, checks)
    if proposals and not fixed:  # proposals only: say the reading in the suspects
        suspects = _with_proposals(num, checks, suspects, proposals)
    table = replace(table, relations=relations)
    # a relation kept on a scan though its misreads break it: its failures leave their cells
    # unconfirmed (below) and are no error of the table
    soft = {r.id for r in relations if r.source in SCAN_SOURCES}
    found = [f for f in findings_for(table, checks, suspects) if f.relation not in soft]
    if rules:
        found = rules.filter(table, found)
    # candidates only for failures still reported as errors (not silenced, not within a tolerance)
    alive = {
        (f.relation, f.cells[0].row, f.cells[0].col)
        for f in found
        if f.severity is Severity.ERROR and f.cells
    }
    target = {c.key: (c.relation.id, *c.cells[0]) for c in checks}
    located.ambiguous = [a for a in located.ambiguous if any(target[k] in alive for k in a[0])]
    found += _ambiguous_findings(table, num, located)
    return TableResult(table, problems + extra + found + unconfirmed(table, checks), checks)


def _joint_readings(
    table: Table, relations: tuple[Relation, ...], failing: set[tuple[int, int]]
) -> dict[tuple[int, int], repair_mod.Repair]:
    """Unparseable OCR cells on the same checks (A11324,500 and A21,262,750 in one row): read each
    one's letters as digits together, and keep those whose every check then holds."""
    trial = {}
    for key in failing:
        cell = table.cell(*key)
        if cell is not None and cell.is_ocr and cell.value is None:
            rep = repair_mod.first_reading(cell)
            if rep is not None:
                trial[key] = rep
    if len(trial) < 2:
        return {}
    num = numeric_matrix(table.with_cells({k: repair_mod.apply(r) for k, r in trial.items()}))
    _, checks = check_all(num, _views(num), relations)
    out = {}
    for key, rep in trial.items():
        through = [c for c in checks if key in c.cells]
        if through and all(c.ok for c in through):
            out[key] = replace(
                rep,
                reason=f"every relation through it ({len(through)} check(s)) holds when the "
                f"{len(trial)} unreadable cells are read together",
            )
    return out


def _with_proposals(
    num: Numeric,
    checks: list[LineCheck],
    suspects: dict[tuple[str, int], tuple[Suspect, ...]],
    proposals: dict[tuple[int, int], repair_mod.Repair],
) -> dict[tuple[str, int], tuple[Suspect, ...]]:
    out = dict(suspects)
    for c in checks:
        if c.ok:
            continue
        have = {(s.row, s.col): s for s in out.get(c.key, ())}
        for key in c.cells:
            rep = proposals.get(key)
            if rep is None:
                continue
            base = have.get(key) or Suspect(
                key[0], key[1], row_label(num.table, key[0]), column_name(num.table, key[1]), rep.cell.value
            )
            have[key] = replace(base, proposed=rep.value, proposed_text=rep.text, reason=rep.reason)
        if have:
            out[c.key] = tuple(have.values())
    return out
