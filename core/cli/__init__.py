"""Command-line interface: thin wrappers over the library API, one module per command."""

from __future__ import annotations

from chohyo.cli import batch_cmd, debug_cmd, extract_cmd, normalize_cmd, validate_cmd  # noqa: F401  (registers commands)
from chohyo.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
