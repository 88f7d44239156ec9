"""Shared fixtures for the OCR tests: real Tesseract on the committed scans (no mocks)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ROOT / "fixtures" / "scanned"


def _have_tesseract() -> bool:
    import pytesseract

    return shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is not None


needs_tesseract = pytest.mark.skipif(
    not _have_tesseract(), reason="tesseract is not installed (make test installs it)"
)


def truth(name: str) -> dict:
    return json.loads((SCANNED / f"{name}.truth.json").read_text(encoding="utf-8"))


def value_of(cell_text: str) -> str | None:
    digits = re.sub(r"[^\d]", "", cell_text)
    if not digits:
        return None
    return ("-" if cell_text.strip()[:1] in "△▲-" else "") + str(int(digits))


def cells_right(grid: list[list[str]], rows: list[dict]) -> tuple[int, int]:
    """(right, total) numeric cells of ``grid`` (label first) against truth rows, row by row."""
    right = total = 0
    for got, want in zip(grid, rows, strict=False):
        for text, expected in zip(got[1:], want["values"], strict=False):
            total += 1
            right += value_of(text) == expected
    return right, total


def table_values_right(table: Any, rows: list[dict]) -> tuple[int, int]:
    """(right, total) value cells of a pipeline Table against truth rows, row by row."""
    right = total = 0
    for row, want in zip(table.rows, rows, strict=True):
        for col, expected in enumerate(want["values"], start=1):
            cell = table.cell(row.index, col)
            total += 1
            right += (None if cell is None or cell.value is None else str(int(cell.value))) == expected
    return right, total
