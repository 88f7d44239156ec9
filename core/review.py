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
from pathlib import Path
from typing import Any

from chohyo.emit import output_dir, write_outputs
from chohyo.emit.flags import flagged_refs
from chohyo.emit.review_html import DECISIONS_FORMAT
from chohyo.emit.review_outputs import REVIEW_PAGE, workbook_name
from chohyo.errors import InputFileError, UsageError
from chohyo.findings import FindingType, finding, register
from chohyo.japanese.numbers import format_plain, parse_plain
from chohyo.model import Cell, CellKind, CellRef, Document, Finding, Provenance, Severity
from chohyo.pipeline import document_status
from chohyo.serialize import from_json
from chohyo.settings import EmitSettings

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
    action: str  # accept | correct
    value: str | None
    at: str


@dataclass(frozen=True)
class Applied:
    document: Document
    outputs: tuple[Path, ...]
    corrected: int
    accepted: int
    resolved: int


def load_decisions(path: Path, sha256: str) -> tuple[str, list[Decision]]:
    """(reviewer, decisions) from the file review.html saved; a file for another document is refused."""
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
    out = []
    for d in data.get("decisions") or []:
        try:
            action = str(d["action"])
            if action not in {"accept", "correct"}:
                raise ValueError(f"unknown action {action!r}")
            value = None if d.get("value") is None else str(d["value"])
            if action == "correct" and not (value or "").strip():
                raise ValueError("a correction without a value")
            out.append(Decision(str(d["table"]), int(d["row"]), int(d["col"]), action, value, str(d["at"])))
        except (KeyError, TypeError, ValueError) as err:
            raise UsageError(f"bad decision {d!r}: {err}", path=str(path)) from None
    reviewer = str(data.get("reviewer") or "").strip() or "reviewer"
    return reviewer, out


def _corrected(cell: Cell, value: str, who: str, at: str) -> Cell:
    prov = Provenance("human", "review", (f"by {who}", f"at {at}"))
    if cell.kind is CellKind.NUMBER or parse_plain(value) is not None:
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
    action = "corrected" if d.action == "correct" else "accepted"
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


def apply_decisions(doc: Document, decisions: list[Decision], who: str) -> tuple[Document, dict[str, int]]:
    done = {
        (f.table, f.cells[0].row, f.cells[0].col, f.message.split(" at ", 1)[-1].split(" (was ", 1)[0])
        for f in doc.findings
        if f.code == "reviewed-cell" and f.cells
    }
    decisions = [d for d in decisions if (d.table, d.row, d.col, d.at) not in done]  # applied before
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
        else:
            new = replace(cell, provenance=cell.provenance.with_transforms(f"accepted by {who} at {d.at}"))
        changed.setdefault(d.table, {})[(d.row, d.col)] = new
        audit.append(_audit(d.table, cell, new, d, who))
    decided = {(d.table, d.row, d.col): d for d in decisions}
    before = {(t, r, c) for t, r, c, _ in done}
    findings, resolved = [], 0
    for f in doc.findings:
        refs = [(f.table or "", r, c) for r, c, _ in flagged_refs(f)]
        # a finding resolved by an earlier apply stays as it is
        fresh = any(k in decided for k in refs) and not f.message.startswith("resolved by ")
        if f.table is not None and refs and fresh and all(k in decided or k in before for k in refs):
            at = max(decided[k].at for k in refs if k in decided)
            f = replace(
                f,
                severity=Severity.INFO,
                message=f"resolved by {who} at {at} (was {f.severity.value}): {f.message}",
            )
            resolved += 1
        findings.append(f)
    out = doc.map_tables(lambda t: t.with_cells(changed[t.id]) if t.id in changed else t)
    out = replace(out, findings=tuple(findings) + tuple(audit))
    out = replace(out, status=document_status(out))
    counts = {
        "corrected": sum(d.action == "correct" for d in decisions),
        "accepted": sum(d.action == "accept" for d in decisions),
        "resolved": resolved,
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
            f"the folder of {Path(doc.source).name} must be named {Path(doc.source).stem}", path=str(folder)
        )
    who, decisions = load_decisions(decisions_file, doc.sha256)
    new, counts = apply_decisions(doc, decisions, who)
    outputs = write_outputs(new, folder.parent, written_settings(folder))
    return Applied(new, tuple(outputs), counts["corrected"], counts["accepted"], counts["resolved"])


__all__ = ["Applied", "Decision", "apply_decisions", "apply_review", "load_decisions", "written_settings"]
