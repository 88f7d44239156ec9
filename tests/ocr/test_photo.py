"""Photos read as scans (extract/ocr/photo.py): a scanned fixture page warped by a known homography
onto a dark table top and shaded from one side, as a phone shot of a printed table looks. Its
paper is found, warped back to a rectangle, its light flattened; read without the rectification
(flattened and scaled only) the same page gave 82 of 112 values right in 16 rows, read with it
105 of 105 in 15. Scanned fixtures are never taken for photos."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr.images import PageImage, page_image
from chohyo.extract.ocr.photo import FLATTENED, RECTIFIED, photo_signs
from chohyo.settings import ExtractSettings

from tests.ocr.conftest import SCANNED, needs_tesseract, table_values_right, truth

CASE = "budget_fullwidth_200"


def _photo(name: str = CASE) -> tuple[np.ndarray, np.ndarray, PageImage]:
    """The top of ``name``'s first page (title, header, first rows) photographed: keystoned onto a
    mottled ground 1.3 x 1.4 its size, lit 72% on the left to 100% on the right; with the paper's
    corners and the page image it came from."""
    img = page_image(pdfium.PdfDocument(SCANNED / f"{name}.pdf"), 0, ExtractSettings())
    gray = img.gray[: int(img.gray.shape[0] * 0.45)]
    h, w = gray.shape
    big_h, big_w = int(h * 1.3), int(w * 1.4)
    rng = np.random.default_rng(0)
    ground = (95 + 25 * rng.random((big_h // 8, big_w // 8))).astype(np.uint8)
    ground = cv2.resize(cv2.GaussianBlur(ground, (0, 0), 2), (big_w, big_h))
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    corners = np.float32(
        [[0.25 * w, 0.08 * h], [1.15 * w, 0.12 * h], [1.3 * w, 1.22 * h], [0.1 * w, 1.18 * h]]
    )
    m = cv2.getPerspectiveTransform(src, corners)
    light = (
        np.linspace(0.72, 1.0, w, dtype=np.float32)[None, :]
        * np.linspace(0.9, 1.0, h, dtype=np.float32)[:, None]
    )
    lit = (gray.astype(np.float32) * light).astype(np.uint8)
    warped = cv2.warpPerspective(lit, m, (big_w, big_h), flags=cv2.INTER_CUBIC)
    paper = cv2.warpPerspective(np.full_like(gray, 255), m, (big_w, big_h), flags=cv2.INTER_NEAREST)
    photo = np.where(paper > 0, warped, ground)
    return photo, corners, img


def test_the_paper_of_a_photo_is_found() -> None:
    """The four corners found lie within 2% of the photo's width of the true ones."""
    photo, corners, _ = _photo()
    signs = photo_signs(photo)
    assert signs.is_photo and signs.quad is not None, signs.why()
    assert np.abs(signs.quad - corners).max() < 0.02 * photo.shape[1], (signs.quad, corners)
    assert signs.white < 230


@pytest.mark.parametrize(
    "name", ["budget_ruled_200", "budget_seal_200", "council_text_200", "budget_ruled_150"]
)
def test_scans_are_not_photos(name: str) -> None:
    """Scanned fixtures (a seal's tinted page too) are never taken for photos: white paper filling the frame."""
    with pdfium.PdfDocument(SCANNED / f"{name}.pdf") as pdf:
        for i in range(len(pdf)):
            signs = photo_signs(page_image(pdf, i, ExtractSettings()).gray)
            assert not signs.is_photo, (name, i + 1, signs.why())


@needs_tesseract
def test_a_photographed_table_is_rectified_and_read() -> None:
    """Every value of the rows read is right, and the page and its cells say they came from a photo.
    Without the rectification the same photo gave 82 of 112 (measured on branch h8-photo)."""
    from chohyo.extract.ocr.page import read_page

    photo, _, img = _photo()
    h, w = photo.shape
    page = read_page(
        PageImage(photo, img.dpi, w * 72 / img.dpi, h * 72 / img.dpi, source="file"), 1, ExtractSettings()
    )
    assert page.notes[0].startswith("photo: ") and "warped to a rectangle" in page.notes[0]
    table = page.tables[0]
    rows = truth(CASE)["tables"][0]["rows"]
    assert len(table.rows) >= 14
    right, total = table_values_right(table, rows[: len(table.rows)])
    assert right == total, (right, total)
    cells = [c for c in table.body_cells() if c.value is not None]
    assert cells and all({RECTIFIED, FLATTENED} <= set(c.provenance.transforms) for c in cells)


