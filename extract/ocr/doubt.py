"""OCR'd text that no arithmetic can check: a doubtful reading is said in a finding, never silent.

Numbers are checked by the validation stage (sums, differences); a text cell (an opinion, a name)
has nothing to check it against, so the warnings are the recognizer's own: a low confidence, or a
second reading of the cell (read_cells.other_text_readings, kept in ``Cell.candidates``) that differs;
or a character no Japanese text prints (爱 马 话: the recognizer's Chinese forms).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from chohyo.extract.ocr.struck import STRUCK
from chohyo.findings import FindingType, finding, register
from chohyo.japanese.scripts import foreign_forms
from chohyo.model import OCR_AGREED, Cell, CellKind, CellRef, Finding, Page, Severity, Table

register(
    FindingType(
        "ocr-doubtful-text",
        Severity.WARNING,
        "OCR text doubtful",
        "{where}: OCR read {text!r} with confidence {confidence}; check it against the scan",
    )
)
register(
    FindingType(
        "ocr-readings-differ",
        Severity.WARNING,
        "OCR readings differ",
        "{where}: OCR read {text!r} and, a second time, {other!r}; check it against the scan",
    )
)

register(
    FindingType(
        "ocr-chinese-form",
        Severity.WARNING,
        "OCR read a Chinese form",
        "{where}: OCR read {text!r}, with {forms}: forms no Japanese text prints (the recognizer's "
        "Chinese); check it against the scan",
    )
)

register(
    FindingType(
        "ocr-struck-out",
        Severity.WARNING,
        "Figure struck out, no correction read",
        "{where}: a figure is struck out by hand here and no correction was read in the cell (it may be "
        "written beside or above it, outside the cell); check it against the scan",
    )
)

DOUBT_TEXT = 0.8  # measured on the council scan: right cells read at 0.94-1.0, garbled ones at 0.43-0.85
_MARKS = re.compile(
    r"[\s・·•.,、。，．:：;；()（）「」\-ー―‐]"
)  # punctuation and spacing readings differ on harmlessly


def _differs(cell: Cell) -> str | None:
    """The second reading when it differs from the first in a letter, a digit or a kana/kanji."""
    mine = _MARKS.sub("", cell.raw_text)
    return next((c for c in cell.candidates if _MARKS.sub("", c) != mine), None)


def doubtful_text(pages: Iterable[Page]) -> tuple[Finding, ...]:
    """One finding per OCR'd text cell (not a label, not a number) read with low confidence or read
    differently a second time.

    Call it after the tables have their final ids (the findings name the cells by table id)."""
    out = []
    for page in pages:
        for table in page.tables:
            by_calendar = calendar_confirmed(table)
            for c in table.body_cells():
                if STRUCK in c.provenance.transforms and c.value is None and not c.raw_text.strip():
                    ref, where = _named(table, c)  # the struck figure blanked, nothing left to read
                    out.append(
                        finding("ocr-struck-out", page=c.page, table=table.id, cells=(ref,), where=where)
                    )
                    continue
                if c.kind is not CellKind.TEXT or not c.is_ocr or not c.raw_text:
                    continue
                if (c.row, c.col) in by_calendar or OCR_AGREED in c.provenance.transforms:
                    continue  # the calendar, or a second reading of a date's parts, confirms it
                other = _differs(c)
                # (a label's Chinese forms are the lexicon's to repair: normalize)
                forms = foreign_forms(c.raw_text) if c.col > 0 else ""
                if c.confidence >= DOUBT_TEXT and other is None and not forms:
                    continue
                ref, where = _named(table, c)
                said: dict[str, Any]  # the fields of the finding's message
                if c.confidence < DOUBT_TEXT:
                    code, said = (
                        "ocr-doubtful-text",
                        {"text": c.raw_text[:40], "confidence": f"{c.confidence:.2f}"},
                    )
                elif other is not None:
                    code, said = "ocr-readings-differ", {"text": c.raw_text, "other": other}
                else:
                    code, said = (
                        "ocr-chinese-form",
                        {"text": c.raw_text[:40], "forms": " ".join(dict.fromkeys(forms))},
                    )
                out.append(finding(code, page=c.page, table=table.id, cells=(ref,), where=where, **said))
    return tuple(out)


def _named(table: Table, c: Cell) -> tuple[CellRef, str]:
    """The cell's reference and its place as a finding's message names it."""
    label = next((r.label for r in table.rows if r.index == c.row), "")
    column = table.columns[c.col].name if c.col < len(table.columns) else f"col{c.col}"
    where = f"table {table.id}, {label or f'row {c.row}'} / {column}"
    return CellRef(table.id, c.row, c.col, label, column, None, c.page), where


_WEEKDAYS = "月火水木金土日"  # date.weekday() order
MIN_SURE_DAYS = 3


def calendar_confirmed(table: Table) -> set[tuple[int, int]]:
    """Weekday cells (a 曜 column beside 月 and 日 columns: a list of events) whose reading the
    calendar confirms: the rows read surely (three or more) fit one year, or one fiscal year from
    April, and in every year they fit this row's date falls on the weekday read (8月1日 日 in
    令和3年度). A month printed once for several rows carries down."""
    names = [col.name.split("/")[-1].replace(" ", "") for col in table.columns]
    if "月" not in names or "日" not in names:
        return set()
    m_col, d_col = names.index("月"), names.index("日")
    w_col = next((i for i, n in enumerate(names) if n in ("曜", "曜日")), None)
    if w_col is None:
        return set()
    rows: list[tuple[int, int, int, int, bool]] = []
    month = 0
    for r in sorted({c.row for c in table.body_cells()}):
        m, d, w = (table.cell(r, k) for k in (m_col, d_col, w_col))
        month = _small_int(m) or month
        day = _small_int(d)
        text = w.text.strip() if w is not None else ""
        if month and day and w is not None and len(text) == 1 and text in _WEEKDAYS:
            rows.append((r, month, day, _WEEKDAYS.index(text), w.confidence >= DOUBT_TEXT))
    sure = [x for x in rows if x[4]]
    if len(sure) < MIN_SURE_DAYS:
        return set()
    fits = [
        (start, fiscal)
        for start in range(1900, 2100)
        for fiscal in (False, True)
        if all(_weekday(start, m, d, fiscal) == w for _, m, d, w, _ in sure)
    ]
    if not fits:
        return set()
    return {
        (r, w_col)
        for r, m, d, w, _ in rows
        if all(_weekday(start, m, d, fiscal) == w for start, fiscal in fits)
    }


def _weekday(start: int, month: int, day: int, fiscal: bool) -> int | None:
    try:
        return date(start + (1 if fiscal and month < 4 else 0), month, day).weekday()
    except ValueError:
        return None


def _small_int(cell: Cell | None) -> int:
    text = cell.text.strip() if cell is not None else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 31 else 0
