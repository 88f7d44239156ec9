"""A photographed page (a phone shot of a receipt or a printed table) made to look like a scan.

A scanner lays the paper flat, lights it evenly and records its resolution: the paper is white
(every scan and scanned fixture measured: a paper white of 231-255) and fills the frame. A photo
breaks all three: the paper is a quadrilateral on a table top (perspective), its white is a grey
that drifts across the page (a lamp, a shadow), and nothing says how large the print is (a
receipt's 3 mm digits came out 100 px high on a 2629 px photo said to be 200 dpi). The ordinary
OCR path then reads it as noise (むこたま's receipt: 88 rows of garbage; Seria's: turned 180°, no
amount), so a photo is detected first and, before that path:

- the paper quadrilateral (when the paper does not fill the frame) is warped to a rectangle;
  ``photo_signs`` measures the paper on a 600 px copy (20 ms CPU a page, a photo or an A4 scan);
- the light is flattened: the page is divided by its background (the page with the print closed
  away and blurred), so the paper comes out white everywhere and the print keeps its contrast;
- the page is scaled so that its characters are 30 px high, and it is read as a 300 dpi scan.

Then the ordinary OCR path reads it (``source`` "photo": no lines are taken for a drawing's, see
page_text.py), a receipt's ``label ¥amount`` lines become a table (receipt_lines.py) and
extract/photo_pages.py reports what was still not read (``photo-not-read``). What was done is said
in the page's first note and every table cell's provenance; boxes on a warped page lie on the
corrected paper, not exactly on the photo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
from chohyo.extract.ocr.cell_boxes import PixelFrame
from chohyo.extract.ocr.components import components
from chohyo.extract.ocr.images import PageImage
from chohyo.extract.ocr.preprocess import rotate_right_angle
from chohyo.extract.ocr.receipt_lines import with_receipt_table
from chohyo.extract.photo_pages import PHOTO_NOTE
from chohyo.model import Page

WORK_SIDE = 600  # px: the long side of the copy the paper and its light are measured on
# A scanner's paper is white: every scan and scanned fixture measured 231-255 (the median of the
# brightest tenth of each of 8 x 8 tiles); the photos 200-206. Below this the paper is lit by a lamp.
GREY_PAPER = 220
# The paper is a quadrilateral that does not fill the frame when its brightest region covers less
# than this share of the image and the rest (a table top) is clearly darker.
PAPER_SHARE = 0.85
SURROUND_CONTRAST = 40  # grey levels between the paper and what it lies on
MIN_PAPER_SHARE = 0.15  # a smaller bright patch is a label or a light, not the page
# the paper's region fills at least this share of its convex hull when it is a clean quadrilateral
# (むこたま's folded receipt, a glare on the table merged with its side: 0.88); else its corners are
# its points furthest out diagonally, kept when their quadrilateral covers QUAD_COVERS of the
# region, and failing that the page is cut to the paper's outline and not warped
CLEAN_QUAD = 0.93
QUAD_COVERS = 0.8
PHOTO_DPI = 300.0  # a photo has no resolution: it is read as a 300 dpi scan ...
GLYPH_PX = 30  # ... whose characters (ink blobs: a digit, a kana, a kanji's part) are this high
SCALE_LIMITS = (0.2, 3.0)

RECTIFIED = "photo-rectified"
CUT_OUT = "photo-cut-out"
FLATTENED = "photo-light-flattened"
RESCALED = "photo-rescaled"


@dataclass(frozen=True)
class PhotoSigns:
    """What marks an image as a photo: the paper's corners (when it lies on a darker ground), the
    share of the frame its region covers, its white and the ground's grey."""

    quad: np.ndarray | None  # 4 x 2 float32, clockwise from top-left, in full-image pixels
    paper_share: float
    white: float
    surround: float
    # the paper's outline when it lies on a ground but is no clean quadrilateral (folded, a glare
    # on the table merged with it): full-image pixels of its contour; the page is cut to it, not warped
    outline: np.ndarray | None = None

    @property
    def on_ground(self) -> bool:
        return self.quad is not None or self.outline is not None

    @property
    def is_photo(self) -> bool:
        return self.on_ground or self.white < GREY_PAPER

    def why(self) -> str:
        parts = []
        if self.on_ground:
            shape = "a quadrilateral" if self.quad is not None else "a folded or partly lit shape"
            parts.append(
                f"the paper is {shape} covering {100 * self.paper_share:.0f}% of the frame "
                f"on a darker ground ({self.surround:.0f} vs {self.white:.0f})"
            )
        if self.white < GREY_PAPER:
            parts.append(f"its white is grey ({self.white:.0f} of 255: lit by a lamp, not a scanner)")
        return "; ".join(parts)


