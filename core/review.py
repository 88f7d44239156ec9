"""``chohyo apply OUT/<stem> DECISIONS``: a clerk's decisions from review.html written into the outputs.

A corrected cell takes the typed value with provenance ``human`` (who and when in its transforms,
the old text in ``corrected_from``); an accepted cell keeps its value and records who accepted it.
A finding whose flagged cells are all decided is marked resolved (info, "resolved by ... (was
error)"), and each decision is added as a ``reviewed-cell`` finding: the audit trail in
document.json, report.json and cells.parquet. The folder is rewritten all or nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from chohyo.budget_recheck import (
    BudgetRecheck,
    BudgetReview,
    budget_findings,
    failure_finding,
    is_budget,
    marker,
    recheck_budget,
)
from chohyo.emit import output_dir, write_outputs
from chohyo.emit.flags import RECORDS, flagged_refs
from chohyo.emit.review_html import DECISIONS_FORMAT, layout_id, reviewed_at, value_text
from chohyo.emit.review_outputs import REVIEW_PAGE, workbook_name
from chohyo.errors import InputFileError, StaleDecisionsError, UsageError
from chohyo.findings import FindingType, finding, register
from chohyo.japanese.numbers import format_plain, parse_plain
from chohyo.model import (
    Cell,
    CellKind,
    CellRef,
    Document,
    Finding,
    NullReason,
    Provenance,
    Relation,
    Resolution,
    Severity,
    Table,
)
from chohyo.outnames import doc_stem
from chohyo.pipeline import document_status
from chohyo.serialize import from_json
from chohyo.settings import EmitSettings
from chohyo.validate.check import LineCheck, cell_ref, check_all, findings_for, where
from chohyo.validate.numeric import numeric_matrix
from chohyo.validate.view import build_view

register(
    FindingType(
        "relation-rechecked",
        Severity.INFO,
        "Relation re-checked after review",
        "{where}: {formula} {state} after the review{figures}",
    )
)
register(
    FindingType(
        "reviewed-cell",
        Severity.INFO,
        "Cell reviewed",
        "{where}: {action} by {who} at {at} (was {old!r}, now {new!r})",
    )
)


@dataclass(frozen=True)
class Decision:
    table: str
    row: int
    col: int
    action: str  # accept | correct | clear (not a figure)
    value: str | None
    at: str
    found: str | None = None  # the value the clerk saw (review.html saves it with each decision)


@dataclass(frozen=True)
class Applied:
    document: Document
    outputs: tuple[Path, ...]
    corrected: int
    accepted: int
    resolved: int
    broken: int = 0  # relations that held before and fail with the values the clerk typed
    rechecks: tuple[Recheck, ...] = ()


def load_decisions(path: Path, sha256: str, layout: str | None = None) -> tuple[str, list[Decision]]:
    """(reviewer, decisions) from the file review.html saved; a file for another document is refused,
    and one saved from the review.html of an earlier extraction (``layout``) too."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputFileError(f"cannot read the decisions file ({err})", path=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != DECISIONS_FORMAT:
        raise UsageError(f"not a decisions file saved by review.html ({DECISIONS_FORMAT})", path=str(path))
    if data.get("sha256") != sha256:
        raise UsageError(
            f"the decisions are for another document ({data.get('source')!r}, sha256 "
            f"{str(data.get('sha256'))[:12]}...)",
            path=str(path),
        )
    saved = data.get("layout")
    if layout is not None and saved is not None and saved != layout:
        raise StaleDecisionsError(
            f"the decisions were saved from the review.html of an earlier extraction (layout {saved}); "
            f"the folder was extracted again since (layout {layout}) and its cells may not be the ones "
            "reviewed: nothing changed. Open its review.html now and save the decisions again",
            path=str(path),
        )
    out = []
    for d in data.get("decisions") or []:
        try:
            action = str(d["action"])
            if action not in {"accept", "correct", "clear"}:
                raise ValueError(f"unknown action {action!r}")
            value = None if d.get("value") is None else str(d["value"])
            if action == "correct" and not (value or "").strip():
                raise ValueError("a correction without a value")
            found = None if d.get("found") is None else str(d["found"])
            out.append(
                Decision(str(d["table"]), int(d["row"]), int(d["col"]), action, value, str(d["at"]), found)
            )
        except (KeyError, TypeError, ValueError) as err:
            raise UsageError(f"bad decision {d!r}: {err}", path=str(path)) from None
    reviewer = str(data.get("reviewer") or "").strip() or "reviewer"
    return reviewer, out


