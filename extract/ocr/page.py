"""One scanned page image → a Page of Tables and TextBlocks (the same model as a digital page)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import cv2
import numpy as np
from chohyo.extract.figures import figure_note
from chohyo.extract.ocr.cell_boxes import PixelFrame, grid_boxes, header_rows_of
from chohyo.extract.ocr.charts import bar_charts, overlaps
from chohyo.extract.ocr.components import components
from chohyo.extract.ocr.engines import Line, OcrEngine, ReadKind, Word, engine_for, reader_for
from chohyo.extract.ocr.images import PageImage
from chohyo.extract.ocr.ink_tables import find_borderless
from chohyo.extract.ocr.orient import oriented
from chohyo.extract.ocr.page_text import text_blocks
from chohyo.extract.ocr.photo import as_scan, marked
from chohyo.extract.ocr.preprocess import binarize, prepare
from chohyo.extract.ocr.read_cells import read_table, workers
from chohyo.extract.ocr.rule_erasure import blanked, grown, rules_mask
from chohyo.extract.ocr.ruled_grid import find_grids, rule_masks
from chohyo.extract.ocr.ruled_labels import fold_label_columns
from chohyo.extract.ocr.stream_tables import cell_boxes, find_tables
from chohyo.extract.ocr.struck import mark_struck, struck_figures
from chohyo.extract.ocr.text_segments import find_text_tables
from chohyo.extract.ocr.threads import ocr_threads
from chohyo.extract.unread_amounts import outside_figures, outside_note
from chohyo.model import BBox, Page, PageKind, Table
from chohyo.settings import ExtractSettings

UPSCALE_BELOW_DPI = 240  # smaller scans are upscaled for the page-level text pass
STRUCTURE_DPI = 200  # at this resolution or more, a page's table layout is read without upscaling
Box = tuple[int, int, int, int]
PAGE_PSM = 6  # one block: a borderless table comes out row by row (3 cut it in column blocks, 3 and 4 dropped columns)


def read_page(img: PageImage, number: int, settings: ExtractSettings, table_prefix: str = "") -> Page:
    # a photo is an image: a page's own image or an image file (a copier's layers, a rendered
    # vector page are never one)
    photo = as_scan(img) if img.source in ("embedded", "file") else None
    if photo is not None:  # rectified, flattened and scaled, then read as a scan (photo.py)
        return marked(_read_page(photo.image, number, settings, table_prefix), photo, settings.ocr_lang)
    return _read_page(img, number, settings, table_prefix)


def _read_page(img: PageImage, number: int, settings: ExtractSettings, table_prefix: str) -> Page:
    page_reader = reader_for(ReadKind.PAGE, settings.ocr_lang)
    try:
        return _read_ready(img, number, settings, table_prefix, page_reader)
    finally:
        page_reader.release()  # what was readied ahead and not used


def _read_ready(
    img: PageImage, number: int, settings: ExtractSettings, table_prefix: str, page_reader: OcrEngine
) -> Page:
    # Every page is read at page level once at least, a ruled one's numbers in `workers()` strips:
    # their readers start now, on a core the cleaning and the rules leave idle (measured, 12 runs
    # each side by side: budget_ruled_300 3.13 → 2.98 s, 道の駅 p. 9 2.76 → 2.66 s; readings the same)
    ahead = ocr_threads() > 1
    if ahead:
        page_reader.ready(ReadKind.PAGE, psm=PAGE_PSM)
    rotation, upright = oriented(img.gray, img.dpi, lambda: prepare(img.gray, img.dpi, 0))
    prep = upright if upright is not None else prepare(img.gray, img.dpi, rotation)
    frame = PixelFrame(img.x0, img.top, img.scale)
    dpi = img.dpi
    tables: list[Table] = []
    horiz, vert = rule_masks(prep.binary, dpi)
    if ahead and horiz.any() and vert.any():  # rules both ways: a ruled table, most likely
        reader_for(ReadKind.NUMBER, settings.ocr_lang).ready(ReadKind.NUMBER, workers())
    grids = find_grids(prep.binary, dpi, (horiz, vert))  # before the dots are painted into vert
    for ruled in grids:  # a dotted column rule's dots are painted out with the rules
        for x, y0, y1, w in ruled.dotted:
            vert[y0:y1, x - w : x + w + 1] |= prep.binary[y0:y1, x - w : x + w + 1]
        for y, x0, x1, h in ruled.dashed:  # and a dashed row rule's dashes
            horiz[y - h : y + h + 1, x0:x1] |= prep.binary[y - h : y + h + 1, x0:x1]
        for x0, y0, x1, y1 in ruled.ticks:  # and the ticks across a column rule
            horiz[y0 - 1 : y1 + 1, x0:x1] |= prep.binary[y0 - 1 : y1 + 1, x0:x1]
    rules = rules_mask(horiz, vert, dpi, prep.binary)
    gray_t, binary_t = blanked(prep.gray, rules, 255), blanked(prep.binary, rules, 0)
    # wrapped text cells are read from the page before speck removal (their bullets ・ are small)
    prose = blanked(prep.unspecked, rules, 255) if prep.unspecked is not None else None
    plain = blanked(prep.plain, rules, 255) if prep.plain is not None else None
    lang = settings.ocr_lang
    # a bar chart is a figure, never a table: its gridlines are no grid, its labels are text
    charts = bar_charts(prep.binary, dpi)
    kept = [
        (k, grid, grid_boxes(list(grid.cells)))
        for k, grid in enumerate(grids)
        if grid.n_rows >= settings.min_table_rows
        and grid.n_cols >= settings.min_table_cols
        and not overlaps(grid.bbox, charts)
    ]
    # none of this ink is a cell's: a plot in a table's frame (a figure), and a figure struck out
    # by hand beside its correction (struck.py)
    plots = [box for ruled in grids for box in ruled.figures]
    struck = struck_figures(horiz, prep.binary, [b for _, _, boxes in kept for b in boxes])
    for x0, y0, x1, y1 in (*plots, *struck):
        for im, blank in ((gray_t, 255), (binary_t, 0), (prose, 255), (plain, 255)):
            if im is not None:
                im[y0:y1, x0:x1] = blank
    regions: list[tuple[int, int, int, int]] = [grid.bbox for _, grid, _ in kept]
    ruled_boxes = list(regions)  # (regions gains the borderless tables' later)
    if ahead and not kept:  # no ruled table: the page is read in two halves at once (_page_lines)
        page_reader.ready(ReadKind.PAGE, psm=PAGE_PSM)

    # Text outside the tables: only long rules are erased there (the table masks also take the
    # vertical strokes of 中 市 率 化, which the recognizer then drops: 効率化 → 効化).
    def outside_tables() -> np.ndarray:
        # every piece of the long vertical rules is half an inch high, so joined_rules would keep
        # them all: they are joined as they are (the same mask, without labelling them again)
        long = grown(long_rules(horiz, dpi, 0), long_rules(vert, dpi, 1))
        return _without_regions(blanked(prep.gray, long, 255), ruled_boxes)

    # the page's lines are read again one by one (RapidOCR), if installed
    reread = engine_for(ReadKind.PROSE, lang)

    def page_pass() -> tuple[np.ndarray, list[Line], tuple[list[Line], list[Line]] | None]:
        page = outside_tables()
        lines = _page_lines(page, dpi, lang)
        if reread is None:
            return page, lines, None
        # The lines outside the ruled tables, read again now: the lines read again at the end when
        # no other table took any (most ruled pages), where the second reading then waits for none.
        outside = _outside(lines, ruled_boxes)
        return page, lines, (outside, reread_lines(page, outside, reread))

    # The page-level Tesseract pass (one process, one core) and the page it reads are made while
    # the ruled tables are read; with one thread, after them. The reading is the same either way:
    # what a page yields never depends on how many threads read it.
    threads = ocr_threads()
    with ThreadPoolExecutor(max_workers=1) as pool:
        page_text = pool.submit(page_pass) if kept and threads > 1 else None
        for k, _grid, boxes in kept:
            hdr = header_rows_of(boxes, binary_t, dpi)
            halves = read_table(
                gray_t,
                binary_t,
                boxes,
                hdr,
                dpi,
                frame,
                number,
                f"{table_prefix}p{number}t{k + 1}",
                "ocr-grid",
                lang,
                prose,
                plain,
                bilevel=prep.plain is None,
            )
            halves = (
                [mark_struck(t, struck, lambda b: _pixels(b, frame)) for t in halves] if struck else halves
            )
            tables += [fold_label_columns(t) for t in halves if not _stamp(t)]
        # With no ruled table, this pass has to find the tables first, and a table's layout needs no
        # upscaling (its cells are read again): at native resolution it costs half (measured: 1.7
        # against 3.1 s on budget_fullwidth_200). Text needs it: a page of text alone is read again.
        quick = not kept and dpi >= STRUCTURE_DPI
        parts = 2  # halves read at the same time when two threads may run, else one after the other
        early = None
        if page_text is not None:
            masked, lines, early = page_text.result()
        elif kept:
            masked, lines, early = page_pass()
        else:
            masked = outside_tables()
            lines = _page_lines(masked, dpi, lang, parts, upscale=not quick)
    streams = find_tables(lines, frame, binary_t, number, settings.min_table_rows, settings.min_table_cols)
    streams = [g for g in streams if not overlaps(_pixels(g.bbox, frame), charts)]
    if quick and not streams and dpi < UPSCALE_BELOW_DPI:
        lines = _page_lines(masked, dpi, lang, parts)
    elif (
        quick
        and dpi < UPSCALE_BELOW_DPI
        and _outside_note(
            lines, [*(t.bbox for t in tables if t.bbox is not None), *(g.bbox for g in streams)], frame, img
        )
    ):
        # figures left beside the tables found: condensed digits the native reading took for letters
        # (概算要求額総表: 898,529 → SSR5o9, its right half lost); read upscaled, the layout is whole
        lines = _page_lines(masked, dpi, lang, parts)
        streams = find_tables(
            lines, frame, binary_t, number, settings.min_table_rows, settings.min_table_cols
        )
        streams = [g for g in streams if not overlaps(_pixels(g.bbox, frame), charts)]
    # Borderless tables, found in that reading by the born-digital layout code, each cell read again.
    for grid in streams:
        boxes = cell_boxes(grid, frame)
        tables.extend(
            read_table(
                gray_t,
                binary_t,
                boxes,
                grid.header_rows,
                dpi,
                frame,
                number,
                f"{table_prefix}p{number}t{len(tables) + 1}",
                "ocr-stream",
                lang,
                bilevel=prep.plain is None,
                unfiltered=plain,
            )
        )
        regions.append(_pixels(grid.bbox, frame))
    if not tables:  # ink alignment alone, where the reading found no table (a very poor scan)
        found = find_borderless(binary_t, dpi, prep.gray.shape[1])
        if (
            found is not None
            and not overlaps(found.region, charts)
            and found.header_rows + 2 <= max(b.row for b in found.boxes) + 1
        ):
            tables.extend(
                read_table(
                    gray_t,
                    binary_t,
                    found.boxes,
                    found.header_rows,
                    dpi,
                    frame,
                    number,
                    f"{table_prefix}p{number}t1",
                    "ocr-layout",
                    lang,
                    bilevel=prep.plain is None,
                )
            )
            regions.append(found.region)
    read_lines = lines  # the whole reading: figures of a table's lost half are looked for in it
    lines = _outside(lines, regions)
    # borderless tables of text (member lists, ①… lists with leader dots), numbered after the others;
    # a chart's labels stay text
    zones = [_grown(c, int(dpi * CHART_MARGIN)) for c in charts]
    in_chart = [ln for ln in lines if any(_inside(ln.box, z) for z in zones)]
    if in_chart:
        lines = _outside(lines, zones)
    text_tables, lines = find_text_tables(
        lines,
        masked,
        frame,
        number,
        f"{table_prefix}p{number}t",
        len(tables) + 1,
        reread,
        reader_for(ReadKind.PAGE, lang),
        settings.min_table_rows,
        settings.min_table_cols,
    )
    tables += text_tables
    if in_chart:
        lines = sorted([*lines, *in_chart], key=lambda ln: (ln.box[1], ln.box[0]))
    first = None
    if reread is not None:  # (a reading of the same lines, in the same batches, is the same)
        again = early[1] if early is not None and early[0] == lines else reread_lines(masked, lines, reread)
        first, lines = lines, again
    unspecked = _without_regions(prep.unspecked.copy(), regions) if prep.unspecked is not None else None
    # first: Tesseract's own reading of each line, a second reading of the figures in the prose
    blocks, tables, figures = text_blocks(
        lines, tables, frame, number, dpi, masked, unspecked, first, drawings_apart=img.source != "photo"
    )
    outside = _outside_note(
        read_lines,
        [*(t.bbox for t in tables if t.bbox is not None), *(frame.bbox(*z) for z in zones)]
        + [box for box, _ in figures],
        frame,
        img,
    )
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
        notes=(
            f"ocr: {img.source} image {w}x{h} px at {dpi:.0f} dpi, turned {rotation}°, deskewed {prep.skew:+.2f}°",
            *(
                f"ocr: a red seal taken out of the page OCR reads, at {_seal_where(s, frame)}"
                for s in img.seals
            ),
            *(figure_note("a drawing", box, img.page_height, words, quote=False) for box, words in figures),
            *(
                f"ocr: a bar chart at {_seal_where(c, frame)}: a figure, its labels read as text, not as a table"
                for c in charts
            ),
            *(
                f"ocr: a plot (a chart's graph) at {_seal_where(p, frame)}: a figure, not read as cells"
                for p in plots
            ),
            *((outside,) if outside else ()),
        ),
    )


CHART_MARGIN = 0.6  # inches around a chart's bars: its axis labels, values and titles


STAMP_PT = 85.0  # 30 mm: a seal (印) or a receipt stamp box, never a table of a budget or a report


def _stamp(table: Table) -> bool:
    """A ruled box no bigger than a seal holding no figure: a black seal's frame and strokes read as a
    grid (南国 議案第８号 p.3's 市長印 gave a table of junk: `長点 | |に`), not a table."""
    b = table.bbox
    small = b is not None and b.x1 - b.x0 <= STAMP_PT and b.bottom - b.top <= STAMP_PT
    return small and not any(c.value is not None for c in table.cells)


def _outside_note(lines: list[Line], regions: list[BBox], frame: PixelFrame, img: PageImage) -> str | None:
    """The page note of columns of figures outside every region (tables, grids, figures), if any."""
    columns = outside_figures([[(wd.text, frame.bbox(*wd.box)) for wd in ln.words] for ln in lines], regions)
    return outside_note(columns, img.page_width, img.page_height)


def _grown(box: Box, by: int) -> Box:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def _seal_where(box: Box, frame: PixelFrame) -> str:
    b = frame.bbox(*box)
    return f"x {b.x0:.0f}-{b.x1:.0f} pt, y {b.top:.0f}-{b.bottom:.0f} pt"


def _outside(lines: list[Line], regions: list[tuple[int, int, int, int]]) -> list[Line]:
    return [ln for ln in lines if not any(_inside(ln.box, r) for r in regions)]


def _inside(box: tuple[int, int, int, int], region: tuple[int, int, int, int]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def _pixels(b: BBox, frame: PixelFrame) -> tuple[int, int, int, int]:
    s = frame.scale
    return (
        int((b.x0 - frame.x0) / s),
        int((b.top - frame.top) / s),
        int((b.x1 - frame.x0) / s) + 1,
        int((b.bottom - frame.top) / s) + 1,
    )


def _page_lines(
    masked: np.ndarray, dpi: float, lang: str, parts: int = 1, upscale: bool = True
) -> list[Line]:
    """Tesseract's reading of the page outside the ruled tables (small scans upscaled), in page
    pixels; with ``parts`` 2, the page is cut at a blank band near its middle and the halves are
    read at the same time (nothing else runs then: a page of borderless tables waits for it)."""
    ink = binarize(masked, dpi)
    if not ink.any():  # no ink outside the tables: _on_ink would drop every line found
        return []
    factor = 300.0 / dpi if dpi < UPSCALE_BELOW_DPI and upscale else 1.0
    big = (
        cv2.resize(masked, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        if factor != 1.0
        else masked
    )
    far = _far_from(ink, dpi, big.shape)
    cut = _blank_band(big) if parts > 1 else None
    reader = reader_for(ReadKind.PAGE, lang)
    if cut is None:
        lines = reader.read_page(_paper_levelled(big, far), PAGE_PSM)
    else:
        halves = (_paper_levelled(big[:cut], far[:cut]), _paper_levelled(big[cut:], far[cut:]))
        with ThreadPoolExecutor(max_workers=min(2, ocr_threads())) as pool:
            top, bottom = pool.map(lambda im: reader.read_page(im, PAGE_PSM), halves)
        lines = top + [_moved_line(ln, cut) for ln in bottom]
    return _on_ink([_scaled_line(ln, 1.0 / factor) for ln in lines], ink)


QUIET_MARGIN = 0.1  # inches of paper kept as scanned around our own ink


def _far_from(ink: np.ndarray, dpi: float, shape: tuple[int, ...]) -> np.ndarray:
    """Where the page is further than QUIET_MARGIN from any of our ink, at ``shape``."""
    r = max(1, int(dpi * QUIET_MARGIN))
    near = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * r + 1, 2 * r + 1)))
    if near.shape != shape[:2]:
        near = cv2.resize(near, (shape[1], shape[0]), interpolation=cv2.INTER_NEAREST)
    far: np.ndarray = near == 0
    return far


