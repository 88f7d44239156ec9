"""The page pass outside the tables: a line Tesseract finds in bare paper (grain, a yellowed sheet)
is dropped before anything reads it again; a line of print is kept (issue 15, must-show 5)."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr import page as page_mod
from chohyo.extract.ocr.engines import Line, ReadKind, Word
from chohyo.extract.ocr.images import page_image
from chohyo.settings import ExtractSettings

from .conftest import SCANNED, needs_tesseract


def _line(box: tuple[int, int, int, int]) -> Line:
    return Line(box, (Word("x", box, 0.5, (0.5,)),))


def test_a_line_over_bare_paper_is_dropped_and_a_printed_line_kept() -> None:
    rng = np.random.default_rng(7)
    paper = rng.integers(232, 256, size=(300, 900), dtype=np.uint8)  # grey grain, no print
    cv2.putText(paper, "12,345 yen", (40, 110), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 4)
    printed, bare = _line((30, 50, 450, 130)), _line((30, 180, 870, 260))
    assert page_mod._on_ink([printed, bare], paper, 200.0) == [printed]


def test_a_line_with_no_box_is_kept_as_found() -> None:
    empty = _line((10, 10, 10, 10))
    assert page_mod._on_ink([empty], np.full((50, 50), 255, np.uint8), 200.0) == [empty]


@needs_tesseract
@pytest.mark.slow
def test_paper_grain_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # budget_ruled_150 p.2 prints its table and nothing else: its grey grain came out of the page pass
    # as about 30 lines, some 20 of which were then read again one by one (1.2 CPU s)
    if page_mod.engine_for(ReadKind.PROSE) is None:
        pytest.skip("RapidOCR is not installed: no line is read again")
    img = page_image(pdfium.PdfDocument(str(SCANNED / "budget_ruled_150.pdf")), 1, ExtractSettings())
    seen: list[Line] = []
    reread = page_mod.reread_lines

    def counted(gray: np.ndarray, lines: list[Line], reader: Any) -> list[Line]:
        seen.extend(lines)
        return reread(gray, lines, reader)

    monkeypatch.setattr(page_mod, "reread_lines", counted)
    page = page_mod.read_page(img, 2, ExtractSettings())
    assert len(page.tables) == 1
    assert len(seen) <= 3, ["".join(w.text for w in ln.words) for ln in seen]
