"""A page read again by other readers when chohyo's own reading fails its own checks (issue 16).

chohyo's finders read every page first (the fast path). A page is in doubt when one of its tables
fails a structural check: a numeric column holds text, two figures share a cell, rows hold far
fewer cells than the table's columns (the column count changes between rows), or most of the
page's tabular lines are left outside any table. Only then is it read again by the peers' readers
(camelot stream, lattice, network and hybrid, when camelot is installed) and the reading whose
structure is the most consistent — most text in well-formed rows, least text in faulty cells — is
kept. The winner is named in each cell's provenance; a cell that no other reading of the page
holds (the readers disagree and nothing confirms one) is marked ``readers-disagree`` and reported.

Pages set mostly in Japanese are never re-read: the peers' readers split letter-spaced words and
lose vertical text there, and a budget book must not pay for them (bench: real books CPU).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from chohyo.extract.tables.build import to_table
from chohyo.extract.tables.cells import is_prose
from chohyo.extract.tables.geometry import Char
from chohyo.extract.tables.grid import Grid, GridCell
from chohyo.extract.tables.layout import group_lines, split_words
from chohyo.findings import FindingType, finding, register
from chohyo.japanese.spacing import is_cjk_char
from chohyo.model import Alternative, BBox, CellRef, Finding, Page, Severity, Table

register(
    FindingType(
        "readers-disagree",
        Severity.WARNING,
        "Readers disagree",
        "{where}: {reader} read {text!r}, which no other reading of the page holds; check it against the page",
    )
)

register(
    FindingType(
        "reread-unavailable",
        Severity.INFO,
        "No other reader for a doubtful page",
        "page {page}: {doubt}, but no other reader could read it again{hint}; its tables are chohyo's own reading",
    )
)

FLAVORS = ("stream", "lattice", "network", "hybrid")
DISAGREE = "readers-disagree"
UNAVAILABLE = "in doubt, not re-read: "
# words said twice in a row (`Loans Loans`, `Medical & Family Medical & Family`): the header lines
# of several columns read into one cell (a header that does not fit its columns)
_REPEATED = re.compile(r"(?<!\S)(\w[\w&.]*(?: [\w&.]+)*) \1(?!\S)")
# one figure, its grouping right (8009,50 is two figures run together)
_FIGURE = re.compile(r"^[(\-+−–△▲$€£¥]?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s?[%€)]?\)?$")
# (an ordinal is no figure: `Room No. 309, 3rd Floor` is one address)
_TWO_FIGURES = re.compile(r"\d[\d,.]*%?\)?\s+[(\-+−$€]?\d(?![\d,.]*(?:st|nd|rd|th)\b)|\d,\d{3}\d|\d\.\d+\.\d")


_LEADERS = re.compile(r"(?:\.\s*){3,}")


@dataclass(frozen=True)
class Reading:
    reader: str  # "pdfium" (chohyo's own) or "camelot-<flavor>"
    grids: tuple[tuple[tuple[str, ...], ...], ...]  # each table's rows of cell texts
    tables: tuple[Table, ...] = ()


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _bare(text: str) -> str:
    """A cell's text for comparing readings: no white space (camelot writes `11,062 .6`)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def table_rows(table: Table) -> tuple[tuple[str, ...], ...]:
    grid: dict[int, dict[int, str]] = {}
    for c in table.cells:
        grid.setdefault(c.row, {})[c.col] = c.raw_text
    width = max((len(table.columns), *(max(r) + 1 for r in grid.values())), default=0)
    return tuple(tuple(grid[r].get(k, "") for k in range(width)) for r in sorted(grid))


def _numeric_columns(rows: tuple[tuple[str, ...], ...]) -> list[int]:
    width = max((len(r) for r in rows), default=0)
    out = []
    for k in range(width):
        filled = [_fold(r[k]) for r in rows if k < len(r) and r[k].strip()]
        figures = sum(bool(_FIGURE.match(t)) for t in filled)
        if figures >= 3 and figures >= 0.6 * len(filled):
            out.append(k)
    return out


def faults(rows: tuple[tuple[str, ...], ...]) -> tuple[int, int]:
    """(characters in well-formed rows, characters in faulty cells) of one table's reading.

    A faulty cell: text below the first figure of a numeric column, two figures in one cell, words
    said twice in a row (several columns' header lines in one cell), the one filled cell of a
    row between rows of several cells (the column count changes). Running prose in a column
    mostly of prose is neither: a page's text columns read as a table hold no table's data, and
    must not outweigh a reading that found the table."""
    numeric = set(_numeric_columns(rows))
    first_figure = {
        k: next((i for i, r in enumerate(rows) if k < len(r) and _FIGURE.match(_fold(r[k]))), 0)
        for k in numeric
    }
    fills = [sum(bool(x.strip()) for x in r) for r in rows]
    prose = {(i, k) for i, r in enumerate(rows) for k, x in enumerate(r) if is_prose(x)}
    width = max((len(r) for r in rows), default=0)
    filled = [sum(1 for r in rows if k < len(r) and r[k].strip()) for k in range(width)]
    in_prose = Counter(k for _, k in prose)
    good = bad = 0
    for i, r in enumerate(rows):
        for k, x in enumerate(r):
            t = _fold(x)
            if not t:
                continue
            size = len(_LEADERS.sub("", t).replace(" ", ""))  # dot leaders are layout, no content
            wrong = bool(_TWO_FIGURES.search(t)) and not _FIGURE.match(t)
            wrong |= bool(_REPEATED.search(t))
            wrong |= k in numeric and i > first_figure[k] and not _FIGURE.match(t) and t not in "-–—"
            inner = 0 < i < len(rows) - 1 and fills[i - 1] >= 2 and fills[i + 1] >= 2
            wrong |= fills[i] == 1 and inner and len(r) > 2
            if (i, k) in prose and 2 * in_prose[k] > filled[k]:
                continue  # a column of running prose: a page of text read as a table (`31, 2010`)
            if wrong:
                bad += size
            elif fills[i] >= 2:
                good += size
    return good, bad


