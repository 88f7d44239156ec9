"""Command-line interface: thin wrappers over the library API, one module per command."""

from __future__ import annotations

from chohyo.cli import (  # noqa: F401  (registers commands)
    apply_cmd,
    batch_cmd,
    debug_cmd,
    extract_cmd,
    normalize_cmd,
    validate_cmd,
)
from chohyo.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
