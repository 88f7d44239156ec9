"""`chohyo batch INPUT... -o OUT`: convert folders of PDFs and images, resumably, in parallel."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from chohyo.cli.app import command, eprint, handled
from chohyo.cli.options import DEFAULT_ENCODING, ENCODING_HELP, OCR_HELP, CsvEncoding, OcrMode
from chohyo.cli.output_opts import DEFAULT_FORMATS, FORMATS_HELP, RULES_HELP, with_output_options
from chohyo.errors import ChohyoError, ConfigError


def _load(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    try:
        fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError) as err:
        raise ConfigError(f"--converter {spec!r}: {err}") from err
    return fn


@command
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="PDF/image files or folders (searched recursively)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="output folder (mirrors the input folders)")],
    jobs: Annotated[
        int | None, typer.Option("-j", "--jobs", help="worker processes (default: one per core)")
    ] = None,
    timeout: Annotated[float, typer.Option(help="seconds allowed per document (above 0)")] = 600.0,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="convert again inputs that failed before")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="convert everything again")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress, only the summary")] = False,
    password: Annotated[str | None, typer.Option(help="password of encrypted PDFs")] = None,
    cluster: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://HOST:8786")] = None,
    cluster_wait: Annotated[
        float,
        typer.Option(
            help="seconds to wait for an unreachable cluster or one with "
            "no workers before giving up (exit 12)"
        ),
    ] = 60.0,
    rebuild_manifest: Annotated[
        bool,
        typer.Option(
            "--rebuild-manifest", help="set OUT/manifest.sqlite aside and rebuild it from the outputs on disk"
        ),
    ] = False,
    ocr: Annotated[OcrMode, typer.Option(help=OCR_HELP)] = OcrMode.auto,
    encoding: Annotated[CsvEncoding, typer.Option(help=ENCODING_HELP)] = DEFAULT_ENCODING,
    memory_limit: Annotated[int, typer.Option(help="memory cap per worker in MB (0: none)")] = 4096,
    converter: Annotated[
        str | None, typer.Option(hidden=True, help="module:function used per document")
    ] = None,
    formats: Annotated[str, typer.Option(help=FORMATS_HELP, metavar="<list>")] = DEFAULT_FORMATS,
    rules: Annotated[Path | None, typer.Option(help=RULES_HELP, metavar="<file>")] = None,
) -> None:
    """Convert every PDF and image under INPUT... into OUT/<folder>/<stem>/; rerun to resume."""
    from chohyo.batch import BatchOptions, run_batch
    from chohyo.batch.summary import render
    from chohyo.settings import Settings
    from rich.console import Console

    with handled():
        settings = Settings().with_(
            extract={"ocr": ocr.value, "password": password}, emit={"encoding": encoding.value}
        )
        settings = with_output_options(settings, formats, rules=rules)
        opts = BatchOptions(
            workers=jobs,
            timeout=timeout,
            memory_mb=memory_limit,
            retry_failed=retry_failed,
            force=force,
            settings=settings,
            cluster=cluster,
            converter=_load(converter) if converter else None,
            progress="quiet" if quiet else "auto",
            rebuild_manifest=rebuild_manifest,
            cluster_wait=cluster_wait,
        )
        try:
            report = run_batch(inputs, out, opts)
        except ChohyoError as err:  # printed by handled(): no control character may reach the terminal
            from chohyo.batch.names import display

            err.message = display(err.message)
            err.path = display(err.path) if err.path else err.path
            raise
    render(report, Console(), resume_hint="")
    if report.fault is not None and not report.interrupted:
        from chohyo.batch.names import display

        eprint(f"chohyo: error: {display(str(report.fault))}")
    raise typer.Exit(int(report.exit_code))