def quality(reading: Reading) -> float:
    good = bad = 0
    for rows in reading.grids:
        g, b = faults(rows)
        good, bad = good + g, bad + b
    return good - 2 * bad


def japanese(chars: list[Char]) -> bool:
    """A page whose letters are Japanese (a fifth or more; figures and marks are no letters): a
    salary table of a Japanese ordinance is mostly figures, and still Japanese."""
    text = "".join([c.text for c in chars if not c.is_space])
    letters = sum(ch.isalpha() for ch in text)
    return bool(text) and sum(map(is_cjk_char, text)) >= 0.2 * max(letters, 1)


def in_doubt(page: Page, lines: list[list[str]]) -> str:
    """Why the page's own reading is in doubt ("" when it passes its checks). ``lines``: the
    page's text lines, each as its words (split where the layout leaves a gap)."""
    if not page.tables:
        return ""
    for t in page.tables:
        good, bad = faults(table_rows(t))
        if bad and bad >= 0.02 * (good + bad):
            return f"table {t.id} fails its checks ({bad} of {good + bad} characters in faulty cells)"
    held = "\n".join(_fold(c.raw_text) for t in page.tables for c in t.cells if c.raw_text.strip())
    tabular = [ln for ln in lines if len(ln) >= 2]
    outside = [ln for ln in tabular if not any(_fold(w) in held for w in ln)]
    if len(outside) >= 2 and len(outside) >= 0.3 * len(tabular):
        return f"{len(outside)} of {len(tabular)} lines of several words lie outside every table"
    return ""


def peer_readings(path: str, number: int) -> list[Reading]:
    """camelot's four readings of the page; [] when camelot is not installed or fails on it."""
    try:  # an optional dependency (pip install chohyo[reread]); Any: camelot ships no types
        read_pdf = importlib.import_module("camelot").read_pdf
    except ImportError:
        return []
    out = []
    for flavor in FLAVORS:
        kwargs: dict[str, Any] = {"backend": "pdfium"} if flavor == "lattice" else {}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = read_pdf(path, pages=str(number), flavor=flavor, **kwargs)
        except Exception:  # a peer that fails on a page offers no reading
            continue
        grids = _distinct(
            [
                tuple(tuple(str(x) for x in row) for row in t.df.values.tolist())
                for t in found
                if t.df.shape[0] >= 2 and t.df.shape[1] >= 2
            ]
        )
        if grids:
            out.append(Reading(f"camelot-{flavor}", grids))
    return out


def _distinct(grids: list[tuple[tuple[str, ...], ...]]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The tables of one reading, less any that mostly repeats a bigger one's cells (hybrid
    returns a region read both ways): a reading's text is counted once."""
    kept: list[tuple[tuple[str, ...], ...]] = []
    seen: Counter[str] = Counter()
    for rows in sorted(grids, key=lambda g: -sum(bool(x.strip()) for row in g for x in row)):
        texts = Counter(_fold(x) for row in rows for x in row if x.strip())
        if texts and sum((texts & seen).values()) >= 0.5 * sum(texts.values()):
            continue
        kept.append(rows)
        seen += texts
    return tuple(kept)


def _respacer(lines: list[list[str]]) -> Callable[[str], str]:
    """A peer's cell text with the word spaces chohyo reads in the same glyphs: camelot's text layer
    splits a word where a glyph sits apart (`L es Blancs`, `11,062 .6`); chohyo places word gaps
    by the glyphs' geometry. The cell keeps the peer's characters; its white space is taken from
    the page line that holds them (a text found on no line, or on several spaced differently,
    stays as the peer wrote it)."""
    printed = [" ".join(" ".join(words).split()) for words in lines]
    bare_lines = [(t.replace(" ", ""), [i for i, ch in enumerate(t) if ch != " "], t) for t in printed]

    def respace(text: str) -> str:
        bare = "".join(text.split())
        if not bare:
            return text
        found: set[str] = set()
        for joined, where, line in bare_lines:
            at = joined.find(bare)
            while at >= 0 and len(found) < 2:
                found.add(line[where[at] : where[at + len(bare) - 1] + 1])
                at = joined.find(bare, at + 1)
        if len(found) != 1:
            return text
        mine = found.pop()
        # a line set letter-spaced that chohyo too reads as stray letters (`Vi n s a u Ve r re`: the
        # text layer's spaces are uneven) has no words to take: the peer's text stays
        return text if _SPACED_LETTERS.search(mine) else mine

    return respace


