"""Emit stage: CSV, Parquet, JSON report, Markdown, Frictionless data package.

Entry point: ``write_outputs(doc, out_dir, settings) -> list[Path]``; ``output_dir(doc, out_dir)``
says where a document's folder goes (OUT/<stem>/).
"""

from __future__ import annotations

from chohyo.emit.outputs import output_dir, write_outputs

__all__ = ["output_dir", "write_outputs"]
