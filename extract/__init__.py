"""Extract stage: tables and text blocks out of born-digital and scanned pages.

Entry point: ``extract_document(path, settings) -> Document``.
"""

from __future__ import annotations

from chohyo.extract.document import extract_document

__all__ = ["extract_document"]
