"""Borderless tables of text on a scan (member lists, 注意点 lists with leader dots): the OCR
counterpart of ``chohyo.extract.tables.text_table``.

Each text row is cut into segments at wide blank gaps of the ink (Tesseract's word boxes overlap
and overrun, the ink does not); leader dots (……) are layout and are dropped. Runs of at least
three consecutive rows whose segments start at the same x positions become a headerless table
(columns 列1, 列2, … like the digital text tables); each segment is read on its own crop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from statistics import median

import numpy as np
from chohyo.extract.ocr.cell_boxes import PixelFrame
from chohyo.extract.ocr.engines import Line, OcrEngine, Reading, ReadKind
from chohyo.extract.ocr.engines.base import join_words
from chohyo.extract.tables.build import to_table
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.extract.tables.text_table import MIN_ROWS
from chohyo.model import BBox, Provenance, Table

INK = 160  # gray level below which a pixel is ink (the page is denoised and specks removed)
GAP_EM = 1.5  # a blank wider than this many line heights separates two columns
ALIGN_EM = 0.6  # left edges within this many line heights are one column
ROW_GAP_EM = 1.6  # rows further apart than this end a run
LEADER_HEIGHT = 0.45  # ink lower than this share of the line height is a row of dots
PAD = 8  # pixels of margin around a segment crop (measured: 45/53 member/注意点 cells at 8, 43 at 2-4)


@dataclass(frozen=True)
class Segment:
    box: tuple[int, int, int, int]  # ink box, pixels
    reading: Reading | None = None


@dataclass(frozen=True)
class Row:
    lines: tuple[Line, ...]
    box: tuple[int, int, int, int]
    segments: tuple[Segment, ...]


def _rows(lines: list[Line]) -> list[tuple[list[Line], tuple[int, int, int, int]]]:
    """Tesseract lines on the same text row (a column it read as its own block) joined."""
    out: list[tuple[list[Line], tuple[int, int, int, int]]] = []
    for ln in sorted(lines, key=lambda ln: (ln.box[1], ln.box[0])):
        if out:
            group, (x0, y0, x1, y1) = out[-1]
            overlap = min(y1, ln.box[3]) - max(y0, ln.box[1])
            if overlap > 0.5 * min(y1 - y0, ln.height):
                group.append(ln)
                out[-1] = (
                    group,
                    (min(x0, ln.box[0]), min(y0, ln.box[1]), max(x1, ln.box[2]), max(y1, ln.box[3])),
                )
                continue
        out.append(([ln], ln.box))
    return out


def segments(ink: np.ndarray, box: tuple[int, int, int, int], em: float) -> list[tuple[int, int, int, int]]:
    """Ink boxes of one text row split at blank gaps wider than ``GAP_EM`` line heights; rows of
    leader dots and specks dropped."""
    x0, y0, x1, y1 = box
    h, w = ink.shape
    lo, hi = max(0, x0 - int(em)), min(w, x1 + int(em))
    band = ink[max(0, y0) : min(h, y1), lo:hi]
    xs = np.flatnonzero(band.any(axis=0))
    if xs.size == 0:
        return []
    splits = np.flatnonzero(np.diff(xs) > GAP_EM * em)
    starts = [xs[0], *xs[splits + 1]]
    ends = [*xs[splits], xs[-1]]
    out = []
    for a, b in zip(starts, ends, strict=True):
        part = band[:, a : b + 1]
        rows = np.flatnonzero(part.any(axis=1))
        height = int(rows[-1] - rows[0] + 1)
        if height < LEADER_HEIGHT * em or int(part.sum()) < 0.08 * em * em:
            continue  # leader dots or a speck
        out.append((lo + int(a), y0 + int(rows[0]), lo + int(b) + 1, y0 + int(rows[-1]) + 1))
    return out


def _aligned(a: Row, b: Row, tol: float) -> bool:
    return len(a.segments) == len(b.segments) and all(
        abs(x.box[0] - y.box[0]) <= tol for x, y in zip(a.segments, b.segments, strict=True)
    )


def find_runs(rows: list[Row], em: float, min_rows: int = 2, min_cols: int = 2) -> list[list[Row]]:
    runs = []
    i = 0
    while i < len(rows):
        if len(rows[i].segments) < max(min_cols, 2):
            i += 1
            continue
        run = [rows[i]]
        j = i + 1
        while (
            j < len(rows)
            and rows[j].box[1] - run[-1].box[3] <= ROW_GAP_EM * em
            and _aligned(run[0], rows[j], ALIGN_EM * em)
        ):
            run.append(rows[j])
            j += 1
        if len(run) >= max(MIN_ROWS, min_rows):
            runs.append(run)
            i = j
        else:
            i += 1
    return runs


def _clean(text: str) -> str:
    text = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", text.strip())  # letter-spacing: 山 浦 英 太
    return re.sub(r"\s*[…‥]{2,}\s*|\s*[・.．·]{4,}\s*", "", text)  # leader dots that reached the crop


def _words_in(row: Row, box: tuple[int, int, int, int]) -> Reading:
    words = [w for ln in row.lines for w in ln.words if box[0] - 2 <= (w.box[0] + w.box[2]) / 2 <= box[2] + 2]
    return join_words(words)


def find_text_tables(
    lines: list[Line],
    gray: np.ndarray,
    frame: PixelFrame,
    page: int,
    id_prefix: str,
    first: int,
    reread: OcrEngine | None,
    lines_by: OcrEngine,
    min_rows: int = 2,
    min_cols: int = 2,
) -> tuple[list[Table], list[Line]]:
    """(tables, lines not in any table), top to bottom; table ids ``{id_prefix}{first}``, ``{id_prefix}{first + 1}``, …
    ``lines``: ``lines_by``'s (Tesseract's) lines of ``gray`` (the page with the other tables blanked out).
    ``reread``: the engine that reads each segment again on its own crop (RapidOCR); None: the
    segments keep the words of ``lines``."""
    if not lines:
        return [], lines
    em = float(median(ln.height for ln in lines))
    ink = gray < INK
    rows = [Row(tuple(g), box, tuple(Segment(s) for s in segments(ink, box, em))) for g, box in _rows(lines)]
    runs = find_runs(rows, em, min_rows, min_cols)
    if not runs:
        return [], lines
    crops = [
        gray[max(0, s.box[1] - PAD) : s.box[3] + PAD, max(0, s.box[0] - PAD) : s.box[2] + PAD]
        for run in runs
        for r in run
        for s in r.segments
    ]
    readings = iter(reread.read_lines(crops, ReadKind.PROSE)) if reread is not None else None
    tables: list[Table] = []
    used: set[int] = set()
    for run in runs:
        read_run = []
        for r in run:
            segs = []
            for s in r.segments:
                reading = next(readings) if readings is not None else _words_in(r, s.box)
                segs.append(replace(s, reading=reading))
            read_run.append(replace(r, segments=tuple(segs)))
            used.update(id(ln) for ln in r.lines)
        tables.append(
            _table(read_run, frame, page, f"{id_prefix}{first + len(tables)}", (reread or lines_by).name)
        )
    return tables, [ln for ln in lines if id(ln) not in used]


def _table(run: list[Row], frame: PixelFrame, page: int, table_id: str, engine: str) -> Table:
    cells = []
    for r, row in enumerate(run):
        for k, s in enumerate(row.segments):
            cells.append(
                GridCell(r, k, bbox=frame.bbox(*s.box), text=_clean(s.reading.text if s.reading else ""))
            )
    x0 = min(s.box[0] for row in run for s in row.segments)
    x1 = max(s.box[2] for row in run for s in row.segments)
    bbox: BBox = frame.bbox(x0, run[0].box[1], x1, run[-1].box[3])
    grid = Grid(page, len(run), len(run[0].segments), cells, bbox, "ocr-text-table", header_rows=0)
    table = to_table(grid, table_id, extractor=engine)
    confidence = {
        (r, k): s.reading.confidence if s.reading else 0.0
        for r, row in enumerate(run)
        for k, s in enumerate(row.segments)
    }
    prov = Provenance(engine, "ocr-text-table")
    out_cells = tuple(
        replace(
            c,
            confidence=confidence.get((c.row, c.col), 1.0),
            char_confidences=(confidence.get((c.row, c.col), 1.0),) * len(c.text),
            provenance=prov,
        )
        for c in table.cells
    )
    return replace(table, cells=out_cells, confidence=min((c.confidence for c in out_cells), default=1.0))
