"""Text outside tables on a scanned page → TextBlocks in reading order; titles and captions tied to tables."""

from __future__ import annotations

import re
from dataclasses import replace

from chohyo.extract.ocr.cells import PixelFrame
from chohyo.extract.ocr.tesseract import Line, join_words
from chohyo.model import BBox, Provenance, Table, TextBlock, TextRole

BULLET = re.compile(r"^\s*([・●○■□◆◇▪※\-–•]|\(\d+\)|（\d+）|\d+[.．)]|[①-⑳]|[ア-ン][.．)])")
CAPTION_REACH_PT = 110.0  # lines this far above a table are its title/captions
TITLE_MIN_CONFIDENCE = 0.5


def _inside(b: BBox, t: BBox) -> bool:
    cx, cy = (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2
    return t.x0 - 2 <= cx <= t.x1 + 2 and t.top - 2 <= cy <= t.bottom + 2


def text_blocks(
    lines: list[Line], tables: list[Table], frame: PixelFrame, page: int, dpi: float
) -> tuple[list[TextBlock], list[Table]]:
    items = []
    for ln in lines:
        reading = join_words(list(ln.words))
        # OCR puts spaces between Japanese characters at random: keep them only next to Latin text
        text = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", reading.text.strip())
        if not text:
            continue
        conf = sum(reading.char_confidences) / max(len(reading.char_confidences), 1)
        if conf < 0.35 and len(text) <= 3:  # specks and rule fragments read as letters
            continue
        box = frame.bbox(*ln.box)
        if any(t.bbox is not None and _inside(box, t.bbox) for t in tables):
            continue
        items.append((box, text, conf))
    items.sort(key=lambda it: (round(it[0].top / 4), it[0].x0))
    heights = sorted(b.height for b, _, _ in items)
    median = heights[len(heights) // 2] if heights else 0.0
    # Lines into paragraphs: close below the previous line and of the same size.
    groups: list[list[tuple[BBox, str, float]]] = []
    for it in items:
        box, text, _ = it
        if groups:
            prev = groups[-1][-1][0]
            gap = box.top - prev.bottom
            same_size = abs(box.height - prev.height) <= 0.3 * max(prev.height, 1)
            if 0 <= gap < 0.8 * prev.height and same_size and not BULLET.match(text) and abs(box.x0 - prev.x0) < 4 * prev.height:
                groups[-1].append(it)
                continue
        groups.append([it])
    blocks: list[TextBlock] = []
    for g in groups:
        box = g[0][0]
        for b, _, _ in g[1:]:
            box = box.union(b)
        text = "".join(t for _, t, _ in g) if len(g) > 1 else g[0][1]
        if median and g[0][0].height >= 1.3 * median and len(g) <= 2:
            role, level = TextRole.HEADING, 1
        elif BULLET.match(text):
            role, level = TextRole.LIST, 1
        else:
            role, level = TextRole.PARAGRAPH, 0
        conf = min(c for _, _, c in g)
        blocks.append(TextBlock(page, text, role, box, 0, level, conf, Provenance("tesseract", "ocr-text")))
    return blocks, [_captioned(t, blocks, tables) for t in tables]


def _captioned(table: Table, blocks: list[TextBlock], tables: list[Table]) -> Table:
    if table.bbox is None:
        return table
    floor = max((t.bbox.bottom for t in tables if t.bbox is not None and t.bbox.bottom <= table.bbox.top), default=0.0)
    above = [
        b for b in blocks
        if b.bbox is not None and floor <= b.bbox.top and b.bbox.bottom <= table.bbox.top + 2
        and table.bbox.top - b.bbox.bottom <= CAPTION_REACH_PT
    ]
    if not above:
        return table
    # the title is the largest line above that is not a unit or period note ((単位:円), …から…まで)
    # a doubtful line (noise at the scan's edge read as kana) names no table
    titled = [b for b in above if not _NOTE.search(b.text) and b.confidence >= TITLE_MIN_CONFIDENCE]
    title = max(titled, key=lambda b: (b.bbox.height if b.bbox else 0.0, -b.bbox.top if b.bbox else 0.0)).text if titled else ""
    return replace(table, title=table.title or title, captions=table.captions + tuple(b.text for b in above))


_NOTE = re.compile(r"単位|から.*まで|^[(（].*[)）]$")
