"""Apply every normalization to a Document: a new Document, the input untouched."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import fields, replace
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any

from chohyo.findings import finding
from chohyo.japanese.units import parse_unit as unit_mark
from chohyo.model import (
    LABEL_DOUBTFUL,
    OCR_AGREED,
    Cell,
    CellKind,
    CellRef,
    Column,
    Document,
    Finding,
    NullReason,
    Provenance,
    Row,
    Severity,
    Table,
    TextBlock,
    Unit,
)
from chohyo.normalize.amounts import text_amounts
from chohyo.normalize.budget import build_budget, division_findings
from chohyo.normalize.dates import find_period, parse_date, text_dates
from chohyo.normalize.hierarchy import RowInput, assign_hierarchy, numbering_rank
from chohyo.normalize.kana import respell_document
from chohyo.normalize.lexicon import Repair, builtin_lexicon, family_word, repair_label
from chohyo.normalize.numbers import ParsedNumber, format_plain, parse_number
from chohyo.normalize.overflow import split_overflows
from chohyo.normalize.text import CleanText, clean_label, merge_line_spacing, split_numbering
from chohyo.normalize.units import find_unit, split_unit_suffix, unreadable_unit
from chohyo.runtime import gc_paused
from chohyo.settings import NormalizeSettings

__all__ = ["normalize_document", "normalize_table"]


_CELL_FIELDS = tuple(f.name for f in fields(Cell))
_CELL_POS = {name: i for i, name in enumerate(_CELL_FIELDS)}
_cell_values = attrgetter(*_CELL_FIELDS)


def _cell_with(c: Cell, **changes: Any) -> Cell:
    """``dataclasses.replace`` for a Cell, about twice as fast (every cell of a book goes through it)."""
    values = list(_cell_values(c))
    for name, value in changes.items():
        values[_CELL_POS[name]] = value
    return Cell(*values)


@lru_cache(maxsize=4096)
def _transformed(prov: Provenance, names: tuple[str, ...]) -> Provenance:
    """``prov.with_transforms(*names)``, shared: a table's cells carry a handful of distinct ones."""
    return prov.with_transforms(*names)


def _clean(text: str, settings: NormalizeSettings, *, dates: bool = True) -> CleanText:
    return clean_label(
        text,
        merge=settings.merge_letter_spacing,
        fold=settings.fold_width,
        radicals=settings.map_radicals,
        dates=dates,
    )


def normalize_document(doc: Document, settings: NormalizeSettings) -> Document:
    with gc_paused():
        return _normalize_document(doc, settings)


def _normalize_document(doc: Document, settings: NormalizeSettings) -> Document:
    findings: list[Finding] = []
    pages = []
    dropped: dict[str, set[int]] = {}  # table id → the unit rows normalize_table takes out of its body
    for page in doc.pages:
        page_texts = tuple(b.text for b in sorted(page.text_blocks, key=lambda b: b.order))
        tables = tuple(normalize_table(t, settings, findings, page_texts, dropped) for t in page.tables)
        blocks = tuple(_block(b, settings) for b in page.text_blocks)
        pages.append(replace(page, tables=tables, text_blocks=blocks))
    out = replace(doc, pages=tuple(pages), title=_clean(doc.title, settings).text if doc.title else doc.title)
    out, respelled = respell_document(out)
    findings.extend(respelled)
    texts = _document_texts(out)
    titles = [x for x in [out.title, *(t.title for t in out.tables)] if x]
    period = doc.period or find_period(texts, titles)
    findings.extend(_date_findings(texts))
    budget = build_budget(out)  # a budget book's 事項別明細書 as one long table, else None
    findings.extend(division_findings(budget))
    amounts = text_amounts(out)  # sums and counts in running text: amounts.csv
    return replace(
        out,
        period=period,
        findings=_moved_with_rows(doc.findings, dropped) + tuple(findings),
        budget=budget,
        amounts=amounts,
        dates=text_dates(out),  # 和暦 dates with their ISO form (document.json)
    )


def _document_texts(doc: Document) -> list[str]:
    texts = [doc.title] if doc.title else []
    for t in doc.tables:
        texts.extend([t.title, *t.captions])
    for b in doc.text_blocks:
        texts.extend(b.text.splitlines())
    return [t for t in texts if t]