def _work_copy(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """A copy with a long side of about WORK_SIDE px and its scale; every other pixel or more is
    skipped first (an area resize of a whole 300 dpi page costs more than the whole measurement)."""
    h, w = gray.shape
    step = max(1, max(h, w) // (2 * WORK_SIDE))
    sub = gray[::step, ::step]
    f = min(1.0, WORK_SIDE / max(sub.shape))
    small = cv2.resize(
        sub, (max(1, int(sub.shape[1] * f)), max(1, int(sub.shape[0] * f))), interpolation=cv2.INTER_AREA
    )
    return small, f / step


def background(gray: np.ndarray, glyph: int) -> np.ndarray:
    """The page without its print: dark strokes narrower than ``glyph`` px closed away, then smoothed."""
    k = max(3, glyph) | 1
    closed = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    out: np.ndarray = cv2.medianBlur(closed, min(k, 255))
    return out


def _paper_white(bg: np.ndarray, mask: np.ndarray | None) -> float:
    """The paper's white: the median over 8 x 8 tiles of each tile's brightest tenth (tiles mostly
    off the paper left out)."""
    h, w = bg.shape
    n = 8
    whites = []
    for i in range(n):
        for j in range(n):
            ys, xs = slice(i * h // n, (i + 1) * h // n), slice(j * w // n, (j + 1) * w // n)
            tile = bg[ys, xs]
            if mask is not None:
                inside = mask[ys, xs] > 0
                if inside.mean() < 0.5:
                    continue
                tile = tile[inside]
            if tile.size:
                whites.append(float(np.percentile(tile, 90)))
    return float(np.median(whites)) if whites else 255.0


def _corners(contour: np.ndarray) -> np.ndarray | None:
    """The contour's four corners (clockwise from top-left), simplifying its hull until four remain."""
    hull = cv2.convexHull(contour)
    length = cv2.arcLength(hull, True)
    for eps in (0.02, 0.03, 0.04, 0.06, 0.08):
        poly = cv2.approxPolyDP(hull, eps * length, True).reshape(-1, 2).astype(np.float32)
        if len(poly) == 4:
            return _ordered(poly)
        if len(poly) < 4:
            return None
    return None


def _extremes(contour: np.ndarray, f: float) -> np.ndarray | None:
    """The four points of ``contour`` furthest out towards the corners of the frame (the classic
    document-scanner fallback): a glare on the table merged with the paper's side bulges sideways,
    not diagonally (むこたま: the glare at x+y 894, the paper's corner at 902). Kept when the
    quadrilateral is convex and covers most of the region (QUAD_COVERS), else None."""
    corners = _ordered(cv2.convexHull(contour).reshape(-1, 2).astype(np.float32))
    area = cv2.contourArea(corners)
    if not cv2.isContourConvex(corners.reshape(-1, 1, 2)) or area < QUAD_COVERS * cv2.contourArea(contour):
        return None
    return corners


def _ordered(pts: np.ndarray) -> np.ndarray:
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def photo_signs(gray: np.ndarray) -> PhotoSigns:
    """Measure the paper: where it lies in the frame and how white it is."""
    small, f = _work_copy(gray)
    bg = background(small, max(small.shape) // 40)
    level, paper = cv2.threshold(cv2.GaussianBlur(bg, (5, 5), 0), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    quad, outline, share, surround, mask = None, None, 1.0, 255.0, None
    if contours and level > 0:
        biggest = max(contours, key=cv2.contourArea)
        share = cv2.contourArea(biggest) / float(small.shape[0] * small.shape[1])
        mask = np.zeros_like(small)
        cv2.drawContours(mask, [biggest], -1, 255, -1)
        outside = bg[mask == 0]
        surround = float(np.median(outside)) if outside.size else 255.0
        inside = float(np.median(bg[mask > 0]))
        if MIN_PAPER_SHARE <= share < PAPER_SHARE and inside - surround >= SURROUND_CONTRAST:
            corners = _corners(biggest)
            solid = cv2.contourArea(biggest) / max(cv2.contourArea(cv2.convexHull(biggest)), 1.0)
            if corners is None or solid < CLEAN_QUAD:  # not a clean 4-gon: the corners are the
                corners = _extremes(biggest, f)  # paper's points furthest out diagonally, if they hold it
            if corners is not None:
                quad = corners / f
            else:
                outline = biggest.reshape(-1, 2).astype(np.float32) / f
        else:
            mask = None
    white = _paper_white(bg, mask)
    return PhotoSigns(quad, share, white, surround, outline)


def rectified(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The paper quadrilateral warped to an upright rectangle (its sides' longer lengths)."""
    tl, tr, br, bl = quad
    w = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    out: np.ndarray = cv2.warpPerspective(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return out


def cut_out(gray: np.ndarray, outline: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The bounding box of the paper's ``outline``, what lies outside it painted white, and the
    box's top-left corner."""
    x, y, w, h = cv2.boundingRect(outline.astype(np.int32))
    mask = np.zeros(gray.shape, np.uint8)
    cv2.drawContours(mask, [outline.astype(np.int32)], -1, 255, -1)
    out = np.where(mask > 0, gray, np.uint8(255))[y : y + h, x : x + w]
    return np.ascontiguousarray(out), (x, y)


def glyph_height(gray: np.ndarray) -> float | None:
    """The median height of the print's characters (connected ink blobs of text size), in px."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = components(ink)
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    area = stats[1:, cv2.CC_STAT_AREA]
    limit = gray.shape[0] / 15
    text = (h >= 6) & (h <= limit) & (w <= 3 * h) & (area >= 12)
    if text.sum() < 20:
        return None
    return float(np.median(h[text]))


def flattened(gray: np.ndarray) -> np.ndarray:
    """``gray`` divided by its background: white paper everywhere, the print's contrast kept."""
    small, f = _work_copy(gray)
    bg_small = background(small, max(small.shape) // 25)
    bg = cv2.resize(bg_small, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    bg = cv2.GaussianBlur(bg, (0, 0), max(1.0, 2.0 / f))
    out = gray.astype(np.float32) * 255.0 / np.maximum(bg.astype(np.float32), 1.0)
    return np.clip(out, 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class PhotoRead:
    image: PageImage  # what the ordinary OCR path reads
    note: str  # the page note saying what was done
    transforms: tuple[str, ...]  # the provenance transforms of every cell read from it


def as_scan(img: PageImage) -> PhotoRead | None:
    """``img`` made to look like a scan when it is a photo (rectified, flattened, scaled), else None."""
    signs = photo_signs(img.gray)
    if not signs.is_photo:
        return None
    gray, done = img.gray, []
    x0, top = img.x0, img.top
    width_pt, height_pt = gray.shape[1] * img.scale, gray.shape[0] * img.scale
    if signs.quad is not None:
        gray = rectified(gray, signs.quad)
        done.append(RECTIFIED)
        xs, ys = signs.quad[:, 0], signs.quad[:, 1]
        x0, top = img.x0 + float(xs.min()) * img.scale, img.top + float(ys.min()) * img.scale
        width_pt = float(xs.max() - xs.min()) * img.scale
        height_pt = float(ys.max() - ys.min()) * img.scale
    elif signs.outline is not None:
        gray, (left, upper) = cut_out(gray, signs.outline)
        done.append(CUT_OUT)
        x0, top = img.x0 + left * img.scale, img.top + upper * img.scale
        width_pt, height_pt = gray.shape[1] * img.scale, gray.shape[0] * img.scale
    gray = flattened(gray)
    done.append(FLATTENED)
    glyph = glyph_height(gray)
    factor = 1.0
    if glyph is not None:
        factor = float(np.clip(GLYPH_PX / glyph, *SCALE_LIMITS))
        if abs(factor - 1.0) > 0.2:
            gray = cv2.resize(
                gray,
                None,
                fx=factor,
                fy=factor,
                interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC,
            )
            done.append(RESCALED)
    h, w = gray.shape
    points_per_px = min(width_pt / max(w, 1), height_pt / max(h, 1))
    image = replace(
        img, gray=gray, dpi=PHOTO_DPI, x0=x0, top=top, points_per_pixel=points_per_px, source="photo"
    )
    steps = []
    if RECTIFIED in done:
        steps.append("the paper warped to a rectangle")
    if CUT_OUT in done:
        steps.append("cut to the paper's outline (no clean quadrilateral: not warped)")
    steps.append("the light flattened (divided by the background)")
    if RESCALED in done:
        steps.append(
            f"scaled {factor:.2f}x so its characters are {GLYPH_PX} px high (read as {PHOTO_DPI:.0f} dpi)"
        )
    where = "; boxes lie on the paper as corrected" if signs.on_ground else ""
    note = f"{PHOTO_NOTE}a photo, not a scan ({signs.why()}): {', '.join(steps)}{where}"
    return PhotoRead(image, note, tuple(done))


def marked(page: Page, read: PhotoRead, lang: str = "jpn") -> Page:
    """``page`` with its receipt lines made a table (receipt_lines.py), the photo's note first
    among its notes and its transforms in every table cell's provenance (a clerk sees that the
    values were read from a corrected photo)."""
    img = read.image
    upright = rotate_right_angle(img.gray, page.rotation)  # the receipt's lines read as the page was
    frame = PixelFrame(img.x0, img.top, img.scale)
    page = with_receipt_table(page, f"p{page.number}t{len(page.tables) + 1}", upright, frame, lang)
    tables = tuple(
        replace(
            t,
            cells=tuple(
                replace(c, provenance=c.provenance.with_transforms(*read.transforms)) for c in t.cells
            ),
        )
        for t in page.tables
    )
    return replace(page, tables=tables, notes=(read.note, *page.notes))
