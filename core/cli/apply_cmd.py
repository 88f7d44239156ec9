"""`chohyo apply OUT/<stem> DECISIONS`: write a clerk's review.html decisions into the outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from chohyo.cli.app import command, handled
from chohyo.errors import ExitCode


@command
def apply(
    folder: Annotated[
        Path, typer.Argument(help="the document's output folder, OUT/<stem>", show_default=False)
    ],
    decisions: Annotated[
        Path, typer.Argument(help="the decisions file review.html saved", show_default=False)
    ],
    no_fail: Annotated[
        bool, typer.Option("--no-fail", help="exit 0 even when arithmetic errors remain")
    ] = False,
) -> None:
    """Apply review decisions: corrected values (provenance human), relations re-checked, outputs rewritten.

    Exit 1: arithmetic errors remain; 2: another document's decisions; 13: folder extracted again since.
    """
    from chohyo.review import apply_review

    with handled():
        done = apply_review(folder, decisions)
    errors = sum(f.severity.value == "error" for f in done.document.findings)
    print(
        f"{folder}: {done.corrected} corrected, {done.accepted} accepted, {done.resolved} finding(s) "
        f"resolved; {errors} error(s) left; status {done.document.status.value}"
    )
    # what arithmetic says of the reviewed values: a typed value is never right by being typed
    for state in ("holds now", "still fails", "fails now", "still holds"):
        checks = [r for r in done.rechecks if r.state == state]
        for r in checks[:20]:
            figures = "" if r.after and r.exact else f": expected {r.expected}, found {r.found}"
            if r.after and not r.exact:
                figures = f" within rounding only{figures}"
            print(f"  {state:<11} {r.where}: {r.formula or r.relation}{figures}")
        if len(checks) > 20:
            print(f"  {state:<11} ... and {len(checks) - 20} more (report.json, code relation-rechecked)")
    if errors and not no_fail:  # as extract: a script must not publish what arithmetic still refutes
        raise typer.Exit(int(ExitCode.VALIDATION_ERRORS))
