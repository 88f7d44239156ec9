"""Read the cells of a table found on a scan and build the model's Table.

Cell boxes come from a ruled grid (ruled_grid.py) or from word alignment (ink_tables.py). Each cell is
cropped from the cleaned grayscale with the rules painted out, trimmed to its ink, scaled to a
size Tesseract reads well, and read in batches: one strip per column, numeric columns with the
digit whitelist, labels and headers with ``jpn``. Strips run in parallel, one per core.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TypeVar

import cv2
import numpy as np
from chohyo.extract.ocr.assemble import assemble
from chohyo.extract.ocr.cell_boxes import (
    CellBox,
    PixelFrame,
    cell_lines,
    crop,
    ink_box,
    right_aligned,
    text_lines,
    text_scale,
    upright,
    without_specks,
)
from chohyo.extract.ocr.cell_text import is_words, parse_digits, rapid_number, well_formed
from chohyo.extract.ocr.date_parts import split_dates, sub_columns
from chohyo.extract.ocr.digit_shapes import decimal_cells, digit_columns
from chohyo.extract.ocr.engines import OcrEngine, Reading, ReadKind, engine_for, reader_for
from chohyo.extract.ocr.engines.base import carried
from chohyo.extract.ocr.halves import half_starts
from chohyo.extract.ocr.item_numbers import item_numbers
from chohyo.extract.ocr.labelled_cells import split_labelled_cells
from chohyo.extract.ocr.mixed_numbers import is_mixed_number, mixed_number
from chohyo.extract.ocr.signs import (
    detached_triangle,
    is_zero_glyph,
    leading_triangle,
    parenthesised,
    past_speck,
)
from chohyo.extract.ocr.sums import breakdown_cells, near_misses, summed_cells
from chohyo.extract.ocr.threads import ocr_threads
from chohyo.japanese.accounts import is_account_word
from chohyo.japanese.numbers import looks_numeric
from chohyo.model import NullReason, Table
from chohyo.staggered import breakdown_pairs

T = TypeVar("T")

LABEL_SCALE = 1.0  # measured 1.0-1.8 for Tesseract label strips: no gain
STRIP_MAX = 240  # cells per strip at most
HEADER_LINE = 3.0  # a header cell is read line by line when each line is this many times as wide as high
AT_ONCE = 4  # strips read at the same time at most (each Tesseract process holds ~100 MB)


def workers() -> int:
    """Strips per numeric column: fixed by the machine, not by CHOHYO_OCR_THREADS, so a batch worker
    reads exactly what ``chohyo extract`` reads (strip boundaries can change Tesseract's output)."""
    return max(1, min(2, os.cpu_count() or 1))


def _read_all(
    jobs: list[tuple[list[np.ndarray], ReadKind]],
    readers: dict[ReadKind, OcrEngine],
    meanwhile: Callable[[], T],
) -> tuple[list[list[Reading]], T]:
    """Every job's readings, and what ``meanwhile`` returns: work that needs no reading, done by
    this thread while the others read (with one thread, after them)."""

    def run(job: tuple[list[np.ndarray], ReadKind]) -> list[Reading]:
        crops, kind = job
        if kind is ReadKind.NUMBER:
            return readers[kind].read_digits(crops)
        return readers[kind].read_lines(crops, kind)

    if len(jobs) <= 1 or ocr_threads() == 1:
        return [run(j) for j in jobs], meanwhile()
    # A line reader (RapidOCR: one ONNX session, calls serialized) gets one thread for all its strips,
    # the biggest first and started first; each Tesseract strip gets its own, all started at once.
    # With two strips on one thread, the second waited for the label chain and then ran alone with
    # a core idle (budget_ruled_300: its last 0.7 s).
    chain = sorted(
        (i for i, (_, kind) in enumerate(jobs) if readers[kind].line_reader), key=lambda i: -len(jobs[i][0])
    )
    groups = [chain] if chain else []
    groups += [[i] for i in range(len(jobs)) if i not in chain]
    out: list[list[Reading]] = [[] for _ in jobs]
    with ThreadPoolExecutor(max_workers=min(len(groups), AT_ONCE)) as pool:
        tasks = [pool.submit(lambda group: [run(jobs[i]) for i in group], g) for g in groups]
        done = meanwhile()
        for group, task in zip(groups, tasks, strict=True):
            for i, result in zip(group, task.result(), strict=True):
                out[i] = result
    return out, done


LONE_DOUBT = 0.97  # measured: at 0.9 a few lone 0s misread as 6, 9 or 1 stay
DOUBT = 0.8  # a number whose least sure digit is below this is read again by the other engine


def _doubtful(r: Reading) -> bool:
    digits = [p for ch, p in zip(r.text, r.char_confidences, strict=False) if ch.isdigit()]
    # a lone digit has no neighbours to steady it (0 read as 6, 9 or 1): held to a higher bar
    bar = LONE_DOUBT if len(digits) <= 2 else DOUBT
    return not digits or min(digits) < bar or parse_digits(r.text.lstrip("A")) is None


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
    checker: OcrEngine,
    spared: frozenset[tuple[int, int]] = frozenset(),
    missed: frozenset[tuple[int, int]] = frozenset(),
) -> set[tuple[int, int]]:
    """Numbers the first engine (Tesseract) is unsure of are read again by ``checker`` (RapidOCR (measured: 99.8% of numbers right
    at 150-200 dpi against Tesseract's 95-99%, but ~4x slower, so only the doubtful ones); where
    the two disagree RapidOCR's reading is kept and Tesseract's becomes a candidate. ``spared``:
    cells a sum already confirms as first read (_summed_first), never read again. ``missed``: cells
    on the one line where a sum holding on the others fails (sums.near_misses), read again however
    sure the first engine was. Returns the cells read again."""
    widths = {(b.row, b.col): _width_per_char(readings[(b.row, b.col)][0].text, ink) for b, ink in members}
    known = sorted(w for w in widths.values() if w)
    typical = known[len(known) // 2] if len(known) >= 5 else 0.0
    doubtful = [
        (b, ink)
        for b, ink in members
        if (_doubtful(readings[(b.row, b.col)][0]) or _too_wide(widths[(b.row, b.col)], typical))
        and not (readings[(b.row, b.col)][0].text == "0" and is_zero_glyph(binary, ink))
    ]
    doubtful = [(b, ink) for b, ink in doubtful if (b.row, b.col) not in spared]
    doubtful += [(b, ink) for b, ink in members if (b.row, b.col) in missed and (b, ink) not in doubtful]
    if not doubtful:
        return set()
    again = checker.read_digits([crop(gray, ink, 1.0, pad) for _, ink in doubtful])
    for (b, _), r in zip(doubtful, again, strict=True):
        first = readings[(b.row, b.col)][0]
        text = rapid_number(r.text)
        if is_words(r.text) and not any(ch.isdigit() for ch in first.text):
            # right-aligned words in a value column (a remark: システム改修), which the digit
            # whitelist cannot read: the cell is text
            readings[(b.row, b.col)] = (r, False, checker.name)
            continue
        mixed = mixed_number(r.text, first.text)
        if mixed is not None:  # 6 1/4 read 614 first: a mixed number, never an amount (mixed_numbers.py)
            low = min(r.char_confidences, default=0.0)
            confs = tuple(1.0 if ch == " " else low for ch in mixed)
            readings[(b.row, b.col)] = (Reading(mixed, confs, alternative=first.text), False, checker.name)
            continue
        if parse_digits(text) is None:
            continue
        if parse_digits(text) == parse_digits(first.text.lstrip("A")):
            if well_formed(text):  # two engines agree, in the column's format: a confirmation
                readings[(b.row, b.col)] = (replace(first, agreed=True), *readings[(b.row, b.col)][1:])
            continue
        readings[(b.row, b.col)] = (replace(carried(r, text), alternative=first.text), True, checker.name)
    return {(b.row, b.col) for b, _ in doubtful}


ASTRAY_SHARE = 0.5  # of the numbers read twice: the second engine read other digits in this many
ASTRAY_MIN = 5  # and in this many cells at least (one or two disagreements are the doubt doing its job)


def _first_engine_astray(
    first: dict[tuple[int, int], Reading],
    readings: dict[tuple[int, int], tuple[Reading, bool, str]],
    read: set[tuple[int, int]],
) -> bool:
    """Whether the second engine read other digits than the first in most of the numbers it read
    again (at least ASTRAY_MIN of them): the first engine is then astray on this table's print, and
    its confident readings are no surer than its doubtful ones were (概算要求額総表: 41 of 45 read
    again differ, dropped or merged digits; the 12 it was sure of were 12 misreads)."""
    compared = differ = 0
    for key in read:
        if readings[key][0] is first[key]:
            continue  # the second engine read no number there
        before, after = parse_digits(first[key].text.lstrip("A")), parse_digits(readings[key][0].text)
        if before is None or after is None:
            continue
        compared += 1
        differ += abs(before) != abs(after)
    return differ >= ASTRAY_MIN and differ >= ASTRAY_SHARE * compared


def _summed_first(
    boxes: list[CellBox],
    inks: dict[CellBox, tuple[int, int, int, int] | None],
    readings: dict[tuple[int, int], tuple[Reading, bool, str]],
    numbers: list[tuple[CellBox, tuple[int, int, int, int]]],
    header_rows: int,
    frame: PixelFrame,
    dpi: float,
    signs: dict[tuple[int, int], str | None],
) -> tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
    """The number cells a sum confirms as first read (sums.py: their values as the table will
    hold them, the first readings assembled), that need no second reading: those read as digits
    and commas alone. A sign, read (a speck taken for a minus, a triangle for A) or told by its
    shape (a triangle, a speck before the digits), is still read again: the second reading settles
    what is printed there (measured: sparing those turned right values into corrected cells).
    Second, the number cells on a line where a sum that holds on the others fails (near_misses): a
    confident misread is there (めっき 生産実績: 740 for 710 at 0.98, and the row's 14 right figures
    named as the candidates)."""
    if len(numbers) < 3:
        return frozenset(), frozenset()
    table = assemble(boxes, inks, readings, header_rows, frame, 0, "", "", dpi, signs)
    keys = {(b.row, b.col) for b, _ in numbers}
    columns = {col for _, col in keys}
    values: dict[tuple[int, int], int | None] = {}
    for c in table.body_cells():
        if c.value is not None and ((c.row, c.col) in keys or c.col in columns):
            # a total read as text in a column of numbers (【139,072,277】: its brackets put it in
            # a label strip) is a figure of the sum all the same; never spared itself (not a number cell)
            values[(c.row, c.col)] = int(c.value) if c.value == c.value.to_integral_value() else None
        elif (c.row, c.col) in keys and c.null_reason not in (NullReason.BLANK, NullReason.DASH):
            values[(c.row, c.col)] = None  # ink that reads as no number: no sum goes through it
    # side-by-side halves (a balance sheet's 資産 | 負債・純資産) sum apart, as the tables they become:
    # a row sum of one half never has to hold in the other (measured on the copier scan's p.9:
    # 0 → 14 of 34 number cells spared, 27 → 16 read again)
    starts = half_starts(boxes, readings, header_rows)
    ends = [*starts[1:], max(b.col + b.col_span for b in boxes)]
    halves = [{k: v for k, v in values.items() if a <= k[1] < e} for a, e in zip(starts, ends, strict=True)]
    summed = set().union(*(summed_cells(half) for half in halves))
    # items in a 内訳 column, their total in the 計 column beside it (販売費及び一般管理費: 27 → 0 read again)
    summed |= breakdown_cells(
        values, breakdown_pairs(table, {k: v for k, v in values.items() if v is not None})
    )
    spared = frozenset(
        key for key in summed if key in keys and signs.get(key) is None and _as_printed(readings[key][0].text)
    )
    missed = set().union(*(near_misses(half) for half in halves))
    return spared, frozenset(key for key in missed if key in keys and key not in spared)


def _as_printed(text: str) -> bool:
    return bool(_DIGITS_AND_COMMAS.fullmatch(text.replace(" ", "")))


_DIGITS_AND_COMMAS = re.compile(r"\d[\d,]*\d|\d")


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
    prose: np.ndarray | None = None,
    plain: np.ndarray | None = None,
    bilevel: bool = False,
    unfiltered: np.ndarray | None = None,
) -> list[Table]:
    """OCR every cell box and assemble the Table (header cells, labels, numbers, rows, columns);
    two or more Tables when the grid holds side-by-side halves (halves.py).

    Each strip goes to the engine the registry picks for its kind of cell (engines/registry.py).
    ``prose``: the page before speck removal, for text cells that wrap over several lines.
    ``plain``: the page never median-filtered, for header cells (the filter wipes inner strokes:
    目 read 日 at 200 dpi, 公益事業 read 公益事集 and 計 read 新 at 150 dpi).
    ``unfiltered``: that page where ``plain`` is not used for headers (borderless tables), for the
    faint △ set apart from an amount (signs.detached_triangle)."""
    boxes = sub_columns(binary, boxes, header_rows, dpi)  # a sub-column rule lost on one row
    inks = [(b, ink_box(binary, b, dpi)) for b in boxes]
    present = [(b, i) for b, i in inks if i is not None]
    numbered = item_numbers(binary, present, header_rows)  # 要求番号 1-5 left of the labels, apart
    if numbered:
        inks = [(b, numbered[b][1] if b in numbered else i) for b, i in inks]
        present = [(b, i) for b, i in inks if i is not None]
    scale = text_scale(binary, [(b, i) for b, i in present if b.row >= header_rows])
    pad = max(3, int(dpi / 50))
    # Group into strips: header cells; label column; then per column, numeric (right-aligned) or text.
    groups: dict[tuple[ReadKind, int], list[tuple[CellBox, tuple[int, int, int, int]]]] = {}
    enclosed: dict[tuple[int, int], tuple[tuple[int, int, int, int], tuple[int, int, int, int]]] = {}
    words = word_columns(present, header_rows)
    figures = digit_columns(binary, present, header_rows)  # counts centred in their cells
    # figures with a decimal point are read as text, from the page before speck removal
    decimals = decimal_cells(binary, gray, prose, present, header_rows)
    for b, ink in present:
        if b.row < header_rows:
            ink = without_specks(binary, ink, dpi)
            key = (ReadKind.VERTICAL if upright(ink, scale) else ReadKind.HEADER, 0)
        elif b.col == 0 and b.row_span > 1 and upright(ink, scale, 1.8):
            key = (ReadKind.VERTICAL, 0)  # a group name written downwards over its block of rows (歳入)
        elif b.col == 0 or b.col_span > 1:
            key = (ReadKind.TEXT, 0)
        else:
            number = (b.row, b.col) not in decimals and (
                figures.get((b.row, b.col), False)
                or (right_aligned(ink, b) and not (b.col in words and fills(ink, b)))
            )
            key = (ReadKind.NUMBER if number else ReadKind.TEXT, 0)
            inside = parenthesised(binary, ink) if key[0] is ReadKind.NUMBER else None
            if inside is not None:  # (1,190): the digits are read alone, the sign is the shape's
                enclosed[(b.row, b.col)] = (ink, inside)
                ink = inside
        groups.setdefault(key, []).append((b, ink))
    if enclosed:  # the parentheses whitened, or a crop's margin takes a piece of them (read as 1 or 7)
        gray = gray.copy()
        for (x0, y0, x1, y1), (left, _, right, _) in enclosed.values():
            gray[y0:y1, max(0, x0 - pad) : left] = 255
            gray[y0:y1, right : x1 + pad] = 255
    jobs: list[tuple[list[np.ndarray], ReadKind]] = []
    owners: list[list[CellBox]] = []
    spans: list[list[int]] = []  # crops per cell (text lines)
    heights = sorted(i[3] - i[1] for b, i in present if b.row >= header_rows)
    line_px = heights[len(heights) // 4] if heights else 0  # a single line (most cells are one line)
    readers = {kind: reader_for(kind, lang) for kind, _ in groups}
    for (kind, _), members in sorted(groups.items()):
        reader = readers[kind]
        # Few big strips: each tesseract call pays ~0.2 s to load its model.
        n_chunks = max(workers() if kind is ReadKind.NUMBER else 1, -(-len(members) // STRIP_MAX))
        size = -(-len(members) // n_chunks)
        for i in range(0, len(members), size):
            chunk = members[i : i + size]
            if kind is ReadKind.NUMBER:
                f = scale
            elif reader.line_reader:
                f = 1.0  # its recognizer rescales every line to 48 px itself (RapidOCR)
            else:
                f = scale * LABEL_SCALE
            if kind in (ReadKind.TEXT, ReadKind.HEADER) and reader.line_reader:
                # a line recognizer reads one line: a wrapped cell (council tables) is read line by line,
                # and so is a header of two lines (3年度発行額 over (繰越分): one line read 3度行)
                header = kind is ReadKind.HEADER
                parts = cell_lines(binary, chunk, line_px, prose is not None and not header)
                if header:  # a line of a few characters is read with the rest: 計 over a (B) set
                    # right, read alone, was 計t and (8 (the 概算要求 page's formula tag lost)
                    parts = [
                        lines
                        if all(x1 - x0 >= HEADER_LINE * (y1 - y0) for x0, y0, x1, y1 in lines)
                        else [ink]
                        for (_, ink), lines in zip(chunk, parts, strict=True)
                    ]
                source = (
                    [plain if plain is not None else gray] * len(chunk)  # as a header read whole is
                    if header
                    else [
                        prose
                        if prose is not None and (len(lines) > 1 or (b.row, b.col) in decimals)
                        else gray
                        for (b, _), lines in zip(chunk, parts, strict=True)
                    ]
                )
                jobs.append(
                    (
                        [
                            crop(src, ln, f, pad)
                            for src, lines in zip(source, parts, strict=True)
                            for ln in lines
                        ],
                        kind,
                    )
                )
                spans.append([len(lines) for lines in parts])
            else:
                src = plain if kind in (ReadKind.VERTICAL, ReadKind.HEADER) and plain is not None else gray
                jobs.append(([crop(src, ink, f, pad) for _, ink in chunk], kind))
                spans.append([1] * len(chunk))
            owners.append([b for b, _ in chunk])
    unfiltered = plain if plain is not None else unfiltered

    def signs_of() -> dict[tuple[int, int], str | None]:
        """The sign printed before each number: read off the ink, not the readings."""
        signs = {
            (b.row, b.col): "()" if (b.row, b.col) in enclosed else leading_triangle(binary, ink)
            for (kind, _), members in groups.items()
            if kind is ReadKind.NUMBER
            for b, ink in members
        }
        # a faint △ apart from its amount: the median filter wiped it from ``binary``
        if unfiltered is not None:
            for b, ink in groups.get((ReadKind.NUMBER, 0), []):
                sign = signs.get((b.row, b.col))
                if sign is None or sign == "speck":  # (a speck: what the filter left of the △)
                    cell = (b.x0, b.y0, b.x1, b.y1)
                    digits = past_speck(binary, ink) if sign else ink
                    signs[(b.row, b.col)] = detached_triangle(unfiltered, cell, digits, dpi) or sign
        return signs

    readings: dict[tuple[int, int], tuple[Reading, bool, str]] = {}
    raw, signs = _read_all(jobs, readers, signs_of)
    results = [_joined(r, n) for r, n in zip(raw, spans, strict=True)]
    for (_, kind), who, result in zip(jobs, owners, results, strict=True):
        for b, r in zip(who, result, strict=True):
            readings[(b.row, b.col)] = (r, kind is ReadKind.NUMBER, readers[kind].name)
    numbering: dict[int, str] = {}
    if numbered:  # read on their own, digits only: the row's numbering, not label text
        cells = list(numbered.items())
        number_reader = readers.get(ReadKind.NUMBER) or reader_for(ReadKind.NUMBER, lang)
        got = number_reader.read_digits([crop(gray, n, scale, pad) for _, (n, _) in cells])
        numbering = {b.row: r.text.strip() for (b, _), r in zip(cells, got, strict=True) if r.text.strip()}
    alternatives: dict[tuple[int, int], tuple[str, ...]] = {}
    number_checker = engine_for(ReadKind.NUMBER_CHECK, lang)
    if number_checker is not None:
        numbers = groups.get((ReadKind.NUMBER, 0), [])
        spared, missed = _summed_first(boxes, dict(inks), readings, numbers, header_rows, frame, dpi, signs)
        first = {k: readings[k][0] for k in ((b.row, b.col) for b, _ in numbers)}
        read = _second_opinion(gray, binary, numbers, readings, pad, number_checker, spared, missed)
        if _first_engine_astray(first, readings, read):
            # the first engine misreads this table's print (condensed digits: 290,056 read 20056 at
            # 0.96, its width no use as a test when most readings drop digits): what it read with
            # confidence is read again too, but for a zero its shape confirms and a lone digit
            rest = [
                (b, ink)
                for b, ink in numbers
                if (b.row, b.col) not in read
                and (b.row, b.col) not in spared
                and sum(ch.isdigit() for ch in first[(b.row, b.col)].text) >= 2
            ]
            if rest:
                read |= _second_opinion(
                    gray,
                    binary,
                    rest,
                    readings,
                    pad,
                    number_checker,
                    missed=frozenset((b.row, b.col) for b, _ in rest),
                )
        if read:
            # a sum failing on two lines as first read can fail on one once the doubtful cells are
            # read again (地方債現在高調書: 300,000 → 4,300,000 left 7,723,118 alone on its line, a
            # confident misread of 7,724,118): that line's cells not yet read again are read now
            _, missed = _summed_first(boxes, dict(inks), readings, numbers, header_rows, frame, dpi, signs)
            later = frozenset(missed - read)
            if later:
                members = [(b, ink) for b, ink in numbers if (b.row, b.col) in later]
                _second_opinion(gray, binary, members, readings, pad, number_checker, missed=later)
    number_reader = readers.get(ReadKind.NUMBER) or reader_for(ReadKind.NUMBER, lang)
    dates = split_dates(  # 年 | 月 | 日 under one header: a date's parts, never an amount
        gray, binary, boxes, dict(inks), readings, header_rows, number_reader, scale, pad, number_checker
    )
    # 6 1/4 in a number column (the second engine read the fraction bar): text, as a date's parts
    mixed = {
        (b.row, b.col)
        for b, _ in groups.get((ReadKind.NUMBER, 0), [])
        if not readings[(b.row, b.col)][1] and is_mixed_number(readings[(b.row, b.col)][0].text)
    }
    starts = half_starts(boxes, readings, header_rows)
    text_checker = engine_for(ReadKind.TEXT_CHECK, lang)
    if text_checker is not None:
        text_cells = groups.get((ReadKind.TEXT, 0), [])
        # a label first read as a known word is kept as read whatever its other readings say
        # (chohyo.japanese.accounts, the words normalize repairs labels to): it is not read again
        known = {
            (b.row, b.col) for b, _ in text_cells if is_account_word(readings[(b.row, b.col)][0].text.strip())
        }
        # on a clean grayscale scan the label readings changed no label: measured
        clean = dpi >= CLEAN_SCAN_DPI and not bilevel
        if not clean:
            alternatives = other_label_readings(
                gray,
                binary,
                [(b, ink) for b, ink in text_cells if (b.row, b.col) not in known],
                header_rows,
                line_px,
                pad,
                text_checker,
            )
        # only cells that stay text need it (doubt.py): not an empty one, not a number read as text;
        # a right-hand half's label column is labels, read again as column 0 is (not on a clean scan)
        text_only = [
            (b, ink)
            for b, ink in text_cells
            if (text := readings[(b.row, b.col)][0].text.strip())
            and (
                not clean and (b.row, b.col) not in known
                if b.col in starts
                else not looks_numeric(text, ocr=True)
            )
        ]
        alternatives.update(
            other_text_readings(gray, binary, text_only, header_rows, line_px, pad, prose, text_checker)
        )
    ends = [*starts[1:], max(b.col + b.col_span for b in boxes)]
    ink_of = dict(inks)
    tables = []
    for i, (a, e) in enumerate(zip(starts, ends, strict=True)):
        # each half a table of its own, its columns numbered from its own label column
        part = [replace(b, col=b.col - a) for b in boxes if a <= b.col < e]
        tables.append(
            split_labelled_cells(  # 取崩 △13,000 over 積立 5 in one column: a column a word
                assemble(
                    part,
                    {replace(b, col=b.col - a): ink_of[b] for b in boxes if a <= b.col < e},
                    {(r, c - a): v for (r, c), v in readings.items() if a <= c < e},
                    header_rows,
                    frame,
                    page,
                    table_id if i == 0 else f"{table_id}h{i + 1}",
                    method,
                    dpi,
                    {(r, c - a): v for (r, c), v in signs.items() if a <= c < e},
                    {(r, c - a): v for (r, c), v in alternatives.items() if a <= c < e},
                    {(r, c - a) for (r, c) in dates if a <= c < e},
                    numbering if i == 0 else None,
                    {(r, c - a) for (r, c) in mixed if a <= c < e},
                )
            )
        )
    return tables


FILLED = 0.75  # of a cell's width: ink this wide in a column of words is words, wherever it ends


def fills(ink: tuple[int, int, int, int], b: CellBox) -> bool:
    return ink[2] - ink[0] >= FILLED * (b.x1 - b.x0)


def word_columns(present: list[tuple[CellBox, tuple[int, int, int, int]]], header_rows: int) -> set[int]:
    """Columns (past the first) whose body cells are mostly not right-aligned: columns of words, such
    as the inner label column under an indent (収支の状況's (1) 人件費). A label there that runs to
    the cell's right edge (``(2) 本年の収入額   1~6の計``) is right-aligned too, yet words: read as
    a number it came out ``2160``."""
    ones = [(b, ink) for b, ink in present if b.row >= header_rows and b.col > 0 and b.col_span == 1]
    cols = {b.col for b, _ in ones}
    return {
        c
        for c in cols
        if 2 * sum(right_aligned(ink, b) for b, ink in ones if b.col == c) < sum(b.col == c for b, _ in ones)
    }


def other_text_readings(
    gray: np.ndarray,
    binary: np.ndarray,
    members: list[tuple[CellBox, tuple[int, int, int, int]]],
    header_rows: int,
    line_px: int,
    pad: int,
    prose: np.ndarray | None,
    checker: OcrEngine,
) -> dict[tuple[int, int], tuple[str, ...]]:
    """A second reading of each text cell outside the label column (an opinion, a name), line by
    line from softened crops: where it differs from the first, the cell is doubtful (doubt.py), as
    nothing else can check a text cell."""
    cells = [(b, ink) for b, ink in members if b.col != 0 and b.row >= header_rows]
    if not cells:
        return {}
    parts = cell_lines(binary, cells, line_px, prose is not None)
    crops = [
        cv2.GaussianBlur(
            crop(prose if prose is not None and len(lines) > 1 else gray, ln, 1.0, pad), (3, 3), 0
        )
        for lines in parts
        for ln in lines
    ]
    joined = _joined(checker.read_lines(crops, ReadKind.TEXT_CHECK), [len(lines) for lines in parts])
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
    checker: OcrEngine,
) -> dict[tuple[int, int], tuple[str, ...]]:
    """``checker``'s (RapidOCR's) readings of each one-line label cell (column 0) from the label_variants crops."""
    labels = [
        (b, ink)
        for b, ink in members
        if b.col == 0 and b.row >= header_rows and len(text_lines(binary, ink, line_px)) == 1
    ]
    if not labels:
        return {}
    crops = [v for _, ink in labels for v in label_variants(crop(gray, ink, 1.0, pad))]
    read = checker.read_lines(crops, ReadKind.TEXT_CHECK)
    n = len(crops) // len(labels)
    return {
        (b.row, b.col): tuple(r.text for r in read[k * n : (k + 1) * n]) for k, (b, _) in enumerate(labels)
    }


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
