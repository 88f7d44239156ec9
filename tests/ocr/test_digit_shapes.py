"""Small counts centred in their cells are told by their shape (extract/ocr/digit_shapes.py): one to
three digits, one piece each, as tall as the line, narrower than tall; kanji, kana and 円 are
not, nor a figure with a point or a comma, so a word never goes to the digit strips."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.digit_shapes import decimal_cells, digit_columns, digit_shaped
from PIL import Image, ImageDraw, ImageFont

FONTS = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",  # Debian's fonts-ipaexfont (make installs it)
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
)


def _ink(text: str, font: str) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """``text`` at 300 dpi 10.5 pt (44 px), as a binary image and its ink box."""
    img = Image.new("L", (60 + 46 * len(text), 90), 0)
    ImageDraw.Draw(img).text((30, 20), text, fill=255, font=ImageFont.truetype(font, 44))
    binary = np.where(np.asarray(img) > 127, 255, 0).astype(np.uint8)
    ys, xs = np.nonzero(binary)
    return binary, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("text", ["0", "7", "24", "187", "630", "12", "999"])
def test_figures_are_digit_shaped(text: str, font: str) -> None:
    assert digit_shaped(*_ink(text, font))


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize(
    "text",
    [
        "円",
        "450円",
        "珍味堂",
        "火",
        "木",
        "催事",
        "カフェ",
        "中止",
        "△620",
        "-",
        "―",
        "(本)",
        "3.0",
        "2.25",
        "100.0",
        "1,014",
        "3,368",
        "1000",
    ],
)
def test_words_and_signed_figures_are_not(text: str, font: str) -> None:
    # a △ or a minus keeps its figure on the aligned path, where its sign is read off the ink; a
    # decimal point would be lost in the digit strips (3.0 read 30), a comma is read better by the
    # text reader (3,368 read 3968), and four digits or more stay there too
    assert not digit_shaped(*_ink(text, font))


def test_a_column_is_of_figures_when_most_of_its_cells_are() -> None:
    # one page, two columns: counts (one cell a word: 中止) and words (one a lone 1)
    texts = {
        (1, 1): "24",
        (2, 1): "0",
        (3, 1): "187",
        (4, 1): "中止",
        (5, 1): "7",
        (1, 2): "火",
        (2, 2): "木",
        (3, 2): "1",
        (4, 2): "日",
        (5, 2): "月",
    }
    page = np.zeros((6 * 90, 3 * 300), np.uint8)
    present = []
    for (row, col), text in texts.items():
        binary, (x0, y0, x1, y1) = _ink(text, FONTS[0])
        top, left = row * 90 - 90, col * 300 - 300 + 20
        page[top + y0 : top + y1, left + x0 : left + x1] = binary[y0:y1, x0:x1]
        box = CellBox(row, col, 1, 1, col * 300 - 300, top, col * 300, top + 90)
        present.append((box, (left + x0, top + y0, left + x1, top + y1)))
    header = [(CellBox(0, 1, 1, 1, 0, 0, 300, 1), (0, 0, 1, 1))]
    verdict = digit_columns(page, header + present, 1)
    assert {key for key, ok in verdict.items() if ok} == {(1, 1), (2, 1), (3, 1), (5, 1)}
    assert (4, 1) in verdict and not verdict[(4, 1)]
    assert all(col == 1 for _, col in verdict)  # the words' column is none of its business


def test_a_point_speck_removal_took_is_found_in_what_it_took() -> None:
    # 持株比率 printed letter-spaced (50. 5): speck removal takes the point for dust; the cell is
    # still one with a decimal point, and so is its column (the lone 7 beside it is not)
    page = np.zeros((4 * 90, 2 * 300), np.uint8)
    wiped = np.zeros_like(page)
    present = []
    for row, text in ((1, "50. 5"), (2, "13. 5"), (3, "7")):
        binary, (x0, y0, x1, y1) = _ink(text, FONTS[1])
        top, left = row * 90 - 90, 300 + 20
        cell = binary[y0:y1, x0:x1]
        _, _, stats, _ = cv2.connectedComponentsWithStats(cell)
        small = [s for s in stats[1:] if s[3] < 0.3 * (y1 - y0)]  # the point
        taken = np.zeros_like(cell)
        for x, y, w, h, _ in small:
            taken[y : y + h, x : x + w] = cell[y : y + h, x : x + w]
        page[top + y0 : top + y1, left + x0 : left + x1] = cell & ~taken
        wiped[top + y0 : top + y1, left + x0 : left + x1] = taken
        present.append(
            (CellBox(row, 1, 1, 1, 300, top, 600, top + 90), (left + x0, top + y0, left + x1, top + y1))
        )
    gray, unspecked = 255 - page, 255 - (page | wiped)  # the page as read, and before speck removal
    assert decimal_cells(page, gray, None, present, 1) == set()
    assert decimal_cells(page, gray, unspecked, present, 1) == {(1, 1), (2, 1)}
    # a point, or a comma that looks like one, still on the page is no business of this
    assert decimal_cells(page | wiped, unspecked, unspecked, present, 1) == set()


def test_a_stroke_the_scan_broke_off_a_digit_is_part_of_it() -> None:
    # 政治資金収支報告書 p. 7 (200 dpi): the 3 of 5 | 3 | 1 with the top of its hook broken off
    rows = [
        "...##..####...",
        "..###..#####..",
        ".###....####..",
        "####.....####.",
        "####.....####.",
        "####.....####.",
        "..#......####.",
        ".........###..",
        ".........##...",
        ".....######...",
        ".....######...",
        "........###...",
        ".........###..",
        "..........###.",
        "..........####",
        "..........####",
        ".##........###",
        "####......####",
        "####......###.",
        "####.....####.",
        ".####...####..",
        "..#########...",
        "....######....",
    ]
    binary = np.array([[255 if ch == "#" else 0 for ch in row] for row in rows], np.uint8)
    assert digit_shaped(binary, (0, 0, 14, 23))
    # a piece beside the digit, not inside its box, is still a piece of a word
    wider = np.zeros((23, 24), np.uint8)
    wider[:, :14] = binary
    wider[2:8, 17:22] = 255
    assert not digit_shaped(wider, (0, 0, 24, 23))
