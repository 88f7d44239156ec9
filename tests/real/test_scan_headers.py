"""Header cells of two lines on a scan are read line by line (extract/ocr/read_cells.py): a line
recognizer given both lines at once read 3年度発行額 over (繰越分) as 3度行, and the 地方債 調書's
balance identity (年度末残高 + 発行額 − 償還元金 = 年度末現在高) could not be found by its titles.

The page is 南国市's 令和4年度当初予算 地方債現在高調書 (a sibling of bench/heldout_scans.py's held-out
令和3年度3月補正 page, never used by it), degraded as that bench degrades its pages."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bench.heldout_scans import degraded_pdf
from bench.realdocs import fetched, missing_reason

SOURCE = "nankoku/425_2022_03__benkyoukai__4gatsutousho__Ｐ12　地方債現在高調書.pdf"


@cache
def _doc(tmp: str) -> Any:
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    src = fetched(SOURCE)
    if src is None:
        from bench.realdocs import FETCHED

        pytest.skip(missing_reason(FETCHED / SOURCE))
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    pdf = degraded_pdf(src, 1, Path(tmp), seed=11)
    return run(pdf, Settings().with_(extract={"ocr": "always"}))


@pytest.mark.slow
def test_two_line_headers_are_read_line_by_line(tmp_path_factory: pytest.TempPathFactory) -> None:
    doc = _doc(str(tmp_path_factory.mktemp("headers")))
    names = {c.name for t in doc.tables for c in t.columns}
    assert "3年度増減見込み/3年度発行額(繰越分)" in names, names
    assert "3年度増減見込み/3年度発行額(現年分)" in names, names
    assert any(n.startswith("4年度末現在高") for n in names), names