def _paper_levelled(img: np.ndarray, far: np.ndarray) -> np.ndarray:
    """``img`` as Tesseract should see it, given where it is ``far`` from our ink.

    Tesseract thresholds a page as a whole (Otsu). On a grey page whose tables fill most of it, the
    threshold falls between the paper and the tables' blanked white: the paper is black to it, read
    as lines of print (budget_ruled_150 p.2: 30 lines, 2.4-3.3 CPU s; budget_seal_200 p.2 lost its
    (単位:円) in it). There the page far from our ink and the blanked white are set to the level of
    the paper the print is on, when the threshold then falls below that paper. A page whose paper
    near our ink is white to Tesseract is read as scanned: whitening its paper too moved the
    threshold and changed its reading of the print (ruled_300's (単位:円) was misread)."""
    t = otsu_threshold(img)
    if t is None or not (~far).any() or np.median(img[~far]) > t:
        return img
    paper = int(np.median(img[~far & (img <= t)]))
    out = img.copy()
    out[far | (img > t)] = paper
    t2 = otsu_threshold(out)
    return out if t2 is not None and t2 < paper else img


def otsu_threshold(img: np.ndarray) -> int | None:
    """Tesseract's global Otsu threshold of a grey image (otsuthr.cpp ``OtsuStats``, the same
    arithmetic: black is at most the threshold), or None when the image has one level."""
    hist = cv2.calcHist([img], [0], None, [256], [0, 256]).ravel().astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    omega0 = np.cumsum(hist)[:-1]
    mu_t = np.cumsum(levels * hist)[:-1]
    omega1 = hist.sum() - omega0
    ok = (omega0 > 0) & (omega1 > 0)
    if not ok.any():
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        d = (float(levels @ hist) - mu_t) / omega1 - mu_t / omega0
        sig = d * (d * omega0 * omega1)
    sig[~ok] = -1.0
    return int(np.argmax(sig))


