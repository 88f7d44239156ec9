"""A photographed receipt's lines ``label ¥amount`` as a table of two columns (品目 | 金額).

A receipt lists its items, 小計, 合計, the tax, the cash tendered and the change one to a line, the
label at the left and the amount marked ¥ at the right. Photographed, its lines seldom line up
well enough for the table finders (a curved strip of paper, labels right-aligned under items set
left), so they end up as text, where no sum checks them (issue 15: 'a receipt photo reported
success with 0 tables'). On a page read from a photo (photo.py), the text's ``label ¥amount``
pairs become the rows of a table when there are three or more: validation then finds what sums it
can (小計 = Σ items) and names every amount nothing confirms (``ocr-unconfirmed``), as in any
OCR'd table. An amount in brackets, ``(¥39)`` (the tax included), is the amount: receipts bracket
what is included, never a negative. Each amount keeps the text block's two-engine agreement
(page_text.agreed_figures): two engines that read the same digits on the line confirm it.

The page's text lines are found for a page of prose; a receipt's are set so tightly that they
touch (Seria's 小計 over its (外税10%対象額 ¥300): one line read, one ¥300 lost with no finding).
So a photo's receipt is first read line by line on its own (``receipt_lines``): its ink rows cut
apart where no ink crosses (a run two lines high split at its faintest row), each line read by
both engines; the table is made from those lines when three or more hold an amount, and from the
page's text blocks only when they do not. A line in which either engine read a ¥ and a figure but
no ``label ¥amount`` came out stays in the text marked ``UNREAD`` (photo-not-read names it): no
amount read on a receipt ends in no cell without a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import reduce

import cv2
import numpy as np
from chohyo.extract.ocr.cell_boxes import PixelFrame
from chohyo.extract.ocr.engines import ReadKind, engine_for, reader_for
from chohyo.extract.photo_pages import UNREAD
from chohyo.extract.tables.build import to_table
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.model import (
    ITEMS_UNREAD,
    OCR_AGREED,
    RECEIPT_LINES,
    BBox,
    Cell,
    Page,
    Provenance,
    Table,
    TextBlock,
    TextRole,
)

MIN_LINES = 3  # fewer ¥ amounts are a price tag or a total, not a list
METHOD = RECEIPT_LINES
_PAIR = re.compile(
    r"(?P<label>[^¥￥]*?)[(（]?\s*[¥￥]\s?(?P<amount>\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)\s*[)）]?"
)
_LABEL_EDGES = " 　()（）:：・.、"
# Tesseract reads the yen sign of a receipt's font as a backslash (``小計 \\300``)
_BACKSLASH_YEN = re.compile(r"\\+(?=\s?\d)")
_HALF_YEN = re.compile(r"半\s?(?=\d)")
_DOT_THOUSANDS = re.compile(r"(\d)\.(\d{3})(?!\d)")
_YEN_FIGURE = re.compile(r"[¥￥]\s?\d")
# a line of its own under an item's name (Can★Do: ``外 ¥100``): a tax mark, not the item's label
_MARK = re.compile(r"^(?:\d{1,3}点)?[外内※軽非*＊]?$")  # or a count alone (``2点 ¥291`` under ``[TO小計]``)
# 計 set wide on a receipt's total line is read as its two halves (合計 → 合言十)
_SPLIT_KEI = re.compile(r"言\s?十")
_ENDS_IN_FIGURE = re.compile(r"\D\s*\d{1,3}(?:[,，.]\d{3})*\s*[)）]?\s*$|\D\s*\d{2,7}\s*[)）]?\s*$")
_LEADERS = re.compile(r"[-－ー―‐─一=＝]{3,}\s*$")  # ``[TO小計]------``: a rule after the name
_CODE = re.compile(r"^[\d\s-]+$")  # a JAN code or a number of its own: no item's name
# ink rows: a row with fewer ink pixels than this share of the width is blank between two lines
BLANK_ROW = 0.004
TWO_LINES = 1.6  # a run of ink this many typical lines high is lines that touch: it is cut
FAINT = 0.35  # ... at its faintest row, when that row has this share of the run's median ink or less
PAD = 4  # px of white kept around a line's crop


# an item's line printed without ¥: its name, the tax mark (内 included, 外 added, 軽 reduced rate)
# and its price at the end (まるまつ: ``とんかつ定 内 970``)
_MARKED = re.compile(r"^(?P<label>.*?\D)\s*[内外軽※＊*]\s*(?P<amount>\d{1,3}(?:[,，]\d{3})+|\d{1,7})\s*$")


def pairs_in(text: str) -> list[tuple[str, str]]:
    """The ``(label, amount)`` pairs of a receipt line's text (amount digits with their commas)."""
    found = [
        (m.group("label").strip(_LABEL_EDGES), m.group("amount").replace("，", ","))
        for m in _PAIR.finditer(text)
    ]
    if not found and (m := _MARKED.match(text.strip())):
        label = m.group("label").strip(_LABEL_EDGES)
        found = [(label, m.group("amount").replace("，", ","))] if label else []
    return found


