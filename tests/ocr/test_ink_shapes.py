"""Words and numbers on scans that the reading alone gets wrong, told by their ink: parentheses around
a negative, two letter-spaced numbers run into one blob, kanji strokes that look like rules, the space
after an item number, where a name starts after a half-width numbering."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from chohyo.extract.ocr.cell_boxes import PixelFrame
from chohyo.extract.ocr.engines import Reading, rapid
from chohyo.extract.ocr.engines.rapid import long_vowels
from chohyo.extract.ocr.images import page_image
from chohyo.extract.ocr.ink_tables import Blob
from chohyo.extract.ocr.preprocess import prepare
from chohyo.extract.ocr.rule_erasure import rules_mask
from chohyo.extract.ocr.ruled_grid import rule_masks
from chohyo.extract.ocr.signs import parenthesised
from chohyo.extract.ocr.stream_tables import _chars, _ink_gaps, _lead_gap, _number_split, _word_text
from chohyo.settings import ExtractSettings
from PIL import Image, ImageDraw, ImageFont

from .conftest import SCANNED

MINCHO = (
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"  # Debian's fonts-ipaexfont (make installs it)
)


def _ink(text: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """``text`` printed in IPAex Mincho at 200 dpi 10.5 pt (29 px), as a binary image and its ink box."""
    font = ImageFont.truetype(MINCHO, 29)
    img = Image.new("L", (40 + 30 * len(text), 60), 0)
    ImageDraw.Draw(img).text((20, 12), text, fill=255, font=font)
    binary = np.where(np.asarray(img) > 127, 255, 0).astype(np.uint8)
    ys, xs = np.nonzero(binary)
    return binary, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


@pytest.mark.parametrize("text", ["(1,190)", "(620)", "(5 7 0)", "（１，２００）"])
def test_parentheses_around_a_number_are_found_and_left_out(text: str) -> None:
    binary, ink = _ink(text)
    inside = parenthesised(binary, ink)
    assert inside is not None
    x0, _, x1, _ = inside
    assert ink[0] < x0 and x1 < ink[2] and x1 - x0 >= 0.5 * (ink[2] - ink[0])
    # what is left is the digits alone: the first and last runs of ink (the parentheses) are outside
    inked = binary[:, ink[0] : ink[2]].any(axis=0)
    first_end = ink[0] + int(np.argmin(inked))
    last_start = ink[2] - int(np.argmin(inked[::-1]))
    assert first_end <= x0 and x1 <= last_start


@pytest.mark.parametrize("text", ["1,190", "11,190", "△620", "1(2)1", "(1,190"])
def test_no_parentheses_found_where_there_is_no_pair(text: str) -> None:
    binary, ink = _ink(text)
    assert parenthesised(binary, ink) is None


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("16,70016,450", 6),
        ("12,.90013,240", 7),
        ("2,0502,310", 5),
        ("16,700", None),
        ("1,2345", None),
        ("44354500", None),
    ],
)
def test_two_grouped_numbers_run_together_are_cut_where_the_grouping_says(text: str, cut: int | None) -> None:
    assert _number_split(text) == cut


def test_a_stray_letter_beside_page_level_digits_is_dropped_for_structure() -> None:
    assert _word_text("As500", 60, 20) == "△500"  # △ read A, a speck read s
    assert _word_text("48.200a", 70, 20) == "48.200"
    assert _word_text("PA", 40, 20) == "PA"


def test_a_long_vowel_mark_read_as_one_after_katakana() -> None:
    assert long_vowels("市民活動支援センタ一運営費") == "市民活動支援センター運営費"
    assert long_vowels("サ一ビス") == "サービス"
    assert long_vowels("システム一式 データ一覧 一般会計") == "システム一式 データ一覧 一般会計"


def test_a_page_without_rules_has_no_rule_to_erase() -> None:
    """borderless_mincho has no rule at all; the right strokes of 料 and 計 end the labels of
    several rows on one x, and were erased as a broken rule (使用料 read as 使用JE)."""
    pdf = pdfium.PdfDocument(SCANNED / "variants" / "borderless_mincho_200.pdf")
    img = page_image(pdf, 0, ExtractSettings())
    prep = prepare(img.gray, img.dpi, 0)
    horiz, vert = rule_masks(prep.binary, img.dpi)
    assert vert.any()  # the opening alone takes the strokes
    assert not rules_mask(horiz, vert, img.dpi, prep.binary).any()


def test_a_half_width_character_takes_half_the_room_in_a_word() -> None:
    """The name after ``3.`` starts where it is printed: wrapped labels are joined by that indent."""
    chars = _chars("3.基本", (0, 0, 300, 30), 30.0, PixelFrame(0.0, 0.0, 1.0))
    assert [round(c.x0) for c in chars] == [0, 50, 100, 200]
    assert round(chars[-1].x1) == 300


@pytest.mark.parametrize(
    ("text", "spaced"), [("1 公園", True), ("12 土地", True), ("1公園", False), ("公園", False)]
)
def test_the_space_after_a_bare_item_number_is_found_in_the_ink(text: str, spaced: bool) -> None:
    binary, (x0, y0, x1, y1) = _ink(text)
    digits = len(text) - len(text.lstrip("0123456789"))
    blob = Blob(x0, y0, x1, y1)
    gap = _lead_gap(_ink_gaps(binary, blob), blob, digits) if digits else None
    assert (gap is not None) == spaced


def test_a_rewritten_rapidocr_reading_keeps_each_character_confidence() -> None:
    """1.350 000 → 1,350,000: the point and the space become commas and keep their scores; squeezed
    out, the space takes its score with it."""
    r = Reading("1.350 000", (0.9, 0.8, 0.99, 0.7, 0.95, 0.5, 0.9, 0.9, 0.6), score=0.8)
    assert rapid.carried(r, "1,350,000").char_confidences == r.char_confidences
    squeezed = rapid.carried(r, "1.350000")
    assert (
        squeezed.char_confidences == (0.9, 0.8, 0.99, 0.7, 0.95, 0.9, 0.9, 0.6) and squeezed.confidence == 0.8
    )
    assert rapid.carried(Reading("ab", (0.7,), score=0.7), "abc").char_confidences == (0.7, 0.7, 0.7)
