"""`chohyo extract FILE... -o OUT`: convert each file; a bad file never stops the others."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from chohyo.cli.app import command, eprint, handled
from chohyo.cli.limits import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    MEMORY_HELP,
    TIMEOUT_HELP,
    apply_limits,
    memory_capped,
    watchdog,
)
from chohyo.cli.options import DEFAULT_ENCODING, ENCODING_HELP, OCR_HELP, CsvEncoding, OcrMode
from chohyo.cli.output_opts import (
    DEFAULT_FORMATS,
    FORMATS_HELP,
    PAGES_HELP,
    RULES_HELP,
    with_output_options,
)
from chohyo.cli.progress import page_bar
from chohyo.cli.summary import print_summary
from chohyo.errors import ChohyoError, ExitCode, InputFileError
from chohyo.outnames import doc_stem
from chohyo.pipeline import Result, convert
from chohyo.runtime import private_tempdir
from chohyo.settings import Settings
from rich.console import Console


def _convert_one(
    path: Path, out: Path, settings: Settings, quiet: bool = False
) -> tuple[Result | None, ExitCode]:
    """Convert one file; an expected failure (or a bug) becomes one line on stderr and an exit code."""
    if not path.is_file():
        err: ChohyoError = InputFileError(
            "no such file" if not path.exists() else "not a file", path=str(path)
        )
        eprint(f"chohyo: error: {err}")
        return None, err.exit_code
    try:
        with page_bar(path.name, quiet) as progress:
            result = convert(path, out, settings, progress)
    except ChohyoError as err:  # convert returns these, but never let one stop the other files
        eprint(f"chohyo: error: {err}")
        return None, err.exit_code
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as err:  # a bug: say so in one line, keep going with the other files
        if os.environ.get("CHOHYO_DEBUG"):
            raise
        eprint(
            f"chohyo: error: {path}: internal error ({type(err).__name__}: {err}); "
            "please report it (set CHOHYO_DEBUG=1 for the traceback)"
        )
        return None, ExitCode.OTHER_ERROR
    if result.error is not None:
        eprint(f"chohyo: error: {result.error}")
        return None, result.error.exit_code
    return result, ExitCode.OK


@command
def extract(
    files: Annotated[list[Path], typer.Argument(help="PDF (or scan image) files", show_default=False)],
    out: Annotated[
        Path, typer.Option("-o", "--out", help="output folder; each file goes to OUT/<stem>/")
    ] = Path("out"),
    encoding: Annotated[CsvEncoding, typer.Option(help=ENCODING_HELP)] = DEFAULT_ENCODING,
    ocr: Annotated[OcrMode, typer.Option(help=OCR_HELP)] = OcrMode.auto,
    password: Annotated[str | None, typer.Option(help="password of an encrypted PDF")] = None,
    fix: Annotated[
        bool, typer.Option("--fix/--no-fix", help="apply arithmetic-confirmed fixes to OCR'd cells")
    ] = True,
    no_fail: Annotated[
        bool, typer.Option("--no-fail", help="exit 0 even when arithmetic errors remain")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="no progress bar (drawn only when stderr is a terminal)")
    ] = False,
    formats: Annotated[str, typer.Option(help=FORMATS_HELP, metavar="<list>")] = DEFAULT_FORMATS,
    pages: Annotated[str | None, typer.Option(help=PAGES_HELP, metavar="<pages>")] = None,
    rules: Annotated[Path | None, typer.Option(help=RULES_HELP, metavar="<file>")] = None,
    timeout: Annotated[float, typer.Option(help=TIMEOUT_HELP)] = DEFAULT_TIMEOUT,
    memory_limit: Annotated[int, typer.Option(help=MEMORY_HELP)] = DEFAULT_MEMORY_MB,
) -> None:
    """Extract, normalize and validate each FILE; write OUT/<stem>/ (CSV, Parquet, JSON, Markdown; see --formats)."""
    with handled():
        settings = Settings().with_(
            extract={"ocr": ocr.value, "password": password},
            validate={"fix": "auto" if fix else "never"},
            emit={"encoding": encoding.value},
        )
        settings = with_output_options(settings, formats, pages, rules)
        settings = apply_limits(settings, timeout, memory_limit)
    console = Console(highlight=False, soft_wrap=True)
    codes: list[ExitCode] = []
    errors = 0
    used: dict[str, Path] = {}
    dog = watchdog()  # before the memory cap (see Watchdog)
    # Ctrl-C: one line and exit 130; temp files in a folder of our own, swept after a kill -9
    with handled(), memory_capped(memory_limit), private_tempdir():
        for path in files:
            stem = doc_stem(path)
            if stem in used:  # OUT/<stem>/ would silently replace the other file's output
                eprint(
                    f"chohyo: error: {path}: its output folder {out / stem} is already used by "
                    f"{used[stem]} in this run; convert it separately with another -o"
                )
                codes.append(ExitCode.USAGE)
                continue
            used[stem] = path
            with dog.deadline(settings.extract.max_seconds, str(path)):
                result, code = _convert_one(path, out, settings, quiet)
            codes.append(code)
            if result is not None and result.document is not None:
                errors += result.errors
                print_summary(console, path, result.document, out / stem, result.seconds)
    failed = [c for c in codes if c is not ExitCode.OK]
    if failed:
        # One file: its own specific code. Several: say that some failed.
        raise typer.Exit(int(failed[0] if len(files) == 1 else ExitCode.SOME_FAILED))
    if errors and not no_fail:
        raise typer.Exit(int(ExitCode.VALIDATION_ERRORS))
