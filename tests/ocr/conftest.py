"""Shared fixtures for the OCR tests: real Tesseract on the committed scans (no mocks)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ROOT / "fixtures" / "scanned"


def _have_tesseract() -> bool:
    import pytesseract

    return shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is not None


needs_tesseract = pytest.mark.skipif(not _have_tesseract(), reason="tesseract is not installed (make test installs it)")


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
