"""年 | 月 | 日 sub-columns under one 年月日 header (a 政治資金収支報告書's 寄附の内訳): the three
figures of a date stand apart, split by dotted rules or by nothing at all, and the recognizer
reads them as one number (``5 10 2`` → 5102, an amount no column holds). The gaps are on the page:
the cell's ink falls into two or three groups, and the digits read are shared among them by their
widths (a digit is about as wide as any other). The cell then reads ``5 10 2``, a date's parts,
never an amount: no sum runs through it.

Each group is also read alone (one batch of small crops): where that second reading gives the
same parts, the date is confirmed (two readings agree, as for an amount); where it differs, the
cell keeps the second reading's parts when they make a date, and stays doubtful either way.
"""

from __future__ import annotations

import re
from itertools import pairwise

import cv2
import numpy as np
from chohyo.extract.ocr.cell_boxes import CellBox, crop, ink_box
from chohyo.extract.ocr.digit_shapes import digit_shaped
from chohyo.extract.ocr.engines import OcrEngine, Reading

_DATE_HEADER = re.compile(r"^(?:年月日|年月|月日)$")
# a date cell: its box, reading, engine, digits read, ink box and ink runs (x in the ink)
_DateCell = tuple[CellBox, Reading, str, str, tuple[int, int, int, int], list[tuple[int, int]]]


def date_columns(
    boxes: list[CellBox], readings: dict[tuple[int, int], tuple[Reading, bool, str]], header_rows: int
) -> tuple[set[int], set[tuple[int, int]]]:
    """Columns whose own header cell (one column wide) reads 年月日 (年月, 月日); and the (column,
    span) of such a header over several columns, where a date in one cell across all of them is
    read as one (政治活動費の内訳: a part of a sub-column rule made two columns under 年月日)."""
    own, spans = set(), set()
    for b in boxes:
        if b.row < header_rows and (b.row, b.col) in readings:
            text = "".join(readings[(b.row, b.col)][0].text.split())
            if _DATE_HEADER.match(text):
                if b.col_span == 1:
                    own.add(b.col)
                else:
                    spans.add((b.col, b.col_span))
    return own, spans


def sub_columns(binary: np.ndarray, boxes: list[CellBox], header_rows: int, dpi: float) -> list[CellBox]:
    """``boxes`` with a body cell cut where a sub-column rule was lost on its row only (政治資金収支
    報告書 p. 8: the faint rule between 年 and 月 broken beside ``5  6``, one cell read 56).

    A cell spanning columns is cut at a column's left edge when one box of the last header row spans
    it and more (年月日 over 年 | 月 | 日; on p. 17, where 年月日 is read as a body row, the title
    over the whole table), two body rows at least have a cell starting there (the
    rule is printed), the cell's ink has a gap there (a label spanning the columns has ink across)
    and each part is a figure by its shape (a note printed over the columns, ``(注3)``, is not)."""
    edges: dict[int, list[int]] = {}
    for b in boxes:
        if b.row >= header_rows:
            edges.setdefault(b.col, []).append(b.x0)
    out: list[CellBox] = []
    for b in boxes:
        parts = [b]
        if b.row >= header_rows and b.col_span > 1 and _under_wider_header(b, boxes, header_rows):
            cuts = [
                sorted(edges[c])[len(edges[c]) // 2]
                for c in range(b.col + 1, b.col + b.col_span)
                if len(edges.get(c, [])) >= 2
            ]
            if len(cuts) == b.col_span - 1 and _gap_at(
                binary[b.y0 : b.y1, b.x0 : b.x1], [x - b.x0 for x in cuts]
            ):
                cut = [
                    CellBox(b.row, b.col + k, b.row_span, 1, x0, b.y0, x1, b.y1)
                    for k, (x0, x1) in enumerate(pairwise([b.x0, *cuts, b.x1]))
                ]
                inks = [ink_box(binary, part, dpi) for part in cut]
                if all(ink is not None and _figure(binary, ink) for ink in inks):
                    parts = cut
        out.extend(parts)
    return out


def _figure(binary: np.ndarray, ink: tuple[int, int, int, int]) -> bool:
    """A figure by its shape, its strokes broken by the scan (a 5's bar apart from its bowl at 200
    dpi) joined again first: gaps of a few pixels up and down are closed, none sideways (the digits
    of 13 stay apart)."""
    x0, y0, x1, y1 = ink
    cell = binary[y0:y1, x0:x1]
    joined = cv2.morphologyEx(cell, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 5)))
    return digit_shaped(joined, (0, 0, x1 - x0, y1 - y0))


