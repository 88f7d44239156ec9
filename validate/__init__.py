"""Validate stage: discover each table's arithmetic, check it, locate and repair.

Entry point: ``validate_document(doc, settings) -> Document``.
"""

from __future__ import annotations

from chohyo.validate.document import validate_document

__all__ = ["validate_document"]
