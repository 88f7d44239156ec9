"""OCR engines behind one interface (base.py: ``OcrEngine``), Tesseract (tesseract.py) and RapidOCR
(rapid.py) as its implementations, and the registry (registry.py) that picks one per kind of reading."""

from __future__ import annotations

from chohyo.extract.ocr.engines.base import Line, OcrEngine, Reading, ReadKind, Word
from chohyo.extract.ocr.engines.registry import engine_for, reader_for, require

__all__ = ["Line", "OcrEngine", "ReadKind", "Reading", "Word", "engine_for", "reader_for", "require"]