def _corrected(cell: Cell, value: str, who: str, at: str) -> Cell:
    prov = Provenance("human", "review", (f"by {who}", f"at {at}"))
    # a row label stays text even when typed as digits (an item number); a misread figure becomes one
    label = cell.kind in (CellKind.LABEL, CellKind.HEADER)
    if cell.kind is CellKind.NUMBER or (not label and parse_plain(value) is not None):
        number = parse_plain(value)
        if number is None:
            raise UsageError(f"{value!r} is not a number (cell row {cell.row}, col {cell.col})")
        text = format_plain(number)
        return replace(
            cell,
            text=text,
            value=number,
            kind=CellKind.NUMBER,
            null_reason=None,
            corrected_from=cell.text,
            provenance=prov,
        )
    return replace(cell, text=value.strip(), corrected_from=cell.text, provenance=prov)


def _audit(table: str, old: Cell, new: Cell, d: Decision, who: str) -> Finding:
    where = f"table {table}, row {d.row}, column {d.col}"
    action = {"correct": "corrected", "clear": "cleared (not a figure)"}.get(d.action, "accepted")
    ref = CellRef(table, d.row, d.col, value=new.value, page=new.page)
    return finding(
        "reviewed-cell",
        page=new.page,
        table=table,
        cells=(ref,),
        found=old.value,
        expected=new.value,
        where=where,
        action=action,
        who=who,
        at=d.at,
        old=old.text,
        new=new.text,
    )


@dataclass(frozen=True)
class Recheck:
    """One relation on one line through a reviewed cell, checked before and after the review."""

    table: str
    relation: str
    formula: str
    where: str
    target: CellRef | None  # the relation's target cell on this line (None: a budget book's relation)
    before: bool | None  # None: not checkable before (a cell without a value)
    after: bool | None
    expected: Decimal | None
    found: Decimal | None
    page: int | None = None  # a budget relation's page (its target cell is not known)
    exact: bool = True  # False: it holds only within the table's rounding (a typed 1 more can hide there)

    @property
    def state(self) -> str:
        if self.after is None:
            return "not checkable"
        if self.after:
            return "still holds" if self.before else "holds now"
        return "fails now" if self.before else "still fails"


_Checks = dict[tuple[str, tuple[int, int]], LineCheck]


def _line_checks(table: Table) -> tuple[tuple[Relation, ...], _Checks]:
    """The table's own relations re-evaluated on its values now, by (relation, target cell)."""
    if not table.relations:
        return (), {}
    num = numeric_matrix(table)
    if num.v.size == 0:
        return table.relations, {}
    views = {"row": build_view(num, "row"), "col": build_view(num, "col")}
    relations, out = [], {}
    for rel in table.relations:
        try:  # a relation whose line lost its figures cannot be checked: it keeps its old verdict
            _, lines = check_all(num, views, (rel,))
        except (KeyError, IndexError, ValueError, ArithmeticError):
            relations.append(rel)
            continue
        relations.append(replace(rel, holds=all(c.ok for c in lines)))
        out.update({(rel.id, c.cells[0]): c for c in lines})
    return tuple(relations), out


def _resolved(f: Finding, state: str, who: str, at: str, note: str) -> Finding:
    """Confirmed → info; decided → warning when arithmetic still disagrees (a published misprint stays
    visible), info when nothing disagreed (a reading doubt settled by a person)."""
    severity = Severity.INFO
    if state == "decided" and f.severity is Severity.ERROR:
        severity = Severity.WARNING
    verb = "confirmed by arithmetic after the review of" if state == "confirmed" else "decided by"
    return replace(
        f,
        severity=severity,
        resolution=Resolution(state, who, at, f.severity),
        message=f"{verb} {who} at {at} (was {f.severity.value}{note}): {f.message}",
    )


def _figures(c: LineCheck) -> str:
    return f"expected {format_plain(c.expected)}, found {format_plain(c.found)}"


