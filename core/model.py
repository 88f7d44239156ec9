"""The data model: Document → Page → Table → Cell, typed and immutable.

Every stage returns new objects (``dataclasses.replace``); nothing is filled in after
construction. ``chohyo.serialize`` gives the JSON round trip.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from types import MappingProxyType
from typing import Any

from chohyo.budget import Budget, BudgetItem, BudgetLine, BudgetRelation, Sources


class PageKind(StrEnum):
    DIGITAL = "digital"
    SCANNED = "scanned"
    MIXED = "mixed"


class CellKind(StrEnum):
    HEADER = "header"
    LABEL = "label"
    NUMBER = "number"
    TEXT = "text"
    EMPTY = "empty"


class NullReason(StrEnum):
    """Why a cell that looks numeric carries no value (kept so output can say so)."""

    DASH = "dash"  # —, －, - alone: "none"
    UNKNOWN = "unknown"  # …
    SUPPRESSED = "suppressed"  # x, 秘匿
    BLANK = "blank"  # nothing printed
    UNPARSEABLE = "unparseable"  # looked numeric but is not a valid number


class TextRole(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    CAPTION = "caption"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(StrEnum):
    """How a run ended (docling's pattern): data problems make it partial, not a crash."""

    SUCCESS = "success"
    PARTIAL = "partial"
    FAILURE = "failure"


@dataclass(frozen=True, slots=True)
class BBox:
    """A box in PDF points, top-left origin (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )


# A transform named in an OCR'd number's provenance: two independent readings (two engines) gave
# the same number, well formed (whole, grouped in threes): it confirms the value as arithmetic does.
OCR_AGREED = "ocr-two-readings-agree"
# The method of a photographed receipt's table (extract/ocr/receipt_lines.py): validate looks for a
# receipt's arithmetic (validate/receipts.py) in such a table only.
RECEIPT_LINES = "ocr-receipt-lines"
# A transform of a receipt row's cells: a line with an amount above it was not read into the table,
# so the items above it are not all there (validate/receipts.py checks no Σ of items through it).
ITEMS_UNREAD = "receipt-items-unread-above"
# A transform of an OCR'd label the lexicon could not settle (normalize's ocr-doubtful-label): on a
# receipt, two readings agreeing on an amount then say nothing of whose amount it is.
LABEL_DOUBTFUL = "ocr-label-doubtful"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value came from: which extractor and method, and every transform applied since."""

    extractor: str  # "pdfium-words", "camelot-lattice", "tesseract", ...
    method: str = ""  # "lattice", "stream", "ocr-grid", ...
    transforms: tuple[str, ...] = ()

    @property
    def read_by_ocr(self) -> bool:
        """A text block's (or its amounts') words came from OCR: an OCR method or Tesseract."""
        return "ocr" in self.method or self.extractor == "tesseract"

    def with_transforms(self, *names: str) -> Provenance:
        new = tuple(n for n in names if n not in self.transforms)
        return replace(self, transforms=self.transforms + new) if new else self


# Display units and their scales (one table for every stage: units are found in normalize, read
# back from CSV headers in validate, written into headers by emit).
UNIT_SCALES: Mapping[str, Decimal] = MappingProxyType(
    {
        "円": Decimal(1),
        "千円": Decimal(1000),
        "万円": Decimal(10_000),
        "百万円": Decimal(1_000_000),
        "億円": Decimal(100_000_000),
        "人": Decimal(1),
        "千人": Decimal(1000),
        "件": Decimal(1),
        "%": Decimal(1),
        "％": Decimal(1),
        "倍": Decimal(1),
    }
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A display unit with its scale: 千円 → Decimal(1000). Values stay as printed."""

    name: str
    scale: Decimal = Decimal(1)

    @classmethod
    def named(cls, name: str) -> Unit:
        """The unit with its known scale (1 for a unit not in ``UNIT_SCALES``)."""
        return cls(name, UNIT_SCALES.get(name, Decimal(1)))


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    raw_text: str  # exactly as extracted (or OCR'd)
    text: str = ""  # normalized text
    kind: CellKind = CellKind.EMPTY
    value: Decimal | None = None
    null_reason: NullReason | None = None
    row_span: int = 1
    col_span: int = 1
    page: int = 1
    bbox: BBox | None = None
    confidence: float = 1.0
    provenance: Provenance = Provenance("unknown")
    # OCR only: per-character confidences (0..1) and alternative readings the
    # validation stage may choose between; never applied silently.
    char_confidences: tuple[float, ...] = ()
    candidates: tuple[str, ...] = ()
    corrected_from: str | None = None  # set when a repair was applied; the original text
    # a cell printed on several lines (extract): each line's words, split where the layout leaves a
    # gap, top to bottom; () for a cell of one line. A 説明 cell of a budget book holds several
    # printed lines, each with its own amount at the line's end.
    lines: tuple[tuple[str, ...], ...] = ()

    @property
    def is_number(self) -> bool:
        return self.kind is CellKind.NUMBER

    @property
    def is_ocr(self) -> bool:
        return self.provenance.extractor.startswith(("tesseract", "rapidocr", "ocr"))


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table; ``path`` joins multi-row headers (公益事業/公益事業1)."""

    index: int
    path: tuple[str, ...]
    unit: Unit | None = None

    @property
    def name(self) -> str:
        return "/".join(p for p in self.path if p)


@dataclass(frozen=True, slots=True)
class Row:
    """One body row: its own label and its place in the hierarchy (parents first)."""

    index: int  # grid row index in ``Table.cells``
    label: str
    page: int = 1
    parents: tuple[str, ...] = ()
    level: int = 0
    numbering: str = ""  # "Ⅰ", "1.", "(1)", ... set aside from the label, if any

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.parents, self.label)


@dataclass(frozen=True, slots=True)
class Term:
    index: int  # row index (axis "row") or column index (axis "col")
    sign: int = 1  # +1 or -1


@dataclass(frozen=True, slots=True)
class Relation:
    """An arithmetic identity: target = Σ sign·term, checked along the other axis."""

    id: str
    axis: str  # "row": rows combine, checked in each column; "col": columns combine, per row
    target: int
    terms: tuple[Term, ...]
    kind: str = "sum"  # sum | difference | balance | formula
    source: str = ""  # label-formula | label-identity | hierarchy | search | rules-file
    score: float = 0.0
    holds: bool | None = None
    description: str = ""


_BY_COL = attrgetter("col")


@dataclass(frozen=True)
class Table:
    id: str  # "t1", unique within the document
    pages: tuple[int, ...]
    columns: tuple[Column, ...]
    cells: tuple[Cell, ...]  # header and body cells, row-major
    header_rows: int = 1
    rows: tuple[Row, ...] = ()  # body rows only
    bbox: BBox | None = None  # on the first page
    title: str = ""
    captions: tuple[str, ...] = ()  # text lines the extractor tied to the table: unit, period, notes
    notes: tuple[str, ...] = ()  # lines printed right under the table: its footnotes and source
    unit: Unit | None = None
    method: str = ""
    confidence: float = 1.0
    relations: tuple[Relation, ...] = ()

    @property
    def n_rows(self) -> int:
        return 1 + max((c.row + c.row_span - 1 for c in self.cells), default=-1)

    @property
    def n_cols(self) -> int:
        return max(len(self.columns), 1 + max((c.col + c.col_span - 1 for c in self.cells), default=-1))

    def cell(self, row: int, col: int) -> Cell | None:
        return self._index().get((row, col))

    def _index(self) -> Mapping[tuple[int, int], Cell]:
        # Derived, so cached beside the fields (the dataclass is frozen, not slotted, for this).
        idx = self.__dict__.get("_cell_index")
        if idx is None:
            idx = {(c.row, c.col): c for c in self.cells}
            object.__setattr__(self, "_cell_index", idx)
        return idx

    def body_cells(self) -> Iterator[Cell]:
        return (c for c in self.cells if c.row >= self.header_rows)

    def row_cells(self, row: int) -> list[Cell]:
        rows = self.__dict__.get("_row_index")  # derived and cached, like ``_index``
        if rows is None:
            rows = {}
            for c in self.cells:
                rows.setdefault(c.row, []).append(c)
            for cells in rows.values():
                cells.sort(key=_BY_COL)
            object.__setattr__(self, "_row_index", rows)
        return list(rows.get(row, ()))

    def grid(self) -> list[list[str]]:
        """Body rows as text, one list per row (label first), for quick looks."""
        out = []
        for r in range(self.header_rows, self.n_rows):
            cells = {c.col: c for c in self.cells if c.row == r}
            out.append([cells[c].text if c in cells else "" for c in range(self.n_cols)])
        return out

    def with_cells(self, changed: Mapping[tuple[int, int], Cell]) -> Table:
        """A copy with some cells replaced (keyed by (row, col))."""
        cells = tuple(changed.get((c.row, c.col), c) for c in self.cells)
        return replace(self, cells=cells)


def dedupe_names(names: list[str]) -> list[str]:
    """Unique column names (a DataFrame or a data package needs them): repeats get .1, .2."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        k = seen.get(n, 0)
        seen[n] = k + 1
        out.append(n if k == 0 else f"{n}.{k}")
    return out


@dataclass(frozen=True, slots=True)
class TextBlock:
    page: int
    text: str
    role: TextRole = TextRole.PARAGRAPH
    bbox: BBox | None = None
    order: int = 0  # reading order within the document
    level: int = 0  # heading level (1 = top) or list depth
    confidence: float = 1.0
    provenance: Provenance = Provenance("unknown")

    def page_of(self, rest: int) -> int:
        """The page a point of the text was printed on, given by ``rest``, the count of non-space
        characters from that point to the end: a paragraph joined over a page break stays on the
        page it begins on, and its provenance names each later page with the count of non-space
        characters printed from there on (``continues-on-page-7:312``, see ``page_break_mark``)."""
        page = self.page
        for t in self.provenance.transforms:
            if t.startswith(PAGE_BREAK_MARK):
                number, tail = t[len(PAGE_BREAK_MARK) :].split(":")
                if rest <= int(tail):
                    page = max(page, int(number))
        return page


PAGE_BREAK_MARK = "continues-on-page-"
# a page note naming a figure left out of the text (extract writes it, emit shows it in text.md):
# "figure: a picture 42-95% down the page (7 lines of words: …)"
FIGURE_NOTE = "figure: "


def page_break_mark(page: int, tail: str) -> str:
    """The provenance transform of a paragraph that goes on to ``page`` with the text ``tail``."""
    return f"{PAGE_BREAK_MARK}{page}:{sum(not ch.isspace() for ch in tail)}"


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another reader's reading of a re-read page (extract keeps the runner-ups): the pipeline
    validates each and lets arithmetic judge between them, since extract cannot call validate."""

    reader: str  # "pdfium" (chohyo's own) or "camelot-<flavor>"
    tables: tuple[Table, ...]


# provenance transforms of a re-read page's cells once arithmetic has judged its readings
# (core/pipeline.py): the reader won on arithmetic, or the structural choice was confirmed by it
WON_ON_ARITHMETIC = "reader-won-on-arithmetic"
CONFIRMED_BY_ARITHMETIC = "reader-confirmed-by-arithmetic"


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    kind: PageKind = PageKind.DIGITAL
    tables: tuple[Table, ...] = ()
    text_blocks: tuple[TextBlock, ...] = ()
    rotation: int = 0  # degrees the page was turned to read it
    dpi: float | None = None  # scans: the resolution the image was read at
    notes: tuple[str, ...] = ()  # why the page was routed as it was, etc.
    # a re-read page: the other readers' readings, judged and cleared by the pipeline
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True, slots=True)
class Period:
    start: str  # ISO date
    end: str
    label: str = ""  # as printed, e.g. 平成27年4月1日から平成28年3月31日まで