def test_receipt_lines_pair_labels_and_amounts() -> None:
    """A line's ``label ¥amount`` pairs, a bracketed amount (the tax included) as the amount."""
    from chohyo.extract.ocr.receipt_lines import pairs_in

    assert pairs_in("小計￥529合計¥529内消費税(￥39)") == [
        ("小計", "529"),
        ("合計", "529"),
        ("内消費税", "39"),
    ]
    assert pairs_in("合計点数1点お預り金額￥1,000") == [("合計点数1点お預り金額", "1,000")]
    assert pairs_in("2024年8月25日(日)19:12#000006") == []


def test_a_photo_not_read_is_never_plain_success() -> None:
    """A photo page with amounts (or a page of figures) and no table: an error; amounts outside its
    tables: a warning; the same page not from a photo: no such finding (amounts-without-table's)."""
    from chohyo.extract.photo_pages import unread_photos
    from chohyo.model import Page, PageKind, Severity, TextBlock

    def page(text: str, photo: bool = True) -> Page:
        notes = ("photo: a photo, not a scan",) if photo else ()
        return Page(1, 100, 100, PageKind.SCANNED, notes=notes, text_blocks=(TextBlock(1, text),))

    (f,) = unread_photos([page("小計￥529 合計¥529")])
    assert f.code == "photo-not-read" and f.severity is Severity.ERROR and "no table" in f.message
    (f,) = unread_photos([page("12 34 56 78 90 11 22 33")])
    assert "8 figures" in f.message
    assert unread_photos([page("小計￥529 合計¥529", photo=False)]) == []
    assert unread_photos([page("合計 ¥529")]) == []  # one price is no list


def test_receipt_lines_that_touch_are_cut_apart() -> None:
    """Three printed lines, the last two set so tightly that a stroke joins them (Seria's 小計 over
    its 対象額 line): four lines found, the joined pair cut at its faintest row."""
    from chohyo.extract.ocr.receipt_lines import ink_rows

    gray = np.full((200, 400), 255, dtype=np.uint8)
    for top in (10, 50, 90, 130):  # four lines of "text" 30 px high, 10 px apart
        gray[top : top + 30, 20:380:8] = 0
    gray[120:130, 40:44] = 0  # one stroke bridges the gap between the third and the fourth line
    rows = ink_rows(gray)
    assert len(rows) == 4, rows
    assert 118 <= rows[2][1] <= 132 and rows[3][0] == rows[2][1], rows
    unjoined = gray.copy()
    unjoined[120:130, 40:44] = 255
    assert ink_rows(unjoined) == [(10, 40), (50, 80), (90, 120), (130, 160)]


def test_a_receipt_line_left_unread_is_reported_however_few() -> None:
    """One receipt line whose ¥ amount made no row (kept as text marked UNREAD): named in
    photo-not-read, though one amount alone in a photo's text is otherwise no list of amounts."""
    from chohyo.extract.photo_pages import UNREAD, unread_photos
    from chohyo.model import Page, PageKind, Provenance, TextBlock

    lost = TextBlock(1, "(外税10%対象額 ¥300)", provenance=Provenance("tesseract", "ocr", (UNREAD,)))
    page = Page(1, 100, 100, PageKind.SCANNED, notes=("photo: a photo, not a scan",), text_blocks=(lost,))
    (f,) = unread_photos([page])
    assert "1 of its receipt lines with an amount made no row" in f.message and "¥300" in f.message
    plain = Page(1, 100, 100, PageKind.SCANNED, notes=page.notes, text_blocks=(TextBlock(1, lost.text),))
    assert unread_photos([plain]) == []


def test_the_ground_beside_the_paper_runs_no_lines_together() -> None:
    """A wedge of the table the receipt lies on, down the right edge the paper was not cut to (まるまつ):
    dark in every row from the third line on, it made those lines one run; the lines stay apart."""
    from chohyo.extract.ocr.receipt_lines import ink_rows

    gray = np.full((300, 400), 255, dtype=np.uint8)
    for top in (10, 60, 110, 160, 210):  # five lines of "text" 30 px high, 20 px apart
        gray[top : top + 30, 20:340:8] = 0
    for y in range(100, 300):  # the ground: a wedge widening downwards from the right edge
        gray[y, 400 - (y - 100) // 5 - 10 :] = 0
    assert ink_rows(gray) == [(10, 40), (60, 90), (110, 140), (160, 190), (210, 240)]


def test_an_item_printed_without_yen_beside_its_tax_mark_is_a_pair() -> None:
    """まるまつ's item lines: name, 内 (tax included), price, no ¥; a line of other figures is none."""
    from chohyo.extract.ocr.receipt_lines import pairs_in

    assert pairs_in("とんかつ定内970") == [("とんかつ定", "970")]
    assert pairs_in("●大盛かつ丼 内 1,230") == [("●大盛かつ丼", "1,230")]
    assert pairs_in("伝票No:06545テ-ブルNo:00076名") == []
    assert pairs_in("2022年08月13日(士)12:50レジ:01") == []
    assert pairs_in("合計¥6,740") == [("合計", "6,740")]
