"""A figure (a drawing or picture) printed among the text and left out of it: the page keeps a note
saying where it is and what words it holds, and the document gets a ``figure-not-text`` finding, so a
figure never vanishes from the output without a trace (issue 18)."""

from __future__ import annotations

from typing import Any

import pypdfium2.raw as pdfium_c
from chohyo.extract.page_notes import across, down, noted
from chohyo.model import FIGURE_NOTE, BBox, Finding, Page

NOTE = FIGURE_NOTE
MIN_SHARE = 0.10  # a picture covering less of the page is a mark, a highlight or an icon
MAX_SHARE = 0.80  # one covering more is the page itself (a scan): extract.route
_QUOTED = 6  # words of the figure quoted in its note


def figure_note(
    kind: str, box: BBox, height: float, words: list[str], *, quote: bool = True, width: float = 0.0
) -> str:
    """The page note of a figure left out of the text: what it is, where (share of the page's
    height, and of its width when it stands in a column: text.md puts it after the text beside it)
    and how many lines of words it holds, the first of them quoted when they were read from a text
    layer (OCR's reading of a drawing's boxes of vertical words is no quotation)."""
    where = down(box.top, box.bottom, height)
    if width and (box.x0 > 0.25 * width or box.x1 < 0.75 * width):
        where += ", " + across(box.x0, box.x1, width)
    said = [w for w in (" ".join(x.split()) for x in words) if w]
    if not said:
        return f"{NOTE}{kind} {where}"
    if not quote:
        return f"{NOTE}{kind} {where} ({len(said)} lines of words in boxes)"
    quoted = "、".join(said[:_QUOTED]) + ("、…" if len(said) > _QUOTED else "")
    return f"{NOTE}{kind} {where} ({len(said)} lines of words: {quoted})"


def figure_findings(pages: list[Page]) -> list[Finding]:
    return noted(pages, NOTE, "figure-not-text")


def picture_regions(page: Any, width: float, height: float, left: float, bottom: float) -> list[BBox]:
    """Pictures on a born-digital page, top-left origin: image objects touching one another (a chart
    pasted in strips) merged, each region covering 10-80% of the page."""
    boxes: list[list[float]] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        try:
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:  # a broken image object: nothing to place
            continue
        boxes.append([x0 - left, height - (y1 - bottom), x1 - left, height - (y0 - bottom)])
    merged = True
    while merged:  # union of boxes that touch (2 pt)
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[0] - 2 <= b[2] and b[0] - 2 <= a[2] and a[1] - 2 <= b[3] and b[1] - 2 <= a[3]:
                    boxes[i] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    area = max(width * height, 1.0)
    return [BBox(*b) for b in boxes if MIN_SHARE <= (b[2] - b[0]) * (b[3] - b[1]) / area < MAX_SHARE]