_SPACED_LETTERS = re.compile(r"(?<!\S)\w(?: \w){2}(?!\S)")


def _to_tables(reading: Reading, page: Page, respace: Callable[[str], str] = str) -> tuple[Table, ...]:
    tables = []
    for k, rows in enumerate(reading.grids, start=1):
        cells = [
            GridCell(r, c, text=respace(" ".join(x.split())))
            for r, row in enumerate(rows)
            for c, x in enumerate(row)
            if x.strip()
        ]
        grid = Grid(
            page.number,
            len(rows),
            max(len(r) for r in rows),
            cells,
            BBox(0, 0, page.width, page.height),
            "stream",
        )
        t = to_table(grid, f"p{page.number}t{k}", extractor=reading.reader)
        tables.append(replace(t, bbox=None, method=reading.reader.split("-", 1)[1]))
    return tuple(tables)


def _mark_disagreeing(tables: tuple[Table, ...], others: list[Reading]) -> tuple[Table, ...]:
    """Figure cells no other reading holds, as a cell or a word, carry ``readers-disagree`` in
    their provenance (text is cut into cells differently by every reader; a figure is one word)."""
    # a figure is confirmed when another reader has it as a cell or as a word of a cell (camelot
    # often runs a figure and the next column's text together: `648765 BAW`)
    seen: set[str] = set()
    for x in (x for r in others for rows in r.grids for row in rows for x in row):
        seen.add(_bare(x))
        seen.update(unicodedata.normalize("NFKC", x).split())
    out = []
    for t in tables:
        cells = tuple(
            replace(c, provenance=c.provenance.with_transforms(DISAGREE))
            if _FIGURE.match(_fold(c.raw_text)) and _bare(c.raw_text) not in seen
            else c
            for c in t.cells
        )
        out.append(replace(t, cells=cells))
    return tuple(out)


def reread(page: Page, path: str, chars: list[Char], reader: Any = peer_readings) -> tuple[Page, str]:
    """The page with the most consistent reading's tables, and a note saying why it was re-read
    ("" when it was not: the page passed its checks, is set in Japanese, or no peer is installed)."""
    if not page.tables or japanese(chars):
        return page, ""
    lines = [[w.text for w in split_words(ln.chars)] for ln in group_lines(chars)]
    doubt = in_doubt(page, lines)
    if not doubt:
        return page, ""
    own = Reading("pdfium", tuple(table_rows(t) for t in page.tables), page.tables)
    peers = reader(path, page.number)
    if not peers:  # the user is told, not left to think the page was confirmed
        note = f"{UNAVAILABLE}{doubt}"
        return replace(page, notes=(*page.notes, note)), note
    readings = [own, *peers]
    respace = _respacer(lines)
    best = max(readings, key=quality)  # ties keep chohyo's own reading (listed first)
    others = [r for r in readings if r is not best]
    marked = {
        r.reader: _mark_disagreeing(
            r.tables if r is own else _to_tables(r, page, respace), [o for o in readings if o is not r]
        )
        for r in readings
    }
    tables = marked[best.reader]
    # the runner-ups stay for the pipeline, where arithmetic judges between readings
    alternatives = tuple(
        Alternative(r.reader, marked[r.reader]) for r in sorted(others, key=quality, reverse=True)
    )
    note = (
        f"re-read: {doubt}; kept the {best.reader} reading ({quality(best):.0f} vs "
        + ", ".join(f"{r.reader} {quality(r):.0f}" for r in others)
        + ")"
    )
    return replace(page, tables=tables, notes=(*page.notes, note), alternatives=alternatives), note


def disagreements(pages: Iterable[Page]) -> tuple[Finding, ...]:
    """One finding per cell marked ``readers-disagree`` (call once the tables have final ids), and
    one per doubtful page no other reader could read again."""
    out = []
    installed = importlib.util.find_spec("camelot") is not None
    for page in pages:
        for note in page.notes:
            if note.startswith(UNAVAILABLE):
                hint = "" if installed else " (camelot is not installed: pip install 'chohyo[reread]')"
                out.append(
                    finding(
                        "reread-unavailable",
                        page=page.number,
                        doubt=note[len(UNAVAILABLE) :],
                        hint=hint,
                    )
                )
        for t in page.tables:
            for c in t.cells:
                if DISAGREE in c.provenance.transforms:
                    out.append(
                        finding(
                            DISAGREE,
                            page=page.number,
                            table=t.id,
                            cells=(CellRef(t.id, c.row, c.col),),
                            where=f"{t.id} row {c.row + 1} column {c.col + 1}",
                            reader=c.provenance.extractor,
                            text=c.raw_text,
                        )
                    )
    return tuple(out)
