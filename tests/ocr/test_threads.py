"""CHOHYO_OCR_THREADS: the one setting for the OCR's threads (onnxruntime and the per-page strip pool)."""

from __future__ import annotations

import os

import pytest
from chohyo.extract.ocr.threads import ENV, ocr_threads


def test_default_is_every_core_of_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    assert ocr_threads() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3), ("0", 1), ("-2", 1), (" 2 ", 2)])
def test_explicit_value(monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    monkeypatch.setenv(ENV, value)
    assert ocr_threads() == expected


def test_a_typo_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "two")
    assert ocr_threads() == len(os.sched_getaffinity(0))
