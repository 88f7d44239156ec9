"""The notes printed right under a table (``1 Except forcible rape and prostitution.``, ``Source: ...``).

camelot keeps them as the last rows of its table; chohyo keeps them on the table as ``Table.notes``
(its rows stay data). A note starts with a mark (a footnote number, a symbol, ``Note``/``Source``,
``※``/``注``) on the first text line below the table. That line follows the table closely, or
further down with only white space between them, when a label of the table carries its mark
(``Total investment result for the period1`` over ``1 The results cover ...``). Lines that follow at
the same pitch go on with the notes until a gap, a line set larger than the table's type (the next
table's title) or another table. The lines stay page text too: nothing is taken from the page.
"""

from __future__ import annotations

import re

from chohyo.extract.tables.geometry import Line
from chohyo.japanese.numbers import SUPERSCRIPT_DIGITS
from chohyo.model import BBox, Table

# a mark and the note's first word (a letter: ``- 135 -`` is a folio): ``1 The``, ``– Represents``, ``* Includes``, ``a Excludes``,
# ``Note:``, ``Sources:``, ``※1``, ``注)``, ``(注)``
_MARKED = re.compile(
    r"^(?:(?P<mark>[0-9]{1,2}|[a-z]|[*†‡§¶#–—-]|X)\s+(?=[^\W\d_])"
    r"|(?:Notes?|NOTES?|Sources?|SOURCES?)\b"
    r"|[※＊]|[(（]?注[0-9０-９]*[)）:：\s])"
)
NEAR = 2.5  # the first note line within this many type sizes below the table
PITCH = 2.2  # next note line: top to top within this many type sizes
MAX_LINES = 8


def table_notes(lines: list[Line], table: Table, bbox: BBox, below: float, body_size: float) -> list[Line]:
    """The note lines under ``table`` (drawn in ``bbox``) among the page's free ``lines``, top to
    bottom; ``below``: the top of the next table down the page (or the page's height)."""
    under = sorted(
        (
            ln
            for ln in lines
            if ln.top >= bbox.bottom - 1.0
            and ln.bottom <= below + 1.0
            and ln.x0 < bbox.x1
            and ln.x1 > bbox.x0
        ),
        key=lambda ln: ln.top,
    )
    if not under:
        return []
    first = under[0]
    m = _MARKED.match(first.text.strip())
    size = max(first.size, 1.0)
    if m is None or first.x0 < bbox.x0 - 2 * size:
        return []
    if m.group("mark") and not _worded(first.text.strip()[m.end() :]):
        return []
    close = first.top - bbox.bottom <= NEAR * size
    if not close and not (m.group("mark") and _referenced(table, m.group("mark"))):
        return []
    largest = max(body_size, first.size) + 0.5
    notes = [first]
    for ln in under[1:]:
        prev = notes[-1]
        if len(notes) == MAX_LINES or ln.top - prev.top > PITCH * max(prev.size, ln.size, 1.0):
            break
        if ln.size > largest or ln.x0 < bbox.x0 - 2 * size:
            break
        if prev.text.rstrip().endswith((".", "。", "．")) and not _MARKED.match(ln.text.strip()):
            break  # a note ended: what follows unmarked is the page's text (``Source: OIG.`` / prose)
        notes.append(ln)
    return notes


def _worded(rest: str) -> bool:
    """The note's text after its mark reads as words: two words of Latin letters (no stray letters
    of a turned chart, ``x a l,``), or Japanese text."""
    if any(ord(ch) > 0x2E80 for ch in rest):
        return True
    words = [w for w in rest.split() if sum(ch.isalpha() for ch in w) >= 2]
    return len(words) >= 2 or (len(words) == 1 and len(rest.split()) == 1)


_PLAIN = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


def _referenced(table: Table, mark: str) -> bool:
    """A label of the table ends in the note's mark (``...for the period1``, ``Sex offenses 2``),
    set as a superscript or not (``period¹``, ``period<s>1</s>``)."""
    for c in table.cells:
        text = c.raw_text.rstrip().translate(_PLAIN).replace("<s>", "").replace("</s>", "")
        head = text[: -len(mark)]
        if text.endswith(mark) and any(ch.isalpha() for ch in head) and not head[-1:].isdigit():
            return True
    return False
