"""A photographed page whose amounts were not read into a table says so (issue 15).

The OCR path corrects a photo before reading it (extract/ocr/photo.py: rectified, light flattened,
scaled) and notes it on the page. A receipt or a notice photographed on a table top is still read
worse than a scan: its list of 品目 | 金額 often comes out as lines of text, where no sum checks it.
Such a page is never reported as plain ``success``: an error when no table was read from it at all
(the document's status becomes ``partial``), a warning when some amounts were left outside its
tables. The message tells the clerk what to do: scan it flat, or compare the amounts with the paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chohyo.extract.unread_amounts import amounts_in
from chohyo.findings import finding
from chohyo.model import CellKind, Finding, Page, Severity

PHOTO_NOTE = "photo: "  # the page note of a page read from a photo (extract/ocr/photo.py)
# a text block's transform: a receipt line in which a ¥ and a figure were read but that made no row
# of the receipt's table (extract/ocr/receipt_lines.py); reported however few, never left silent
UNREAD = "receipt-line-unread"
MIN_AMOUNTS = 2  # a photo's lone amount (a price on a poster) is no list of amounts
MIN_FIGURES = 8  # figures of two digits or more: a page of them is a table not read
_FIGURE = re.compile(r"\d[\d,，.]*\d")


def is_photo(page: Page) -> bool:
    return any(n.startswith(PHOTO_NOTE) for n in page.notes)


def unread_photos(pages: Iterable[Page]) -> list[Finding]:
    """One ``photo-not-read`` per photographed page with amounts in its text, outside any table,
    or read as text in a table's cells rather than as their values."""
    out = []
    for page in pages:
        if not is_photo(page):
            continue
        found = [a for b in page.text_blocks for a in amounts_in(b.text)]
        # ¥100 read into a cell of a table but not as its value (a row of the table finders' noise)
        as_text = [
            a
            for t in page.tables
            for c in t.cells
            if c.kind is not CellKind.NUMBER
            for a in amounts_in(c.text)
        ]
        # a photo of figures with no yen sign or commas (a table of counts) that gave no table
        figures = [] if page.tables else [f for b in page.text_blocks for f in _FIGURE.findall(b.text)]
        unread = [b.text for b in page.text_blocks if UNREAD in b.provenance.transforms]
        # beside a table read from the photo, one amount left in the text is one lost from it
        # (落合書店: 合計 ¥5,148 read into a line of text, 合言計(10社5,148)
        least = 1 if page.tables else MIN_AMOUNTS
        if len(found) < least and not as_text and not unread and len(figures) < MIN_FIGURES:
            continue
        parts = [] if page.tables else ["no table was read from it"]
        if len(found) >= least:
            where = ", outside its tables" if page.tables else ""
            parts.append(f"{len(found)} amounts were read in its text{where}")
        elif len(figures) >= MIN_FIGURES:
            parts.append(f"{len(figures)} figures were read in its text")
            found = figures
        if as_text:
            parts.append(f"{len(as_text)} amounts were read as text in its tables, not as values")
        if unread:
            parts.append(f"{len(unread)} of its receipt lines with an amount made no row of its table")
            found = [*unread, *found]
        out.append(
            finding(
                "photo-not-read",
                page=page.number,
                what="; ".join(parts),
                examples=", ".join((found + as_text)[:3]),
                severity=Severity.ERROR if not page.tables else Severity.WARNING,
            )
        )
    return out
