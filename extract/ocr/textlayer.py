"""Is a page's text layer a bad earlier OCR? (for the router: ``text_layer_is_bad(pdf, index)``)."""

from __future__ import annotations

from typing import Any


def text_layer_is_bad(pdf: Any, index: int) -> str | None:
    return None
