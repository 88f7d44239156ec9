"""The short per-file summary `chohyo extract` prints (rich, plain when not a terminal)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from chohyo.model import Document, Severity, Status
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

_STATUS_STYLE = {Status.SUCCESS: "green", Status.PARTIAL: "yellow", Status.FAILURE: "red"}


def relation_counts(doc: Document) -> tuple[int, int, int]:
    rels = [r for t in doc.tables for r in t.relations]
    return (
        sum(r.holds is not None for r in rels),
        sum(r.holds is True for r in rels),
        sum(r.holds is False for r in rels),
    )


def _count(n: int, severity: Severity) -> str:
    return f"{n} {severity.value}" + ("s" if n != 1 and severity is not Severity.INFO else "")


def print_summary(console: Console, source: Path, doc: Document, where: Path, seconds: float) -> None:
    checked, passed, failed = relation_counts(doc)
    by = Counter(f.severity for f in doc.findings)
    style = _STATUS_STYLE.get(doc.status, "")
    console.print(
        f"[bold]{escape(str(source))}[/bold]: [{style}]{doc.status.value}[/{style}] in {seconds:.2f} s → {escape(str(where))}"
    )
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    grid.add_row("tables", f"{len(doc.tables)} on {len(doc.pages)} page(s)")
    grid.add_row(
        "relations",
        f"{checked} checked, [green]{passed} passed[/green], "
        + (f"[red]{failed} failed[/red]" if failed else "0 failed"),
    )
    grid.add_row(
        "findings",
        ", ".join(
            f"[{c}]{_count(by.get(s, 0), s)}[/{c}]" if by.get(s, 0) else _count(0, s)
            for s, c in ((Severity.ERROR, "red"), (Severity.WARNING, "yellow"), (Severity.INFO, "blue"))
        ),
    )
    errors = [f for f in doc.findings if f.severity is Severity.ERROR]
    suspects = list(
        dict.fromkeys(
            (f.table, s.row_label, s.column, s.found, s.proposed) for f in errors for s in f.suspects
        )
    )
    for table, label, column, found, proposed in suspects[:5]:
        fix = f", would be {proposed}" if proposed is not None else ""
        grid.add_row("suspect", escape(f"{table} {label} / {column}: found {found}{fix}"))
    if not suspects:
        for f in errors[:3]:
            grid.add_row("", f"[red]{f.code}[/red] {escape(f.message)}")
    if errors:
        grid.add_row("details", escape(str(where / "report.json")))
    console.print(grid)
