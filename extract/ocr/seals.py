"""Red seals (公印, 角印) stamped over a colour scan, taken out of the grey page OCR reads.

Japanese budgets and reports carry the organisation's seal in vermilion, often across the unit
caption or the last figures. In plain grey (luminance) its ring and characters are as dark as the
print and break numbers apart (516,967,440 read 5169671 under one). Under red light the seal all
but vanishes while black print stays black, so inside a seal the grey page takes the red channel
where the ink is, scaled so that the ink comes out as the paper's grey. Only seals go: a patch of
red ink at least SEAL_MIN inches across both ways, framed by a ring or a square; red print (赤字
figures, a red heading) is left as it is.
"""

from __future__ import annotations

import cv2
import numpy as np
from chohyo.extract.ocr.components import components

Box = tuple[int, int, int, int]

RED = 60  # red exceeds both green and blue by this much: seal ink (JPEG keeps it well above this)
HALO = 10  # redness of paper, give or take noise
TOUCH = 25  # redness from which a pixel inside a seal is taken for ink
SEAL_MIN, SEAL_MAX = 0.3, 2.0  # inches across: a seal, not a red character or a red frame
PRINT = 128  # red channel below this: print (black under red light), not seal ink
FRAME = 0.6  # share of a seal's width and height its ring or frame spans in one piece
PAD = 0.05  # inches around a seal's ink taken with it


def redness(rgb: np.ndarray) -> np.ndarray:
    r = rgb[:, :, 0].astype(np.int16)
    out: np.ndarray = r - np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    return out


def seal_boxes(rgb: np.ndarray, dpi: float) -> list[Box]:
    """Pixel boxes of the seals on a colour page (RGB, H x W x 3)."""
    red = (redness(rgb) > RED).astype(np.uint8)
    if red.sum() < (SEAL_MIN * dpi) ** 2 * 0.02:  # too little red ink on the page for a seal
        return []
    k = max(3, int(dpi / 25))  # joins an unevenly inked ring and its characters into one patch
    joined = cv2.morphologyEx(red, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, _, stats, _ = components(joined)
    h, w = red.shape
    pad = int(PAD * dpi)
    out = []
    for x, y, bw, bh, _area in stats[1:n]:
        if (
            SEAL_MIN * dpi <= min(bw, bh)
            and max(bw, bh) <= SEAL_MAX * dpi
            and max(bw, bh) <= 2 * min(bw, bh)
            and _framed(red[y : y + bh, x : x + bw], rgb[y : y + bh, x : x + bw])
        ):
            out.append(
                (
                    int(max(0, x - pad)),
                    int(max(0, y - pad)),
                    int(min(w, x + bw + pad)),
                    int(min(h, y + bh + pad)),
                )
            )
    return out


def _framed(red: np.ndarray, rgb: np.ndarray) -> bool:
    """Whether one piece of the red ink spans the patch both ways, as a seal's ring or frame does;
    red figures set close are many small pieces. Where the ring crosses print (a rule, a digit)
    the print is dark under red light too: print next to the ink counts as ink, so the ring stays
    one piece, while the paper between two lines of red figures keeps them apart."""
    near = cv2.dilate(red, np.ones((5, 5), np.uint8)).astype(bool)
    ink = red.astype(bool) | (near & (rgb[:, :, 0] < PRINT))
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    h, w = red.shape
    return any(bw >= FRAME * w and bh >= FRAME * h for _x, _y, bw, bh, _a in stats[1:n])


def without_seals(gray: np.ndarray, rgb: np.ndarray, dpi: float) -> tuple[np.ndarray, list[Box]]:
    """``gray`` with every seal of ``rgb`` taken out, and where they were (pixel boxes)."""
    boxes = seal_boxes(rgb, dpi)
    if not boxes:
        return gray, []
    gray = gray.copy()
    for x0, y0, x1, y1 in boxes:
        part, g = rgb[y0:y1, x0:x1], gray[y0:y1, x0:x1]
        r = part[:, :, 0].astype(np.float32)
        red = redness(part)
        ink, paper = red > RED, (red < HALO) & (g >= np.percentile(g, 60))
        if not ink.any() or not paper.any():
            continue
        # the red channel scaled so that seal ink comes out as the paper's grey, never lighter;
        # print under the ink stays as dark as the red channel shows it (measured against the
        # same page scanned without its seals: 3.5 and 6 grey levels off on average, against 18)
        level = float(np.median(g[paper]))
        lifted = np.minimum(r * (level / max(float(np.median(r[ink])), 1.0)), level).astype(np.uint8)
        touched = red > TOUCH
        g[touched] = np.maximum(g, lifted)[touched]
    return gray, boxes
