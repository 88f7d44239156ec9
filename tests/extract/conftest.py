"""Shared helpers for the extract tests: fixture documents (extracted once) and truth files."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from chohyo.extract import extract_document
from chohyo.model import Document
from chohyo.settings import ExtractSettings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DIGITAL = [
    "budget_ruled",
    "budget_borderless",
    "budget_fullwidth",
    "branch_a3",
    "budget_typos",
    "kyen_rounding",
    "council_text",
]
_FOLD = str.maketrans("０１２３４５６７８９，", "0123456789,")


def truth(case: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{case}.truth.json").read_text(encoding="utf-8"))


@cache
def document(case: str) -> Document:
    path = FIXTURES / f"{case}.pdf"
    if not path.exists():
        pytest.skip(f"fixture {path.name} not generated yet")
    return extract_document(path, ExtractSettings(ocr="never"))


def nospace(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def clean_cell(text: str) -> str:
    """Test-only folding: no spaces, no commas, no △/▲ marks, half-width digits."""
    return nospace(text).translate(_FOLD).replace(",", "").replace("△", "").replace("▲", "")


VARIANTS = FIXTURES / "variants"
VARIANT_CASES = sorted(p.name.split(".")[0] for p in VARIANTS.glob("*.truth.json"))


def variant_truth(case: str) -> dict[str, Any]:
    return json.loads((VARIANTS / f"{case}.truth.json").read_text(encoding="utf-8"))


@cache
def variant(case: str) -> Document:
    path = VARIANTS / f"{case}.pdf"
    if not path.exists():
        pytest.skip(f"variant {path.name} not generated yet")
    return extract_document(path, ExtractSettings(ocr="never"))


_DASH_CELL = re.compile(r"^[\-−－‐‒–—―]$")


def clean_signed(text: str | None) -> str | None:
    """Test-only: a printed number as a plain signed integer string; ``None`` for empty or a dash."""
    t = nospace(text).translate(_FOLD).replace(",", "").translate(str.maketrans("（）", "()"))
    if not t or _DASH_CELL.match(t):
        return None
    if t[0] in "△▲-−－" and len(t) > 1:
        return "-" + t[1:]
    if t.startswith("(") and t.endswith(")"):
        return "-" + t[1:-1]
    return t
