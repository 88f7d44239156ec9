"""`chohyo apply OUT/<stem> DECISIONS`: write a clerk's review.html decisions into the outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from chohyo.cli.app import command, handled


@command
def apply(
    folder: Annotated[
        Path, typer.Argument(help="the document's output folder, OUT/<stem>", show_default=False)
    ],
    decisions: Annotated[
        Path, typer.Argument(help="the decisions file review.html saved", show_default=False)
    ],
) -> None:
    """Apply review decisions: corrected values (provenance human), findings resolved, all outputs rewritten."""
    from chohyo.review import apply_review

    with handled():
        done = apply_review(folder, decisions)
    errors = sum(f.severity.value == "error" for f in done.document.findings)
    print(
        f"{folder}: {done.corrected} corrected, {done.accepted} accepted, {done.resolved} finding(s) "
        f"resolved; {errors} error(s) left; status {done.document.status.value}"
    )
