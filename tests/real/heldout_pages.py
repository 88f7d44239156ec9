"""One page of bench.heldout_scans scored, or the test skipped with the reason it cannot run."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from bench.heldout_scans import PAGES, run_page
from bench.realdocs import FETCHED, fetched, missing_reason


def heldout_score(index: int) -> Any:
    rel, page, title = PAGES[index]
    if fetched(rel) is None:
        pytest.skip(missing_reason(FETCHED / rel))
    pytest.importorskip(
        "pdfplumber", reason="the page's truth is its text layer read by pdfplumber (the bench extra)"
    )
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    score = run_page(rel, page, title, seed=index + 1)
    assert score is not None
    return score
