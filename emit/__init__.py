"""Emit stage: CSV, Parquet, JSON report, Markdown, Frictionless data package.

Entry point: ``write_outputs(doc, out_dir, settings) -> list[Path]``.
"""

from __future__ import annotations

from chohyo.emit.outputs import write_outputs

__all__ = ["write_outputs"]