@dataclass(frozen=True, slots=True)
class CellRef:
    table: str
    row: int
    col: int
    row_label: str = ""
    column: str = ""
    value: Decimal | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Suspect:
    row: int
    col: int
    row_label: str
    column: str
    found: Decimal | None
    proposed: Decimal | None = None
    proposed_text: str | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A clerk's review of a finding (``chohyo apply``): who, when, and whether arithmetic agrees.

    ``confirmed``: every relation through the reviewed cells holds with the values now in the table.
    ``decided``: the clerk kept a value arithmetic does not confirm (a published misprint): the
    person's word, never the arithmetic's.
    """

    state: str  # confirmed | decided
    by: str
    at: str
    was: Severity  # the finding's severity before the review


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem in the data: a value, never raised (frictionless' pattern)."""

    code: str  # stable slug, see chohyo.findings.CATALOGUE
    severity: Severity
    message: str
    page: int | None = None
    table: str | None = None
    cells: tuple[CellRef, ...] = ()
    expected: Decimal | None = None
    found: Decimal | None = None
    suspects: tuple[Suspect, ...] = ()
    relation: str | None = None  # Relation.id this finding is about
    resolution: Resolution | None = None  # set by a clerk's review (chohyo apply)


@dataclass(frozen=True, slots=True)
class TextAmount:
    """A sum of money or a head count printed in running text (``110,893千円``, ``約3億円``,
    ``12万3456円``, ``約130名``), with the sentence it stands in: a clerk's second question."""

    page: int
    text: str  # as printed (width-folded): 110,893千円
    value: Decimal | None  # in yen or persons (110,893千円 → 110893000); None when unreadable
    unit: str  # the printed unit: 円, 千円, 万円, 億円, 百万円, 人, 名
    sentence: str
    approximate: bool = False  # 約, およそ, 概ね before it
    date: str = ""  # the 和暦 date printed in the sentence, as printed
    date_iso: str = ""  # its ISO form when the whole date is printed
    fiscal_year: int | None = None  # 令和4年度 → 2022
    block: int = 0  # the text block's reading order
    note: str = ""  # why the value is empty, or why it is unconfirmed (OCR)
    provenance: Provenance = Provenance("unknown")


