"""Open a file, route each page (digital or scanned) and extract it."""

from __future__ import annotations

from pathlib import Path

from chohyo.model import Document
from chohyo.settings import ExtractSettings


def extract_document(path: Path, settings: ExtractSettings) -> Document:
    raise NotImplementedError("extraction is being built")
