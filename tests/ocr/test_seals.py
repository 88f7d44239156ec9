"""Red seals stamped over a colour scan (extract/ocr/seals.py) on budget_seal_200.pdf.

The scan is made by fixtures/generate/office_scan.py; the same page made without its seals is the
reference for how clean the grey page comes out.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import cv2
import doc_cache
import numpy as np
import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr.images import _gray, page_image
from chohyo.extract.ocr.seals import seal_boxes, without_seals
from chohyo.model import Document
from chohyo.settings import ExtractSettings
from PIL import Image, ImageDraw, ImageFont

from .conftest import ROOT, SCANNED, needs_tesseract
from .scoring import rows_exact, silent_wrong

SEALED = SCANNED / "budget_seal_200.pdf"
MINCHO = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"


def _office_scan():  # the generator, for the seal positions and the unsealed twin of a page
    sys.path.insert(0, str(ROOT / "fixtures" / "generate"))
    try:
        import office_scan
    finally:
        sys.path.pop(0)
    return office_scan


@cache
def _sealed_doc() -> Document:
    return doc_cache.run(SEALED)


def test_each_seal_is_found_where_it_was_stamped() -> None:
    seals = _office_scan().SEALS
    pdf = pdfium.PdfDocument(SEALED)
    for index in range(len(pdf)):
        img = page_image(pdf, index, ExtractSettings())
        want = [(x * img.dpi, y * img.dpi) for page, x, y, _ in seals if page == index]
        assert len(img.seals) == len(want) == 1
        (x0, y0, x1, y1), (cx, cy) = img.seals[0], want[0]
        assert x0 < cx < x1 and y0 < cy < y1  # skewed by under a degree: the centre stays inside
        assert 0.7 * img.dpi < x1 - x0 < 1.0 * img.dpi  # an 0.8 inch seal, a little margin


@pytest.mark.skipif(not Path(MINCHO).exists(), reason="IPAex Mincho not installed (make test installs it)")
def test_the_grey_page_comes_out_close_to_the_page_without_its_seal() -> None:
    office = _office_scan()
    src = ROOT / "fixtures" / "budget_ruled.pdf"
    stamped = office.office_page(src, 1, 200, 0.5, np.random.default_rng(5))
    saved, office.SEALS = office.SEALS, ()
    try:
        plain = office.office_page(src, 1, 200, 0.5, np.random.default_rng(5))
    finally:
        office.SEALS = saved
    grey = cv2.cvtColor(stamped, cv2.COLOR_RGB2GRAY)
    cleaned, boxes = without_seals(grey, stamped, 200)
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    want = cv2.cvtColor(plain, cv2.COLOR_RGB2GRAY)[y0:y1, x0:x1].astype(int)
    before = np.abs(grey[y0:y1, x0:x1].astype(int) - want).mean()
    after = np.abs(cleaned[y0:y1, x0:x1].astype(int) - want).mean()
    assert before > 12 and after < 0.5 * before, (before, after)
    dark = want < 128  # the print under the seal stays print
    assert cleaned[y0:y1, x0:x1][dark].mean() < 120


@pytest.mark.skipif(not Path(MINCHO).exists(), reason="IPAex Mincho not installed (make test installs it)")
def test_red_print_is_not_a_seal() -> None:
    """Red figures (赤字) and a red heading stay on the grey page: no patch of them is seal-sized."""
    img = Image.new("RGB", (1600, 600), (250, 248, 240))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(MINCHO, 34)
    for k in range(6):
        draw.text(
            (100, 60 + 70 * k), f"△{1234567 * (k + 1):,}   収支差額　赤字", font=font, fill=(210, 30, 30)
        )
    rgb = np.asarray(img)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    assert seal_boxes(rgb, 200) == []
    assert np.array_equal(without_seals(grey, rgb, 200)[0], grey)


def test_pdfium_colour_bitmaps_are_read_as_bgr() -> None:
    rgb = np.zeros((4, 4, 3), np.uint8)
    rgb[:, :, 2] = 255  # pure blue: dark in grey (0.114 of white), not light as red would be
    grey, seals = _gray(rgb[:, :, ::-1].copy(), "BGR", 200)
    assert seals == () and int(grey.max()) < 40


@needs_tesseract
@pytest.mark.slow
def test_a_sealed_scan_reads_as_the_unsealed_ones() -> None:
    truth = json.loads((SCANNED / "budget_seal_200.truth.json").read_text(encoding="utf-8"))
    doc = _sealed_doc()
    assert rows_exact(truth, doc) == sum(len(t["rows"]) for t in truth["tables"])
    assert silent_wrong(truth, doc) == []
    assert all(any("red seal" in n for n in p.notes) for p in doc.pages)


@pytest.mark.skipif(not Path(MINCHO).exists(), reason="IPAex Mincho not installed (make test installs it)")
def test_a_column_of_red_figures_set_close_is_not_a_seal() -> None:
    """Closely set red figures join into a patch as big as a seal; no one piece of it spans the
    patch as a seal's ring or frame does, so the figures stay."""
    img = Image.new("RGB", (900, 700), (250, 248, 240))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(MINCHO, 30)
    for k in range(7):  # set solid, about an inch square at 200 dpi, as a seal is
        draw.text((300, 20 + 25 * k), f"△{(k + 3) * 70_711:,}", font=font, fill=(205, 35, 30))
    rgb = np.asarray(img)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    assert seal_boxes(rgb, 200) == []
    assert np.array_equal(without_seals(grey, rgb, 200)[0], grey)
