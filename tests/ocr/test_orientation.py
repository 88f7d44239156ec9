"""Which way up a scanned page is (extract/ocr/orient.py), on the committed scans.

budget_ruled_sideways_200.pdf: page 1 was fed turned 90° clockwise (needs 270° to be upright),
page 2 turned 270° (needs 90°); Tesseract's OSD got both of these wrong. budget_borderless_200.pdf:
page 1 upright, page 2 upside down. A sparse page has one text line. The direction classifier
(RapidOCR) decides, and the Tesseract two-way reading (the fallback) is tested alone as well.
"""

from __future__ import annotations

from functools import cache

import doc_cache
import numpy as np
import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr import orient
from chohyo.extract.ocr.images import page_image
from chohyo.extract.ocr.preprocess import binarize, rotate_right_angle
from chohyo.settings import ExtractSettings

from .conftest import SCANNED, needs_tesseract, table_values_right, truth

pytestmark = [needs_tesseract, pytest.mark.slow]

# (scan, 0-based page, clockwise degrees that make it upright)
PAGES = [
    ("budget_ruled_sideways_200", 0, 270),
    ("budget_ruled_sideways_200", 1, 90),
    ("budget_borderless_200", 0, 0),
    ("budget_borderless_200", 1, 180),
]


@cache
def _page(name: str, index: int) -> tuple[np.ndarray, float]:
    pdf = pdfium.PdfDocument(SCANNED / f"{name}.pdf")
    img = page_image(pdf, index, ExtractSettings())
    return img.gray, img.dpi


@cache
def _sparse_page() -> tuple[np.ndarray, float]:
    """Council page 1 with everything but its first text line painted white."""
    gray, dpi = _page("council_text_200", 0)
    h = gray.shape[0]
    band = gray[int(h * 0.30) : int(h * 0.36)]
    ink_rows = np.flatnonzero(binarize(band, dpi).sum(axis=1) > 255 * 20)
    breaks = np.flatnonzero(np.diff(ink_rows) > 5)
    y0, y1 = ink_rows[0], ink_rows[breaks[0]] if len(breaks) else ink_rows[-1]
    sparse = np.full_like(gray, 255)
    top = int(h * 0.30)
    sparse[top + y0 - 3 : top + y1 + 4] = band[y0 - 3 : y1 + 4]
    return sparse, dpi


@pytest.mark.parametrize(("name", "index", "upright"), PAGES)
def test_line_direction_tells_sideways_pages(name: str, index: int, upright: int) -> None:
    gray, dpi = _page(name, index)
    assert orient.lines_run_vertically(orient.work_copy(gray, dpi)) is (upright % 180 == 90)


@pytest.mark.parametrize(("name", "index", "upright"), PAGES)
def test_orientation_turns_every_page_upright(name: str, index: int, upright: int) -> None:
    gray, dpi = _page(name, index)
    assert orient.orientation(gray, dpi) == upright


@pytest.mark.parametrize(("name", "index", "upright"), PAGES)
def test_direction_classifier_votes_clearly(name: str, index: int, upright: int) -> None:
    """Of the two turns 180° apart, the right one wins the classifier's vote by the margin asked."""
    small = orient.work_copy(*_page(name, index))
    pair = (upright % 180, upright % 180 + 180)
    assert orient.classified_orientation(small, pair) == upright
    assert orient.classified_orientation(small, pair[::-1]) == upright


@pytest.mark.parametrize(("name", "index", "upright"), PAGES)
def test_fallback_alone(name: str, index: int, upright: int) -> None:
    """Without the classifier: line direction picks the pair, Tesseract reading both ways picks within it."""
    small = orient.work_copy(*_page(name, index))
    assert orient.fallback_orientation(small, orient.lines_run_vertically(small)) == upright


@pytest.mark.parametrize(("name", "index", "upright"), [PAGES[0], PAGES[3]])
def test_fallback_with_no_direction_tries_all_four(name: str, index: int, upright: int) -> None:
    small = orient.work_copy(*_page(name, index))
    assert orient.fallback_orientation(small, None) == upright


def test_reading_the_wrong_way_up_leaves_many_more_characters_unsure() -> None:
    small = orient.work_copy(*_page("budget_ruled_sideways_200", 1))
    right, wrong = (
        orient.misread_share(rotate_right_angle(small, 90)),
        orient.misread_share(rotate_right_angle(small, 270)),
    )
    assert right is not None and wrong is not None
    assert right < 0.08 < 0.12 < wrong


@pytest.mark.parametrize("upright", [0, 90, 180, 270])
def test_sparse_page_one_line(upright: int) -> None:
    sparse, dpi = _sparse_page()
    lying = rotate_right_angle(sparse, (360 - upright) % 360)  # turned so that `upright` straightens it
    assert orient.orientation(lying, dpi) == upright
    small = orient.work_copy(lying, dpi)
    assert orient.fallback_orientation(small, orient.lines_run_vertically(small)) == upright


def test_blank_page_stays_as_it_is() -> None:
    blank = np.full((1169, 827), 255, dtype=np.uint8)
    assert orient.lines_run_vertically(blank) is None
    assert orient.orientation(blank, 100.0) == 0


def test_sideways_scan_reads_every_row_upright() -> None:
    """The whole pipeline on the sideways scan: both pages turned upright, the table continued."""
    doc = doc_cache.run(SCANNED / "budget_ruled_sideways_200.pdf")
    assert [p.rotation for p in doc.pages] == [270, 90]
    assert len(doc.tables) == 1
    table = doc.tables[0]
    want = truth("budget_ruled_sideways_200")["tables"][0]["rows"]
    assert [r.label for r in table.rows] == [r["label"] for r in want]
    right, total = table_values_right(table, want)
    assert right >= 0.99 * total, (right, total)
