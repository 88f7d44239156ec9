"""Sheared scans: rows level but columns leaning (or the other way round).

A copier's feeder that lets the sheet slip draws the page sheared, not turned: on the real copier
scan (nankoku_michinoeki_agm_scan p11) the text lines and horizontal rules fall 0.47° while the
vertical rules stand straight. Turning the page to level the rows then leans every vertical rule
by as much, and a tall table's column rules no longer line up in one pixel column (the ruled
table is lost). After deskewing, the columns are stood upright by a horizontal shear, found as
the rows' angle is found (the column profile is sharpest), only when vertical rules make a clear peak.
"""

from __future__ import annotations

import cv2
import numpy as np

LIMIT = 1.5  # degrees: more than a feeder's slip is not a shear
MIN_LEAN = 0.15  # degrees: less is left alone (a column rule 11 inches tall drifts 2 px at 300 dpi)
MIN_GAIN = 1.15  # the best column profile must be this much sharper than the unsheared one


def _sheared(img: np.ndarray, angle: float, border: int = 0) -> np.ndarray:
    """``img`` with its rows shifted so a line leaning by ``angle`` degrees (top to the right
    positive) stands upright; the middle row stays in place."""
    h, w = img.shape
    t = float(np.tan(np.radians(angle)))
    m = np.array([[1.0, t, -t * h / 2], [0.0, 1.0, 0.0]], dtype=np.float32)
    out: np.ndarray = np.asarray(
        cv2.warpAffine(
            img, m, (w, h), flags=cv2.INTER_CUBIC if border else cv2.INTER_NEAREST, borderValue=border
        )
    )
    return out


def _column_score(small: np.ndarray, angle: float) -> float:
    cols = _sheared(small, angle).sum(axis=0, dtype=np.float64)
    return float(np.var(cols))


def estimate_lean(binary: np.ndarray) -> float:
    """The lean of the page's vertical rules in degrees (0.0 when none is clear)."""
    h, w = binary.shape
    factor = min(1.0, 1000.0 / max(h, 1))
    small = cv2.resize(
        binary, (max(1, int(w * factor)), max(1, int(h * factor))), interpolation=cv2.INTER_AREA
    )
    # only long vertical strokes vote (text has many short ones)
    tall = max(12, int(small.shape[0] * 0.05))
    small = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, tall)))
    if not small.any():
        return 0.0
    coarse = max(np.arange(-LIMIT, LIMIT + 1e-9, 0.25), key=lambda a: _column_score(small, float(a)))
    fine = np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, 0.05)
    best = float(max(fine, key=lambda a: _column_score(small, float(a))))
    if abs(best) < MIN_LEAN or _column_score(small, best) < MIN_GAIN * _column_score(small, 0.0):
        return 0.0
    return best


def unshear(gray: np.ndarray, lean: float) -> np.ndarray:
    return gray if lean == 0.0 else _sheared(gray, lean, border=255)
