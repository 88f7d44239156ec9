"""components(): OpenCV's labelling in 16 bits where it fits, the same pieces as in 32 bits."""

from __future__ import annotations

import cv2
import numpy as np
from chohyo.extract.ocr.components import components


def test_same_pieces_as_32_bit_labels() -> None:
    rng = np.random.default_rng(7)
    mask = ((rng.random((300, 400)) > 0.7) * 255).astype(np.uint8)
    n, labels, stats, centroids = components(mask)
    n32, labels32, stats32, centroids32 = cv2.connectedComponentsWithStats(mask, connectivity=8)
    assert labels.dtype == np.uint16
    assert n == n32 and np.array_equal(labels, labels32)
    assert np.array_equal(stats, stats32) and np.allclose(centroids, centroids32)


def test_too_many_pieces_for_16_bits_are_labelled_in_32() -> None:
    mask = np.zeros((800, 800), np.uint8)
    mask[::3, ::3] = 255  # 267 x 267 = 71,289 separate dots
    n, labels, _, _ = components(mask)
    assert n == 71_289 + 1
    assert labels.dtype == np.int32 and int(labels.max()) == 71_289
