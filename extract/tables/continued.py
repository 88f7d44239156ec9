"""A table continued on the next page (same columns, header repeated) becomes one table."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from chohyo.model import Cell, Page, Row, Table


def _key(table: Table) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.replace(" ", "").replace("\u3000", "") for p in c.path) for c in table.columns)


_CONTINUED = re.compile(
    r"[(（]\s*(?:続き?|つづき|前頁より続く|前ページより続く)\s*[)）]|[(（]?\s*続き\s*[)）]?$"
)


OCR_ALIKE = 0.7  # OCR misreads a character or two of a repeated title or header


def _alike(a: str, b: str, ocr: bool) -> bool:
    return a == b or (ocr and SequenceMatcher(None, a, b).ratio() >= OCR_ALIKE)


def _same_title(prev: Table, nxt: Table, ocr: bool = False) -> bool:
    """No title on the next page, or the same title repeated (with or without (続き))."""

    def clean(t: str) -> str:
        return _CONTINUED.sub("", t).replace(" ", "").replace("\u3000", "")

    return not nxt.title or _alike(clean(nxt.title), clean(prev.title), ocr)


# a numbered title printed inside a table's frame, in a first row across all its columns
_NUMBERED = re.compile(
    r"^(?:Exhibit|Table|Figure|Chart|Schedule|Appendix|表|図|第\s*\S{1,4}\s*表)\s*[0-9A-Z０-９]", re.I
)


def _framed_title(table: Table) -> str:
    first = [c for c in table.cells if c.row == 0]
    if len(first) == 1 and first[0].col_span == len(table.columns) and _NUMBERED.match(first[0].text):
        return first[0].text
    return ""


def continues(prev: Table, nxt: Table) -> bool:
    ocr = prev.method.startswith("ocr") and nxt.method.startswith("ocr")
    if len(prev.columns) != len(nxt.columns) or not _same_title(prev, nxt, ocr):
        return False
    title = _framed_title(nxt)
    if title and title != _framed_title(prev):  # Exhibit 20 after Exhibit 19: a table of its own
        return False
    if nxt.header_rows == 0:  # header not repeated: same width is all we can check
        return True
    if _key(prev) == _key(nxt):
        return True
    return ocr and _alike(
        "|".join("/".join(p) for p in _key(prev)), "|".join("/".join(p) for p in _key(nxt)), ocr
    )


@cache
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.init)


def _replace(obj: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` with the field list looked up once per class (a long table has
    thousands of cells to move)."""
    kwargs = {name: getattr(obj, name) for name in _init_fields(obj.__class__)}
    kwargs.update(changes)
    return obj.__class__(**kwargs)


def merge(prev: Table, nxt: Table) -> Table:
    """Append ``nxt``'s body rows after ``prev``'s; the repeated header is dropped."""
    offset = prev.n_rows - nxt.header_rows
    cells: list[Cell] = list(prev.cells)
    for c in nxt.cells:
        if c.row >= nxt.header_rows:
            cells.append(_replace(c, row=c.row + offset))
    rows = list(prev.rows) + [replace(r, index=r.index + offset) for r in nxt.rows]
    captions = prev.captions + tuple(c for c in nxt.captions if c not in prev.captions)
    notes = prev.notes + tuple(n for n in nxt.notes if n not in prev.notes)  # each page's, in order
    return replace(
        prev,
        pages=prev.pages + tuple(p for p in nxt.pages if p not in prev.pages),
        cells=tuple(cells),
        rows=tuple(Row(r.index, r.label, r.page, r.parents, r.level, r.numbering) for r in rows),
        captions=captions,
        notes=notes,
    )


_GENERIC = re.compile(r"^列\d+$")
EDGE_TOL = 2.0  # points: column rules this close are the same rule


def _edges(table: Table) -> tuple[float, ...] | None:
    """The left edge of each column (from its one-column cells), or None when a column has none."""
    left: dict[int, float] = {}
    for c in table.cells:
        if c.col_span == 1 and c.bbox is not None:
            left[c.col] = min(left.get(c.col, c.bbox.x0), c.bbox.x0)
    if len(left) != len(table.columns) or not left:
        return None
    return tuple(left[i] for i in range(len(table.columns)))


def _headerless(table: Table) -> bool:
    return table.header_rows == 0 and all(_GENERIC.match(c.name) for c in table.columns)


def carry_headers(pages: list[Page]) -> list[Page]:
    """A header printed once over tables set one under another in the same ruled columns (a budget
    book's 項 after 項 on one page, or on the next page) names the columns of each: a table with
    no header of its own takes the columns of the last table above it whose rules line up."""
    last: Table | None = None
    last_page = 0
    out = []
    for page in pages:
        tables = []
        for t in page.tables:
            if (
                _headerless(t)
                and last is not None
                and page.number - last_page <= 1
                and t.method == last.method
            ):
                a, b = _edges(t), _edges(last)
                if (
                    a is not None
                    and b is not None
                    and len(a) == len(b)
                    and all(abs(x - y) <= EDGE_TOL for x, y in zip(a, b, strict=True))
                ):
                    t = replace(t, columns=last.columns)
            elif t.header_rows > 0:
                last, last_page = t, page.number
            tables.append(t)
        out.append(replace(page, tables=tuple(tables)) if tables != list(page.tables) else page)
    return out


def _across_page(pages: list[Page], i: int, first: Table) -> tuple[int, int] | None:
    """A titled table continued two pages on, with a page of tables of another shape between (a
    budget book sets each 目 table on a left page and its 節 table on the right page): the table
    of page i-2 that bears the same title and is the last of its shape there, when the page between
    holds no table of that shape. Returns (page index, table index) or None."""
    if i < 2 or not first.title or not pages[i - 1].tables:
        return None
    before = pages[i - 2]
    if before.number != pages[i].number - 2:
        return None
    width = len(first.columns)
    if any(len(t.columns) == width for t in pages[i - 1].tables):
        return None
    for k in range(len(before.tables) - 1, -1, -1):
        t = before.tables[k]
        if len(t.columns) != width:
            continue
        if t.title and t.pages[-1] == before.number and continues(t, first):
            return i - 2, k
        return None
    return None


def merge_continued(pages: list[Page]) -> tuple[list[Page], list[tuple[str, tuple[int, ...]]]]:
    """Pages with continued tables folded into their first page; returns (pages, [(id, pages)])."""
    pages = carry_headers(list(pages))
    merged: list[tuple[str, tuple[int, ...]]] = []
    owner: tuple[int, int] | None = None  # (page index, table index) of the table that may continue
    for i, page in enumerate(pages):
        if not page.tables:
            owner = None if page.text_blocks else owner
            continue
        if owner is not None and owner[0] < i:
            pi, ti = owner
            prev = pages[pi].tables[ti]
            first = page.tables[0]
            gap = (
                _across_page(pages, i, first)
                if not (prev.pages[-1] == page.number - 1 and continues(prev, first))
                else None
            )
            if gap is not None:
                pi, ti = gap
                prev = pages[pi].tables[ti]
            if (prev.pages[-1] == page.number - 1 and continues(prev, first)) or gap is not None:
                combined = merge(prev, first)
                tables = list(pages[pi].tables)
                tables[ti] = combined
                pages[pi] = replace(pages[pi], tables=tuple(tables))
                page = replace(page, tables=page.tables[1:])
                pages[i] = page
                merged.append((combined.id, combined.pages))
                if not page.tables:
                    continue
        owner = (i, len(page.tables) - 1)
    return pages, merged
