"""One born-digital page: ruled tables, then borderless tables, then the text around them."""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import median
from typing import Any

from chohyo.extract.digital.boxes import box_columns, split_by_columns
from chohyo.extract.digital.captions import UNIT, caption_lines, split_title_amount, upper_title
from chohyo.extract.digital.chars import page_origin
from chohyo.extract.digital.lattice import find_ruled_tables
from chohyo.extract.digital.rotate import rotate_rulings
from chohyo.extract.digital.rulings import read_rulings
from chohyo.extract.digital.table_notes import table_notes
from chohyo.extract.digital.text import join_lines, printed_text, text_blocks
from chohyo.extract.digital.vertical import attach_vertical, lift_vertical
from chohyo.extract.figures import figure_note
from chohyo.extract.tables.bands import split_bands
from chohyo.extract.tables.build import to_table
from chohyo.extract.tables.geometry import Char, Line, bbox_of
from chohyo.extract.tables.grid import Grid
from chohyo.extract.tables.gutter_table import find_gutter_tables
from chohyo.extract.tables.labelled_amounts import split_labelled_amounts
from chohyo.extract.tables.layout import group_lines, heading_level
from chohyo.extract.tables.side_by_side import split_side_by_side
from chohyo.extract.tables.stream import find_stream_tables
from chohyo.extract.tables.text_table import find_text_tables, numbered_prose
from chohyo.extract.unread_amounts import outside_figures, outside_note
from chohyo.japanese.spacing import ends_sentence
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
    pictures: list[BBox] | None = None,
) -> Page:
    """``width``/``height``: the page's unrotated size; ``chars`` already turned as displayed.
    ``pictures``: regions of images among the text (``extract.figures.picture_regions``)."""
    left, bottom = page_origin(page)
    hs, vs = read_rulings(page, height, left, bottom)
    if rotation in (90, 180, 270):
        hs, vs = rotate_rulings(hs, vs, rotation, width, height)
        if rotation != 180:
            width, height = height, width
    grids: list[Grid] = [
        g
        for g in find_ruled_tables(hs, vs, chars, number, settings.min_table_rows, settings.min_table_cols)
        if not text_box(g)
    ]
    used: set[int] = set().union(*(g.used for g in grids)) if grids else set()
    figures = list(pictures or [])
    if figures:  # words typed over a picture (a chart's callouts) are the picture's, not running text
        over, notes = _picture_words(chars, used, figures, height, notes, width)
        used = used | over
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
    grids += [  # a numbered list of sentences set in two columns is text (its items, in their place)
        g
        for g in find_text_tables(text_lines, number, settings.min_table_rows, settings.min_table_cols)
        if not numbered_prose(g)
    ]
    used = set().union(*(g.used for g in grids)) if grids else set()
    listing_lines = [ln for ln in text_lines if not any(id(c) in used for c in ln.chars)]
    grids += find_gutter_tables(listing_lines, number, settings.min_table_rows, settings.min_table_cols)
    grids = [band for g in grids for band in split_bands(g)]  # two tables stacked in one frame
    grids.sort(key=lambda g: (g.bbox.top, g.bbox.x0))
    used = set().union(*(g.used for g in grids)) if grids else set()
    lines = [ln for ln in free_lines if not any(id(c) in used for c in ln.chars)]
    body_size = median(c.size for c in chars if not c.is_space) if chars else 10.0
    tables: list[Table] = []
    taken: set[int] = set()
    blocks_extra: list[TextBlock] = []
    for k, grid in enumerate(grids, start=1):
        table = split_labelled_amounts(to_table(grid, f"p{number}t{k}"))
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
        table = replace(table, title=name, captions=(*(ln.text for ln in caps), *grid.captions, *amounts))
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
    tables = _with_notes(tables, grids, rest, height, body_size)
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
    # framed boxes side by side (a slide's row of titled lists): each column of boxes read on its own
    free = rest  # every line outside a table, boxed or not
    columns = box_columns(hs, vs, rest)
    boxed: list[tuple[tuple[float, float, float], TextBlock]] = []
    body = _body_size(rest, body_size)  # the page's body type, boxes included
    if columns:
        rest, column_lines = split_by_columns(rest, columns)
        for col, per_box in zip(columns, column_lines, strict=True):
            box = col.bbox
            blocks_of = [text_blocks(ls, number, body) for ls in per_box]
            if len(per_box) >= 2 and per_box[0] and not any(ends_sentence(ln.text) for ln in per_box[0]):
                # a title box over the column's list (人材育成, 新たな価値の / 創造): its centred lines one heading
                head = per_box[0]
                blocks_of[0] = [
                    TextBlock(
                        number,
                        join_lines([printed_text(ln) for ln in head]),
                        TextRole.HEADING,
                        bbox_of(head),
                        level=heading_level(max(ln.size for ln in head), body),
                        provenance=Provenance("pdfium", "text"),
                    )
                ]
            flat = [b for bs in blocks_of for b in bs]
            boxed += [((box.top, box.x0, i), b) for i, b in enumerate(flat)]
    keyed = [
        ((*_reading_key(b), 0.0), b) for b in blocks_extra + text_blocks(rest, number, body, tuple(figures))
    ]
    blocks = [b for _, b in sorted(keyed + boxed, key=lambda kb: kb[0])]
    # figures in columns outside every table (a table's part its finders left out) say so
    outside = outside_note(
        outside_figures(
            [[_word(run) for run in _runs(ln.chars)] for ln in free],
            [*(t.bbox for t in tables if t.bbox is not None), *figures],
        ),
        width,
        height,
    )
    notes = (*notes, outside) if outside else notes
    return Page(
        number, width, height, PageKind.DIGITAL, tables=tuple(tables), text_blocks=tuple(blocks), notes=notes
    )


