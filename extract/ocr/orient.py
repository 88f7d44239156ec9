"""Which way up a scanned page is: the direction of its text lines, then which way up those lines read.

First the text-line direction is measured on the binarized image (ink blobs, closed over character
gaps, are long and flat when lines run across, tall and thin when the page lies sideways: about
0.1 s). That leaves two candidates, 0°/180° or 90°/270° (all four when the direction is unclear).
Within a pair, PP-OCR's text direction classifier (RapidOCR's wheel) votes on a dozen of the page's
longest lines: on every scanned fixture page the mean vote was at least +0.62 the right way up and
at most -0.77 the wrong way, in about 0.06 s a candidate. Where RapidOCR is missing, the direction
is unclear or the vote is close, the lines are read every candidate way by Tesseract: the wrong way up it is unsure of far more
characters (measured: at most 8% below 0.9 confidence the right way up, at least 12% the wrong
way), at 0.5-1 s a page.

Tesseract's OSD is not used: on both pages of budget_ruled_sideways_200.pdf it picked the wrong one
of 90°/270°, it fails outright on a page with too few characters, and it cost 0.6-0.8 s a page.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import cv2
import numpy as np
from chohyo.extract.ocr.components import components
from chohyo.extract.ocr.engines import ReadKind, engine_for, reader_for
from chohyo.extract.ocr.preprocess import binarize, rotate_right_angle
from chohyo.extract.ocr.threads import ocr_threads

T = TypeVar("T")

WORK_DPI = 150.0  # orientation is decided on a copy at this resolution
VOTE_MARGIN = 0.6  # mean votes (each -1..1) of the best candidate over the runner-up; measured >= 1.39
DIRECTION_RATIO = 3.0  # flat blobs vs tall blobs (by length) needed to call the line direction
SAMPLE_LINES = 12
LOW_CHAR_CONF = 0.9
# misread share at which an upright reading is taken without reading the page turned: upright table
# pages of the copier scan read 0.00-0.06, the same pages upside down 0.43-0.58
UPRIGHT_READS_WELL = 0.1


def orientation(gray: np.ndarray, dpi: float) -> int:
    """Clockwise degrees (0, 90, 180, 270) to turn the page upright."""
    return oriented(gray, dpi, lambda: None)[0]


def oriented(gray: np.ndarray, dpi: float, if_upright: Callable[[], T]) -> tuple[int, T | None]:
    """``orientation`` and, when the page is upright, ``if_upright()`` (else None). With two threads
    ``if_upright`` starts at once on the other one, beside the vote (0.1-0.2 s before any cell can
    be read: most pages are upright); on a page that is not, its result is dropped."""
    if ocr_threads() > 1:
        pool = ThreadPoolExecutor(max_workers=1)
        ahead = pool.submit(if_upright)
        try:
            voted = _voted(gray, dpi)
        finally:
            pool.shutdown(wait=False)  # a page not upright does not wait for what it will not use
        return voted, ahead.result() if voted == 0 else None
    voted = _voted(gray, dpi)
    return voted, if_upright() if voted == 0 else None


def _voted(gray: np.ndarray, dpi: float) -> int:
    small = work_copy(gray, dpi)
    blobs = _text_blobs(small)
    sideways = lines_run_vertically(small, blobs)
    if sideways is not None:
        voted = classified_orientation(small, _candidates(sideways))
    else:  # level lines of text seen past the rules' remnants: the classifier settles 0°/180°
        voted = classified_orientation(small, (0, 180)) if level_text(small, blobs) else None
    return voted if voted is not None else fallback_orientation(small, sideways)


def _candidates(sideways: bool | None) -> tuple[int, ...]:
    if sideways is None:
        return (0, 90, 180, 270)
    return (90, 270) if sideways else (0, 180)


def classified_orientation(small: np.ndarray, candidates: tuple[int, ...]) -> int | None:
    """Of two candidates 180° apart, the one whose sample lines the direction classifier finds upright
    by a clear margin; None when RapidOCR is not installed, no line is found or the vote is close.
    (It cannot choose among all four: turned the wrong way, a sideways page's "lines" are columns.)"""
    voter = engine_for(ReadKind.UPRIGHT)
    if voter is None:
        return None
    votes = {}
    for turn in candidates:
        v = voter.upright_votes(line_crops(rotate_right_angle(small, turn), scale=1))
        if v:
            votes[turn] = float(np.mean(v))
    if len(votes) < len(candidates):
        return None
    ranked = sorted(votes, key=lambda t: -votes[t])
    return ranked[0] if votes[ranked[0]] - votes[ranked[1]] >= VOTE_MARGIN else None


def work_copy(gray: np.ndarray, dpi: float) -> np.ndarray:
    factor = min(1.0, WORK_DPI / dpi) if dpi > 0 else 1.0
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray


def fallback_orientation(small: np.ndarray, sideways: bool | None = None) -> int:
    """Orientation by Tesseract alone: line direction picks the pair, a two-way reading picks within it.

    ``small`` is the page at about WORK_DPI; ``sideways`` as from ``lines_run_vertically`` (None: unknown).
    """
    candidates = _candidates(sideways)
    if 0 in candidates:  # most pages are upright: read that way first, and stop when it reads well
        upright = misread_share(small)
        if upright is not None and upright <= UPRIGHT_READS_WELL:
            return 0
    scores = {turn: misread_share(rotate_right_angle(small, turn)) for turn in candidates}
    known = {t: s for t, s in scores.items() if s is not None}
    if not known:
        return candidates[0]
    return min(known, key=lambda t: (known[t], candidates.index(t)))


def _text_blobs(small: np.ndarray) -> np.ndarray:
    """Connected-component stats of text with rules removed and character gaps closed (ink = 255)."""
    b = binarize(small, WORK_DPI)
    rule = int(WORK_DPI * 0.6)
    horiz = cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (rule, 1)))
    vert = cv2.morphologyEx(b, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, rule)))
    ink = cv2.subtract(b, cv2.bitwise_or(horiz, vert))
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # noise dots
    gap = max(3, int(WORK_DPI / 25))  # about 1 mm: closes the gaps between characters of a line
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((gap, gap), np.uint8))
    _, _, stats, _ = components(closed)
    return stats[1:]


