"""Borderless tables on a scan: rows and columns from word boxes."""

from __future__ import annotations

from typing import Any


def find_borderless(lines: list, gray: Any, binary: Any, dpi: float, frame: Any, page: int, prefix: str, settings: Any) -> tuple[list, list]:
    return [], lines
