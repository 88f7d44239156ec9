"""Validate every table of a Document."""

from __future__ import annotations

from chohyo.model import Document
from chohyo.settings import ValidateSettings


def validate_document(doc: Document, settings: ValidateSettings) -> Document:
    return doc
