"""RapidOCR's two lanes: a call's batches are read side by side, an odd batch out split in halves.
Padding is part of the reading, so a half must read exactly as it does inside its whole batch."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from chohyo.extract.ocr.engines import rapid

PAGE = Path(__file__).resolve().parents[2] / "fixtures" / "council_text.pdf"  # clean lines of Japanese

pytestmark = pytest.mark.skipif(not rapid.available(), reason="RapidOCR is not installed")


def _line_crops(count: int) -> list[np.ndarray]:
    """Text lines of a rendered council report, cut to different widths (so a batch pads them)."""
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(PAGE)) as pdf:
        gray = np.asarray(pdf[0].render(scale=200 / 72, grayscale=True).to_pil())
    dark = gray < 128
    rows = np.flatnonzero(dark.sum(axis=1) > 0)
    bands: list[tuple[int, int]] = []
    for y in rows:
        if bands and y - bands[-1][1] <= 2:
            bands[-1] = (bands[-1][0], int(y))
        else:
            bands.append((int(y), int(y)))
    bands = [(a, b) for a, b in bands if 15 <= b - a <= 80]
    crops = []
    for k, (a, b) in enumerate(bands[:count]):
        cols = np.flatnonzero(dark[a : b + 1].any(axis=0))
        x0, x1 = int(cols[0]), int(cols[-1])
        x1 = x0 + max(40, (x1 - x0) * (k + 1) // count)  # widths differ
        crops.append(cv2.cvtColor(gray[max(0, a - 4) : b + 5, x0 : x1 + 1], cv2.COLOR_GRAY2BGR))
    assert len(crops) == count, "the page has fewer text lines than the test needs"
    return crops


def _readings(recs: list[object], images: list[np.ndarray]) -> list[tuple[str, float, tuple[float, ...]]]:
    return [
        (str(t), float(s), tuple(getattr(w, "confs", None) or ()))
        for t, s, w in rapid._recognized(recs, images)
    ]


@pytest.mark.parametrize("count", [4, 9])  # one batch split in two; two whole batches and a split third
def test_split_batches_read_as_whole_ones(count: int) -> None:
    from rapidocr.ch_ppocr_rec.main import TextRecognizer

    first = rapid._recognizer()
    other = TextRecognizer(rapid._engine().cfg.Rec)
    images = _line_crops(count)
    shape = list(first.rec_image_shape)
    alone = _readings([first], images)  # one lane: the batches as the recognizer makes them
    assert any(text for text, _, _ in alone), "nothing was read: the crops are no text"
    assert _readings([first, other], images) == alone
    assert list(first.rec_image_shape) == list(other.rec_image_shape) == shape  # each lane's shape given back
