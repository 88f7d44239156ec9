"""The typer app and the one place expected failures become exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from chohyo.errors import ChohyoError, ExitCode

app = typer.Typer(
    name="chohyo",
    help="Japanese PDFs (born-digital and scanned) to clean, checked, machine-readable tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def eprint(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def handled() -> Iterator[None]:
    """Map expected failures to their exit code with a one-line message, no traceback."""
    try:
        yield
    except ChohyoError as err:
        eprint(f"chohyo: error: {err}")
        raise typer.Exit(int(err.exit_code)) from None
    except KeyboardInterrupt:
        eprint("chohyo: interrupted")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def command(fn: Callable[..., Any]) -> Callable[..., Any]:
    from chohyo.cli.help_types import TidyCommand

    return app.command(cls=TidyCommand)(fn)


def _print_version(value: bool) -> None:
    if value:
        from chohyo.version import __version__

        print(f"chohyo {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """chohyo: extract → normalize → validate → emit."""
