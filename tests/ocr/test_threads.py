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


def _reading(path: str, monkeypatch: pytest.MonkeyPatch, threads: str) -> list[tuple[object, ...]]:
    from chohyo.extract import extract_document
    from chohyo.settings import ExtractSettings

    monkeypatch.setenv(ENV, threads)
    doc = extract_document(path, ExtractSettings())
    cells = [
        (t.id, c.row, c.col, c.raw_text, c.confidence, c.provenance)
        for p in doc.pages
        for t in p.tables
        for c in t.cells
    ]
    text = [(b.page, b.text) for p in doc.pages for b in p.text_blocks]
    return [*cells, *text]


@pytest.mark.parametrize("name", ["budget_borderless_200.pdf", "budget_ruled_200.pdf"])
def test_a_page_reads_the_same_whatever_the_thread_count(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Batch workers and test workers run with one thread, a notebook with every core: the
    reading must not differ (one thread once read a 200 dpi page in one strip, not upscaled)."""
    from pathlib import Path

    path = str(Path(__file__).resolve().parents[2] / "fixtures" / "scanned" / name)
    one = _reading(path, monkeypatch, "1")
    two = _reading(path, monkeypatch, "2")
    assert one, "the scan gave no cells or text"
    assert one == two
