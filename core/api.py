"""The library API for notebooks and scripts: ``chohyo.read_pdf(path)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chohyo.notebook import NotebookTable, TableList
from chohyo.pipeline import run
from chohyo.settings import Settings


def read_pdf(path: str | Path, *, settings: Settings | None = None, **options: dict[str, Any]) -> TableList:
    """Read a PDF (or scan image) and return its tables, each with ``.df``.

    ``options`` are settings sections, e.g. ``read_pdf(p, extract={"ocr": "never"})``.
    """
    settings = (settings or Settings()).with_(**options) if options else (settings or Settings())
    return TableList(run(path, settings), settings.emit)


__all__ = ["NotebookTable", "TableList", "read_pdf"]
