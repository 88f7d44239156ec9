"""The OCR engine registry: each kind of reading goes to the engine measured good for it (no engine
names compared anywhere else), Tesseract reads what no installed engine is good for, and a second
reading without an engine good for it is skipped."""

from __future__ import annotations

import pytest
from chohyo.errors import MissingDependencyError
from chohyo.extract.ocr.engines import OcrEngine, ReadKind, engine_for, reader_for, require
from chohyo.extract.ocr.engines.base import SECOND_READINGS
from chohyo.extract.ocr.engines.rapid import RapidOcr
from chohyo.extract.ocr.engines.registry import ENGINES
from chohyo.extract.ocr.engines.tesseract import Tesseract


@pytest.fixture
def rapid_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RapidOcr, "available", classmethod(lambda cls: True))
    monkeypatch.setattr(Tesseract, "available", classmethod(lambda cls: True))


@pytest.fixture
def rapid_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RapidOcr, "available", classmethod(lambda cls: False))
    monkeypatch.setattr(Tesseract, "available", classmethod(lambda cls: True))


def test_every_kind_is_claimed_by_exactly_one_engine() -> None:
    claimed = [k for engine in ENGINES.values() for k in engine.good_for]
    assert sorted(claimed) == sorted(set(claimed)), (
        "two engines good for one kind: the choice would hang on their order"
    )
    assert set(claimed) == set(ReadKind)
    assert all(issubclass(e, OcrEngine) and ENGINES[e.name] is e for e in ENGINES.values())


@pytest.mark.usefixtures("rapid_installed")
def test_the_measured_mix() -> None:
    # numbers → Tesseract's digit configuration, vertical headers → jpn_vert, labels/text → RapidOCR
    assert type(engine_for(ReadKind.NUMBER)) is Tesseract
    assert type(engine_for(ReadKind.VERTICAL)) is Tesseract
    assert type(engine_for(ReadKind.PAGE)) is Tesseract
    for kind in (
        ReadKind.TEXT,
        ReadKind.HEADER,
        ReadKind.PROSE,
        ReadKind.NUMBER_CHECK,
        ReadKind.TEXT_CHECK,
        ReadKind.UPRIGHT,
    ):
        assert type(engine_for(kind)) is RapidOcr, kind
    assert RapidOcr.line_reader and not Tesseract.line_reader


@pytest.mark.usefixtures("rapid_missing")
def test_without_rapidocr_tesseract_reads_and_second_readings_are_skipped() -> None:
    for kind in ReadKind:
        engine = engine_for(kind)
        if kind in SECOND_READINGS:
            assert engine is None, kind
        else:
            assert type(engine) is Tesseract, kind
    with pytest.raises(ValueError):
        reader_for(ReadKind.NUMBER_CHECK)


@pytest.mark.usefixtures("rapid_installed")
def test_the_language_reaches_the_engine() -> None:
    assert reader_for(ReadKind.NUMBER, "jpn+eng").lang == "jpn+eng"


@pytest.mark.usefixtures("rapid_missing")
def test_asking_for_a_missing_engine_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Tesseract, "check", lambda self: None)
    require("jpn", "tesseract")
    with pytest.raises(MissingDependencyError, match="ocr_engine=rapidocr needs RapidOCR: reinstall chohyo"):
        require("jpn", "rapidocr")
