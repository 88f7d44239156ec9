"""One scanned page image → a Page of Tables and TextBlocks (the same model as a digital page)."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
from chohyo.extract.ocr import rapid, tesseract
from chohyo.extract.ocr.cells import (
    PixelFrame,
    erase_rules,
    grid_boxes,
    header_rows_of,
    label_engine,
    read_table,
)
from chohyo.extract.ocr.grid import find_grids, rule_masks
from chohyo.extract.ocr.images import PageImage
from chohyo.extract.ocr.layout import find_borderless
from chohyo.extract.ocr.preprocess import prepare
from chohyo.extract.ocr.text import text_blocks
from chohyo.model import Page, PageKind, Table
from chohyo.settings import ExtractSettings

UPSCALE_BELOW_DPI = 240  # smaller scans are upscaled for the page-level text pass


def orientation(gray: np.ndarray, dpi: float) -> int:
    """Clockwise degrees to make the page upright: Tesseract OSD on a ~150 dpi copy."""
    factor = min(1.0, 150.0 / dpi) if dpi > 0 else 1.0
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    found = tesseract.detect_orientation(small)
    return found or 0


def read_page(img: PageImage, number: int, settings: ExtractSettings, table_prefix: str = "") -> Page:
    rotation = orientation(img.gray, img.dpi)
    prep = prepare(img.gray, img.dpi, rotation)
    frame = PixelFrame(img.x0, img.top, img.scale)
    dpi = img.dpi
    tables: list[Table] = []
    regions: list[tuple[int, int, int, int]] = []
    horiz, vert = rule_masks(prep.binary, dpi)
    grids = find_grids(prep.binary, dpi)
    gray_t, binary_t = erase_rules(prep.gray, prep.binary, horiz, vert)
    # wrapped text cells are read from the page before speck removal (their bullets ・ are small)
    prose = erase_rules(prep.unspecked, prep.binary, horiz, vert)[0] if prep.unspecked is not None else None
    lang = settings.ocr_lang
    for k, grid in enumerate(grids):
        boxes = grid_boxes(list(grid.cells))
        if grid.n_rows < settings.min_table_rows or grid.n_cols < settings.min_table_cols:
            continue
        hdr = header_rows_of(boxes, binary_t, dpi)
        tid = f"{table_prefix}p{number}t{k + 1}"
        tables.append(read_table(gray_t, binary_t, boxes, hdr, dpi, frame, number, tid, "ocr-grid", lang, settings.ocr_engine,
                                 prose))
        regions.append(tuple(int(v) for v in grid.bbox))  # type: ignore[arg-type]
    if not tables:
        found = find_borderless(binary_t, dpi, prep.gray.shape[1])
        if found is not None and found.header_rows + 2 <= max(b.row for b in found.boxes) + 1:
            tid = f"{table_prefix}p{number}t1"
            tables.append(read_table(gray_t, binary_t, found.boxes, found.header_rows, dpi, frame, number, tid, "ocr-layout", lang, settings.ocr_engine))
            regions.append(found.region)
    # Text outside the tables.
    masked = gray_t.copy()
    for x0, y0, x1, y1 in regions:
        masked[max(0, y0 - 3) : y1 + 3, max(0, x0 - 3) : x1 + 3] = 255
    factor = 300.0 / dpi if dpi < UPSCALE_BELOW_DPI else 1.0
    big = cv2.resize(masked, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC) if factor != 1.0 else masked
    lines = tesseract.read_block(big, lang, psm=3)
    lines = [_scaled_line(ln, 1.0 / factor) for ln in lines]
    if label_engine(settings.ocr_engine) == "rapidocr":
        lines = reread_lines(masked, lines)
    blocks, tables = text_blocks(lines, tables, frame, number, dpi)
    h, w = prep.gray.shape
    return Page(
        number=number,
        width=img.page_width,
        height=img.page_height,
        kind=PageKind.SCANNED,
        tables=tuple(tables),
        text_blocks=tuple(blocks),
        rotation=rotation,
        dpi=round(dpi, 1),
        notes=(f"ocr: {img.source} image {w}x{h} px at {dpi:.0f} dpi, turned {rotation}°, deskewed {prep.skew:+.2f}°",),
    )


def reread_lines(gray: np.ndarray, lines: list[tesseract.Line]) -> list[tesseract.Line]:
    """Tesseract finds the text lines; RapidOCR reads them (measured far better on Japanese prose)."""
    keep = [ln for ln in lines if ln.box[2] - ln.box[0] > 2 and ln.box[3] - ln.box[1] > 2]
    pad = 3
    crops = [gray[max(0, ln.box[1] - pad) : ln.box[3] + pad, max(0, ln.box[0] - pad) : ln.box[2] + pad] for ln in keep]
    out = []
    for ln, r in zip(keep, rapid.read_lines(crops), strict=True):
        if r.text:
            out.append(tesseract.Line(ln.box, (tesseract.Word(r.text, ln.box, r.confidence, r.char_confidences),)))
    return out


def _scaled_line(line: tesseract.Line, f: float) -> tesseract.Line:
    def sb(b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        return (int(b[0] * f), int(b[1] * f), int(b[2] * f), int(b[3] * f))

    return tesseract.Line(sb(line.box), tuple(replace(w, box=sb(w.box)) for w in line.words))

