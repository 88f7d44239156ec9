"""The library API for notebooks and scripts: ``chohyo.read_pdf(path)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chohyo.model import Document, Table
from chohyo.pipeline import run
from chohyo.settings import Settings


class TableList(list[Table]):
    """The tables of one document, in order; ``.document`` keeps the whole model and its findings."""

    def __init__(self, document: Document) -> None:
        super().__init__(document.tables)
        self.document = document

    @property
    def findings(self) -> tuple[Any, ...]:
        return self.document.findings


def read_pdf(path: str | Path, *, settings: Settings | None = None, **options: dict[str, Any]) -> TableList:
    """Read a PDF (or scan image) and return its tables, each with ``.df``.

    ``options`` are settings sections, e.g. ``read_pdf(p, extract={"ocr": "never"})``.
    """
    settings = (settings or Settings()).with_(**options) if options else (settings or Settings())
    return TableList(run(path, settings))
