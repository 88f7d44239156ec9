"""Clean a scanned page before reading it (OpenCV): turn, deskew, remove specks, binarize.

OCR reads the cleaned grayscale; the binary image is only for finding rules and ink.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import cv2
import numpy as np
from chohyo.extract.ocr.components import components
from chohyo.extract.ocr.ink_runs import ink_runs
from chohyo.extract.ocr.shear import estimate_lean, unshear
from chohyo.extract.ocr.threads import ocr_threads


@dataclass(frozen=True)
class Prepared:
    gray: np.ndarray  # upright, deskewed, specks removed
    binary: np.ndarray  # ink = 255
    rotation: int  # degrees turned clockwise to make the page upright (0, 90, 180, 270)
    skew: float  # degrees the page was rotated by to straighten it
    unspecked: np.ndarray | None = None  # ``gray`` before speck removal: a line-start bullet ・ is kept
    # turned, deskewed and dusted like ``gray`` but never median-filtered (None for a bilevel page):
    # the 3x3 median wipes the inner strokes of 目 (read 日 or 月) and 業 (集, 案) in header text
    plain: np.ndarray | None = None


def binarize(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Adaptive threshold, ink = 255; the block scales with the resolution so faint rules survive."""
    block = max(15, int(dpi / 8) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def rotate_right_angle(gray: np.ndarray, degrees: int) -> np.ndarray:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return gray if degrees % 360 == 0 else cv2.rotate(gray, codes[degrees % 360])


def _profile_score(binary_small: np.ndarray, angle: float) -> float:
    h, w = binary_small.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(binary_small, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    rows = rotated.sum(axis=1, dtype=np.float64)
    return float(np.var(rows))


def estimate_skew(binary: np.ndarray, limit: float = 5.0) -> float:
    """The angle (degrees, counter-clockwise positive as OpenCV) that makes text lines and rules level.

    Projection profiles: the row sums are sharpest when lines are horizontal. Works for ruled and
    borderless pages alike.
    """
    h, w = binary.shape
    factor = min(1.0, 1000.0 / max(w, 1))
    small = cv2.resize(
        binary, (max(1, int(w * factor)), max(1, int(h * factor))), interpolation=cv2.INTER_AREA
    )
    best = max(np.arange(-limit, limit + 1e-9, 0.5), key=lambda a: _profile_score(small, float(a)))
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)
    return float(max(fine, key=lambda a: _profile_score(small, float(a))))


def rotate_small(gray: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.03:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def remove_specks(gray: np.ndarray, binary: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Paint out small isolated blobs (scanner dust); commas and dots sit next to digits and stay."""
    scale = dpi / 200.0
    n, labels, stats, _ = components(binary)
    small_area = max(4, int(30 * scale * scale))
    areas = stats[:, cv2.CC_STAT_AREA]
    small = np.zeros(n, dtype=bool)
    small[1:] = areas[1:] <= small_area
    if not small.any():
        return gray, binary
    big_mask = ((~small)[labels] & (labels > 0)).astype(np.uint8) * 255
    reach = max(3, int(10 * scale))
    near = cv2.dilate(big_mask, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach + 1, reach + 1)))
    small_ids = np.flatnonzero(small)
    # A small blob is dust when none of it is near a bigger blob.
    touched = np.zeros(n, dtype=bool)
    touched[np.unique(labels[(near > 0) & (labels > 0)])] = True
    # ... or when it sits in a line of text between two bigger blobs (the ・ of ローコード・ノーコード)
    span, tall = max(6, int(20 * scale)), max(1, int(4 * scale))
    kernel = np.ones((2 * tall + 1, span + 1), np.uint8)
    from_left = cv2.dilate(big_mask, kernel, anchor=(span, tall))
    from_right = cv2.dilate(big_mask, kernel, anchor=(0, tall))
    touched[np.unique(labels[(from_left > 0) & (from_right > 0) & (labels > 0)])] = True
    dust = np.zeros(n, dtype=bool)
    dust[small_ids] = ~touched[small_ids]
    dust_mask = dust[labels]
    gray = gray.copy()
    gray[dust_mask] = 255
    binary = binary.copy()
    binary[dust_mask] = 0
    return gray, binary


def denoise(gray: np.ndarray) -> np.ndarray:
    """A light median filter: takes salt-and-pepper noise off without eating thin strokes."""
    return cv2.medianBlur(gray, 3)


RULE_MIN = 0.25  # inches: a straight run of ink this long is a rule (longer than any stroke of text)
CROSSED = 4  # rules the median kept that a wiped rule must cross to be put back (a ruled table's)


def kept_rules(filtered: np.ndarray, original: np.ndarray, dpi: float) -> np.ndarray:
    """``filtered`` with the rules of ``original`` the median wiped put back, as dark as printed: a
    rule one pixel wide has 3 dark pixels of 9 in every 3x3 window. 溶融亜鉛めっき生産実績 (a table
    image at 150 dpi) alternates such rules with thicker ones, and 8 of its 17 columns were read as
    3 figures glued in one cell. A long straight run of ink (text strokes are shorter) comes back
    only where the median left no ink beside it (a thicker rule it merely trimmed stays as it is:
    widened, 道の駅 p9's half-dotted rule had its dots looked for off their place) and only when it
    crosses rules the median kept (a ruled table's rule): a page whose rules are all that thin (the
    概算要求 table image, rows unruled) is read as before, without them; a lone stroke is no rule."""
    ink = binarize(original, dpi)
    n = max(12, int(dpi * RULE_MIN))
    along = {
        axis: cv2.getStructuringElement(cv2.MORPH_RECT, size) for axis, size in (("h", (n, 1)), ("v", (1, n)))
    }
    lines = {axis: cv2.morphologyEx(ink, cv2.MORPH_OPEN, k) for axis, k in along.items()}
    if not (lines["h"].any() or lines["v"].any()):
        return filtered
    left = binarize(filtered, dpi)
    near = cv2.dilate(left, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    # the pieces the median wiped (most of), counted for all pieces at once: on most pages none is,
    # and the rules it kept (``survived``) are then never needed (measured on budget_ruled_300:
    # 0.22 → 0.09 CPU s, the same page)
    wiped_pieces: dict[str, tuple[np.ndarray, np.ndarray, list[int]]] = {}
    for axis in along:
        n_cc, labels, stats, _ = components(lines[axis])
        gone = np.bincount(labels[(near == 0) & (lines[axis] > 0)].ravel(), minlength=n_cc)
        ids = [k for k in range(1, n_cc) if gone[k] * 2 >= stats[k, cv2.CC_STAT_AREA]]
        if ids:
            wiped_pieces[axis] = (labels, stats, ids)
    if not wiped_pieces:
        return filtered
    survived = {
        axis: cv2.dilate(cv2.morphologyEx(left, cv2.MORPH_OPEN, k), np.ones((5, 5), np.uint8))
        for axis, k in along.items()
    }
    back = np.zeros(filtered.shape, dtype=bool)
    for axis, (labels, stats, ids) in wiped_pieces.items():
        other = "h" if axis == "v" else "v"
        for k in ids:
            x, y, w, h, _ = stats[k]
            piece = labels[y : y + h, x : x + w] == k
            wiped = piece & (near[y : y + h, x : x + w] == 0)
            crossing = (survived[other][y : y + h, x : x + w] > 0) & piece
            if len(ink_runs(crossing.any(axis=1 if axis == "v" else 0))) >= CROSSED:
                back[y : y + h, x : x + w] |= wiped
    return np.where(back, np.minimum(filtered, original), filtered)


def is_bilevel(gray: np.ndarray) -> bool:
    sample = gray[::7, ::7]
    return float(((sample > 0) & (sample < 255)).mean()) < 0.01


def prepare(gray: np.ndarray, dpi: float, rotation: int) -> Prepared:
    """Turn by ``rotation``, denoise, deskew (±5°) and remove specks."""
    gray = rotate_right_angle(gray, rotation)
    if is_bilevel(gray):  # a median filter eats the thin strokes of a black-and-white scan: soften instead
        gray = cv2.GaussianBlur(gray, (0, 0), 0.7)
        binary = binarize(gray, dpi)
        gray, binary, skew, _ = _levelled(gray, binary, estimate_skew(binary), dpi)
        unspecked = gray
        gray, binary = remove_specks(gray, binary, dpi)
        return Prepared(gray, binary, rotation, skew, unspecked, None)  # nothing unfiltered to keep
    original, gray = gray, kept_rules(denoise(gray), gray, dpi)
    binary = binarize(gray, dpi)
    skew = estimate_skew(binary)
    with ThreadPoolExecutor(max_workers=1) as pool:
        # the unfiltered page is turned by the skew (a whole-page warp) on the other thread meanwhile
        ahead = pool.submit(rotate_small, original, skew) if ocr_threads() > 1 else None
        gray, binary, skew, lean = _levelled(gray, binary, skew, dpi)
        unspecked = gray
        gray, binary = remove_specks(gray, binary, dpi)
        unfiltered = unshear(ahead.result() if ahead else rotate_small(original, skew), lean)
    plain = np.where((gray == 255) & (unspecked != 255), np.uint8(255), unfiltered)  # same dust out
    return Prepared(gray, binary, rotation, skew, unspecked, plain)


def _levelled(
    gray: np.ndarray, binary: np.ndarray, skew: float, dpi: float
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """``gray`` turned by ``skew`` and its columns unsheared, its binary, the skew and the lean."""
    if abs(skew) >= 0.03:
        gray = rotate_small(gray, skew)
        binary = binarize(gray, dpi)
    lean = estimate_lean(binary) if abs(skew) >= 0.03 else 0.0  # rows levelled, columns may lean (shear.py)
    if lean:
        gray = unshear(gray, lean)
        binary = binarize(gray, dpi)
    return gray, binary, skew, lean
