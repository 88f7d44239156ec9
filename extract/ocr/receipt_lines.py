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
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import reduce

from chohyo.extract.tables.build import to_table
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.model import OCR_AGREED, BBox, Cell, Page, Provenance, TextBlock

MIN_LINES = 3  # fewer ¥ amounts are a price tag or a total, not a list
METHOD = "ocr-receipt-lines"
_PAIR = re.compile(
    r"(?P<label>[^¥￥]*?)[(（]?\s*[¥￥]\s?(?P<amount>\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)\s*[)）]?"
)
_LABEL_EDGES = " 　()（）:：・.、"


def pairs_in(text: str) -> list[tuple[str, str]]:
    """The ``(label, amount)`` pairs of a receipt line's text (amount digits with their commas)."""
    return [
        (m.group("label").strip(_LABEL_EDGES), m.group("amount").replace("，", ","))
        for m in _PAIR.finditer(text)
    ]


def with_receipt_table(page: Page, table_id: str) -> Page:
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