def _under_wider_header(b: CellBox, boxes: list[CellBox], header_rows: int) -> bool:
    """One box of the last header row spans ``b``'s columns and more."""
    return any(
        h.row + h.row_span == header_rows
        and h.col <= b.col
        and b.col + b.col_span <= h.col + h.col_span
        and h.col_span > b.col_span
        for h in boxes
    )


def _gap_at(cell: np.ndarray, cuts: list[int]) -> bool:
    """No ink within two pixels of every cut in a binary cell crop (255 = ink) but specks (a dotted
    remnant of the lost rule: a column of ink a fifth of the cell high at most)."""
    h, w = cell.shape
    if not all(0 < c < w for c in cuts):
        return False
    ink = (cell > 0).sum(axis=0)
    return all(int(ink[max(0, c - 2) : c + 3].max()) <= h // 5 for c in cuts)


def ink_groups(cell: np.ndarray, height: int) -> list[tuple[int, int]]:
    """Runs of ink columns in a binary cell crop (255 = ink) set apart by a gap of at least a third
    of the text height. A dotted rule left between the parts (its dots a few pixels wide) and specks
    are dropped first, so they neither join two parts nor count as one."""
    cols = np.flatnonzero(cell.max(axis=0) > 0)
    if cols.size == 0:
        return []
    touching: list[tuple[int, int]] = []
    start, prev = int(cols[0]), int(cols[0])
    for x in cols[1:]:
        if x - prev > 1:
            touching.append((start, prev + 1))
            start = int(x)
        prev = int(x)
    touching.append((start, prev + 1))
    thin = max(2, height // 10)
    strokes = [r for r in touching if r[1] - r[0] > thin or _tall(cell[:, r[0] : r[1]], height)]
    if not strokes:
        return []
    gap = max(2, height // 3)
    runs = [strokes[0]]
    for s, e in strokes[1:]:
        if s - runs[-1][1] > gap:
            runs.append((s, e))
        else:
            runs[-1] = (runs[-1][0], e)
    return runs


def _tall(strip: np.ndarray, height: int) -> bool:
    """A narrow run that is a stroke (the 1 of 10), not dots: solid ink over half the height."""
    rows = np.flatnonzero(strip.max(axis=1) > 0)
    return rows.size >= height // 2 and rows.size >= 0.8 * (rows[-1] - rows[0] + 1)


def share_digits(digits: str, widths: list[int]) -> list[str] | None:
    """``digits`` cut into len(widths) parts, each as many digits as its width holds (None when the
    widths do not give each part one or two digits, the year up to four)."""
    n, total = len(digits), sum(widths)
    if not 2 <= len(widths) <= 3 or total <= 0 or n < len(widths):
        return None
    counts = [max(1, round(w * n / total)) for w in widths]
    while sum(counts) > n:  # take from the part most over its share
        k = max(range(len(counts)), key=lambda i: counts[i] - widths[i] * n / total)
        if counts[k] == 1:
            return None
        counts[k] -= 1
    while sum(counts) < n:
        counts[max(range(len(counts)), key=lambda i: widths[i] * n / total - counts[i])] += 1
    limits = [4, 2, 2][: len(counts)]
    if any(c > lim for c, lim in zip(counts, limits, strict=True)):
        return None
    parts, k = [], 0
    for c in counts:
        parts.append(digits[k : k + c])
        k += c
    return parts


def split_dates(
    gray: np.ndarray,
    binary: np.ndarray,
    boxes: list[CellBox],
    inks: dict[CellBox, tuple[int, int, int, int] | None],
    readings: dict[tuple[int, int], tuple[Reading, bool, str]],
    header_rows: int,
    reader: OcrEngine,
    scale: float,
    pad: int,
    checker: OcrEngine | None = None,
) -> set[tuple[int, int]]:
    """Rewrite, in ``readings``, each body cell of a date column read as digits alone into its
    parts (``5 10 2``); returns the cells that are a date's parts (never an amount). ``checker``
    reads a part again that ``reader`` read as nothing alone (a lone 5, 16 px wide)."""
    columns, spans = date_columns(boxes, readings, header_rows)
    out: set[tuple[int, int]] = set()
    todo: list[tuple[CellBox, Reading, str, list[str] | None, list[tuple[int, int, int, int]]]] = []
    cells: list[_DateCell] = []
    for b in boxes:
        whole = (b.col, b.col_span) in spans  # one cell under the whole 年月日 header
        if b.row < header_rows or not (whole or (b.col in columns and b.col_span == 1)):
            continue
        ink = inks.get(b)
        got = readings.get((b.row, b.col))
        if ink is None or got is None:
            continue
        reading, _, engine = got
        digits = "".join(reading.text.split())
        if not digits.isdigit():
            continue
        x0, y0, x1, y1 = ink
        groups = ink_groups(binary[y0:y1, x0:x1], y1 - y0)
        if whole and len(groups) < 2:
            continue  # not a date's parts set apart: read as it is, confirmed or named
        cells.append((b, reading, engine, digits, ink, groups))
        out.add((b.row, b.col))  # digits under 年月日: a date's figures, no amount
    cuts = _column_cuts(cells)
    per_column: dict[int, list[int]] = {}
    for b, *_, ink, _ in cells:
        per_column.setdefault(b.col, []).append(ink[3] - ink[1])
    heights = {col: sorted(h)[len(h) // 2] for col, h in per_column.items()}  # a line of figures
    for b, reading, engine, digits, (x0, y0, x1, y1), groups in cells:
        if len(groups) != 3 and len(digits) > 2 and b.col in cuts:
            # 5525 (a gap too narrow here) or 5 1 1 24 (the 1s of 11 apart): parted where the
            # column's other dates are
            recut = _cut(binary[y0:y1, x0:x1], [c + b.x0 - x0 for c in cuts[b.col]], heights[b.col])
            groups = recut if len(recut) >= 2 else groups
        if len(groups) < 2:
            continue
        parts = share_digits(digits, [e - s for s, e in groups])
        todo.append((b, reading, engine, parts, [(x0 + s, y0, x0 + e, y1) for s, e in groups]))
    crops = [crop(gray, box, scale, pad) for *_, places in todo for box in places]
    alone = reader.read_digits(crops) if crops else []
    empty = [i for i, r in enumerate(alone) if not r.text.strip()]
    if empty and checker is not None:
        for i, r in zip(empty, checker.read_digits([crops[i] for i in empty]), strict=True):
            alone[i] = r
    k = 0
    for b, reading, engine, parts, places in todo:
        second = ["".join(r.text.split()) for r in alone[k : k + len(places)]]
        k += len(places)
        second_ok = len(second) <= 3 and all(
            p.isdigit() and len(p) <= lim for p, lim in zip(second, [4, 2, 2][: len(second)], strict=False)
        )
        if parts is not None and second == parts:
            text, agreed = " ".join(parts), True
        elif second_ok:
            text, agreed = " ".join(second), False
        elif parts is not None:
            text, agreed = " ".join(parts), False
        else:
            continue
        # one confidence per character; a space is certain; agreeing readings are kept as read
        confs = tuple(1.0 if ch == " " else min(reading.char_confidences, default=0.0) for ch in text)
        readings[(b.row, b.col)] = (
            Reading(text, confs, alternative="" if agreed else reading.text, agreed=agreed),
            False,
            engine,
        )
    return out


def _column_cuts(
    cells: list[_DateCell],
) -> dict[int, list[int]]:
    """Per date column, where its parts are parted (x from the cell's left edge): the median gap
    of the cells whose ink falls into three groups (5 | 1 | 18), when most of them agree."""
    gaps: dict[int, list[tuple[int, int]]] = {}
    for b, _, _, _, ink, groups in cells:
        if len(groups) == 3:
            left = ink[0] - b.x0
            gaps.setdefault(b.col, []).append(
                (left + (groups[0][1] + groups[1][0]) // 2, left + (groups[1][1] + groups[2][0]) // 2)
            )
    out = {}
    for col, found in gaps.items():
        if len(found) >= 3:
            out[col] = [sorted(g[k] for g in found)[len(found) // 2] for k in (0, 1)]
    return out


def _cut(cell: np.ndarray, cuts: list[int], line: int) -> list[tuple[int, int]]:
    """A binary cell crop's ink runs between ``cuts`` (x in the crop; none: no runs), each run
    trimmed to its ink; a cut through ink is moved to the emptiest column within a third of the
    height of it (the figures touch there, never a stroke's middle). In a crop much taller than a
    ``line`` of figures, a column with more ink than a line is high is a piece of a sub-column rule,
    not a figure."""
    if not cuts:
        return []
    h, w = cell.shape
    ink = (cell > 0).sum(axis=0)
    if h > 1.5 * line:
        ink[ink > 1.1 * line] = 0
    reach = max(1, h // 3)
    edges = [0]
    for c in cuts:
        lo, hi = max(edges[-1] + 1, c - reach), min(w - 1, c + reach)
        if lo >= hi:
            return []
        edges.append(lo + int(np.argmin(ink[lo:hi])))
    edges.append(w)
    runs = []
    for a, e in pairwise(edges):
        cols = np.flatnonzero(ink[a:e] > 0)
        if cols.size:
            runs.append((a + int(cols[0]), a + int(cols[-1]) + 1))
    return runs
