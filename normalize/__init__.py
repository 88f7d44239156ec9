"""Normalize stage: labels, numbers, units, dates and the row hierarchy (pure functions).

Entry point: ``normalize_document(doc, settings) -> Document``.
"""

from __future__ import annotations

from chohyo.normalize.document import normalize_document

__all__ = ["normalize_document"]
