"""The outputs a clerk reviews with, written only when asked (``--formats ...,xlsx,review``)."""

from __future__ import annotations

from pathlib import Path

from chohyo.emit.grid import CleanTable
from chohyo.model import Document
from chohyo.settings import EmitSettings

REVIEW_PAGE = "review.html"


def workbook_name(stem: str) -> str:
    return f"{stem}.xlsx"


def write_review_outputs(
    doc: Document, folder: Path, settings: EmitSettings, stem: str, tables: list[CleanTable]
) -> list[Path]:
    written: list[Path] = []
    if settings.xlsx:
        from chohyo.emit.xlsx_out import write_xlsx

        written.append(write_xlsx(doc, folder / workbook_name(stem), tables))
    if settings.review:
        from chohyo.emit.review_html import write_review

        written.append(write_review(doc, folder / REVIEW_PAGE, tables))
    return written


__all__ = ["REVIEW_PAGE", "workbook_name", "write_review_outputs"]
