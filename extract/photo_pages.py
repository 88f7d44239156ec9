"""A photographed page whose amounts were not read into a table says so (issue 15).

The OCR path corrects a photo before reading it (extract/ocr/photo.py: rectified, light flattened,
scaled) and notes it on the page. A receipt or a notice photographed on a table top is still read
worse than a scan: its list of 品目 | 金額 often comes out as lines of text, where no sum checks it.
Such a page is never reported as plain ``success``: an error when no table was read from it at all
(the document's status becomes ``partial``), a warning when some amounts were left outside its
tables. The message tells the clerk what to do: scan it flat, or compare the amounts with the paper.
"""

from __future__ import annotations

from collections.abc import Iterable

from chohyo.extract.unread_amounts import amounts_in
from chohyo.findings import finding
from chohyo.model import Finding, Page, Severity

PHOTO_NOTE = "photo: "  # the page note of a page read from a photo (extract/ocr/photo.py)
MIN_AMOUNTS = 2  # a photo's lone amount (a price on a poster) is no list of amounts


def is_photo(page: Page) -> bool:
    return any(n.startswith(PHOTO_NOTE) for n in page.notes)


def unread_photos(pages: Iterable[Page]) -> list[Finding]:
    """One ``photo-not-read`` per photographed page with amounts in its text, outside any table."""
    out = []
    for page in pages:
        if not is_photo(page):
            continue
        found = [a for b in page.text_blocks for a in amounts_in(b.text)]
        if len(found) < MIN_AMOUNTS:
            continue
        what = (
            f"no table was read from it; {len(found)} amounts were read in its text"
            if not page.tables
            else f"{len(found)} amounts were read in its text, outside its tables"
        )
        out.append(
            finding(
                "photo-not-read",
                page=page.number,
                what=what,
                examples=", ".join(found[:3]),
                severity=Severity.ERROR if not page.tables else Severity.WARNING,
            )
        )
    return out