@dataclass(frozen=True)
class ReceiptLine:
    """One printed line of a receipt: its pixel rows and columns, and the two engines' readings."""

    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels
    text: str  # the first reading (RapidOCR's where installed: far better on Japanese)
    other: str  # the second engine's, "" when there is none
    confidence: float


def _print(gray: np.ndarray) -> np.ndarray:
    """Where ``gray`` is ink of the print: not the ground beside the paper (まるまつ: a wedge of the
    table the receipt lay on, down the right edge the paper was not cut to, ran 13 item lines into
    one), a dark region touching the image's left or right edge over a tenth of its height."""
    ink = (gray < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = gray.shape
    ground = [
        i
        for i in range(1, n)
        if (stats[i, cv2.CC_STAT_LEFT] == 0 or stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] == w)
        and stats[i, cv2.CC_STAT_HEIGHT] > h / 10
    ]
    mask: np.ndarray = ink.astype(bool)
    if ground:
        mask &= ~np.isin(labels, ground)
    return mask


def ink_rows(gray: np.ndarray, printed: np.ndarray | None = None) -> list[tuple[int, int]]:
    """The pixel rows of each printed line: runs of rows with ink, a run as high as two lines or
    more cut at its faintest rows (lines set so tightly that their strokes touch)."""
    ink = (_print(gray) if printed is None else printed).sum(axis=1).astype(float)
    on = ink > max(2.0, BLANK_ROW * gray.shape[1])
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    runs = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    heights = [b - a for a, b in runs if b - a > 4]
    if not heights:
        return []
    typical = float(np.median(heights))
    out: list[tuple[int, int]] = []
    for a, b in runs:
        out.extend(_cut(ink, a, b, typical))
    return out


def _cut(ink: np.ndarray, a: int, b: int, typical: float) -> list[tuple[int, int]]:
    if b - a < TWO_LINES * typical:
        return [(a, b)]
    run = np.convolve(ink[a:b], np.ones(5) / 5, mode="same")
    margin = max(1, int(0.4 * typical))
    inner = run[margin : b - a - margin]
    if inner.size == 0:
        return [(a, b)]
    at = int(np.argmin(inner)) + margin
    if run[at] > FAINT * float(np.median(run)):
        return [(a, b)]
    return _cut(ink, a, a + at, typical) + _cut(ink, a + at, b, typical)


def receipt_lines(gray: np.ndarray, lang: str = "jpn") -> list[ReceiptLine]:
    """Every printed line of an upright receipt image, read by Tesseract and (when installed) by
    RapidOCR; Tesseract's backslash for ¥ is given back its yen sign."""
    boxes = []
    printed = _print(gray)
    for y0, y1 in ink_rows(gray, printed):
        cols = np.flatnonzero(printed[y0:y1].any(axis=0))
        if cols.size:
            boxes.append((int(cols[0]), y0, int(cols[-1]) + 1, y1))
    crops = [gray[max(0, y0 - PAD) : y1 + PAD, max(0, x0 - PAD) : x1 + PAD] for x0, y0, x1, y1 in boxes]
    if not crops:
        return []
    first = reader_for(ReadKind.PAGE, lang).read_lines(crops)
    second = engine_for(ReadKind.PROSE, lang)
    if second is not None:  # RapidOCR reads the line; Tesseract's reading is the second one
        first, others = second.read_lines(crops, ReadKind.PROSE), first
    else:
        others = []
    out = []
    for k, box in enumerate(boxes):
        text = _BACKSLASH_YEN.sub("¥", first[k].text)
        other = _BACKSLASH_YEN.sub("¥", others[k].text) if others else ""
        out.append(ReceiptLine(box, text, other, first[k].confidence))
    return out


def _as_yen(other: str) -> str:
    """The second reading's amounts as yen: its ``半`` before a figure is the ¥ (Tesseract, むこたま's
    ``( 半39)``) and a dot before three digits a comma (``¥1.000``: yen have no decimals)."""
    return _DOT_THOUSANDS.sub(r"\1,\2", _HALF_YEN.sub("¥", other))


def _digits(amount: str) -> str:
    return re.sub(r"\D", "", amount)


