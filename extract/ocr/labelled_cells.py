"""Labelled amounts on a scan (基金現在高調: ``取崩 △200,000`` over ``積立 608`` in a change column),
split by word as on a born-digital page (extract/tables/labelled_amounts.py), once the reading's
usual slips are undone:

- the amount's thousands read as dots (``取崩△13.000``, ``積立323.894``): groups of three after a
  dot are a comma's, as rapid_number reads a dotted number;
- the word's first character misread (``双崩``, ``汉崩``, ``仅崩``, ``漬立``): a word of two
  characters differing in one from a word the table's header prints (``令和2年度 積立・取崩``) is that
  word. Only words the header prints count: a column of names is never taken for one of words.

A cell holding two pairs (``取崩△12.966積立42.952``: two lines) gives each amount its own line of
the cell's box, top first, so the amount stays where it is printed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from chohyo.extract.ocr.cell_text import rapid_number
from chohyo.extract.tables.labelled_amounts import TRANSFORM, split_labelled_amounts
from chohyo.model import BBox, Cell, Table

_PAIR = re.compile(r"([\u3400-\u9fff]{2})\s*([△▲]?)\s*(\d{1,3}(?:[.,]\d{3})*)(?!\d)")
_WORD_IN_HEADER = re.compile(r"[\u3400-\u9fff]{2}")


def _header_words(t: Table, first: int) -> set[str]:
    """The two-character words printed above row ``first``."""
    text = "".join(c.raw_text.replace(" ", "") for c in t.cells if c.row < first)
    return {text[i : i + 2] for i in range(len(text) - 1) if _WORD_IN_HEADER.fullmatch(text[i : i + 2])}


def _word(read: str, printed: set[str] | None) -> str | None:
    if printed is None:  # any word: the cell's shape alone
        return read
    if read in printed:
        return read
    near = [w for w in printed if sum(a == b for a, b in zip(w, read, strict=True)) == 1]
    return near[0] if len(near) == 1 else None


def _as_pairs(text: str, printed: set[str] | None) -> str | None:
    """``取崩△13.000積立5`` → ``取崩 △13,000 積立 5``; None unless the whole text is such pairs
    with words the header prints (any words when ``printed`` is None)."""
    out, at = [], 0
    t = text.replace(" ", "")
    while at < len(t):
        m = _PAIR.match(t, at)
        if m is None:
            return None
        word = _word(m[1], printed)
        if word is None:
            return None
        out.append(f"{word} {m[2]}{rapid_number(m[3])}")  # 13.000 → 13,000
        at = m.end()
    return " ".join(out) if out else None


def split_labelled_cells(t: Table) -> Table:
    """``t`` with its columns of labelled amounts split by word (split_labelled_amounts); ``t``
    itself when it has none.

    The rows above the first labelled amount that hold no figure are header rows (a scan's grid
    can count its second header row as body: ``3月補正`` over a column of ``積立 5``)."""
    shaped = [
        c
        for c in t.body_cells()
        if c.col > 0 and c.is_ocr and c.value is None and _as_pairs(c.raw_text, None) is not None
    ]
    if not shaped:
        return t
    first = min(c.row for c in shaped)
    if any(c.value is not None for c in t.body_cells() if c.row < first):
        first = t.header_rows
    printed = _header_words(t, first)
    rewritten = {}
    for c in shaped:
        pairs = _as_pairs(c.raw_text, printed)
        if pairs is not None:
            rewritten[(c.row, c.col)] = replace(c, raw_text=pairs, text=pairs)
    if not rewritten:
        return t
    out = split_labelled_amounts(replace(t.with_cells(rewritten), header_rows=first))
    if out.header_rows == first:
        return t  # not split: the cells as read
    # a column left whole keeps its cells as read
    read = {(c.bbox, rewritten[(c.row, c.col)].raw_text): c for c in shaped if (c.row, c.col) in rewritten}
    kept = {
        (c.row, c.col): replace(c, raw_text=was.raw_text, text=was.text)
        for c in out.body_cells()
        if not _labelled(c) and (was := read.get((c.bbox, c.raw_text))) is not None
    }
    return _own_lines(out.with_cells(kept))


def _labelled(c: Cell) -> bool:
    return any(x.startswith(TRANSFORM) for x in c.provenance.transforms)


def _own_lines(t: Table) -> Table:
    """The cells split out of one cell share its box: each amount gets its line of it, top first;
    a word the cell did not print has no place on the page (no box)."""
    shared: dict[tuple[int, BBox], list[Cell]] = {}
    for c in t.body_cells():
        if c.bbox is not None:
            shared.setdefault((c.row, c.bbox), []).append(c)
    moved = {}
    for (_, box), cells in shared.items():
        amounts = sorted((c for c in cells if _labelled(c) and c.raw_text), key=lambda c: c.col)
        if len(cells) < 2 or not any(_labelled(c) for c in cells):
            continue
        for c in cells:
            if not c.raw_text:
                moved[(c.row, c.col)] = replace(c, bbox=None)
        if len(amounts) < 2:
            continue
        step = (box.bottom - box.top) / len(amounts)
        for k, c in enumerate(amounts):
            moved[(c.row, c.col)] = replace(
                c, bbox=BBox(box.x0, box.top + k * step, box.x1, box.top + (k + 1) * step)
            )
    return t.with_cells(moved) if moved else t
