"""Validate one table: discover → check → locate → repair."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chohyo.findings import finding
from chohyo.model import Cell, Finding, Relation, Suspect, Table
from chohyo.settings import ValidateSettings
from chohyo.validate import repair as repair_mod
from chohyo.validate.check import LineCheck, check_all, findings_for, where
from chohyo.validate.discover import discover_view, to_relation
from chohyo.validate.locate import locate, to_suspect
from chohyo.validate.numeric import Numeric, numeric_matrix
from chohyo.validate.rules_file import Rules
from chohyo.validate.view import View, build_view


@dataclass
class TableResult:
    table: Table
    findings: list[Finding] = field(default_factory=list)
    checks: list[LineCheck] = field(default_factory=list)

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self.table.relations


def _views(num: Numeric) -> dict[str, View]:
    return {"row": build_view(num, "row"), "col": build_view(num, "col")}


def discover_relations(table: Table, settings: ValidateSettings, rules: Rules | None = None) -> tuple[Relation, ...]:
    num = numeric_matrix(table)
    if num.v.size == 0:
        return ()
    views = _views(num)
    declared = rules.relations_for(table, views) if rules else []
    out: list[Relation] = list(declared)
    if settings.discover:
        for axis, view in views.items():
            taken = {view.pos[r.target] for r in declared if r.axis == axis and r.target in view.pos}
            found = discover_view(view, settings.max_search_run, taken)
            out += [to_relation(view, c, table.id, k) for k, c in enumerate(found, start=1)]
    return tuple(out)


def _locate(num: Numeric, checks: list[LineCheck]) -> tuple[dict[tuple[str, int], tuple[Suspect, ...]], list]:
    named, by_check = locate(num, checks)
    return {k: tuple(to_suspect(num, f) for f in fs) for k, fs in by_check.items()}, named


def validate_table(table: Table, settings: ValidateSettings, rules: Rules | None = None) -> TableResult:
    relations = discover_relations(table, settings, rules)
    if not relations:
        return TableResult(replace(table, relations=()))
    num = numeric_matrix(table)
    relations, checks = check_all(num, _views(num), relations)
    suspects, _ = _locate(num, checks)
    extra: list[Finding] = []
    # Repair OCR'd cells that lie on failing checks.
    failing_cells = {cell for c in checks if not c.ok for cell in c.cells}
    fixed: dict[tuple[int, int], Cell] = {}
    proposals: dict[tuple[int, int], repair_mod.Repair] = {}
    for key in sorted(failing_cells):
        cell = table.cell(*key)
        if cell is None or not cell.is_ocr:
            continue
        through = [c for c in checks if key in c.cells]
        rep = repair_mod.propose(num, cell, through)
        if rep is None:
            continue
        proposals[key] = rep
        if settings.fix == "auto":
            fixed[key] = repair_mod.apply(rep)
            extra.append(finding("corrected-cell", page=cell.page, table=table.id, where=where(table, *key),
                                 original=cell.text or cell.raw_text, text=rep.text, reason=rep.reason,
                                 found=cell.value, expected=rep.value))
    if fixed:
        table = table.with_cells(fixed)
        num = numeric_matrix(table)
        relations, checks = check_all(num, _views(num), relations)
        suspects, _ = _locate(num, checks)
    if proposals and not fixed:  # proposals only: say the reading in the suspect
        suspects = {k: tuple(_with_text(s, proposals) for s in ss) for k, ss in suspects.items()}
    table = replace(table, relations=relations)
    found = findings_for(table, checks, suspects)
    if rules:
        found = rules.filter(table, found)
    return TableResult(table, extra + found, checks)


def _with_text(s: Suspect, proposals: dict[tuple[int, int], repair_mod.Repair]) -> Suspect:
    rep = proposals.get((s.row, s.col))
    if rep is None:
        return s
    return replace(s, proposed=rep.value, proposed_text=rep.text, reason=rep.reason)