def _review_table(
    table: Table,
    new: Table,
    findings: list[Finding],
    decided: dict[tuple[int, int], Decision],
    who: str,
    budget_ok: bool | None = None,
) -> tuple[Table, list[Finding], list[Finding], list[Recheck], int]:
    """Re-check the table's relations with the reviewed values; resolve what arithmetic or the clerk settles.

    Returns the table (relations' ``holds`` updated), the findings of this table after review, new
    findings (relations the review broke), the rechecks through reviewed cells, and how many findings
    were resolved. ``budget_ok``: whether the budget book's relations through the table's reviewed
    cells hold now (None: none passes through them)."""
    _, before = _line_checks(table)
    relations, after = _line_checks(new)
    new = replace(new, relations=relations)
    changed = set(decided)
    rechecks = [
        Recheck(
            table.id,
            rel_id,
            c.relation.description,
            where(new, *c.cells[0]),
            cell_ref(new, *target, c.found),
            before[(rel_id, target)].ok if (rel_id, target) in before else None,
            c.ok,
            c.expected,
            c.found,
            exact=c.exact,
        )
        for (rel_id, target), c in after.items()
        if changed & set(c.cells)
    ]
    at = max(d.at for d in decided.values())
    out, resolved = [], 0
    for f in findings:
        refs = [(r, c) for r, c, _ in flagged_refs(f)]
        key = (f.relation, (f.cells[0].row, f.cells[0].col)) if f.relation and f.cells else None
        check = after.get(key) if key is not None else None
        touched = any(k in changed for k in refs) or (check is not None and bool(changed & set(check.cells)))
        if f.resolution is not None or f.code in RECORDS or not touched or is_budget(f):
            out.append(f)
            continue
        if check is not None:
            if check.ok and check.exact and budget_ok is not False:
                f = _resolved(f, "confirmed", who, at, ", the relation holds now")
            elif check.ok and check.exact:  # its own relation holds, a budget relation through it fails
                f = _resolved(f, "decided", who, at, ", a budget relation through the cell fails")
            elif all(decided[k].action == "accept" for k in refs if k in decided) and all(
                k in decided for k in refs
            ):
                f = _resolved(f, "decided", who, at, f", arithmetic still fails: {_figures(check)}")
            else:  # a value typed that arithmetic refutes is never marked right
                f = replace(
                    f,
                    found=check.found,
                    expected=check.expected,
                    message=f"still fails after {who}'s review at {at} ({_figures(check)}): {f.message}",
                )
                out.append(f)
                continue
            resolved += 1
        elif all(k in decided for k in refs):
            through = [c for k in refs for c in after.values() if k in c.cells]
            if (
                (through or budget_ok is not None)
                and all(c.ok and c.exact for c in through)
                and budget_ok is not False
            ):
                f = _resolved(f, "confirmed", who, at, ", every relation through it holds")
            else:
                f = _resolved(f, "decided", who, at, ", no relation confirms it")
            resolved += 1
        out.append(f)
    known = {(f.relation, (f.cells[0].row, f.cells[0].col)) for f in findings if f.relation and f.cells}
    broken = [
        c
        for k, c in after.items()
        if not c.ok and changed & set(c.cells) and k not in known and before.get(k, c).ok
    ]
    added = [
        replace(f, message=f"fails after {who}'s review at {at}: {f.message}")
        for f in findings_for(new, broken, {})
    ]
    return new, out, added, rechecks, resolved


def _recheck_record(r: Recheck) -> Finding:
    figures = ""
    if r.expected is not None and r.found is not None:
        figures = f" (expected {format_plain(r.expected)}, found {format_plain(r.found)})"
    if not r.exact:
        figures = " within rounding only" + figures
    return finding(
        "relation-rechecked",
        page=r.target.page if r.target is not None else r.page,
        table=r.table,
        cells=(r.target,) if r.target is not None else (),
        relation=r.relation,
        expected=r.expected,
        found=r.found,
        where=r.where,
        formula=r.formula or r.relation,
        state=r.state,
        figures=figures,
    )


def _budget_recheck(r: BudgetRecheck) -> Recheck:
    rel = r.relation
    return Recheck(
        rel.table,
        marker(r.key),
        rel.kind,
        f"{rel.division} {rel.target_label}",
        None,
        None if r.before is None else r.before.total == r.before.target,
        None if r.after is None else bool(r.after.holds),
        None if r.after is None else r.after.total,
        None if r.after is None else r.after.target,
        rel.page or None,
    )


def _typed_refs(r: BudgetRecheck, decisions: list[Decision], tables: dict[str, Table]) -> tuple[CellRef, ...]:
    """The typed cells a budget relation goes through: a failure the review made is shown on them."""
    return tuple(
        cell_ref(tables[d.table], d.row, d.col)
        for d in decisions
        if d.action != "accept" and d.table in r.tables and d.table in tables
    )


