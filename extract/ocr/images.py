"""Page images for OCR: a scan's embedded image at its native resolution, a rendered page, or an image file.

Every image comes back as 8-bit grayscale with the mapping from its pixels to PDF points
(top-left origin), so OCR boxes land in the same coordinates as born-digital boxes.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from chohyo.errors import InputFileError, ResourceLimitError
from chohyo.extract.ocr.layers import copier_layers
from chohyo.extract.ocr.seals import without_seals
from chohyo.settings import ExtractSettings

# An image covering at least this share of the page is "the scan" of that page.
FULL_PAGE_SHARE = 0.85


@dataclass(frozen=True)
class PageImage:
    gray: np.ndarray  # uint8, H x W
    dpi: float  # pixels per inch of the image on the page
    page_width: float  # points
    page_height: float
    x0: float = 0.0  # where pixel (0, 0) lies on the page, in points (top-left origin)
    top: float = 0.0
    source: str = (
        "embedded"  # embedded | composed (copier layers, layers.py) | rendered | file | photo (photo.py)
    )
    seals: tuple[tuple[int, int, int, int], ...] = ()  # red seals taken out of a colour scan (pixel boxes)
    # a photo read as a scan (photo.py): its pixels' size on the page, apart from the dpi it is read at
    points_per_pixel: float | None = None

    @property
    def scale(self) -> float:
        """Points per pixel."""
        return self.points_per_pixel if self.points_per_pixel is not None else 72.0 / self.dpi


def _check_pixels(width: int, height: int, settings: ExtractSettings, what: str) -> None:
    if width * height > settings.max_page_pixels:
        raise ResourceLimitError(
            f"{what} is {width}x{height} pixels, over the limit of {settings.max_page_pixels} "
            "(max_page_pixels); raise it if you trust the file"
        )


def _gray(
    arr: np.ndarray, order: str, dpi: float
) -> tuple[np.ndarray, tuple[tuple[int, int, int, int], ...]]:
    """8-bit grey of a grey or colour image (channels in ``order``: RGB or PDFium's BGR), with any
    red seal on a colour one taken out (seals.py), and the seals' boxes."""
    import cv2

    if arr.ndim == 2:
        return (arr.astype(np.uint8) if arr.dtype != np.uint8 else arr), ()
    rgb = arr[:, :, :3][:, :, ::-1] if order.upper().startswith("BGR") else arr[:, :, :3]
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    gray, seals = without_seals(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), rgb, dpi)
    return gray, tuple(seals)


def _owned_gray(bitmap: Any, dpi: float) -> tuple[np.ndarray, tuple[tuple[int, int, int, int], ...]]:
    """The bitmap's pixels in an array of our own, the bitmap closed: an array that merely viewed
    PDFium's buffer kept it alive past the document (and past PDFium itself at exit)."""
    gray, seals = _gray(bitmap.to_numpy(), str(getattr(bitmap, "mode", "BGR")), dpi)
    gray = gray.copy() if not gray.flags.owndata else gray
    bitmap.warn_on_close = False  # safe: nothing views its buffer any more (pypdfium2 warns by default)
    bitmap.close()
    return gray, seals


def _pil_gray(img: Any, dpi: float) -> tuple[np.ndarray, tuple[tuple[int, int, int, int], ...]]:
    if img.mode in ("1", "L", "I;16", "I"):
        img = img.convert("L")
    elif img.mode not in ("RGB", "L"):  # CMYK, palette, RGBA, ...
        img = img.convert("RGB")
    return _gray(np.asarray(img), "RGB", dpi)


def full_page_image(page: Any) -> Any | None:
    """The page's one image object covering (nearly) the whole page, if there is one."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    best = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        share = max(0.0, right - left) * max(0.0, top - bottom) / max(width * height, 1.0)
        if share >= FULL_PAGE_SHARE and (best is None or share > best[0]):
            best = (share, obj)
    return None if best is None else best[1]


def page_image(pdf: Any, index: int, settings: ExtractSettings) -> PageImage:
    """The image to OCR for page ``index``: its embedded scan when it has one, the page composed at
    its text layers' resolution when the scan is a background with bilevel text layers over it
    (layers.py), else a rendering."""
    page = pdf[index]
    width, height = page.get_size()
    full = full_page_image(page)
    layered = copier_layers(page, full) if full is not None else None
    if layered is not None and full is not None:
        bg_w = full.get_px_size()[0]
        left, _bottom, right, _top = full.get_bounds()
        dpi = max(float(layered.dpi), bg_w / max((right - left) / 72.0, 1e-6))
        _check_pixels(
            int(width * dpi / 72),
            int(height * dpi / 72),
            settings,
            f"page {index + 1} composed at {dpi:.0f} dpi",
        )
        gray, seals = _owned_gray(page.render(scale=dpi / 72.0), dpi)  # colour: a red seal is still taken out
        return PageImage(gray, dpi, width, height, 0.0, 0.0, "composed", seals)
    obj = full if page.get_rotation() == 0 else None
    if obj is not None:
        px_w, px_h = obj.get_px_size()
        _check_pixels(px_w, px_h, settings, f"page {index + 1}'s image")
        left, _bottom, right, top = obj.get_bounds()
        a, b, c, d, _, _ = _matrix(obj)
        if abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0 and d > 0 and px_w > 0:
            bitmap = obj.get_bitmap(render=False)
            dpi = px_w / ((right - left) / 72.0)
            gray, seals = _owned_gray(bitmap, dpi)
            if gray.shape[1] == px_w and gray.shape[0] == px_h:
                return PageImage(gray, dpi, width, height, left, height - top, "embedded", seals)
    dpi = float(settings.ocr_dpi)
    _check_pixels(
        int(width * dpi / 72), int(height * dpi / 72), settings, f"page {index + 1} at {dpi:.0f} dpi"
    )
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    return PageImage(_owned_gray(bitmap, dpi)[0], dpi, width, height, 0.0, 0.0, "rendered")


def _matrix(obj: Any) -> tuple[float, float, float, float, float, float]:
    m = obj.get_matrix()
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def image_file_pages(path: Path, settings: ExtractSettings) -> Iterator[PageImage]:
    """Each frame of a PNG, JPEG or (multi-page) TIFF file, page size from its dpi (default 200)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # the size is checked below against our own limit, named
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(path)
    except Image.DecompressionBombError as err:
        raise ResourceLimitError(f"image too large ({err})", path=str(path)) from err
    except (UnidentifiedImageError, OSError) as err:
        raise InputFileError(f"not a readable image ({err})", path=str(path)) from err
    with img:
        for n, frame in enumerate(ImageSequence.Iterator(img)):
            if n >= settings.max_pages:
                raise ResourceLimitError(f"more than {settings.max_pages} pages (max_pages)", path=str(path))
            w, h = frame.size
            _check_pixels(w, h, settings, f"{path.name} frame {n + 1}")
            dpi_info = frame.info.get("dpi") or (0, 0)
            dpi = float(dpi_info[0] or 0)
            if not 50 <= dpi <= 2400:
                dpi = 200.0  # unknown resolution: the usual office-scanner setting
            with warnings.catch_warnings():  # checked by _check_pixels above
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                gray, seals = _pil_gray(frame, dpi)
            yield PageImage(gray, dpi, w * 72.0 / dpi, h * 72.0 / dpi, 0.0, 0.0, "file", seals)
