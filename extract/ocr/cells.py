"""Read the cells of a table found on a scan and build the model's Table.

Cell boxes come from a ruled grid (grid.py) or from word alignment (layout.py). Each cell is
cropped from the cleaned grayscale with the rules painted out, trimmed to its ink, scaled to a
size Tesseract reads well, and read in batches: one strip per column, numeric columns with the
digit whitelist, labels and headers with ``jpn``. Strips run in parallel, one per core.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from decimal import Decimal

import cv2
import numpy as np
from chohyo.extract.ocr.engines import rapid, tesseract
from chohyo.extract.ocr.engines.tesseract import Reading
from chohyo.extract.ocr.signs import is_zero_glyph, leading_triangle, parenthesised
from chohyo.extract.ocr.threads import ocr_threads
from chohyo.model import BBox, Cell, CellKind, Column, NullReason, Provenance, Row, Table

TARGET_TEXT_PX = 30  # text height Tesseract's jpn model reads best at (measured on the budget scans)
LABEL_SCALE = 1.0  # measured 1.0-1.8 for Tesseract label strips: no gain
STRIP_MAX = 240  # cells per strip at most


@dataclass(frozen=True)
class CellBox:
    row: int
    col: int
    row_span: int
    col_span: int
    x0: int
    y0: int
    x1: int
    y1: int


@dataclass(frozen=True)
class PixelFrame:
    """Pixel → page points: points = offset + pixel · scale."""

    x0: float
    top: float
    scale: float

    def bbox(self, x0: float, y0: float, x1: float, y1: float) -> BBox:
        s = self.scale
        return BBox(self.x0 + x0 * s, self.top + y0 * s, self.x0 + x1 * s, self.top + y1 * s)


def workers() -> int:
    """Strips per numeric column: fixed by the machine, not by CHOHYO_OCR_THREADS, so a batch worker
    reads exactly what ``chohyo extract`` reads (strip boundaries can change Tesseract's output)."""
    return max(1, min(2, os.cpu_count() or 1))


def ink_box(binary: np.ndarray, box: CellBox, dpi: float) -> tuple[int, int, int, int] | None:
    """The ink inside a cell (rules excluded by the inset), or None for an empty cell."""
    inset = max(2, int(dpi / 60))
    x0, y0, x1, y1 = box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset
    if x1 - x0 < 3 or y1 - y0 < 3:
        return None
    sub = binary[y0:y1, x0:x1]
    cols = np.flatnonzero(sub.sum(axis=0) > 0)
    rows = np.flatnonzero(sub.sum(axis=1) > 0)
    min_ink = max(6, int((dpi / 200.0) ** 2 * 12))
    if cols.size == 0 or int((sub > 0).sum()) < min_ink:
        return None
    return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1


def without_specks(binary: np.ndarray, ink: tuple[int, int, int, int], dpi: float) -> tuple[int, int, int, int]:
    """``ink`` shrunk to leave out dust apart from the text: a dot that clung to a rule survives speck
    removal, is alone in its cell once the rule is erased, and made a vertical header look wide
    (page 2 of budget_vertical_200: 法人会計 went to the horizontal reader and came out 验)."""
    x0, y0, x1, y1 = ink
    sub = (binary[y0:y1, x0:x1] > 0).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(sub, connectivity=8)
    if n < 3:
        return ink
    small = max(4, int(30 * (dpi / 200.0) ** 2))
    big = [k for k in range(1, n) if stats[k, cv2.CC_STAT_AREA] > small]
    if not big:
        return ink
    bx0 = min(int(stats[k, 0]) for k in big)
    by0 = min(int(stats[k, 1]) for k in big)
    bx1 = max(int(stats[k, 0] + stats[k, 2]) for k in big)
    by1 = max(int(stats[k, 1] + stats[k, 3]) for k in big)
    gap = max(4, int(dpi / 20))
    keep = list(big)
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if k not in big and x < bx1 + gap and x + w > bx0 - gap and y < by1 + gap and y + h > by0 - gap:
            keep.append(k)
    return (x0 + min(int(stats[k, 0]) for k in keep), y0 + min(int(stats[k, 1]) for k in keep),
            x0 + max(int(stats[k, 0] + stats[k, 2]) for k in keep), y0 + max(int(stats[k, 1] + stats[k, 3]) for k in keep))


def crop(gray: np.ndarray, ink: tuple[int, int, int, int], scale: float, pad: int) -> np.ndarray:
    x0, y0, x1, y1 = ink
    img = gray[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
    if abs(scale - 1.0) > 0.05:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return img


_NUM = re.compile(r"^[△▲\-−－]?\s*\d{1,3}(,\d{3})*$|^[△▲\-−－]?\s*\d+$")


def parse_number(text: str) -> tuple[Decimal | None, NullReason | None]:
    t = text.replace(" ", "")
    if not t:
        return None, NullReason.BLANK
    if t in {"-", "−", "－", "—", "―"}:
        return None, NullReason.DASH
    if _NUM.match(t):
        neg = t[0] in "△▲-−－"
        v = Decimal(re.sub(r"[^\d]", "", t))
        return (-v if neg else v), None
    return None, NullReason.UNPARSEABLE


_NUMBERING = re.compile(r"^(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|\d{1,2}[.．]|\(\d{1,2}\)|（\d{1,2}）|[①-⑳]|[ア-オ][.．])\s*(.*)$")
_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def clean_label(raw: str) -> str:
    """OCR'd label text: spaces between CJK characters dropped (OCR puts them at random), one space
    after a numbering token, stray dots read between letter-spaced characters dropped."""
    t = " ".join(raw.split())
    t = re.sub(r"\s*[·・.．,、]+\s*$", "", t)
    t = re.sub(r"^[·.．,、'`]+\s*(?=[^\x00-\x7f])", "", t)  # a speck before the first character
    t = re.sub(r"^[|!lI丨｜](?=\s*[^\x00-\x7f])\s*", "Ⅰ ", t)  # a lone bar before kanji: the numeral Ⅰ
    m = _NUMBERING.match(t)
    head, rest = (m.group(1), m.group(2)) if m else ("", t)
    rest = re.sub(r"(?<=[^\x00-\x7f])\s*[·•]\s*(?=[^\x00-\x7f])", "", rest)
    rest = _CJK_GAP.sub("", rest)
    return f"{head} {rest}".strip() if head else rest


def number_text(value: Decimal) -> str:
    """The canonical printed form of an OCR'd integer: 44,354,500 / △1,250."""
    return ("△" if value < 0 else "") + f"{abs(value):,}"


def parse_digits(text: str) -> Decimal | None:
    """An OCR'd integer whose separators may be misread or lost: the digits decide."""
    t = text.replace(" ", "")
    if not re.fullmatch(r"[△▲\-−－]?[\d,.]*\d", t) or re.search(r"[,.]{2}", t):
        return None
    v = Decimal(re.sub(r"[^\d]", "", t))
    return -v if t[0] in "△▲-−－" else v


def looks_numeric(text: str) -> bool:
    t = text.replace(" ", "")
    return bool(t) and sum(ch.isdigit() or ch in ",△▲-" for ch in t) >= 0.7 * len(t)


def _upright(ink: tuple[int, int, int, int], scale: float, chars: float = 3.0) -> bool:
    """Ink far taller than wide and taller than ``chars`` lines of text: text written downwards
    (a header over a narrow column; a group name of two characters, 歳入, beside its rows)."""
    h, w = ink[3] - ink[1], ink[2] - ink[0]
    return h > min(2.2, chars - 0.5) * w and h > chars * TARGET_TEXT_PX / scale


def _right_aligned(ink: tuple[int, int, int, int], box: CellBox) -> bool:
    left_gap = ink[0] - box.x0
    right_gap = box.x1 - ink[2]
    return right_gap < left_gap * 0.6


def _collapse_spacing(text: str) -> str:
    """公 益 事 業 → 公益事業 (only when every token is one character): header paths only."""
    tokens = text.split()
    if len(tokens) >= 2 and all(len(t) == 1 for t in tokens):
        return "".join(tokens)
    return " ".join(tokens)


def _read_all(jobs: list[tuple[list[np.ndarray], str]], lang: str, label_engine: str) -> list[list[Reading]]:
    def run(job: tuple[list[np.ndarray], str]) -> list[Reading]:
        crops, kind = job
        if kind in ("text", "header") and label_engine == "rapidocr":
            return rapid.read_lines(crops)
        return tesseract.read_strip(crops, numeric=kind == "number", lang=lang, vertical=kind == "vertical")

    threads = min(2, ocr_threads())  # at most 2 strips at a time, as before
    if len(jobs) <= 1 or threads == 1:
        return [run(j) for j in jobs]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(run, jobs))


LONE_DOUBT = 0.97  # measured: at 0.9 a few lone 0s misread as 6, 9 or 1 stay
DOUBT = 0.8  # a number whose least sure digit is below this is read again by the other engine


def _doubtful(r: Reading) -> bool:
    digits = [p for ch, p in zip(r.text, r.char_confidences, strict=False) if ch.isdigit()]
    # a lone digit has no neighbours to steady it (0 read as 6, 9 or 1): held to a higher bar
    bar = LONE_DOUBT if len(digits) <= 2 else DOUBT
    return not digits or min(digits) < bar or parse_digits(r.text.lstrip("A")) is None


def rapid_number(text: str) -> str:
    """RapidOCR's reading of a number cell, with its usual slips undone: a dot for a thousands
    comma (1.350.000), simplified or spaced forms; anything else is left as read."""
    t = text.replace(" ", "")
    if re.fullmatch(r"[△▲\-]?\d{1,3}([.,]\d{3})+", t):
        t = t.replace(".", ",")
    return t


def _width_per_char(text: str, ink: tuple[int, int, int, int]) -> float:
    """Ink width per character of a number reading, its thousands commas counted 0.4 each whether
    read or not (Tesseract drops some): 0 when there is too little to measure."""
    digits = sum(ch.isdigit() for ch in text)
    units = digits + 0.4 * ((digits - 1) // 3)
    return (ink[2] - ink[0]) / units if digits >= 3 else 0.0


def _too_wide(width: float, typical: float) -> bool:
    """More ink than the reading explains: a character was dropped (``1,350,000`` read ``350,000``)."""
    return bool(width and typical and width > WIDE * typical)


WIDE = 1.1  # ink per character above the table's median by this much: read again


def _second_opinion(
    gray: np.ndarray,
    binary: np.ndarray,
    members: list[tuple[CellBox, tuple[int, int, int, int]]],
    readings: dict[tuple[int, int], tuple[Reading, bool, str]],
    pad: int,
) -> None:
    """Numbers Tesseract is unsure of are read again by RapidOCR (measured: 99.8% of numbers right
    at 150-200 dpi against Tesseract's 95-99%, but ~4x slower, so only the doubtful ones); where
    the two disagree RapidOCR's reading is kept and Tesseract's becomes a candidate."""
    widths = {(b.row, b.col): _width_per_char(readings[(b.row, b.col)][0].text, ink) for b, ink in members}
    known = sorted(w for w in widths.values() if w)
    typical = known[len(known) // 2] if len(known) >= 5 else 0.0
    doubtful = [
        (b, ink) for b, ink in members
        if (_doubtful(readings[(b.row, b.col)][0]) or _too_wide(widths[(b.row, b.col)], typical))
        and not (readings[(b.row, b.col)][0].text == "0" and is_zero_glyph(binary, ink))
    ]
    if not doubtful:
        return
    again = rapid.read_lines([crop(gray, ink, 1.0, pad) for _, ink in doubtful], numbers=True)
    for (b, _), r in zip(doubtful, again, strict=True):
        first = readings[(b.row, b.col)][0]
        text = rapid_number(r.text)
        if _is_words(r.text) and not any(ch.isdigit() for ch in first.text):
            # right-aligned words in a value column (a remark: システム改修), which the digit
            # whitelist cannot read: the cell is text
            readings[(b.row, b.col)] = (r, False, "rapidocr")
            continue
        if parse_digits(text) is None or parse_digits(text) == parse_digits(first.text.lstrip("A")):
            continue
        readings[(b.row, b.col)] = (replace(rapid.carried(r, text), alternative=first.text), True, "rapidocr")


def _is_words(text: str) -> bool:
    """Two or more kana or kanji and no digit: a reading that is words, not a misread number."""
    t = text.replace(" ", "")
    return not any(ch.isdigit() for ch in t) and sum("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in t) >= 2


def label_engine(choice: str) -> str:
    """Who reads labels and headers: RapidOCR when installed (measured best on kanji), else Tesseract.

    ``choice`` is ExtractSettings.ocr_engine: "tesseract" (default: the measured mix, Tesseract for
    numbers) or "rapidocr" (RapidOCR required).
    """
    if choice == "rapidocr" or rapid.available():
        return "rapidocr" if rapid.available() else "tesseract"
    return "tesseract"


def text_scale(binary: np.ndarray, boxes: list[tuple[CellBox, tuple[int, int, int, int]]]) -> float:
    """One upscaling factor for the page so the median line of text is ~TARGET_TEXT_PX high."""
    heights = sorted(ink[3] - ink[1] for _, ink in boxes)
    if not heights:
        return 1.0
    median = heights[len(heights) // 2]
    return float(min(4.0, max(1.0, TARGET_TEXT_PX / max(median, 1))))


def read_table(
    gray: np.ndarray,
    binary: np.ndarray,
    boxes: list[CellBox],
    header_rows: int,
    dpi: float,
    frame: PixelFrame,
    page: int,
    table_id: str,
    method: str,
    lang: str = "jpn",
    engine: str = "tesseract",
    prose: np.ndarray | None = None,
    plain: np.ndarray | None = None,
    bilevel: bool = False,
) -> Table:
    """OCR every cell box and assemble the Table (header cells, labels, numbers, rows, columns).

    ``prose``: the page before speck removal, for text cells that wrap over several lines.
    ``plain``: the page never median-filtered, for header cells (the filter wipes inner strokes:
    目 read 日 at 200 dpi, 公益事業 read 公益事集 and 計 read 新 at 150 dpi)."""
    inks = [(b, ink_box(binary, b, dpi)) for b in boxes]
    present = [(b, i) for b, i in inks if i is not None]
    scale = text_scale(binary, [(b, i) for b, i in present if b.row >= header_rows])
    pad = max(3, int(dpi / 50))
    # Group into strips: header cells; label column; then per column, numeric (right-aligned) or text.
    groups: dict[tuple[str, int], list[tuple[CellBox, tuple[int, int, int, int]]]] = {}
    enclosed: dict[tuple[int, int], tuple[tuple[int, int, int, int], tuple[int, int, int, int]]] = {}
    for b, ink in present:
        if b.row < header_rows:
            ink = without_specks(binary, ink, dpi)
            key = ("vertical" if _upright(ink, scale) else "header", 0)
        elif b.col == 0 and b.row_span > 1 and _upright(ink, scale, 1.8):
            key = ("vertical", 0)  # a group name written downwards over its block of rows (歳入)
        elif b.col == 0 or b.col_span > 1:
            key = ("text", 0)
        else:
            key = ("number" if _right_aligned(ink, b) else "text", 0)
            inside = parenthesised(binary, ink) if key[0] == "number" else None
            if inside is not None:  # (1,190): the digits are read alone, the sign is the shape's
                enclosed[(b.row, b.col)] = (ink, inside)
                ink = inside
        groups.setdefault(key, []).append((b, ink))
    if enclosed:  # the parentheses whitened, or a crop's margin takes a piece of them (read as 1 or 7)
        gray = gray.copy()
        for (x0, y0, x1, y1), (left, _, right, _) in enclosed.values():
            gray[y0:y1, max(0, x0 - pad) : left] = 255
            gray[y0:y1, right : x1 + pad] = 255
    jobs: list[tuple[list[np.ndarray], str]] = []
    owners: list[list[CellBox]] = []
    spans: list[list[int]] = []  # crops per cell (text lines)
    heights = sorted(i[3] - i[1] for b, i in present if b.row >= header_rows)
    line_px = heights[len(heights) // 4] if heights else 0  # a single line (most cells are one line)
    labels_by = label_engine(engine)
    for (kind, _), members in sorted(groups.items()):
        # Few big strips: each tesseract call pays ~0.2 s to load its model.
        n_chunks = max(workers() if kind == "number" else 1, -(-len(members) // STRIP_MAX))
        size = -(-len(members) // n_chunks)
        for i in range(0, len(members), size):
            chunk = members[i : i + size]
            if kind == "number":
                f = scale
            elif labels_by == "rapidocr" and kind != "vertical":
                f = 1.0  # its recognizer rescales every line to 48 px itself
            else:
                f = scale * LABEL_SCALE
            if kind == "text" and labels_by == "rapidocr":
                # a line recognizer reads one line: a wrapped cell (council tables) is read line by line
                parts = cell_lines(binary, chunk, line_px, prose is not None)
                source = [prose if prose is not None and len(lines) > 1 else gray for lines in parts]
                jobs.append(([crop(src, ln, f, pad) for src, lines in zip(source, parts, strict=True) for ln in lines], kind))
                spans.append([len(lines) for lines in parts])
            else:
                src = plain if kind in ("vertical", "header") and plain is not None else gray
                jobs.append(([crop(src, ink, f, pad) for _, ink in chunk], kind))
                spans.append([1] * len(chunk))
            owners.append([b for b, _ in chunk])
    readings: dict[tuple[int, int], tuple[Reading, bool, str]] = {}
    results = [_joined(r, n) for r, n in zip(_read_all(jobs, lang, labels_by), spans, strict=True)]
    for job, who, result in zip(jobs, owners, results, strict=True):
        reader = "rapidocr" if job[1] in ("text", "header") and labels_by == "rapidocr" else "tesseract"
        for b, r in zip(who, result, strict=True):
            readings[(b.row, b.col)] = (r, job[1] == "number", reader)
    signs = {
        (b.row, b.col): "()" if (b.row, b.col) in enclosed else leading_triangle(binary, ink)
        for (kind, _), members in groups.items() if kind == "number"
        for b, ink in members
    }
    alternatives: dict[tuple[int, int], tuple[str, ...]] = {}
    if labels_by == "rapidocr":
        _second_opinion(gray, binary, groups.get(("number", 0), []), readings, pad)
        if dpi < CLEAN_SCAN_DPI or bilevel:  # on a clean grayscale scan they changed no label: measured
            alternatives = other_label_readings(gray, binary, groups.get(("text", 0), []), header_rows, line_px, pad)
        alternatives.update(other_text_readings(gray, binary, groups.get(("text", 0), []), header_rows, line_px, pad, prose))
    return assemble(boxes, dict(inks), readings, header_rows, frame, page, table_id, method, dpi, signs, alternatives)


def cell_lines(
    binary: np.ndarray, cells: list[tuple[CellBox, tuple[int, int, int, int]]], line_px: int, reach: bool
) -> list[list[tuple[int, int, int, int]]]:
    """Each cell's text lines; with ``reach``, a wrapped cell's lines start a character further left
    (a bullet left of a line is no ink after speck removal: the page before it is read there)."""
    parts = [text_lines(binary, ink, line_px) for _, ink in cells]
    if not reach:
        return parts
    return [[(max(b.x0 + 2, ln[0] - (ln[3] - ln[1])), *ln[1:]) for ln in lines] if len(lines) > 1 else lines
            for (b, _), lines in zip(cells, parts, strict=True)]


def other_text_readings(
    gray: np.ndarray,
    binary: np.ndarray,
    members: list[tuple[CellBox, tuple[int, int, int, int]]],
    header_rows: int,
    line_px: int,
    pad: int,
    prose: np.ndarray | None,
) -> dict[tuple[int, int], tuple[str, ...]]:
    """A second reading of each text cell outside the label column (an opinion, a name), line by
    line from softened crops: where it differs from the first, the cell is doubtful (doubt.py), as
    nothing else can check a text cell."""
    cells = [(b, ink) for b, ink in members if b.col != 0 and b.row >= header_rows]
    if not cells:
        return {}
    parts = cell_lines(binary, cells, line_px, prose is not None)
    crops = [cv2.GaussianBlur(crop(prose if prose is not None and len(lines) > 1 else gray, ln, 1.0, pad), (3, 3), 0)
             for lines in parts for ln in lines]
    joined = _joined(rapid.read_lines(crops), [len(lines) for lines in parts])
    return {(b.row, b.col): (r.text,) for (b, _), r in zip(cells, joined, strict=True)}


def label_variants(crop_img: np.ndarray) -> list[np.ndarray]:
    """The same label crop softened (a 3x3 blur joins the broken strokes of a noisy 150 dpi scan)
    and thickened then softened (a bilevel scan's thin strokes that thresholding broke up).

    Measured on budget_ruled_150 and the Group 4 TIFF: each variant reads right labels the plain crop
    misreads (諸給, 経費, 通信運搬費 / 1. 事業費, 経費, 委員会運営費) and misreads others, so they
    are kept as alternatives for the normalize stage to choose between by its lexicon, never as the reading."""
    soft = cv2.GaussianBlur(crop_img, (3, 3), 0)
    thick = cv2.GaussianBlur(cv2.erode(crop_img, np.ones((2, 2), np.uint8)), (3, 3), 0)
    return [soft, thick]


CLEAN_SCAN_DPI = 180  # grayscale scans at this resolution or more read their labels without label_variants


def other_label_readings(
    gray: np.ndarray,
    binary: np.ndarray,
    members: list[tuple[CellBox, tuple[int, int, int, int]]],
    header_rows: int,
    line_px: int,
    pad: int,
) -> dict[tuple[int, int], tuple[str, ...]]:
    """RapidOCR's readings of each one-line label cell (column 0) from the label_variants crops."""
    labels = [(b, ink) for b, ink in members
              if b.col == 0 and b.row >= header_rows and len(text_lines(binary, ink, line_px)) == 1]
    if not labels:
        return {}
    crops = [v for _, ink in labels for v in label_variants(crop(gray, ink, 1.0, pad))]
    read = rapid.read_lines(crops)
    n = len(crops) // len(labels)
    return {(b.row, b.col): tuple(r.text for r in read[k * n : (k + 1) * n]) for k, (b, _) in enumerate(labels)}


def text_lines(binary: np.ndarray, ink: tuple[int, int, int, int], line_px: int) -> list[tuple[int, int, int, int]]:
    """The text lines of a cell's ink (one box per line), split at empty pixel rows; one box when
    the ink is no taller than a line and a half, or when the split finds no clear lines."""
    x0, y0, x1, y1 = ink
    if line_px <= 0 or y1 - y0 < 1.6 * line_px:
        return [ink]
    rows = (binary[y0:y1, x0:x1] > 0).sum(axis=1)
    bands: list[list[int]] = []
    start = None
    for y, n in enumerate([*rows.tolist(), 0]):
        if n > 0 and start is None:
            start = y
        elif n == 0 and start is not None:
            bands.append([start, y])
            start = None
    # specks and accents (short bands) join the nearest line
    lines = [b for b in bands if b[1] - b[0] >= 0.4 * line_px]
    if len(lines) < 2:
        return [ink]
    for b in bands:
        if b in lines:
            continue
        near = min(lines, key=lambda ln: min(abs(b[0] - ln[1]), abs(ln[0] - b[1])))
        near[0], near[1] = min(near[0], b[0]), max(near[1], b[1])
    out = []
    for top, bottom in lines:
        sub = binary[y0 + top : y0 + bottom, x0:x1] > 0
        cols = np.flatnonzero(sub.sum(axis=0))
        out.append((x0 + int(cols[0]), y0 + top, x0 + int(cols[-1]) + 1, y0 + bottom))
    return out


def _joined(readings: list[Reading], spans: list[int]) -> list[Reading]:
    """One Reading per cell from the readings of its lines (Japanese lines join without a space)."""
    out, k = [], 0
    for n in spans:
        parts = readings[k : k + n]
        k += n
        if n == 1:
            out.append(parts[0])
            continue
        text, confs = "", []
        for r in parts:
            if not r.text:
                continue
            if text and text[-1].isascii() and r.text[0].isascii():
                text += " "
                confs.append(1.0)
            text += r.text
            confs.extend(r.char_confidences)
        scores = [r.score for r in parts if r.text and r.score is not None]
        out.append(Reading(text, tuple(confs), score=min(scores) if scores else None))
    return out


_TRAILING_SPECK = re.compile(r"(?<=\d)[\-−－.．·・'`]+$")
_LEADING_SPECK = re.compile(r"^[.．·・'`,]+(?=[△▲\d])")


def assemble(
    boxes: list[CellBox],
    inks: dict[CellBox, tuple[int, int, int, int] | None],
    readings: dict[tuple[int, int], tuple[Reading, bool, str]],
    header_rows: int,
    frame: PixelFrame,
    page: int,
    table_id: str,
    method: str,
    dpi: float,
    signs: dict[tuple[int, int], str | None] | None = None,
    alternatives: dict[tuple[int, int], tuple[str, ...]] | None = None,
) -> Table:
    """``alternatives``: other readings of label cells (label_variants), kept as the cells' candidates."""
    signs = signs or {}
    alternatives = alternatives or {}
    cells: list[Cell] = []
    n_cols = max((b.col + b.col_span for b in boxes), default=0)
    prov_t = Provenance("tesseract", method)
    label_x: dict[int, int] = {}
    for b in boxes:
        transforms: tuple[str, ...] = ()
        candidates: tuple[str, ...] = ()
        reading, numeric, reader = readings.get((b.row, b.col), (Reading(), False, "tesseract"))
        raw = reading.text.strip()
        confs = reading.char_confidences[: len(raw)] if raw else ()
        if len(reading.text) != len(reading.text.lstrip()):
            lead = len(reading.text) - len(reading.text.lstrip())
            confs = reading.char_confidences[lead : lead + len(raw)]
        text = " ".join(raw.split())
        value = None
        null_reason = None
        if b.row < header_rows:
            kind = CellKind.HEADER
        elif not raw:
            kind = CellKind.EMPTY
            null_reason = NullReason.BLANK
        elif b.col == 0:
            kind = CellKind.LABEL
            text = clean_label(raw)
            ink = inks.get(b)
            if ink is not None:
                label_x[b.row] = ink[0] - b.x0
            others = (clean_label(t) for t in alternatives.get((b.row, b.col), ()) if t.strip())
            candidates = tuple(dict.fromkeys(t for t in others if t != text))
        elif numeric or looks_numeric(raw):
            kind = CellKind.NUMBER
            sign = signs.get((b.row, b.col))
            raw_for_value = raw
            if sign == "()" and any(ch.isdigit() for ch in raw):
                # the digits were read inside the parentheses: the cell reads as printed
                raw, raw_for_value = f"({raw})", "-" + raw.lstrip("AΔ△▲-")
                text = raw
            elif sign == "speck" and raw[:1] in "AΔ△▲-" and len(raw) > 1:
                raw_for_value, sign = raw[1:], None
            elif sign in ("△", "▲") and raw[:1] in "4AΔ△▲" and len(raw) > 1:  # jpn reads ▲ as 4 and △ as A
                # the glyph's shape is part of the reading: the cell reads as printed (△/▲)
                raw = raw_for_value = sign + raw[1:]
                text = raw
            elif raw[:1] in "AΔ△▲" and len(raw) > 1:
                # No triangle on the page: a confident A is still a △ the shape test missed; a doubtful
                # one is a speck read as a letter, and is dropped.
                if reading.char_confidences[:1] and reading.char_confidences[0] >= 0.6:
                    raw_for_value = "△" + raw[1:]
                else:
                    raw_for_value = raw[1:]
            if sign == "()" and raw[:1] == "(":
                transforms = ("ocr-parentheses-shape",)
            elif sign in ("△", "▲") and raw[:1] == sign:
                transforms = ("ocr-triangle-shape",)
            elif raw_for_value != raw:
                if sign and sign != "speck":
                    transforms = ("ocr-triangle-shape",)
                elif raw_for_value.startswith("△"):
                    transforms = ("ocr-triangle-A",)
                else:
                    transforms = ("ocr-dropped-speck",)
            # a dot of dust before the number or after its last digit, read as a point or a dash
            # (.△1,450 / 11,926-)
            unspecked = _TRAILING_SPECK.sub("", _LEADING_SPECK.sub("", raw_for_value))
            if len(unspecked) >= 1 and unspecked != raw_for_value and any(ch.isdigit() for ch in unspecked):
                raw_for_value = unspecked
                transforms = tuple(dict.fromkeys((*transforms, "ocr-dropped-speck")))
            value, null_reason = parse_number(raw_for_value)
            if value is None and null_reason is NullReason.UNPARSEABLE:
                value = parse_digits(raw_for_value)
                null_reason = None if value is not None else null_reason
            if value is not None:
                text = number_text(value)
                plain, _ = parse_number(raw)
                if plain != value:  # what the shape/speck checks say, for the validator to confirm
                    candidates = (str(value),)
            other = parse_digits(reading.alternative.lstrip("A")) if reading.alternative else None
            if other is not None and other != value:  # the other engine's reading
                candidates = (*candidates, str(other))
        else:
            kind = CellKind.TEXT
            candidates = tuple(t for t in dict.fromkeys(" ".join(x.split()) for x in alternatives.get((b.row, b.col), ()))
                               if t and t != text)
        cells.append(
            Cell(
                row=b.row,
                col=b.col,
                raw_text=raw,
                text=text,
                kind=kind,
                value=value,
                null_reason=null_reason,
                row_span=b.row_span,
                col_span=b.col_span,
                page=page,
                bbox=frame.bbox(b.x0, b.y0, b.x1, b.y1),
                confidence=reading.confidence if raw else 1.0,
                provenance=(prov_t if reader == "tesseract" else Provenance(reader, method)).with_transforms(*transforms),
                char_confidences=tuple(confs),
                candidates=candidates,
            )
        )
    cells.sort(key=lambda c: (c.row, c.col))
    columns = _columns(cells, header_rows, n_cols)
    rows = _rows(cells, header_rows, label_x, dpi, page)
    x0 = min(b.x0 for b in boxes)
    y0 = min(b.y0 for b in boxes)
    x1 = max(b.x1 for b in boxes)
    y1 = max(b.y1 for b in boxes)
    conf = min((c.confidence for c in cells if c.raw_text), default=1.0)
    return Table(
        id=table_id,
        pages=(page,),
        columns=columns,
        cells=tuple(cells),
        header_rows=header_rows,
        rows=rows,
        bbox=frame.bbox(x0, y0, x1, y1),
        method=method,
        confidence=conf,
    )


def _columns(cells: list[Cell], header_rows: int, n_cols: int) -> tuple[Column, ...]:
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for r in range(header_rows):
        for c in cells:
            if c.row != r:
                continue
            name = "".join(c.raw_text.split())
            for k in range(c.col, min(n_cols, c.col + c.col_span)):
                if name and (not paths[k] or paths[k][-1] != name or c.row_span == 1):
                    if not (paths[k] and paths[k][-1] == name):
                        paths[k].append(name)
    return tuple(Column(i, tuple(p) if p else (f"col{i}",) if i else ("科目",)) for i, p in enumerate(paths))


def _rows(cells: list[Cell], header_rows: int, label_x: dict[int, int], dpi: float, page: int) -> tuple[Row, ...]:
    labels = {c.row: c.text for c in cells if c.col == 0 and c.row >= header_rows}
    body = sorted({c.row for c in cells if c.row >= header_rows})
    base = min(label_x.values(), default=0)
    step = max(1.0, dpi * 7 / 72)  # one indent ≈ one character of ~7 pt
    out = []
    for r in body:
        level = round((label_x.get(r, base) - base) / step) if r in label_x else 0
        out.append(Row(index=r, label=labels.get(r, ""), page=page, level=level))
    return tuple(out)


def grid_boxes(grid_cells: list, inset: int = 0) -> list[CellBox]:
    return [CellBox(c.row, c.col, c.row_span, c.col_span, int(c.x0), int(c.y0), int(c.x1), int(c.y1)) for c in grid_cells]


def header_rows_of(boxes: list[CellBox], binary: np.ndarray, dpi: float) -> int:
    """Rows above the body: as deep as the tallest cell starting at the top row, else 1."""
    top = [b for b in boxes if b.row == 0]
    depth = max((b.row_span for b in top), default=1)
    # a name over several value columns has their names below it (区分 over a group column and
    # the label column has not: it names both)
    if any(b.col_span > 1 and b.col > 0 for b in top):
        depth = max(depth, 2)
    return depth


def joined_rules(vert: np.ndarray, horiz: np.ndarray, dpi: float, binary: np.ndarray | None = None) -> np.ndarray:
    """The vertical rules of a table: pieces of a line that crosses a horizontal rule, or is half an
    inch long, or stands on one x with other pieces on a page with horizontal rules, as a broken
    rule does. A kanji's long stroke (the middle of 事 or 業 at 150 dpi, 18 px in a 20 px row; the
    right of 料 and 計 in 10.5 pt Mincho) passes the vertical opening, and erasing it left 2.
    事業収益 reading as 2.集収益 and 使用料 as 使用JE. It crosses no rule, and where the same kanji
    ends the labels of several rows (手当 under 手当), a stroke of the character crosses it: the ink
    of ``binary`` on both sides."""
    if not vert.any():
        return vert
    n, labels, stats, _ = cv2.connectedComponentsWithStats(vert, connectivity=8)
    column = (vert > 0).sum(axis=0)  # mask pixels on each x over the whole page
    across = horiz > 0
    ruled = bool(across.any())
    text = (binary > 0) & ~across if binary is not None and ruled else None
    keep = np.zeros(n, dtype=bool)
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k, :4])
        end = max(2, h // 5)
        crosses = bool(across[y + end : y + h - end, max(0, x - 2) : x + w + 2].any())  # a rule between two rows
        # pieces on one x make a broken rule only in a ruled table (a borderless one aligns 利 and 料)
        aligned = ruled and int(column[max(0, x - 1) : x + w + 1].max()) >= 3 * h
        if aligned and text is not None and 0 < x and x + w < text.shape[1]:
            aligned = not bool((text[y : y + h, x - 1] & text[y : y + h, x + w]).any())
        keep[k] = crosses or h >= dpi / 2 or aligned
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def rules_mask(horiz: np.ndarray, vert: np.ndarray, dpi: float, binary: np.ndarray | None = None) -> np.ndarray:
    """Where the rules are (255), grown by a pixel: what erase_rules blanks."""
    return cv2.dilate(cv2.bitwise_or(horiz, joined_rules(vert, horiz, dpi, binary)),
                      cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))


def blanked(img: np.ndarray, mask: np.ndarray, value: int) -> np.ndarray:
    """A copy of ``img`` with ``value`` where ``mask`` is set."""
    out = img.copy()
    out[mask > 0] = value
    return out


def erase_rules(gray: np.ndarray, binary: np.ndarray, horiz: np.ndarray, vert: np.ndarray,
                dpi: float) -> tuple[np.ndarray, np.ndarray]:
    mask = rules_mask(horiz, vert, dpi, binary)
    return blanked(gray, mask, 255), blanked(binary, mask, 0)
