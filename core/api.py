"""The library API for notebooks and scripts: ``chohyo.read_pdf(path)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chohyo.notebook import NotebookTable, TableList
from chohyo.pages import parse_pages
from chohyo.pipeline import run
from chohyo.settings import Settings


def read_pdf(
    path: str | Path,
    *,
    pages: str | int | list[int] | None = None,
    settings: Settings | None = None,
    **options: dict[str, Any],
) -> TableList:
    """Read a PDF (or scan image) and return its tables, each with ``.df``.

    ``pages``: ``"1-3,7"``, ``3`` or ``[1, 2]`` (default: all). ``options`` are settings sections,
    e.g. ``read_pdf(p, extract={"ocr": "never"})``.
    """
    settings = (settings or Settings()).with_(**options) if options else (settings or Settings())
    if pages is not None:
        settings = settings.with_(extract={"pages": parse_pages(pages)})
    return TableList(run(path, settings), settings.emit)


__all__ = ["NotebookTable", "TableList", "read_pdf"]
