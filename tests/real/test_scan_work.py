"""OCR only what is needed, on the copier scan's pages (../shared/real/, never copied into the
project): which way up is settled without Tesseract reading sample lines, and a doubtful number
that a sum already confirms as first read is not read a second time (issue 15, must-show 5)."""

from __future__ import annotations

import shutil
from typing import Any

import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr import orient, read_cells
from chohyo.extract.ocr.images import page_image
from chohyo.settings import ExtractSettings

from bench.real_scans import REAL
from bench.realdocs import missing_reason

PDF = REAL / "nankoku_michinoeki_agm_scan.pdf"


def _page(number: int) -> Any:
    if not PDF.exists():
        pytest.skip(missing_reason(PDF))
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    if orient.engine_for(orient.ReadKind.UPRIGHT) is None:
        pytest.skip("RapidOCR is not installed: its direction classifier is what this is about")
    return page_image(pdfium.PdfDocument(str(PDF)), number - 1, ExtractSettings())


@pytest.mark.slow
@pytest.mark.parametrize("number", [9, 10, 11])
def test_ruled_pages_are_found_upright_without_reading_them_every_way(
    number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the thin remnants of the rules left the line direction unclear: Tesseract read sample lines
    img = _page(number)

    def no_reading(*_: Any, **__: Any) -> Any:
        raise AssertionError("Tesseract read sample lines to find which way up the page is")

    monkeypatch.setattr(orient, "misread_share", no_reading)
    assert orient.orientation(img.gray, img.dpi) == 0


@pytest.mark.slow
def test_balance_sheet_halves_spare_their_summed_numbers_a_second_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 資産の部 | 負債・純資産の部 side by side: each half's sums hold apart (the halves become two
    # tables), with its 【流動資産】 totals read as text; before, one grid's row sums had to hold in
    # both halves at once and nothing was spared (27 of 34 numbers read again)
    from chohyo.extract.ocr.page import read_page

    spared: list[frozenset[tuple[int, int]]] = []
    summed_first = read_cells._summed_first

    def counted(*args: Any, **kwargs: Any) -> tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
        out = summed_first(*args, **kwargs)
        spared.append(out[0])
        return out

    monkeypatch.setattr(read_cells, "_summed_first", counted)
    page = read_page(_page(9), 9, ExtractSettings())
    assert len(page.tables) == 2
    assert sum(len(s) for s in spared) >= 14