def _with_notes(
    tables: list[Table], grids: list[Grid], lines: list[Line], height: float, body_size: float
) -> list[Table]:
    """Each table with the notes printed under it (``Table.notes``), read from the page's free lines
    after every title and caption is placed; a note never reaches into the next table down."""
    out = []
    for table, grid in zip(tables, grids, strict=True):
        box = grid.bbox
        below = min(
            (
                g.bbox.top
                for g in grids
                if g is not grid
                and g.bbox.top >= box.bottom - 1.0
                and g.bbox.x0 < box.x1
                and g.bbox.x1 > box.x0
            ),
            default=height,
        )
        found = table_notes(lines, table, box, below, body_size)
        out.append(replace(table, notes=tuple(ln.text for ln in found)) if found else table)
    return out


def _word(run: list[Char]) -> tuple[str, BBox]:
    return "".join(c.text for c in run), BBox(
        min(c.x0 for c in run), min(c.top for c in run), max(c.x1 for c in run), max(c.bottom for c in run)
    )


FOLIO = re.compile(r"^[\-‐−－–—―ー(（]?\s*[0-9０-９]{1,4}\s*[\-‐−－–—―ー)）]?$|^[0-9]{1,4}\s*/\s*[0-9]{1,4}$")


_NOTE_MARK = re.compile(r"^\s*(?:※|\*|＊|注)\s*[0-9０-９]{0,2}\s*$")
_FIGURE_CELL = re.compile(r"^[\s△▲▼\-−－+＋,，.．%％0-9０-９()（）円千万億]*$")


def text_box(grid: Grid) -> bool:
    """A ruled box of running text, no table: everything it holds stands in one column and no cell
    is a figure (a slide's framed definition, ◆ items). Its lines are read as text, in their place
    (as a table its lines were cut at the box's edge and it had no header)."""
    # a note mark set above the line (※1) may stand in a band of its own: it makes no column
    filled = [c for c in grid.cells if c.text.strip() and not _NOTE_MARK.match(c.text)]
    if len(filled) < 2 or len({c.col for c in filled}) != 1:
        return False
    return not any(_FIGURE_CELL.match(c.text) for c in filled)


CALLOUT_CHARS = 120  # more characters over one picture are a diagram's own text, not its callouts


def _picture_words(
    chars: list[Char],
    used: set[int],
    figures: list[BBox],
    height: float,
    notes: tuple[str, ...],
    width: float = 0.0,
) -> tuple[set[int], tuple[str, ...]]:
    """The chars typed over each picture (not in a table), and the page notes naming the pictures
    with those words. Only a few callouts are taken out: a picture holding more text (a diagram
    drawn of text boxes over images, a page of text over a background) keeps its text as text, in
    reading order as before; the note still names the picture."""
    ink = [c for c in chars if not c.is_space and id(c) not in used]
    runs = [run for ln in group_lines(ink) for run in _runs(ln.chars)]
    over: set[int] = set()
    for box in figures:
        # a run of words (a line cut at wide gaps) is the picture's when most of it lies on it
        inside = [run for run in runs if sum(_on(c, box) for c in run) >= 0.6 * len(run)]
        words: list[str] = []
        count = sum(len(run) for run in inside)
        if inside and count <= min(CALLOUT_CHARS, 0.25 * len(ink)):
            over.update(id(c) for run in inside for c in run)
            words = ["".join(c.text for c in run) for run in inside]
        notes = (*notes, figure_note("a picture", box, height, words, width=width))
    return over, notes


def _on(c: Char, box: BBox) -> bool:
    cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return box.x0 <= cx <= box.x1 and box.top <= cy <= box.bottom


def _runs(chars: list[Char]) -> list[list[Char]]:
    """A line's ink cut where a gap is wider than two letters (a column's end, a callout beside it)."""
    ink = sorted((c for c in chars if not c.is_space), key=lambda c: c.x0)
    out: list[list[Char]] = []
    for c in ink:
        if out and c.x0 - out[-1][-1].x1 <= 2 * max(c.size, 1.0):
            out[-1].append(c)
        else:
            out.append([c])
    return out


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