def lines_run_vertically(small: np.ndarray, blobs: np.ndarray | None = None) -> bool | None:
    """True when the text lines run up and down the image (a page lying sideways), None if unclear.
    ``blobs``: ``_text_blobs(small)`` when already made."""
    flat, tall = _lengths(_text_blobs(small) if blobs is None else blobs)
    if max(flat, tall) < WORK_DPI:  # less than an inch of text in all: no evidence
        return None
    if flat >= DIRECTION_RATIO * tall:
        return False
    if tall >= DIRECTION_RATIO * flat:
        return True
    return None


def _lengths(blobs: np.ndarray, thick: float = 0.0) -> tuple[int, int]:
    """Total length of the flat blobs and of the tall ones, of those at least ``thick`` px across."""
    w, h, area = blobs[:, 2], blobs[:, 3], blobs[:, 4]
    big = area > (WORK_DPI / 20) ** 2
    return int(w[big & (w > 2 * h) & (h >= thick)].sum()), int(h[big & (h > 2 * w) & (w >= thick)].sum())


def level_text(small: np.ndarray, blobs: np.ndarray | None = None) -> bool:
    """Whether the page's text lines run across, counting only blobs as thick as characters: on
    ruled pages the thin remnants of faint or broken rules and the brackets 【 】 ( ) leave the
    direction unclear (the copier scan's p.9: flat 878 against tall 955 px; without them 781
    against 0), and Tesseract then read sample lines every way up (0.2-0.26 CPU s a page). Only
    ever asked where lines_run_vertically found no direction, and only the across answer is
    used: on a log sheet of narrow columns (N値表) the thick blobs ran downwards on an upright page."""
    flat, tall = _lengths(_text_blobs(small) if blobs is None else blobs, WORK_DPI / 20)
    return flat >= WORK_DPI and flat >= DIRECTION_RATIO * tall


def text_lines(small: np.ndarray, limit: int = SAMPLE_LINES) -> list[tuple[int, int, int, int]]:
    """The longest flat text-line boxes (x, y, w, h), longest first."""
    lo, hi = WORK_DPI / 15, WORK_DPI / 2  # line heights between about 1.7 and 13 mm
    boxes = [tuple(int(v) for v in s[:4]) for s in _text_blobs(small) if s[2] > 3 * s[3] and lo < s[3] < hi]
    boxes.sort(key=lambda b: -b[2])
    return boxes[:limit]  # type: ignore[return-value]


def line_crops(small: np.ndarray, scale: int = 2) -> list[np.ndarray]:
    """The sample text lines cut out of the page copy (``scale`` 2: enlarged for Tesseract)."""
    crops = []
    for x, y, w, h in text_lines(small):
        piece = small[max(0, y - 2) : y + h + 2, max(0, x - 2) : x + w + 2]
        crops.append(
            cv2.resize(piece, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            if scale != 1
            else piece
        )
    return crops


def misread_share(small: np.ndarray) -> float | None:
    """Share of characters Tesseract reads with confidence below LOW_CHAR_CONF in the sample lines."""
    crops = line_crops(small)
    if not crops:
        return None
    confs = [
        c for r in reader_for(ReadKind.WAY_UP).read_lines(crops, ReadKind.WAY_UP) for c in r.char_confidences
    ]
    if not confs:
        return 1.0
    return float(np.mean([c < LOW_CHAR_CONF for c in confs]))