def _lines_table(page: Page, table_id: str, lines: list[ReceiptLine], frame: PixelFrame) -> Page | None:
    """``page`` with a table of its receipt ``lines``' pairs, or None when fewer than MIN_LINES."""
    rows: list[tuple[ReceiptLine, str, str, bool]] = []
    unread: list[ReceiptLine] = []
    named: list[int] = []  # price lines named by the line above (an item's name)
    for k, line in enumerate(lines):
        found = pairs_in(line.text)
        # a second reading of its amounts: the other engine's, or the page's own pass over the line
        # (Tesseract's page reading that RapidOCR read alike: page_text.agreed_figures)
        seconds = {_digits(a) for _, a in pairs_in(_as_yen(line.other))} | _agreed_near(
            page, frame.bbox(*line.box)
        )
        if not found:
            if _YEN_FIGURE.search(line.text) or _YEN_FIGURE.search(line.other):
                unread.append(line)
            continue
        if len(pairs_in(line.other)) > len(found):  # the other engine read more amounts on it
            unread.append(line)
        for label, amount in found:
            if _MARK.match(label.replace(" ", "")) and k > 0 and _item_name(lines, k):
                label = _item_name(lines, k)
                named.append(k)
            rows.append((line, _SPLIT_KEI.sub("計", label), amount, _digits(amount) in seconds))
    if len(rows) < MIN_LINES:
        return None
    # between its first and last amount, a line ending in a figure whose ¥ neither engine saw
    # (``外 。 剖00``) is an amount lost too
    # (an item's name ending in digits, ``Aタイプ475``, ends short of the amounts' right edge)
    inside = range(lines.index(rows[0][0]), lines.index(rows[-1][0]))
    taken = {id(r[0]) for r in rows} | {id(ln) for ln in unread} | {id(lines[k - 1]) for k in named}
    right = float(np.median([r[0].box[2] for r in rows]))
    unread += [
        lines[k]
        for k in inside
        if id(lines[k]) not in taken
        and abs(lines[k].box[2] - right) <= lines[k].box[3] - lines[k].box[1]  # within a glyph
        and _ENDS_IN_FIGURE.search(lines[k].text)
        and not _CODE.match(lines[k].text)
    ]
    cells = []
    for r, (line, label, amount, _) in enumerate(rows):
        box = frame.bbox(*line.box)
        cells.append(GridCell(r, 0, bbox=box, text=label))
        cells.append(GridCell(r, 1, bbox=box, text=amount))
    span = reduce(BBox.union, (frame.bbox(*ln.box) for ln, _, _, _ in rows))
    table = to_table(
        Grid(page.number, len(rows), 2, cells, span, METHOD, header_rows=0), table_id, "tesseract"
    )

    def with_reading(cell: Cell) -> Cell:
        line, _, _, agreed = rows[cell.row]
        marks: tuple[str, ...] = (OCR_AGREED,) if agreed and cell.col == 1 else ()
        if any(ln.box[1] < line.box[1] for ln in unread):  # an amount above it made no row
            marks += (ITEMS_UNREAD,)
        return replace(cell, confidence=line.confidence, provenance=Provenance("tesseract", METHOD, marks))

    table = replace(table, cells=tuple(with_reading(c) for c in table.cells))
    lines_read = reduce(
        BBox.union, [frame.bbox(*ln.box) for ln in lines if pairs_in(ln.text) or ln in unread]
    )
    # the page's own reading of these lines (its text blocks, a noise table over them) is replaced
    text = tuple(
        b for b in page.text_blocks if not (_YEN_FIGURE.search(b.text) and _within(b.bbox, lines_read))
    )
    kept = tuple(t for t in page.tables if not _within(t.bbox, lines_read) and not _header(t, lines_read))
    # a "table" above the receipt's lines with no amount in it is its logo and header (Seria's
    # `M Se | ria`, `五条西小店 | 161` from 店番 1612): given back to the page as its lines of text
    header = tuple(
        TextBlock(page.number, " ".join(c.text for c in row if c.text), TextRole.PARAGRAPH, row[0].bbox)
        for t in page.tables
        if _header(t, lines_read)
        for row in _rows(t)
        if any(c.text for c in row)
    )
    left = tuple(
        TextBlock(
            page.number,
            ln.other if len(pairs_in(ln.other)) > len(pairs_in(ln.text)) else ln.text,
            TextRole.PARAGRAPH,
            frame.bbox(*ln.box),
            confidence=ln.confidence,
            provenance=Provenance("tesseract", METHOD, (UNREAD,)),
        )
        for ln in unread
    )
    return replace(page, tables=(*kept, table), text_blocks=(*header, *text, *left))


