"""`chohyo extract FILE... -o OUT`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chohyo.cli.app import command, eprint
from chohyo.errors import ExitCode
from chohyo.model import Status
from chohyo.pipeline import convert
from chohyo.settings import Settings


@command
def extract(
    files: Annotated[list[Path], typer.Argument(help="PDF or image files")],
    out: Annotated[Path, typer.Option("-o", "--out", help="output folder")] = Path("out"),
    encoding: Annotated[str, typer.Option(help="CSV encoding: utf-8, utf-8-sig (Excel), cp932")] = "utf-8",
    ocr: Annotated[str, typer.Option(help="auto | always | never")] = "auto",
    password: Annotated[str | None, typer.Option(help="password of an encrypted PDF")] = None,
    fix: Annotated[bool, typer.Option("--fix/--no-fix", help="apply arithmetic-confirmed fixes to OCR'd cells")] = True,
    no_fail: Annotated[bool, typer.Option("--no-fail", help="exit 0 even when validation errors remain")] = False,
) -> None:
    """Extract, normalize and validate each FILE; write OUT/<stem>/ (CSV, Parquet, JSON, Markdown)."""
    from chohyo.cli.app import handled

    with handled():
        settings = Settings().with_(
            extract={"ocr": ocr, "password": password},
            validate={"fix": "auto" if fix else "never"},
            emit={"encoding": encoding},
        )
    failures = []
    errors = 0
    for path in files:
        result = convert(path, out, settings)
        if result.status is Status.FAILURE:
            failures.append(result)
            eprint(f"chohyo: error: {result.error}")
            continue
        errors += result.errors
        n_tables = len(result.document.tables) if result.document else 0
        where = result.outputs[0].parent if result.outputs else out
        print(f"{path}: {result.status.value}, {n_tables} table(s), {result.errors} error(s) -> {where}")
    if failures:
        # One file: its own specific code. Several: say that some failed.
        only = failures[0].error if len(files) == 1 else None
        raise typer.Exit(int(only.exit_code if only else ExitCode.SOME_FAILED))
    if errors and not no_fail:
        raise typer.Exit(int(ExitCode.VALIDATION_ERRORS))