def _review_budget(
    doc: Document,
    findings: list[Finding],
    review: BudgetReview,
    decisions: list[Decision],
    who: str,
    tables: dict[str, Table],
) -> tuple[list[Finding], list[Recheck], int]:
    """The budget relations through reviewed cells: a failure they had is confirmed, decided or kept
    with the new figures (``findings`` updated in place); one the review breaks is a new error.
    Returns (new findings, rechecks, findings resolved)."""
    open_ = budget_findings(doc)
    at = max(d.at for d in decisions)
    added: list[Finding] = []
    resolved = 0
    for r in review.rechecks:
        i = open_.get(r.key)
        typed = any(d.action != "accept" for d in decisions if d.table in r.tables)
        if r.after is None:  # the review's values no longer make this relation: its finding stays
            continue
        figures = f"expected {format_plain(r.after.total)}, found {format_plain(r.after.target)}"
        if i is not None and r.after.holds:
            findings[i] = _resolved(findings[i], "confirmed", who, at, ", the budget relation holds now")
            resolved += 1
        elif i is not None and not typed:  # the printed figures kept: a published misprint stays visible
            findings[i] = _resolved(findings[i], "decided", who, at, f", arithmetic still fails: {figures}")
            resolved += 1
        elif i is not None:
            was = findings[i]
            findings[i] = replace(
                was,
                found=r.after.target,
                expected=r.after.total,
                relation=marker(r.key),
                message=f"still fails after {who}'s review at {at} ({figures}): {was.message}",
            )
        elif not r.after.holds:
            made = failure_finding(r.after)
            cells = _typed_refs(r, decisions, tables)
            added.append(
                replace(
                    made,
                    table=cells[0].table if cells else made.table,
                    page=cells[0].page if cells else made.page,
                    cells=cells,
                    relation=marker(r.key),
                    message=f"fails after {who}'s review at {at}: {made.message}",
                )
            )
    return added, [_budget_recheck(r) for r in review.rechecks], resolved


def _check_seen(doc: Document, decisions: list[Decision], reviewed: dict[tuple[str, int, int], str]) -> None:
    """A cell no apply has touched must still hold what the clerk saw: otherwise the folder was made
    again since (a decisions file of an older review.html carries no layout to tell)."""
    tables = {t.id: t for t in doc.tables}
    differ = [
        f"table {d.table} row {d.row} col {d.col}: saw {d.found!r}, now {value_text(cell)!r}"
        for d in decisions
        if d.found is not None
        and (d.table, d.row, d.col) not in reviewed
        and d.table in tables
        and (cell := tables[d.table].cell(d.row, d.col)) is not None
        and value_text(cell) != d.found
    ]
    if differ:
        raise StaleDecisionsError(
            f"{len(differ)} decided cell(s) no longer hold the value the clerk saw ({'; '.join(differ[:3])}): "
            "the folder was extracted again since; nothing changed. Open its review.html now and decide again"
        )


