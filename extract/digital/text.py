"""Text outside tables → text blocks in reading order: headings, paragraphs, list items."""

from __future__ import annotations

import re
from statistics import median

from chohyo.extract.tables.geometry import Line, bbox_of
from chohyo.extract.tables.layout import heading_level
from chohyo.japanese.numbering import LIST_ITEM
from chohyo.model import Provenance, TextBlock, TextRole

BULLET = re.compile(r"^\s*[・●○◎■□◆◇▪▫•‣\-–]")
NUMBERED = LIST_ITEM
HEADING_RATIO = 1.15
_PROV = Provenance("pdfium", "text")


def join_lines(texts: list[str]) -> str:
    """Japanese wraps without spaces; a space only between two Latin words."""
    out = ""
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += " "
        out += t
    return out


def _role(line: Line, body_size: float) -> TextRole:
    # headings: set larger than the body text (even slightly: 10 pt over 9.5 pt) and short
    if line.size >= body_size * HEADING_RATIO or (line.size > body_size + 0.25 and len(line.text) <= 60):
        return TextRole.HEADING
    if BULLET.match(line.text) or NUMBERED.match(line.text):
        return TextRole.LIST
    return TextRole.PARAGRAPH


def text_blocks(lines: list[Line], page: int, body_size: float | None = None) -> list[TextBlock]:
    """Consecutive lines of one role, close together and aligned, form one block."""
    if not lines:
        return []
    lines = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    size = body_size or median(ln.size for ln in lines)
    groups: list[tuple[TextRole, list[Line]]] = []
    for ln in lines:
        role = _role(ln, size)
        if groups:
            prev_role, prev = groups[-1]
            last = prev[-1]
            height = max(last.bottom - last.top, 1.0)
            close = ln.top - last.bottom <= 0.8 * height
            same_size = abs(ln.size - last.size) <= 0.5
            continues = role is TextRole.PARAGRAPH and prev_role in (TextRole.PARAGRAPH, TextRole.LIST)
            # a wrapped line: starts at or right of the block's left edge, block's last line reached the right
            indent = 2.5 * max(ln.size, 1.0)  # a first-line indent or a hanging indent
            if close and same_size and continues and abs(ln.x0 - prev[-1].x0) <= indent and _wraps(prev, ln):
                prev.append(ln)
                continue
            if close and same_size and role is TextRole.HEADING and prev_role is TextRole.HEADING:
                prev.append(ln)
                continue
        groups.append((role, [ln]))
    blocks = []
    for role, group in groups:
        text = join_lines([ln.text for ln in group])
        if not text:
            continue
        level = 0
        if role is TextRole.HEADING:
            level = heading_level(group[0].size, size)
        blocks.append(TextBlock(page=page, text=text, role=role, bbox=bbox_of(group), level=level, provenance=_PROV))
    return blocks


def _wraps(block: list[Line], line: Line) -> bool:
    """Did the previous line run to the block's right edge (so this line continues it)?"""
    right = max([ln.x1 for ln in block] + [line.x1])
    last = block[-1]
    return last.x1 >= right - 2 * max(last.size, 1.0)
