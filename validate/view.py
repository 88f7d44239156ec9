"""One axis of a table seen as lines of numbers: rows (checked per column) or columns (per row)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from chohyo.japanese.numbering import numbering_level
from chohyo.japanese.units import parse_unit as unit_mark
from chohyo.model import RECEIPT_LINES, CellKind, NullReason, Table
from chohyo.validate.labels import bare, is_total
from chohyo.validate.numeric import Numeric


@dataclass
class View:
    axis: str  # "row" or "col"
    num: Numeric
    lines: list[int]  # grid index of each line
    labels: list[str]
    paths: list[tuple[str, ...]]  # hierarchy path of each line (its own label last)
    levels: list[int | None]  # numbering level
    v: np.ndarray  # lines × checks
    h: np.ndarray
    present: np.ndarray
    unknown: np.ndarray
    checks: list[int] = field(default_factory=list)  # grid index of each check line
    pos: dict[int, int] = field(default_factory=dict)  # grid index → line position
    # columns: the header path and any words printed above the column's first figure (a header
    # the extractor left in the body); rows: their own labels
    titles: list[str] = field(default_factory=list)
    # rows: which statement each line belongs to (a table that runs over two statements, each
    # under its own heading, never adds a line of one to a line of the other); columns: all 0
    segments: list[int] = field(default_factory=list)
    # check lines (grid indices) of a text column (説明): a failure there is no failure of the figures
    soft: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.pos = {g: i for i, g in enumerate(self.lines)}
        if not self.titles:
            self.titles = list(self.labels)
        if not self.segments:
            self.segments = [0] * len(self.lines)

    @cached_property
    def scanned(self) -> bool:
        """The table was read by OCR: its figures may be misread (a born-digital one's are exact)."""
        return any(c.is_ocr for c in self.num.table.body_cells())

    @property
    def has_values(self) -> np.ndarray:
        return np.asarray(self.present.any(axis=1))

    def children_by_path(self) -> dict[int, list[int]]:
        """Hierarchy: line position → positions of its immediate children (lines with values)."""
        by_path = {p: i for i, p in enumerate(self.paths)}
        out: dict[int, list[int]] = {}
        vals = self.has_values
        for i, p in enumerate(self.paths):
            if len(p) > 1 and p[:-1] in by_path and vals[i]:
                out.setdefault(by_path[p[:-1]], []).append(i)
        return out

    def hierarchy_children(self) -> dict[int, tuple[int, ...]]:
        """Target line → its children from the hierarchy, including 計 rows for a heading's items."""
        kids = self.children_by_path()
        vals = self.has_values
        out: dict[int, tuple[int, ...]] = {}
        if self.axis == "col":  # header groups: 公益事業/小計 totals the other 公益事業/* columns
            groups: dict[tuple[str, ...], list[int]] = {}
            for i, p in enumerate(self.paths):
                if len(p) > 1 and vals[i]:
                    groups.setdefault(p[:-1], []).append(i)
            for members in groups.values():
                totals = [i for i in members if is_total(self.paths[i][-1])]
                if len(totals) == 1 and len(members) > 2:
                    out[totals[0]] = tuple(i for i in members if i != totals[0])
            return out
        for parent, ch in kids.items():
            if vals[parent]:
                out[parent] = tuple(ch)
                continue
            # A heading without numbers (経常収益): its 計 row totals the other items.
            totals = [c for c in ch if is_total(self.labels[c])]
            items = tuple(c for c in ch if c not in totals)
            for t in totals:
                if items:
                    out.setdefault(t, items)
            if not totals and items:
                head = bare(self.labels[parent])
                for i, p in enumerate(self.paths):
                    lab = bare(self.labels[i])
                    if (
                        vals[i]
                        and p[:-1] == self.paths[parent][:-1]
                        and is_total(lab)
                        and head
                        and lab.startswith(head)
                    ):
                        out.setdefault(i, items)
        return out


def row_label(table: Table, row: int) -> str:
    for r in table.rows:
        if r.index == row:
            return r.label
    cell = table.cell(row, 0)
    return cell.text if cell else ""


# 対前年度比, 当初比, 前年比: a title ending in 比 is a ratio (比較 is a difference and stays a column)
_RATIO = re.compile(r"%|％|率|割合|構成比|比$|比[(（]")


# 明細書頁数, ページ, 番号: the page or item a row refers to, a figure never added up
_REFERENCE = re.compile(r"頁|ページ|番号")


def ratio_columns(table: Table, cols: list[int]) -> list[bool]:
    """Columns of percentages or rates, and of page or item numbers (概算要求額総表's 明細書頁数
    3, 3, 4 under 010 = 213 + 225): never added up down the rows."""
    by_index = {c.index: c for c in table.columns}
    out = []
    for g in cols:
        col = by_index.get(g)
        name = re.sub(r"[\s\u3000]+", "", col.name) if col else ""
        out.append(
            bool(
                col
                and (
                    (col.unit and col.unit.name in {"%", "％"})
                    or _RATIO.search(name)
                    or _REFERENCE.search(name)
                )
            )
        )
    return out


_TEXT_COLUMN = re.compile(r"説明|備考|摘要")
_WORDS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{2}")  # two kana or kanji: words, not a misread figure
_DIGIT = re.compile(r"[0-9０-９]")


def text_columns(table: Table, cols: list[int]) -> list[bool]:
    """Columns of text that mention amounts in passing (説明, 備考, or more lines of words with a
    figure in them than figures: ``001 中央病院事業費1,426,461``): their amounts belong to their own
    lines, not to the rows beside them (節 = Σ 細節 says nothing of the 説明 amounts beside them)."""
    by_index = {c.index: c for c in table.columns}
    values: dict[int, int] = {}
    texts: dict[int, int] = {}
    for c in table.body_cells():
        if c.value is not None:
            values[c.col] = values.get(c.col, 0) + 1
        elif (
            (c.kind is CellKind.TEXT or c.null_reason is NullReason.UNPARSEABLE)
            and _WORDS.search(c.text)
            and _DIGIT.search(c.text)
        ):  # words with a figure in them, not a header word left in the body
            texts[c.col] = texts.get(c.col, 0) + 1
    out = []
    for g in cols:
        col = by_index.get(g)
        named = bool(col and _TEXT_COLUMN.search(col.name))
        out.append(named or texts.get(g, 0) > values.get(g, 0))
    return out


# A row of percentages or rates (比率(B)/(A)(%), 構成比, 伸び率), or a row of units: never added up
# across the columns nor down the rows (a label formula may still state it: 比率 = (B)/(A)).
_RATIO_ROW = re.compile(r"比率|構成比|伸び?率|割合|[(（][%％][)）]|[%％]$|率$|率[(（]")


def is_ratio_row(label: str) -> bool:
    text = re.sub(r"[\s\u3000]+", "", label)
    return bool(text) and (bool(_RATIO_ROW.search(text)) or unit_mark(text) is not None)


def is_receipt(table: Table) -> bool:
    """A table read line by line from a receipt (extract/ocr/receipt_lines.py)."""
    return any(c.provenance.method == RECEIPT_LINES for c in table.cells)


def ratio_rows(table: Table, rows: list[int]) -> list[bool]:
    """Rows whose label, or a text cell beside it (a second label column), names a ratio or a unit."""
    if is_receipt(table):
        return [False] * len(rows)  # a receipt's amounts are yen: a % in a label is the tax rate
    first_number: dict[int, int] = {}
    for c in table.body_cells():
        if c.kind is CellKind.NUMBER:
            first_number[c.row] = min(first_number.get(c.row, c.col), c.col)
    texts: dict[int, list[str]] = {}
    for c in table.body_cells():  # label cells only: left of the row's first figure
        if c.kind in (CellKind.LABEL, CellKind.TEXT) and c.text and c.col < first_number.get(c.row, 0):
            texts.setdefault(c.row, []).append(c.text)
    return [is_ratio_row(row_label(table, r)) or any(is_ratio_row(x) for x in texts.get(r, ())) for r in rows]


def ratio_marks(num: Numeric) -> tuple[np.ndarray, np.ndarray]:
    """(ratio columns, ratio rows) of the matrix: the same for both views of a table."""
    table = num.table
    return (
        np.array(ratio_columns(table, num.cols), dtype=bool),
        np.array(ratio_rows(table, num.rows), dtype=bool),
    )


def build_view(num: Numeric, axis: str, marks: tuple[np.ndarray, np.ndarray] | None = None) -> View:
    """``marks``: ``ratio_marks(num)``, when the caller builds both views (worked out once)."""
    table = num.table
    v, h, present, lines = num.oriented(axis)
    unknown = num.unknown if axis == "row" else num.unknown.T
    ratio, ratio_r = marks if marks is not None else ratio_marks(num)
    checks = list(num.rows)
    if axis == "row":  # rows add up in additive columns only
        keep = ~ratio
        v, h, present, unknown = v[:, keep], h[:, keep], present[:, keep], unknown[:, keep]
        checks = [c for c, k in zip(num.cols, keep, strict=True) if k]
        if ratio_r.any():  # a ratio row is no item or total of a sum down the rows
            present = present.copy()
            present[ratio_r] = False
    else:  # a ratio column is no item of a sum across columns (formulas may still target it)
        present = present.copy()
        present[ratio] = False
        if ratio_r.any():  # and columns add up in additive rows only
            keep_r = ~ratio_r
            v, h, present, unknown = v[:, keep_r], h[:, keep_r], present[:, keep_r], unknown[:, keep_r]
            checks = [r for r, k in zip(num.rows, keep_r, strict=True) if k]
    if axis == "row":
        rows = {r.index: r for r in table.rows}
        labels = [rows[g].label if g in rows else row_label(table, g) for g in lines]
        paths = [
            (*rows[g].parents, rows[g].label) if g in rows else (labels[i],) for i, g in enumerate(lines)
        ]
        levels = [
            numbering_level(labels[i], rows[g].numbering if g in rows else "") for i, g in enumerate(lines)
        ]
    else:
        cols = {c.index: c for c in table.columns}
        paths = [tuple(p for p in cols[g].path if p) if g in cols else (f"col{g}",) for g in lines]
        labels = ["/".join(p) for p in paths]
        levels = [None for _ in lines]
    if axis == "row":
        titles, segments = labels, statement_segments(table, list(lines))
    else:
        titles, segments = column_titles(table, list(lines), labels), [0] * len(lines)
    # rows are checked in a text column only where they hold there (its amounts are its own lines')
    soft = (
        {g for g, x in zip(num.cols, text_columns(table, num.cols), strict=True) if x}
        if axis == "row"
        else set()
    )
    return View(
        axis,
        num,
        list(lines),
        labels,
        paths,
        levels,
        v,
        h,
        present,
        unknown,
        checks,
        titles=titles,
        segments=segments,
        soft=soft,
    )


def column_titles(table: Table, cols: list[int], labels: list[str]) -> list[str]:
    """Each column's header path, then the words printed in it above its first figure."""
    first: dict[int, int] = {}
    for c in table.body_cells():
        if c.kind is CellKind.NUMBER and c.value is not None:
            first[c.col] = min(first.get(c.col, c.row), c.row)
    words: dict[int, list[str]] = {}
    for c in table.body_cells():
        if c.kind in (CellKind.TEXT, CellKind.LABEL) and c.text and c.row < first.get(c.col, -1):
            words.setdefault(c.col, []).append(c.text)
    return [" ".join([labels[i], *words.get(g, ())]).strip() for i, g in enumerate(cols)]


# A statement's own heading inside a table: ``1款 市税 46,460,600千円``, ``2項 固定資産税``
_STATEMENT = re.compile(r"^\s*[0-9０-９]+\s*[款項]\s*\S")


def statement_segments(table: Table, rows: list[int]) -> list[int]:
    """Per body row, the number of statement headings (款/項 heading rows without figures) above it;
    a heading repeated right after another (款 then 項) opens one segment, not two."""
    has_value: set[int] = set()
    heading: set[int] = set()
    for c in table.body_cells():
        if c.kind is CellKind.NUMBER and c.value is not None:
            has_value.add(c.row)
        elif c.text and _STATEMENT.match(c.text):
            heading.add(c.row)
    heading -= has_value
    by_row: dict[int, int] = {}
    seg, seen_value = 0, False
    for r in sorted(set(rows) | heading):
        if r in heading:
            if seen_value:
                seg += 1
            seen_value = False
        elif r in has_value:
            seen_value = True
        by_row[r] = seg
    return [by_row[r] for r in rows]


def column_name(table: Table, col: int) -> str:
    for c in table.columns:
        if c.index == col:
            return c.name
    return f"col{col}"


def line_name(view: View, i: int) -> str:
    return view.labels[i] or f"{view.axis}{view.lines[i]}"