def _header(table: Table, lines_read: BBox) -> bool:
    """A table wholly above the receipt's lines, none of its cells holding a ¥ amount."""
    return (
        table.bbox is not None
        and table.bbox.bottom <= lines_read.top
        and not any(_YEN_FIGURE.search(_BACKSLASH_YEN.sub("¥", c.text)) for c in table.cells)
    )


def _rows(table: Table) -> list[list[Cell]]:
    rows: dict[int, list[Cell]] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(c.row, []).append(c)
    return list(rows.values())


def _item_name(lines: list[ReceiptLine], k: int) -> str:
    """The item's name printed on the line above a price line of a tax mark alone (``外 ¥100``)."""
    above = lines[k - 1]
    if pairs_in(above.text) or _CODE.match(above.text.strip() or "0"):
        return ""
    return _LEADERS.sub("", above.text).strip()


def _within(box: BBox | None, span: BBox) -> bool:
    """``box``'s middle lies between the top and the bottom of ``span`` (the lines read)."""
    return box is not None and span.top <= (box.top + box.bottom) / 2 <= span.bottom


def _agreed_near(page: Page, box: BBox) -> set[str]:
    """The figures two engines read alike in the page's text block of this one line (a block over
    ``box``'s middle no taller than two lines: a block of several lines agreeing on a ¥100
    elsewhere in it would confirm a misread of this one)."""
    y = (box.top + box.bottom) / 2
    tall = 2.2 * (box.bottom - box.top)
    return {
        t.removeprefix(f"{OCR_AGREED}:")
        for b in page.text_blocks
        if b.bbox is not None and b.bbox.top <= y <= b.bbox.bottom and b.bbox.bottom - b.bbox.top <= tall
        for t in b.provenance.transforms
        if t.startswith(f"{OCR_AGREED}:")
    }


def with_receipt_table(
    page: Page,
    table_id: str,
    gray: np.ndarray | None = None,
    frame: PixelFrame | None = None,
    lang: str = "jpn",
) -> Page:
    """``page`` with its receipt's ``label ¥amount`` lines made a table: read line by line from
    ``gray`` (the upright photo as read, ``frame`` placing its pixels on the page) when three or
    more of its lines hold an amount; else from the page's text blocks, when they hold
    ``MIN_LINES`` or more; else ``page`` unchanged."""
    if gray is not None and frame is not None and _has_amounts(page):
        made = _lines_table(page, table_id, receipt_lines(gray, lang), frame)
        if made is not None:
            return made
    return _blocks_table(page, table_id)


def _has_amounts(page: Page) -> bool:
    """The page's own reading saw a yen amount somewhere (a receipt, not a notice or a table)."""
    texts = [b.text for b in page.text_blocks] + [c.text for t in page.tables for c in t.cells]
    return any(_YEN_FIGURE.search(_BACKSLASH_YEN.sub("¥", t)) for t in texts)


def _blocks_table(page: Page, table_id: str) -> Page:
    """``page`` with its text's ``label ¥amount`` pairs made a table (its blocks leave the text),
    when it has ``MIN_LINES`` or more; else ``page`` unchanged."""
    rows: list[tuple[TextBlock, str, str]] = []
    used: set[int] = set()
    for i, block in enumerate(page.text_blocks):
        found = pairs_in(block.text)
        if found:
            used.add(i)
            rows.extend((block, label, amount) for label, amount in found)
    if len(rows) < MIN_LINES:
        return page
    cells = []
    for r, (block, label, amount) in enumerate(rows):
        cells.append(GridCell(r, 0, bbox=block.bbox, text=label))
        cells.append(GridCell(r, 1, bbox=block.bbox, text=amount))
    boxes = [b.bbox for b, _, _ in rows if b.bbox is not None]
    bbox = reduce(BBox.union, boxes) if boxes else BBox(0, 0, page.width, page.height)
    table = to_table(
        Grid(page.number, len(rows), 2, cells, bbox, METHOD, header_rows=0), table_id, "tesseract"
    )
    table = replace(table, cells=tuple(_with_reading(c, rows[c.row][0]) for c in table.cells))
    text = tuple(b for i, b in enumerate(page.text_blocks) if i not in used)
    return replace(page, tables=(*page.tables, table), text_blocks=text)


def _with_reading(cell: Cell, block: TextBlock) -> Cell:
    """A cell of the receipt table with its line's OCR confidence and, for an amount two engines
    read alike on that line, the agreement in its provenance."""
    agreed = f"{OCR_AGREED}:{cell.text.replace(',', '')}" in block.provenance.transforms
    prov = Provenance("tesseract", METHOD, (OCR_AGREED,) if agreed and cell.col == 1 else ())
    return replace(cell, confidence=block.confidence, provenance=prov)