NO_INK = 0.002  # of a line's box: the most ink a line that is paper alone holds


def _on_ink(lines: list[Line], ink: np.ndarray) -> list[Line]:
    """The lines with ink in them by our own binarization. Tesseract binarizes a page as a whole, and
    a grey, grainy or yellowed paper outside the tables comes out as text (budget_ruled_150 p.2's
    grain: 30 lines of junk, budget_seal_200 p.2's paper: 63), each then read again (reread_lines).
    Measured on the page passes of the 13 scanned fixtures, 道の駅 pp. 1-3, 9-13, 22-23, report4
    pp. 1-2 and 7 held-out public scan pages (580 lines): such lines hold at most 0.0027 of their box
    in ink (most none), every other line 0.0068 or more (a chart's axis label). Those two pages are
    now levelled before Tesseract reads them (_paper_levelled): their paper is no longer found."""
    out = []
    for ln in lines:
        x0, y0, x1, y1 = ln.box
        box = ink[max(0, y0) : y1, max(0, x0) : x1]
        if not box.size or np.count_nonzero(box) > NO_INK * box.size:
            out.append(ln)
    return out


def _blank_band(img: np.ndarray) -> int | None:
    """The middle of the run of ink-free rows (4 or more) nearest the middle of ``img``, if any
    lies in its middle third: the halves then take about as long to read."""
    h = img.shape[0]
    lo, hi = h // 3, 2 * h // 3
    blank = np.flatnonzero((img[lo:hi] < 128).sum(axis=1) == 0)
    if not blank.size:
        return None
    runs = np.split(blank, np.flatnonzero(np.diff(blank) > 1) + 1)
    centres = [lo + int(r[len(r) // 2]) for r in runs if len(r) >= 4]
    return min(centres, key=lambda c: abs(c - h / 2)) if centres else None


def _without_regions(img: np.ndarray, regions: list[tuple[int, int, int, int]]) -> np.ndarray:
    """``img`` (changed in place) with the tables' regions blanked, so the text pass skips them."""
    for x0, y0, x1, y1 in regions:
        img[max(0, y0 - 3) : y1 + 3, max(0, x0 - 3) : x1 + 3] = 255
    return img


def long_rules(mask: np.ndarray, dpi: float, axis: int) -> np.ndarray:
    """The parts of a rule mask at least half an inch long (``axis`` 0: horizontal, 1: vertical)."""
    _, labels, stats, _ = components(mask)
    size = stats[:, cv2.CC_STAT_WIDTH if axis == 0 else cv2.CC_STAT_HEIGHT]
    keep = np.flatnonzero(size >= dpi / 2)
    keep = keep[keep > 0]
    if not keep.size:
        return np.zeros_like(mask)
    lut = np.zeros(len(size), dtype=np.uint8)  # a lookup, not np.isin over every pixel
    lut[keep] = 255
    out: np.ndarray = lut[labels]
    return out


def reread_lines(gray: np.ndarray, lines: list[Line], reader: OcrEngine) -> list[Line]:
    """Tesseract finds the text lines; ``reader`` (RapidOCR) reads them (measured far better on Japanese prose)."""
    keep = [ln for ln in lines if ln.box[2] - ln.box[0] > 2 and ln.box[3] - ln.box[1] > 2]
    pad = 6
    crops = [
        gray[max(0, ln.box[1] - pad) : ln.box[3] + pad, max(0, ln.box[0] - pad) : ln.box[2] + pad]
        for ln in keep
    ]
    # the recognizer scales every line to 48 px high: bringing small lines down from twice the size
    # reads ピ/ビ better (measured on the council scan: サーピス for サービス 4 → 2 times of 10), at no extra cost
    crops = [
        cv2.resize(c, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC) if c.shape[0] < 48 else c
        for c in crops
    ]
    out = []
    for ln, r in zip(keep, reader.read_lines(crops, ReadKind.PROSE), strict=True):
        if r.text:
            out.append(Line(ln.box, (Word(r.text, ln.box, r.confidence, r.char_confidences),)))
    return out


def _scaled_line(line: Line, f: float) -> Line:
    return _mapped_line(line, lambda b: (int(b[0] * f), int(b[1] * f), int(b[2] * f), int(b[3] * f)))


def _moved_line(line: Line, dy: int) -> Line:
    return _mapped_line(line, lambda b: (b[0], b[1] + dy, b[2], b[3] + dy))


def _mapped_line(line: Line, fn: Callable[[Box], Box]) -> Line:
    """``line`` with its box and its words' (and characters') boxes mapped by ``fn``."""
    return Line(
        fn(line.box),
        tuple(replace(w, box=fn(w.box), char_boxes=tuple(fn(b) for b in w.char_boxes)) for w in line.words),
    )
