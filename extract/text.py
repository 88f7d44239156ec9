"""Text outside tables → text blocks in reading order: headings, paragraphs, list items."""

from __future__ import annotations

import itertools
import re
from statistics import median

from chohyo.extract.geometry import Line, bbox_of
from chohyo.japanese.numbering import LIST_ITEM
from chohyo.japanese.spacing import join_wrapped, merge_line_spacing
from chohyo.model import Provenance, TextBlock, TextRole

BULLET = re.compile(r"^\s*[・●○◎■□◆◇▪▫•‣\-–]")
NUMBERED = LIST_ITEM
HEADING_RATIO = 1.15
_PROV = Provenance("pdfium", "text")


def join_lines(texts: list[str]) -> str:
    """Printed lines of one block as one text: each line's letter-spacing removed (a justified line),
    Japanese wraps joined without a space, Latin words with one (``chohyo.japanese.spacing``)."""
    out = ""
    for t in texts:
        t = merge_line_spacing(t)
        if t:
            out = join_wrapped(out, t) if out else t
    return out


def _role(line: Line, body_size: float) -> TextRole:
    # headings: set larger than the body text (even slightly: 10 pt over 9.5 pt) and short
    if line.size >= body_size * HEADING_RATIO or (line.size > body_size + 0.25 and len(line.text) <= 60):
        return TextRole.HEADING
    if BULLET.match(line.text) or NUMBERED.match(line.text):
        return TextRole.LIST
    return TextRole.PARAGRAPH


def line_gap(lines: list[Line]) -> float:
    """The usual blank between two lines of running text on the page (0 when there is no run):
    a paragraph's lines are that far apart, a blank vertical gap is more."""
    gaps = sorted(
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if abs(a.size - b.size) <= 0.5 and 0 <= b.top - a.bottom <= 2.0 * max(a.size, 1.0)
    )
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0


SENTENCE_END = "。．！？!?"


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip("」』）)”’")
    return bool(t) and t[-1] in SENTENCE_END


def _continues(prev_role: TextRole, prev: list[Line], ln: Line) -> bool:
    """Does ``ln`` carry on the paragraph or item ``prev`` (lines printed just above it, same size)?

    Japanese paragraphs begin with an indent and end with a short line: a line indented from the
    block's own left edge opens a new paragraph, and so does any line after one that stopped short
    of the right edge. A list item may hang its wrapped lines under its text (a hanging indent).
    """
    last = prev[-1]
    size = max(ln.size, 1.0)
    if not _wraps(prev, ln):
        return False
    if len(prev) >= 2:  # the block's own left edge is set by its wrapped lines
        left = min(x.x0 for x in prev[1:])
        if ln.x0 > left + 0.5 * size or ln.x0 < left - 2.5 * size:
            return False
        # 。 at the right edge and the next line indented: caught above; not indented: it goes on
        return True
    if prev_role is TextRole.LIST:
        return abs(ln.x0 - last.x0) <= 2.5 * size  # a hanging indent, or none
    # the first line of a paragraph is indented (or not): the next one starts at or left of it;
    # a sentence that ends at the right edge, then a line as far in: two one-line paragraphs
    if _ends_sentence(last.text) and ln.x0 > last.x0 - 0.5 * size:
        return False
    return ln.x0 <= last.x0 + 0.5 * size and ln.x0 >= last.x0 - 2.5 * size


def text_blocks(lines: list[Line], page: int, body_size: float | None = None) -> list[TextBlock]:
    """Consecutive lines of one role, close together and aligned, form one block: a paragraph runs
    over its printed line breaks and ends where the text does (a short last line, the next line
    indented, a blank vertical gap, a new item or heading)."""
    if not lines:
        return []
    lines = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    size = body_size or median(ln.size for ln in lines)
    usual = line_gap(lines)
    groups: list[tuple[TextRole, list[Line]]] = []
    for ln in lines:
        role = _role(ln, size)
        if groups:
            prev_role, prev = groups[-1]
            last = prev[-1]
            height = max(last.bottom - last.top, 1.0)
            gap = ln.top - last.bottom
            close = gap <= max(0.8 * height, 1.25 * usual)
            same_size = abs(ln.size - last.size) <= 0.5
            continues = role is TextRole.PARAGRAPH and prev_role in (TextRole.PARAGRAPH, TextRole.LIST)
            if close and same_size and continues and _continues(prev_role, prev, ln):
                prev.append(ln)
                continue
            if (
                close
                and gap <= 0.8 * height
                and same_size
                and role is TextRole.HEADING
                and prev_role is TextRole.HEADING
            ):
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
        blocks.append(
            TextBlock(page=page, text=text, role=role, bbox=bbox_of(group), level=level, provenance=_PROV)
        )
    return blocks


def heading_level(size: float, body_size: float) -> int:
    ratio = size / max(body_size, 1.0)
    return 1 if ratio >= 1.5 else 2 if ratio >= 1.2 else 3


def _wraps(block: list[Line], line: Line) -> bool:
    """Did the previous line run to the block's right edge (so this line continues it)?"""
    right = max([ln.x1 for ln in block] + [line.x1])
    last = block[-1]
    return last.x1 >= right - 2 * max(last.size, 1.0)