@dataclass(frozen=True, slots=True)
class TextDate:
    """A 和暦 date printed in running text with its ISO form (``令和4年6月10日`` → 2022-06-10, ``令和3年
    12月`` → 2021-12): dated entries, a bill's submission date, an event in a report."""

    page: int
    text: str  # as printed (width-folded): 令和4年6月10日
    iso: str  # 2022-06-10, or 2021-12 when no day is printed; "" when the date cannot be (note says why)
    block: int = 0  # the text block's reading order
    note: str = ""  # why a date-looking text has no ISO form (昭和64年2月1日: 昭和 ended 1989-01-07)


@dataclass(frozen=True, slots=True)
class Document:
    source: str
    sha256: str
    pages: tuple[Page, ...] = ()
    status: Status = Status.SUCCESS
    findings: tuple[Finding, ...] = ()
    title: str = ""
    period: Period | None = None
    meta: tuple[tuple[str, str], ...] = ()  # free key/value pairs (producer, chohyo version...)
    budget: Budget | None = None  # a budget book's 事項別明細書 as one long table (chohyo.budget)
    amounts: tuple[TextAmount, ...] = ()  # sums and counts in running text (found by normalize)
    dates: tuple[TextDate, ...] = ()  # 和暦 dates in running text with their ISO form (found by normalize)

    @property
    def tables(self) -> list[Table]:
        return [t for p in self.pages for t in p.tables]

    @property
    def text_blocks(self) -> list[TextBlock]:
        return sorted((b for p in self.pages for b in p.text_blocks), key=lambda b: (b.order, b.page))

    def map_tables(self, fn: Any) -> Document:
        """A copy with ``fn(table) -> table`` applied to every table."""
        pages = tuple(replace(p, tables=tuple(fn(t) for t in p.tables)) for p in self.pages)
        return replace(self, pages=pages)

    def with_findings(self, *found: Finding) -> Document:
        return replace(self, findings=self.findings + tuple(found))


__all__ = [
    "CONFIRMED_BY_ARITHMETIC",
    "UNIT_SCALES",
    "WON_ON_ARITHMETIC",
    "Alternative",
    "BBox",
    "Budget",
    "BudgetItem",
    "BudgetLine",
    "BudgetRelation",
    "Cell",
    "CellKind",
    "CellRef",
    "Column",
    "Document",
    "Finding",
    "NullReason",
    "Page",
    "PageKind",
    "Period",
    "Provenance",
    "Relation",
    "Resolution",
    "Row",
    "Severity",
    "Sources",
    "Status",
    "Suspect",
    "Table",
    "Term",
    "TextAmount",
    "TextBlock",
    "TextDate",
    "TextRole",
    "Unit",
    "dedupe_names",
]