def apply_decisions(doc: Document, decisions: list[Decision], who: str) -> tuple[Document, dict[str, Any]]:
    latest = reviewed_at(doc)  # when each cell was last decided, by earlier applies
    # applied before, or older than a decision applied before (two saved files applied out of order)
    decisions = [d for d in decisions if d.at > latest.get((d.table, d.row, d.col), "")]
    _check_seen(doc, decisions, latest)
    tables = {t.id: t for t in doc.tables}
    changed: dict[str, dict[tuple[int, int], Cell]] = {}
    audit: list[Finding] = []
    for d in decisions:
        t = tables.get(d.table)
        cell = t.cell(d.row, d.col) if t is not None else None
        if cell is None:
            raise UsageError(f"no cell at table {d.table}, row {d.row}, column {d.col} in this document")
        if d.action == "correct":
            new = _corrected(cell, d.value or "", who, d.at)
        elif d.action == "clear":  # a seal, a stray mark read as a figure: nothing printed there is a value
            new = replace(
                cell,
                text="",
                value=None,
                kind=CellKind.EMPTY,
                null_reason=NullReason.BLANK,
                corrected_from=cell.text,
                provenance=Provenance("human", "review", (f"cleared by {who}", f"at {d.at}")),
            )
        else:
            new = replace(cell, provenance=cell.provenance.with_transforms(f"accepted by {who} at {d.at}"))
        changed.setdefault(d.table, {})[(d.row, d.col)] = new
        audit.append(_audit(d.table, cell, new, d, who))
    by_table: dict[str, list[int]] = {}  # finding indexes per table: reviewed findings keep their place
    for i, f in enumerate(doc.findings):
        by_table.setdefault(f.table or "", []).append(i)
    findings = list(doc.findings)
    reviewed: dict[str, Table] = {}
    added: list[Finding] = []
    rechecks: list[Recheck] = []
    resolved = 0
    # the budget book's sums across tables (目 = Σ節, 項 = Σ目, ...), rebuilt from the reviewed cells
    budget = recheck_budget(
        doc,
        doc.map_tables(lambda t: t.with_cells(changed[t.id]) if t.id in changed else t),
        {tid: list(cells) for tid, cells in changed.items()},
    )
    budget_tables = {t for r in budget.rechecks for t in r.tables} if budget is not None else set()
    for tid, cells in changed.items():
        mine = {(d.row, d.col): d for d in decisions if d.table == tid}
        idx = by_table.get(tid, [])
        budget_ok = None if budget is None or tid not in budget_tables else tid not in budget.failing
        t, fs, new_fs, rc, n = _review_table(
            tables[tid], tables[tid].with_cells(cells), [findings[i] for i in idx], mine, who, budget_ok
        )
        for i, f in zip(idx, fs, strict=True):
            findings[i] = f
        reviewed[tid] = t
        added += new_fs
        rechecks += rc
        resolved += n
    out = doc.map_tables(lambda t: reviewed.get(t.id, t))
    if budget is not None:
        out = replace(out, budget=budget.budget)
        b_added, b_rechecks, b_resolved = _review_budget(doc, findings, budget, decisions, who, reviewed)
        added += b_added
        rechecks += b_rechecks
        resolved += b_resolved
    records = [_recheck_record(r) for r in rechecks]
    out = replace(out, findings=tuple(findings) + tuple(added) + tuple(audit) + tuple(records))
    out = replace(out, status=document_status(out))
    counts: dict[str, Any] = {
        "corrected": sum(d.action in ("correct", "clear") for d in decisions),
        "accepted": sum(d.action == "accept" for d in decisions),
        "resolved": resolved,
        "broken": len(added),
        "rechecks": tuple(rechecks),
    }
    return out, counts


def written_settings(folder: Path) -> EmitSettings:
    """The outputs the folder holds now, so apply rewrites the same set (and CSVs in their encoding)."""
    encoding = "utf-8-sig"
    package = folder / "datapackage.json"
    if package.is_file():
        try:
            data: Any = json.loads(package.read_text(encoding="utf-8"))
            encoding = data["resources"][0].get("encoding", encoding)
        except (ValueError, KeyError, IndexError, TypeError):
            pass
    csvs = sorted((folder / "tables").glob("*.csv"))
    if csvs and encoding == "utf-8-sig" and not csvs[0].read_bytes().startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8"
    return EmitSettings(
        encoding=encoding,
        csv=(folder / "tables").is_dir(),
        parquet=(folder / "cells.parquet").is_file(),
        json=True,
        markdown=(folder / "text.md").is_file(),
        datapackage=package.is_file(),
        xlsx=(folder / workbook_name(folder.name)).is_file(),
        review=(folder / REVIEW_PAGE).is_file(),
    )


def apply_review(folder: Path, decisions_file: Path) -> Applied:
    folder = Path(folder)
    doc_json = folder / "document.json"
    if not doc_json.is_file():
        raise InputFileError(
            "no document.json here: give the folder chohyo extract wrote (with json among --formats)",
            path=str(folder),
        )
    doc: Document = from_json(doc_json.read_text(encoding="utf-8"))
    if output_dir(doc, folder.parent).resolve() != folder.resolve():
        raise UsageError(
            f"the folder of {Path(doc.source).name} must be named {doc_stem(doc.source)}", path=str(folder)
        )
    who, decisions = load_decisions(decisions_file, doc.sha256, layout_id(doc))
    new, counts = apply_decisions(doc, decisions, who)
    outputs = write_outputs(new, folder.parent, written_settings(folder))
    return Applied(
        new,
        tuple(outputs),
        counts["corrected"],
        counts["accepted"],
        counts["resolved"],
        counts["broken"],
        counts["rechecks"],
    )


__all__ = [
    "Applied",
    "Decision",
    "Recheck",
    "apply_decisions",
    "apply_review",
    "load_decisions",
    "written_settings",
]
