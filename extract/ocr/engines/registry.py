"""Which engine reads what: by the kind of reading, among the installed engines (no string branches
elsewhere). Each engine says what it is good for (measured: base.py); Tesseract, a dependency, reads
any first reading no installed engine is good for; a second reading no installed engine is good for
is not done."""

from __future__ import annotations

from chohyo.errors import MissingDependencyError
from chohyo.extract.ocr.engines.base import SECOND_READINGS, OcrEngine, ReadKind
from chohyo.extract.ocr.engines.rapid import RapidOcr
from chohyo.extract.ocr.engines.tesseract import Tesseract

# ExtractSettings.ocr_engine names → engines. "tesseract" (the default) is the measured mix: every
# kind to the engine good for it; "rapidocr" asks for that mix and requires RapidOCR to be installed.
ENGINES: dict[str, type[OcrEngine]] = {Tesseract.name: Tesseract, RapidOcr.name: RapidOcr}
FALLBACK: type[OcrEngine] = Tesseract


def engine_for(kind: ReadKind, lang: str = "jpn") -> OcrEngine | None:
    """The installed engine good for ``kind``; else Tesseract, or None for a second reading."""
    for engine in ENGINES.values():
        if kind in engine.good_for and engine.available():
            return engine(lang)
    return None if kind in SECOND_READINGS else FALLBACK(lang)


def reader_for(kind: ReadKind, lang: str = "jpn") -> OcrEngine:
    """The engine for a first reading of ``kind`` (there always is one)."""
    engine = engine_for(kind, lang)
    if engine is None:
        raise ValueError(f"{kind} is a second reading: ask engine_for")
    return engine


def require(lang: str, choice: str) -> None:
    """Raise MissingDependencyError when Tesseract or its ``lang`` data is missing, or when the engine
    asked for (ExtractSettings.ocr_engine) is not installed."""
    Tesseract(lang).check()
    wanted = ENGINES[choice]
    if not wanted.available():
        raise MissingDependencyError(f"ocr_engine={choice} needs {wanted.title}: {wanted.install_hint}")
