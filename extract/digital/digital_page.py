"""One born-digital page: ruled tables, then borderless tables, then the text around them."""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import median
from typing import Any

from chohyo.extract.digital.captions import UNIT, caption_lines, split_title_amount, upper_title
from chohyo.extract.digital.chars import page_origin
from chohyo.extract.digital.lattice import find_ruled_tables
from chohyo.extract.digital.rotate import rotate_rulings
from chohyo.extract.digital.rulings import read_rulings
from chohyo.extract.digital.text import text_blocks
from chohyo.extract.digital.vertical import attach_vertical, lift_vertical
from chohyo.extract.tables.build import to_table
from chohyo.extract.tables.geometry import Char, Line
from chohyo.extract.tables.grid import Grid
from chohyo.extract.tables.gutter_table import find_gutter_tables
from chohyo.extract.tables.layout import group_lines, heading_level
from chohyo.extract.tables.side_by_side import split_side_by_side
from chohyo.extract.tables.stream import find_stream_tables
from chohyo.extract.tables.text_table import find_text_tables
from chohyo.model import BBox, Page, PageKind, Provenance, Table, TextBlock, TextRole
from chohyo.settings import ExtractSettings


def read_digital_page(
    page: Any,
    chars: list[Char],
    number: int,
    width: float,
    height: float,
    settings: ExtractSettings,
    notes: tuple[str, ...],
    rotation: int = 0,
) -> Page:
    """``width``/``height``: the page's unrotated size; ``chars`` already turned as displayed."""
    left, bottom = page_origin(page)
    hs, vs = read_rulings(page, height, left, bottom)
    if rotation in (90, 180, 270):
        hs, vs = rotate_rulings(hs, vs, rotation, width, height)
        if rotation != 180:
            width, height = height, width
    grids: list[Grid] = find_ruled_tables(
        hs, vs, chars, number, settings.min_table_rows, settings.min_table_cols
    )
    used: set[int] = set().union(*(g.used for g in grids)) if grids else set()
    free_lines = split_side_by_side(
        [ln for ln in group_lines([c for c in chars if id(c) not in used]) if not _folio(ln, height)]
    )
    free_lines, vertical = lift_vertical(free_lines)
    stream = [
        g
        for g in find_stream_tables(free_lines, number, settings.min_table_rows, settings.min_table_cols)
        if not any(_overlaps(g, r) for r in grids)
    ]
    for g in stream:
        vertical = attach_vertical(g, vertical)
    grids += stream
    used = set().union(*(g.used for g in grids)) if grids else set()
    text_lines = [ln for ln in free_lines if not any(id(c) in used for c in ln.chars)]
    grids += find_text_tables(text_lines, number, settings.min_table_rows, settings.min_table_cols)
    used = set().union(*(g.used for g in grids)) if grids else set()
    listing_lines = [ln for ln in text_lines if not any(id(c) in used for c in ln.chars)]
    grids += find_gutter_tables(listing_lines, number, settings.min_table_rows, settings.min_table_cols)
    grids.sort(key=lambda g: (g.bbox.top, g.bbox.x0))
    used = set().union(*(g.used for g in grids)) if grids else set()
    lines = [ln for ln in free_lines if not any(id(c) in used for c in ln.chars)]
    body_size = median(c.size for c in chars if not c.is_space) if chars else 10.0
    tables: list[Table] = []
    taken: set[int] = set()
    blocks_extra: list[TextBlock] = []
    for k, grid in enumerate(grids, start=1):
        table = to_table(grid, f"p{number}t{k}")
        title, caps = caption_lines(lines, grid.bbox, taken, body_size)
        taken.update(id(ln) for ln in [*caps, *([title] if title else [])])
        upper = upper_title(lines, title, taken, body_size) if title else None
        name, amount = split_title_amount(title.text) if title else ("", "")
        amounts = [amount] if amount else []
        if upper is not None:
            taken.add(id(upper))
            upper_name, upper_amount = split_title_amount(upper.text)
            name = f"{upper_name} {name}"
            amounts = [upper_amount, *amounts] if upper_amount else amounts
        table = replace(table, title=name, captions=(*(ln.text for ln in caps), *amounts))
        tables.append(table)
        shown: list[Line] = [x for x in (upper, title) if x is not None]
        for ln in [*shown, *caps]:  # title and period stay readable in text.md too
            if UNIT.search(ln.text):
                continue
            heading = any(ln is x for x in shown)
            role = TextRole.HEADING if heading else TextRole.PARAGRAPH
            level = heading_level(ln.size, body_size) if heading else 0
            blocks_extra.extend(
                replace(b, role=role, level=level) for b in text_blocks([ln], number, body_size)
            )
    rest = [ln for ln in lines if id(ln) not in taken]
    blocks_extra += [  # vertical text beside no table: kept as text
        TextBlock(
            number,
            v.text,
            TextRole.PARAGRAPH,
            BBox(v.x0, v.top, v.x1, v.bottom),
            provenance=Provenance("pdfium", "vertical"),
        )
        for v in vertical
    ]
    blocks = sorted(blocks_extra + text_blocks(rest, number, _body_size(rest, body_size)), key=_reading_key)
    return Page(
        number, width, height, PageKind.DIGITAL, tables=tuple(tables), text_blocks=tuple(blocks), notes=notes
    )


FOLIO = re.compile(r"^[\-‐−－–—―ー(（]?\s*[0-9０-９]{1,4}\s*[\-‐−－–—―ー)）]?$|^[0-9]{1,4}\s*/\s*[0-9]{1,4}$")


def _folio(line: Line, height: float) -> bool:
    """A page number in the top or bottom margin (- 2 -, 2, (2), 2/3): neither a row nor text."""
    return (line.bottom > height * 0.9 or line.top < height * 0.06) and bool(FOLIO.match(line.text))


def _body_size(lines: list[Line], fallback: float) -> float:
    sizes = [c.size for ln in lines for c in ln.chars if not c.is_space]
    return median(sizes) if sizes else fallback


def _reading_key(b: TextBlock) -> tuple[float, float]:
    return (b.bbox.top, b.bbox.x0) if b.bbox else (0.0, 0.0)


def _overlaps(a: Grid, b: Grid) -> bool:
    return not (
        a.bbox.x1 <= b.bbox.x0
        or b.bbox.x1 <= a.bbox.x0
        or a.bbox.bottom <= b.bbox.top
        or b.bbox.bottom <= a.bbox.top
    )
