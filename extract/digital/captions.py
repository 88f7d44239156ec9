"""The title and caption lines printed just above a table (title, period, 単位)."""

from __future__ import annotations

import re

from chohyo.extract.tables.geometry import Line
from chohyo.model import BBox

UNIT = re.compile(r"単\s*位")
PERIOD = re.compile(r"から.*まで|自.*至|現在$")
MAX_LINES = 4


def caption_lines(
    lines: list[Line], bbox: BBox, taken: set[int], body_size: float
) -> tuple[Line | None, list[Line]]:
    """(title, captions): lines just above ``bbox``, walking up until a title-sized line or a wide gap.

    The title is the first line, going up, set larger than the page's body text (and not a unit or
    period line); what lies between it and the table are captions (top to bottom).
    """
    above = [
        ln
        for ln in lines
        if ln.bottom <= bbox.top + 1.0 and ln.x1 > bbox.x0 - 5 and ln.x0 < bbox.x1 + 5 and id(ln) not in taken
    ]
    above.sort(key=lambda ln: -ln.bottom)
    captions: list[Line] = []
    title = None
    edge = bbox.top
    prose = 0  # lines of running text passed: no caption above them, only the title
    below: Line | None = None  # the last line of prose passed
    wrapped = 0  # lines of a bracketed headnote past its first: one caption, however many lines
    inside = False  # walking up inside ``[...]``
    for ln in above:
        height = max(ln.bottom - ln.top, 1.0)
        if edge - ln.bottom > 2.5 * height or len(captions) + prose - wrapped == MAX_LINES:
            break
        if below is not None and _runs_on(ln, below):
            break  # the sentence's first line, in its type: a paragraph set large, no title
        if len(ln.words) > 3 and not UNIT.search(ln.text):  # prose, not a caption
            break
        edge = ln.top
        # a line ending a sentence is prose set large (a lead paragraph's last line), no title
        if (
            not UNIT.search(ln.text)
            and not PERIOD.search(ln.text)
            and ln.size > body_size + 0.25
            and not ln.text.rstrip().endswith("。")
        ):
            title = ln
            break
        if prose or "。" in ln.text or ("、" in ln.text and ln.x1 - ln.x0 > 0.6 * (bbox.x1 - bbox.x0)):
            prose += 1  # a sentence in body type, or a line of one running on: text, not a caption
            below = ln
            continue
        text = ln.text.strip()
        if inside and not text.startswith("["):
            wrapped += 1
        inside = (inside or (text.endswith("]") and "[" not in text)) and not text.startswith("[")
        captions.append(ln)
    captions.reverse()
    return title, captions


def _runs_on(line: Line, below: Line) -> bool:
    """``line`` wraps onto ``below`` (a sentence over two lines): same type, as far right, and the
    next line starts no further in."""
    size = max(line.size, 1.0)
    return (
        "、" in line.text
        and abs(below.size - line.size) <= 0.5
        and line.x1 >= below.x1 - 2 * size
        and below.x0 <= line.x0 + 1.0 * size  # (a ※ note hangs its wrapped line one mark in)
    )


_AMOUNT = re.compile(
    r"^(.*?[^\s0-9０-９,，△▲])\s*([△▲\-]?[0-9０-９][0-9０-９,，]*\s*(?:百万円|千円|万円|円))$"
)


def split_title_amount(text: str) -> tuple[str, str]:
    """A title line that ends in its amount, set far right (``1項 市民税  16,739,000千円`` in a
    budget book): (name, amount); the amount is a caption, not part of the name."""
    m = _AMOUNT.match(text.strip())
    return (m.group(1).strip(), m.group(2)) if m else (text, "")


_KAN = re.compile(r"^[0-9０-９]{1,2}\s*款")


def upper_title(lines: list[Line], title: Line, taken: set[int], body_size: float) -> Line | None:
    """The 款 line set just over a 項 title (``1款 市税`` over ``1項 市民税``): the statement is
    named by both, so two 項 of different 款 never pass for one table."""
    height = max(title.bottom - title.top, 1.0)
    above = [
        ln
        for ln in lines
        if id(ln) not in taken
        and ln is not title
        and ln.bottom <= title.top + 1.0
        and title.top - ln.bottom <= 1.5 * height
        and ln.x0 < title.x1
        and ln.x1 > title.x0
        and ln.size > body_size + 0.25
        and _KAN.match(ln.text.strip())
    ]
    return max(above, key=lambda ln: ln.bottom) if above else None