def _date_findings(texts: Iterable[str]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[str] = set()
    for text in texts:
        d = parse_date(text)
        if d is None or d.text in seen:
            continue
        seen.add(d.text)
        if d.blank:
            out.append(finding("blank-date", text=d.text, year=d.year))
        elif d.error:
            out.append(finding("invalid-date", text=d.text, reason=d.error))
    return out


def _block(b: TextBlock, settings: NormalizeSettings) -> TextBlock:
    # Running text keeps its printed date spacing; only tables and titles are tightened.
    lines = [_line(line, settings) for line in b.text.splitlines()]
    text = "\n".join(c.text for c in lines if c.text)
    if text == b.text:
        return b
    names = [n for c in lines for n in c.transforms]
    return replace(b, text=text, provenance=_transformed(b.provenance, tuple(names)))


def _line(line: str, settings: NormalizeSettings) -> CleanText:
    """One printed line of running text: the label cleaning, then the running-text letter-spacing
    rule (a justified line: ``私 も、長 期 間`` → ``私も、長期間``; chohyo.japanese.spacing)."""
    c = _clean(line, settings, dates=False)
    if not settings.merge_letter_spacing:
        return c
    t = merge_line_spacing(c.text)
    return c if t == c.text else CleanText(t, (*c.transforms, "letter-spacing"))


# --- tables ---------------------------------------------------------------------------------


def normalize_table(
    t: Table,
    settings: NormalizeSettings,
    findings: list[Finding] | None = None,
    page_texts: tuple[str, ...] = (),
    dropped: dict[str, set[int]] | None = None,
) -> Table:
    """One table: cells, column paths and units, row labels and hierarchy, findings appended.

    ``page_texts``: the text blocks of the table's page, searched for a 単位 line when the
    table's own title, captions and header name none (and only when they name one unit).
    ``dropped``: the body rows taken out as unit rows are recorded there under the table's id.
    """
    sink: list[Finding] = [] if findings is None else findings
    label_col = NO_LABELS if figures_first(t) else 0
    table_id = t.id
    t, marks, drop = _take_unit_rows(t, label_col)
    if drop and dropped is not None:
        dropped[table_id] = drop
    header_texts = [c.raw_text for c in t.cells if c.row < t.header_rows]
    marked = {
        (c.row, c.col): u
        for c in t.cells
        if c.row >= t.header_rows and c.col != label_col
        for u in [unit_mark(c.raw_text)]
        if u is not None
    }
    for (_, col), u in marked.items():
        marks.setdefault(col, set()).add(u)
    mark_units = {u for us in marks.values() for u in us}
    # a caption or header printed as a bare mark ((千円), 千円) names the unit as 単位:千円 does
    mark_units |= {u for u in map(unit_mark, (*t.captions, *header_texts)) if u is not None}
    unit = (
        find_unit(t.title, *t.captions, *header_texts)
        or t.unit
        or (next(iter(mark_units)) if len(mark_units) == 1 else None)
        or _page_unit(page_texts)
    )
    ocr_header = any(c.is_ocr for c in t.cells if c.row < t.header_rows)
    columns = tuple(_column(col, settings, ocr_header) for col in t.columns)
    # a column's own unit mark (千円 above its first figure) is its unit
    columns = tuple(
        replace(col, unit=next(iter(marks[col.index])))
        if col.unit is None and len(marks.get(col.index, ())) == 1
        else col
        for col in columns
    )

    body = [c for c in t.cells if c.row >= t.header_rows and c.col != label_col]
    first = {(c.row, c.col): _printed_text(c) or parse_number(c.raw_text, ocr=c.is_ocr) for c in body}
    integer_cols, comma_cols = _integer_columns(first)
    first = _points_lost(first, {(c.row, c.col): c for c in body})
    # ``integer`` only changes the reading of a text with a dot: skip the second parse otherwise.
    parsed = {
        key: (
            _dot_read_as_comma(parse_number(c.raw_text, integer=True, ocr=c.is_ocr), c, comma_cols)
            if c.col in integer_cols and ("." in c.raw_text or "．" in c.raw_text)
            else first[key]
        )
        for c in body
        for key in [(c.row, c.col)]
    }
    for key in marked:  # a unit mark is read as no number at all
        parsed.pop(key, None)
    columns = _printed_units(columns, parsed, unit)
    label_texts = {
        c.row: _clean(c.raw_text, settings).text
        for c in t.cells
        if c.col == label_col and c.row >= t.header_rows
    }
    vocabulary = {
        label_texts[c.row] for c in t.cells if c.col == label_col and c.row >= t.header_rows and not c.is_ocr
    }
    label_counts = Counter(label_texts.values())

    changed: dict[tuple[int, int], Cell] = {}
    doubts: list[tuple[Cell, Repair]] = []
    for c in t.cells:
        if c.row < t.header_rows:
            changed[(c.row, c.col)] = _header_cell(c, settings)
        elif c.col == label_col:
            taken: set[str] = set()
            if c.is_ocr:  # the other rows' labels (only OCR repair reads them)
                own = label_texts[c.row]
                taken = {x for x in label_counts if x != own or label_counts[x] > 1}
            changed[(c.row, c.col)] = _label_cell(c, settings, vocabulary, taken, doubts)
        elif (c.row, c.col) in marked:
            changed[(c.row, c.col)] = _unit_mark_cell(c)
        else:
            changed[(c.row, c.col)] = _value_cell(c, parsed[(c.row, c.col)], settings)
    changed.update(_by_family(changed, doubts, label_col, t.header_rows))
    changed.update(
        _numbering_spacing(
            [changed[k] for k in sorted(changed) if k[1] == label_col and k[0] >= t.header_rows]
        )
    )
    changed.update(
        _item_numbers([changed[k] for k in sorted(changed) if k[1] == label_col and k[0] >= t.header_rows])
    )
    table = t.with_cells(changed)
    if doubts:  # the label cells named ocr-doubtful-label below carry it (validate: receipts)
        table = table.with_cells(
            {
                (c.row, c.col): replace(cell, provenance=_transformed(cell.provenance, (LABEL_DOUBTFUL,)))
                for c, _ in doubts
                if (cell := table.cell(c.row, c.col)) is not None
            }
        )

    numeric_cols = {c.col for c in table.cells if c.kind is CellKind.NUMBER}
    percent_cols = _percent_columns(parsed)
    columns = tuple(
        replace(col, unit=Unit("%")) if col.unit is None and col.index in percent_cols else col
        for col in columns
    )
    columns = tuple(
        replace(col, unit=col.unit or unit) if col.index in numeric_cols and (col.unit or unit) else col
        for col in columns
    )
    colnames = {col.index: col.name for col in columns}
    rows = _rows(table, label_col)
    table = replace(
        table,
        columns=columns,
        rows=rows,
        unit=unit,
        title=_clean(t.title, settings).text if t.title else t.title,
        captions=tuple(_clean(x, settings).text for x in t.captions),
    )
    table, overflows, settled = split_overflows(table, label_col)
    sink.extend(overflows)
    sink.extend(_cell_findings(table, {k: p for k, p in parsed.items() if k not in settled}, colnames))
    sink.extend(_label_doubts(table, doubts, colnames))  # named by their final label
    if unit is None and any(col.unit is None for col in columns if col.index in numeric_cols):
        printed = unreadable_unit(t.title, *t.captions, *header_texts)
        page = t.pages[0] if t.pages else None
        # a unit printed but not read is worse than none printed: every value's scale is unknown
        sink.append(
            finding("unit-unreadable", table=t.id, page=page, text=printed)
            if printed
            else finding("unit-missing", table=t.id, page=page)
        )
    return table


NO_LABELS = -1  # a table whose first column is figures: no column holds the row labels


def figures_first(t: Table) -> bool:
    """The first column is a column of figures under its own name, not the row labels: a 財源内訳
    half-page (国県支出金 | 地方債 | その他 | 一般財源) whose row names are printed on the facing page.
    Every body text of the column reads as a number, at least three do and one is grouped by
    thousands (``18,925,391``: no item number or year), and the header names the column. Printed
    text only: an OCR'd label misread as digits must stay a label."""
    if not t.columns or not "".join(t.columns[0].path).strip():
        return False
    texts = [
        c for c in t.cells if c.col == 0 and c.col_span == 1 and c.row >= t.header_rows and c.raw_text.strip()
    ]
    if len(texts) < 3 or any(c.is_ocr for c in texts):
        return False
    if not any(re.search(r"\d,\d{3}", c.raw_text) for c in texts):
        return False
    return all(parse_number(c.raw_text).value is not None for c in texts)


def _unit_mark_cell(c: Cell) -> Cell:
    """A unit mark printed among the figures: the column's unit (set by the caller), never a value."""
    return _cell_with(
        c,
        text="",
        kind=CellKind.EMPTY,
        value=None,
        null_reason=None,
        provenance=_transformed(c.provenance, ("unit-mark",)),
    )


def _take_unit_rows(t: Table, label_col: int) -> tuple[Table, dict[int, set[Unit]], set[int]]:
    """Body rows that print nothing but unit marks (千円 over each figure column) leave the body:
    each mark becomes its column's unit (returned by column, with the rows taken), the rows below
    move up."""
    drop, marks = _unit_rows(t, label_col)
    if not drop:
        return t, marks, drop
    gone = sorted(drop)

    def shift(r: int) -> int:
        return r - sum(1 for g in gone if g < r)

    cells = []
    for c in t.cells:
        if c.row in drop:
            continue
        last = c.row + c.row_span - 1
        span = c.row_span - sum(1 for g in gone if c.row < g <= last)
        cells.append(
            _cell_with(c, row=shift(c.row), row_span=max(1, span))
            if (c.row > gone[0] or span != c.row_span)
            else c
        )
    rows = tuple(replace(r, index=shift(r.index)) for r in t.rows if r.index not in drop)
    return replace(t, cells=tuple(cells), rows=rows), marks, drop


def _unit_rows(t: Table, label_col: int) -> tuple[set[int], dict[int, set[Unit]]]:
    """The body rows printing nothing but unit marks, and the marks by column."""
    by_row: dict[int, list[Cell]] = {}
    for c in t.cells:
        if c.row >= t.header_rows:
            by_row.setdefault(c.row, []).append(c)
    marks: dict[int, set[Unit]] = {}
    drop: set[int] = set()
    for r, cells in by_row.items():
        found = []
        for c in cells:
            if not c.raw_text.strip():
                continue
            u = unit_mark(c.raw_text) if c.col != label_col else None
            if u is None:
                break
            found.append((c.col, u))
        else:
            if found:
                drop.add(r)
                for col, u in found:
                    marks.setdefault(col, set()).add(u)
    return drop, marks


def _moved_with_rows(findings: tuple[Finding, ...], dropped: dict[str, set[int]]) -> tuple[Finding, ...]:
    """The extract stage's findings (an OCR'd text cell read doubtfully) naming their cells where
    they are once a table's unit rows have left its body (_take_unit_rows): before, ``6 1/4`` on
    水道 p7's row 2 was named as row 3, the right 0 below it."""
    if not dropped:
        return findings

    def shift(table: str | None, r: int) -> int:
        return r - sum(1 for g in dropped.get(table or "", ()) if g < r)

    out = []
    for f in findings:
        if f.table not in dropped and not any(c.table in dropped for c in f.cells):
            out.append(f)
            continue
        out.append(
            replace(
                f,
                cells=tuple(replace(c, row=shift(c.table, c.row)) for c in f.cells),
                suspects=tuple(replace(x, row=shift(f.table, x.row)) for x in f.suspects),
            )
        )
    return tuple(out)


def _by_family(
    changed: dict[tuple[int, int], Cell], doubts: list[tuple[Cell, Repair]], label_col: int, header_rows: int
) -> dict[tuple[int, int], Cell]:
    """Doubtful OCR'd labels the rows around them settle (lexicon.family_word); still reported."""
    rows = sorted(r for r, col in changed if col == label_col and r >= header_rows)
    words = [split_numbering(changed[(r, label_col)].text)[1] for r in rows]
    out = {}
    for c, _fix in doubts:
        k = rows.index(c.row)
        cell = changed[(c.row, label_col)]
        token, core = split_numbering(cell.text)
        family = family_word(core, words[max(0, k - 2) : k][::-1], words[k + 1 : k + 3], builtin_lexicon())
        if family is not None and family != core:
            out[(c.row, label_col)] = _cell_with(
                cell,
                text=f"{token} {family}" if token else family,
                corrected_from=cell.corrected_from or cell.text,
                provenance=_transformed(cell.provenance, ("lexicon-structure",)),
            )
    return out


def _label_doubts(t: Table, doubts: list[tuple[Cell, Repair]], colnames: dict[int, str]) -> list[Finding]:
    """OCR'd labels the lexicon could not settle: named, never silent (lexicon.repair_label)."""
    out = []
    for c, fix in doubts:
        column = colnames.get(c.col, "")
        final = t.cell(c.row, c.col)
        label = final.text if final is not None else fix.text
        where = f"table {t.id}, row {label}, column {column}"
        ref = CellRef(t.id, c.row, c.col, label, column, None, c.page)
        out.append(
            finding(
                "ocr-doubtful-label",
                page=c.page,
                table=t.id,
                cells=(ref,),
                where=where,
                text=c.raw_text,
                confidence=f"{c.confidence:.2f}",
                candidates=" or ".join(fix.maybe) or "?",
            )
        )
    return out


def _page_unit(texts: tuple[str, ...]) -> Unit | None:
    units = {u for u in (find_unit(x) for x in texts) if u is not None}
    return units.pop() if len(units) == 1 else None


def _numbering_spacing(labels: list[Cell]) -> dict[tuple[int, int], Cell]:
    """One separator after numbering tokens in a table: the style most of its labels show.

    A table prints ``1. 受取会費`` throughout; a cell whose gap was not read as a space
    (``2.管理費``, character-spaced on another page) follows its table's majority.
    """
    styled: list[tuple[Cell, str, str, bool]] = []
    for c in labels:
        token, rest = split_numbering(c.text)
        if token and rest and numbering_rank(token) is not None:
            styled.append((c, token, rest, c.text[len(token) :][:1] == " "))
    spaced = sum(1 for *_, sp in styled if sp)
    tight = len(styled) - spaced
    if spaced == tight:
        return {}
    want = spaced > tight
    return {
        (c.row, c.col): _cell_with(
            c,
            text=f"{token} {rest}" if want else token + rest,
            provenance=_transformed(c.provenance, ("numbering-space",)),
        )
        for c, token, rest, sp in styled
        if sp != want
    }


# A bare item number before its name (款・項・目・節 of a budget book: ``1議会費``, ``16 公用車管理費``);
# not a count or a date (``3人``, ``2年``, ``1款``), which a counter word follows.
_ITEM_NUMBER = re.compile(r"^(\d{1,3})[ \u3000]?(?![0-9０-９,.，．:：/／])(\S.*)$")
_COUNTER = "年月日時分秒人件回円％%か箇ヶ個号条款項目節歳才名台戸本枚冊度倍割丁㎡番次期万千百億階位組"
_NEVER_ITEM = "年月日款項目節条号％%"  # 2年度, 4月分, 1款: a date or a place in the book, never a name


# Printed text that holds figures but is no figure: a postal code, a telephone number, a date in
# figures (6.4.1); with a letter or kana/kanji beside the figures (取崩 △200,000, R3.4.1,
# 現年課税分14,181,000 in a 説明 column) it is text too.
# Text printed with digits: postal codes, phone numbers, dates, and item numbers or 款.項.目 codes
# (``1.``, ``2.1.8``, ``10。5。2``: groups of one to three digits joined by dots; ``12.345.678``, a
# figure's grouping typed with dots, stays a doubtful number)
_FIGURE_TEXT = re.compile(
    r"^〒?\d{3}-\d{4}$|^\(?\d{2,5}\)?-\d{1,4}-\d{3,4}$|^\d{1,4}[./]\d{1,2}[./]\d{1,2}$"
    r"|^\d{1,3}([.。]\d{1,3})*[.。]$|^(?!\d{1,3}([.。]\d{3})+$)\d{1,3}([.。]\d{1,3}){2,}$"
)


_FORMULA = (
    "×÷+/~:=*"  # NFKC-folded: 9,068×1／2, 396,120×37／45＋241,320×10／10 (how a 説明 amount was worked out)
)


def _printed_text(c: Cell) -> ParsedNumber | None:
    """A born-digital cell that would read as a number nobody can parse, but is text as printed:
    kept as text (not blanked with a warning). OCR'd cells are left to the number reader, which
    knows the letters OCR puts for digits, except a date's parts read under a 年月日 header
    (``5 10 2``, extract/ocr/date_parts.py) and a mixed number (``6 1/4``, mixed_numbers.py):
    text as read, never an amount."""
    if "ocr-date-parts" in c.provenance.transforms or "ocr-mixed-number" in c.provenance.transforms:
        return ParsedNumber(c.raw_text)
    if c.is_ocr:
        return None
    parsed = parse_number(c.raw_text)
    if parsed.value is not None or parsed.null_reason is not NullReason.UNPARSEABLE or parsed.candidates:
        return None
    folded = unicodedata.normalize("NFKC", c.raw_text).strip()
    if any(ch.isalpha() or ch in _FORMULA for ch in folded) or _FIGURE_TEXT.match(folded.replace(" ", "")):
        return ParsedNumber(c.raw_text)
    return None


def _is_total_label(text: str) -> bool:
    return text.replace(" ", "").endswith(("計", "合計"))


def _item_numbers(labels: list[Cell]) -> dict[tuple[int, int], Cell]:
    """One form for an item number set against its name, on every row: ``1 議会費``.

    A budget book prints the number and the name a glyph gap apart, which reads as ``1議会費`` on
    one page and ``6 農林水産業費`` on another; a table with two or more such labels gets one space
    after the number on each (the CSV label), the name itself unchanged.
    """
    found = [
        (c, m)
        for c in labels
        if (m := _ITEM_NUMBER.match(c.text))
        and not m.group(2)[:1].isascii()
        and m.group(2)[0] not in _NEVER_ITEM
        and not (m.group(2)[0] in _COUNTER and len(m.group(2)) < 2)
    ]
    clear = [
        c for c, m in found if m.group(2)[0] not in _COUNTER
    ]  # a counter first (1個人) only beside clear ones
    named = [c for c in labels if c.text and not _is_total_label(c.text)]
    if not clear or (len(found) < 2 and 2 * len(found) < len(named)):
        return {}
    out = {}
    for c, m in found:
        text = f"{m.group(1)} {m.group(2).lstrip()}"
        if text != c.text:
            out[(c.row, c.col)] = _cell_with(
                c, text=text, provenance=_transformed(c.provenance, ("item-number-space",))
            )
    return out


def _printed_units(
    columns: tuple[Column, ...], parsed: dict[tuple[int, int], ParsedNumber], unit: Unit | None
) -> tuple[Column, ...]:
    """Figures printed with their yen unit (``905,295千円`` in a 地方債調書 cell) are values at that
    unit: a column whose header names no unit takes the one its figures print (all the same, and
    the table's own unit when plain figures share the column). A figure whose printed unit is not
    its column's is no value (``parsed`` is updated: a warning), never read at the wrong scale."""
    printed: dict[int, set[str]] = {}
    plain: set[int] = set()
    for (_, at), p in parsed.items():
        if p.value is not None and p.unit:
            printed.setdefault(at, set()).add(p.unit)
        elif p.value is not None:
            plain.add(at)
    if not printed:
        return columns
    out = []
    for col in columns:
        names = printed.get(col.index, set())
        if col.unit is None and len(names) == 1:
            name = next(iter(names))
            if col.index not in plain or unit is None or unit.name == name:
                col = replace(col, unit=Unit.named(name))
        out.append(col)
    final = {col.index: col.unit or unit for col in out}
    for key, p in list(parsed.items()):
        u = final.get(key[1])
        if p.unit and p.value is not None and (u is None or u.name != p.unit):
            parsed[key] = ParsedNumber(
                p.text,
                None,
                NullReason.UNPARSEABLE,
                True,
                p.transforms,
                (),
                "unparseable-number",
                f"printed in {p.unit} in a column of {u.name if u else 'mixed units'}",
            )
    return tuple(out)


def _percent_columns(parsed: dict[tuple[int, int], ParsedNumber]) -> set[int]:
    """Columns whose every value was printed with ``%`` (50.5%): the unit goes to the header."""
    seen: dict[int, list[bool]] = {}
    for (_, col), p in parsed.items():
        if p.value is not None:
            seen.setdefault(col, []).append(p.percent)
    return {col for col, flags in seen.items() if flags and all(flags)}


def _integer_columns(parsed: dict[tuple[int, int], ParsedNumber]) -> tuple[set[int], set[int]]:
    """The columns of whole figures, and among them those whose every dot is a misread comma."""
    by_col: dict[int, list[Decimal]] = {}
    pct: set[int] = set()
    for (_, col), p in parsed.items():
        if p.value is not None:
            by_col.setdefault(col, []).append(p.value)
        if p.percent:
            pct.add(col)
    out, commas, grouped = set(), set(), set()
    for col, values in by_col.items():
        fractional = [v for v in values if v != v.to_integral_value()]
        if col in pct or len(values) < 3:
            continue
        three = bool(fractional) and _groups_of_three(values, fractional)
        if len(fractional) <= max(1, len(values) // 20):
            out.add(col)
        elif three and _mostly_thousands(values):
            out.add(col)
            commas.add(col)
        if three:
            grouped.add(col)
    # once the table shows its thousands read as dots, a column of small whole figures (鉄道 678,
    # 1,172) with its own 9.356 read the same way is no column of decimals either
    if commas:
        out |= grouped
        commas |= grouped
    return out, commas


def _groups_of_three(values: list[Decimal], fractional: list[Decimal]) -> bool:
    """Every figure with a dot is 1-3 digits and one group of three, and most figures are whole."""
    return all(abs(v) < 1000 and v.as_tuple().exponent == -3 for v in fractional) and (
        len(values) - len(fractional) >= len(fractional)
    )


def _dot_read_as_comma(p: ParsedNumber, c: Cell, comma_cols: set[int]) -> ParsedNumber:
    """An OCR'd ``36.636`` in a column whose dots are all misread commas reads 36636: applied,
    named (``bad-grouping``, info) and left to arithmetic or a second reading to confirm, as a
    dropped comma is. Elsewhere a dot stays a candidate (a column of figures may hold one decimal)."""
    if c.col not in comma_cols or not c.is_ocr or p.problem != "bad-grouping" or len(p.candidates) != 1:
        return p
    return replace(
        p,
        value=Decimal(p.candidates[0]),
        null_reason=None,
        candidates=(),
        transforms=(*p.transforms, "ocr-dot-comma"),
        reason="a dot read where the thousands comma is (the column's figures are whole)",
    )


POINT_SHARE = 0.8  # of an OCR'd column's figures printed with the same decimal places
MIN_POINT_FIGURES = 5


def _points_lost(
    parsed: dict[tuple[int, int], ParsedNumber], cells: dict[tuple[int, int], Cell]
) -> dict[tuple[int, int], ParsedNumber]:
    """A figure OCR'd in a column whose figures all print the same decimal places (N値 3.0, 1.5,
    3.4) read whole (``30``) or with a comma (``4,0``) lost its point: read 3.0 and 4.0, named
    (``ocr-candidate``, info) and left to arithmetic or a second reading to confirm. Only where
    the figure then has no more whole digits than the column's (934 stays: a digit too many, not a
    point lost), and never where two engines agreed on the whole figure."""
    by_col: dict[int, list[tuple[int, int]]] = {}
    for key, parse in parsed.items():
        if cells[key].is_ocr and parse.numeric:
            by_col.setdefault(key[1], []).append(key)
    out = dict(parsed)
    for keys in by_col.values():
        values = [v for k in keys for v in [parsed[k].value] if v is not None]
        places = Counter(-int(v.as_tuple().exponent) for v in values)
        if not places:
            continue
        p, n = places.most_common(1)[0]
        if p < 1 or n < MIN_POINT_FIGURES or n < POINT_SHARE * len(values):
            continue
        digits = max(len(str(abs(int(v)))) for v in values if -int(v.as_tuple().exponent) == p)
        for key in keys:
            point = _point_lost(parsed[key], cells[key], p, digits)
            if point is not None:
                old = parsed[key]
                out[key] = replace(
                    old,
                    value=point,
                    null_reason=None,
                    transforms=(*old.transforms, "ocr-point-lost"),
                    problem="ocr-candidate",
                    candidates=(str(point),),
                    reason="the column prints its figures with a decimal point, this one was read without",
                )
    return out


def _point_lost(p: ParsedNumber, c: Cell, places: int, digits: int) -> Decimal | None:
    if OCR_AGREED in c.provenance.transforms:
        return None
    text = unicodedata.normalize("NFKC", c.raw_text).strip()
    if (
        p.value is None
        and p.problem == "bad-grouping"
        and re.fullmatch(rf"\d{{1,{digits}}},\d{{{places}}}", text)
    ):
        return Decimal(text.replace(",", "."))
    if p.value is None or p.value < 0 or p.value.as_tuple().exponent != 0 or not text.isdigit():
        return None
    if not places < len(text) <= places + digits:
        return None
    return p.value.scaleb(-places)


def _mostly_thousands(values: list[Decimal]) -> bool:
    """Whole figures of four digits or more make up at least half the column's whole figures: with
    every dotted figure one group of three after 1-3 digits (36.636, 451.359; _groups_of_three),
    the dots are commas misread (a table image at 150 dpi: 7 of 21 figures in a column of 生産実績
    トン). A column of decimals prints its own places (3.4, 0.25) or has no thousands among its
    whole figures."""
    whole = [v for v in values if v == v.to_integral_value()]
    return sum(abs(v) >= 1000 for v in whole) * 2 >= len(whole)


def _column(col: Column, settings: NormalizeSettings, ocr: bool = False) -> Column:
    parts: list[str] = []
    unit: Unit | None = col.unit
    for part in col.path:
        text = _clean(part, settings).text
        if ocr:
            text = repair_label(text).text
        name, found = split_unit_suffix(text)
        mark = unit_mark(name) if name else None
        if mark is not None:  # a header row of unit marks (本年度予算額 / 千円): the unit, not a name
            name, found = "", mark
        unit = found or unit
        if name:
            parts.append(name)
    path = tuple(parts)
    return col if path == col.path and unit == col.unit else replace(col, path=path, unit=unit)


def _text_cell(c: Cell, kind: CellKind, settings: NormalizeSettings) -> Cell:
    clean = _clean(c.raw_text, settings)
    if not clean.text:
        kind = CellKind.HEADER if kind is CellKind.HEADER else CellKind.EMPTY
    return _cell_with(c, text=clean.text, kind=kind, provenance=_transformed(c.provenance, clean.transforms))


def _header_cell(c: Cell, settings: NormalizeSettings) -> Cell:
    cell = _text_cell(c, CellKind.HEADER, settings)
    if c.is_ocr and cell.text:
        fix = repair_label(cell.text)
        if fix.changed:
            return _cell_with(
                cell,
                text=fix.text,
                corrected_from=c.corrected_from or cell.text,
                provenance=_transformed(cell.provenance, tuple(fix.transforms)),
            )
    return cell


def _label_cell(
    c: Cell,
    settings: NormalizeSettings,
    vocabulary: set[str],
    taken: set[str],
    doubts: list[tuple[Cell, Repair]] | None = None,
) -> Cell:
    clean = _clean(c.raw_text, settings)
    if not clean.text:
        return _cell_with(c, text="", kind=CellKind.EMPTY, null_reason=None)
    text, names, original = clean.text, list(clean.transforms), c.corrected_from
    if c.is_ocr:
        # a label cell's candidates are the extract stage's other readings of it
        readings = [_clean(x, settings).text for x in c.candidates]
        fix = repair_label(text, vocabulary, taken, readings, c.confidence)
        if fix.doubtful and doubts is not None:
            doubts.append((c, fix))
        if fix.changed:
            original, text = original or text, fix.text
            names.extend(fix.transforms)
    return _cell_with(
        c,
        text=text,
        kind=CellKind.LABEL,
        corrected_from=original,
        provenance=_transformed(c.provenance, tuple(names)),
    )


def _value_cell(c: Cell, p: ParsedNumber, settings: NormalizeSettings) -> Cell:
    if p.null_reason is NullReason.BLANK:
        return _cell_with(c, text="", kind=CellKind.EMPTY, value=None, null_reason=NullReason.BLANK)
    if not p.numeric:
        return _text_cell(c, CellKind.TEXT, settings)
    if p.value is not None:
        text = format_plain(p.value)
    elif p.null_reason is NullReason.UNPARSEABLE:
        text = _clean(c.raw_text, settings).text
    else:
        text = ""
    return _cell_with(
        c,
        text=text,
        kind=CellKind.NUMBER,
        value=p.value,
        null_reason=p.null_reason,
        candidates=c.candidates or p.candidates,
        provenance=_transformed(c.provenance, p.transforms),
    )


def _rows(t: Table, label_col: int) -> tuple[Row, ...]:
    given = {r.index: r for r in t.rows}
    cells: dict[int, dict[int, Cell]] = {}
    for c in t.cells:
        if c.row >= t.header_rows:
            cells.setdefault(c.row, {})[c.col] = c
    indices = sorted(set(cells) | set(given))
    inputs = []
    for r in indices:
        row = cells.get(r, {})
        lc = row.get(label_col)
        label = lc.text if lc is not None else ""
        values = tuple(
            c.value for col, c in sorted(row.items()) if col != label_col and c.kind is CellKind.NUMBER
        )
        x0 = lc.bbox.x0 if lc is not None and lc.bbox is not None and label else None
        page = lc.page if lc is not None else (given[r].page if r in given else 1)
        inputs.append(RowInput(r, label, x0, page, values))
    labelled = [i for i in inputs if i.label]
    places = dict(zip((i.index for i in labelled), assign_hierarchy(labelled), strict=True))
    out = []
    for i in inputs:
        base = given.get(i.index) or Row(index=i.index, label=i.label, page=i.page)
        place = places.get(i.index)
        if place is None:
            out.append(replace(base, label=i.label))
        else:
            # Parents the extractor saw (vertical 歳入/歳出 group labels) stay outermost.
            outer = tuple(p for p in base.parents if p not in place.parents)
            out.append(
                replace(
                    base,
                    label=i.label,
                    # an item number the extractor read apart from the label (OCR's 要求番号) stays
                    numbering=base.numbering or place.numbering,
                    level=place.level,
                    parents=outer + place.parents,
                )
            )
    return tuple(out)


def _cell_findings(
    t: Table, parsed: dict[tuple[int, int], ParsedNumber], colnames: dict[int, str]
) -> list[Finding]:
    labels = {r.index: r.label for r in t.rows}
    out = []
    for (r, c), p in sorted(parsed.items()):
        if not p.problem or not p.numeric:
            continue
        cell = t.cell(r, c)
        page = cell.page if cell is not None else None
        where = f"table {t.id}, row {labels.get(r, r)!s}, column {colnames.get(c, c)!s}"
        ref = CellRef(t.id, r, c, labels.get(r, ""), colnames.get(c, ""), None, page)
        severity = Severity.INFO if p.value is not None else None  # read anyway (ocr-grouping)
        out.append(
            finding(
                p.problem,
                page=page,
                table=t.id,
                cells=(ref,),
                where=where,
                text=p.text,
                reason=p.reason,
                candidates=" or ".join(p.candidates) or "?",
                severity=severity,
            )
        )
    return out
