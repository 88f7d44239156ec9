"""Apply every normalization to a Document."""

from __future__ import annotations

from chohyo.model import Document
from chohyo.settings import NormalizeSettings


def normalize_document(doc: Document, settings: NormalizeSettings) -> Document:
    return doc
