"""The page pass outside the tables: a line Tesseract finds in bare paper (grain, a yellowed sheet)
is dropped before anything reads it again; a line of print is kept (issue 15, must-show 5)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr import page as page_mod
from chohyo.extract.ocr.engines import Line, Word, rapid
from chohyo.extract.ocr.engines.tesseract import _tesseract_cmd
from chohyo.extract.ocr.images import page_image
from chohyo.extract.ocr.preprocess import binarize
from chohyo.settings import ExtractSettings
from PIL import Image

from .conftest import SCANNED, needs_tesseract


def _line(box: tuple[int, int, int, int]) -> Line:
    return Line(box, (Word("x", box, 0.5, (0.5,)),))


def test_a_line_over_bare_paper_is_dropped_and_a_printed_line_kept() -> None:
    rng = np.random.default_rng(7)
    paper = rng.integers(232, 256, size=(300, 900), dtype=np.uint8)  # grey grain, no print
    cv2.putText(paper, "12,345 yen", (40, 110), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 4)
    printed, bare = _line((30, 50, 450, 130)), _line((30, 180, 870, 260))
    assert page_mod._on_ink([printed, bare], binarize(paper, 200.0)) == [printed]


def test_a_line_with_no_box_is_kept_as_found() -> None:
    empty = _line((10, 10, 10, 10))
    assert page_mod._on_ink([empty], np.zeros((50, 50), np.uint8)) == [empty]


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("name", ["budget_ruled_150.pdf", "budget_seal_200.pdf"])
def test_grey_paper_is_not_read_as_print(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # p.2 of each prints its table and its unit line (単位:円) above it, nothing else. The page pass
    # read budget_ruled_150's grey grain as about 30 lines (their unit line lost in them), 20 of them
    # then read again one by one (1.2 CPU s), and budget_seal_200's paper as one black page (0 lines)
    img = page_image(pdfium.PdfDocument(str(SCANNED / name)), 1, ExtractSettings())
    found: list[Line] = []
    page_lines = page_mod._page_lines

    def counted(*args: Any) -> list[Line]:
        lines = page_lines(*args)
        found.extend(lines)
        return lines

    monkeypatch.setattr(page_mod, "_page_lines", counted)
    page = page_mod.read_page(img, 2, ExtractSettings())
    assert len(page.tables) == 1
    assert len(found) == 1, ["".join(w.text for w in ln.words) for ln in found]
    (unit,) = found
    assert "円" in "".join(w.text for w in unit.words)


def _printed_page(paper: tuple[int, int], blanked_from: int) -> np.ndarray:
    """A grey page with a unit line at its top right and a blanked table from row ``blanked_from``."""
    page = np.random.default_rng(5).integers(*paper, size=(600, 1200), dtype=np.uint8)
    page[blanked_from:, :] = 255
    cv2.putText(page, "(12,345)", (900, 60), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 30, 2)
    blurred: np.ndarray = cv2.GaussianBlur(page, (3, 3), 0)
    return blurred


def test_the_otsu_threshold_is_the_one_of_opencv() -> None:
    # the same criterion as Tesseract's OtsuStats: the largest between-class variance, black <= t
    noise = np.random.default_rng(3).integers(0, 256, size=(200, 300), dtype=np.uint8)
    for page in (_printed_page((226, 240), 100), _printed_page((240, 256), 600), noise):
        t, _ = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        assert page_mod.otsu_threshold(page) == int(t)
    assert page_mod.otsu_threshold(np.full((9, 9), 200, np.uint8)) is None


def _far(page: np.ndarray) -> np.ndarray:
    return page_mod._far_from(binarize(page, 200.0), 200.0, page.shape)


def test_paper_black_to_tesseract_is_levelled_and_the_print_stays_black() -> None:
    # a grey page whose blanked table fills most of it: Otsu split the paper from the blank white,
    # and Tesseract read the paper as print (budget_ruled_150 p.2, budget_seal_200 p.2)
    page = _printed_page((226, 240), 100)
    t = page_mod.otsu_threshold(page)
    assert t is not None and (page[:100, :600] <= t).all()  # as scanned: the paper is black
    out = page_mod._paper_levelled(page, _far(page))
    t2 = page_mod.otsu_threshold(out)
    assert t2 is not None and (out[:100, :600] > t2).all()  # levelled: the paper is white
    assert (out[30:70, 900:1010] <= t2).sum() > 100  # and the print black


@needs_tesseract
def test_the_otsu_threshold_is_the_one_tesseract_binarizes_with(tmp_path: Path) -> None:
    # pixel for pixel: Tesseract's own black and white (tessedit_write_images) is img <= threshold
    for k, page in enumerate((_printed_page((226, 240), 100), _printed_page((240, 256), 600))):
        cv2.imwrite(str(tmp_path / f"p{k}.png"), page)
        subprocess.run(
            [_tesseract_cmd(), f"p{k}.png", f"p{k}", "--psm", "6", "-c", "tessedit_write_images=true"],
            cwd=tmp_path,
            capture_output=True,
            check=True,
        )
        seen = np.asarray(Image.open(tmp_path / f"p{k}.processed.tif").convert("L"))
        assert np.array_equal(seen == 0, page <= page_mod.otsu_threshold(page))


def test_a_page_whose_paper_is_white_to_tesseract_is_read_as_scanned() -> None:
    page = _printed_page((240, 256), 100)
    assert page_mod._paper_levelled(page, _far(page)) is page


def test_a_page_with_no_ink_outside_the_tables_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_reader(*_: Any) -> Any:
        raise AssertionError("Tesseract was called")

    monkeypatch.setattr(page_mod, "reader_for", no_reader)
    assert page_mod._page_lines(np.full((400, 600), 240, np.uint8), 200.0, "jpn") == []


@needs_tesseract
@pytest.mark.slow
@pytest.mark.skipif(not rapid.available(), reason="RapidOCR is not installed (it reads the lines again)")
@pytest.mark.parametrize("threads", ["1", "2"])
def test_a_ruled_pages_lines_are_read_again_once(threads: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # budget_ruled_300: the lines outside the table (title, period, unit) are read again as soon as
    # the page pass ends, and that reading is the one kept: no second reading of them at the end
    monkeypatch.setenv("CHOHYO_OCR_THREADS", threads)
    img = page_image(pdfium.PdfDocument(str(SCANNED / "budget_ruled_300.pdf")), 0, ExtractSettings())
    calls: list[int] = []
    reread = page_mod.reread_lines

    def counted(gray: np.ndarray, lines: list[Line], reader: Any) -> list[Line]:
        calls.append(len(lines))
        return reread(gray, lines, reader)

    monkeypatch.setattr(page_mod, "reread_lines", counted)
    page = page_mod.read_page(img, 1, ExtractSettings())
    assert calls == [3]
    texts = [b.text.replace(" ", "") for b in page.text_blocks]  # (the unit line is the table's)
    assert texts == ["平成27年度正味財産増減予算書", "平成27年4月1日から平成28年3月31日まで"]
