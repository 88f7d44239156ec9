"""OCR'd text that no arithmetic can check: a doubtful reading is said in a finding, never silent.

Numbers are checked by the validation stage (sums, differences); a text cell (an opinion, a name)
has nothing to check it against, so the warnings are the recognizer's own: a low confidence, or a
second reading of the cell (read_cells.other_text_readings, kept in ``Cell.candidates``) that differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chohyo.findings import FindingType, finding, register
from chohyo.model import Cell, CellKind, CellRef, Finding, Page, Severity

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
            for c in table.body_cells():
                if c.kind is not CellKind.TEXT or not c.is_ocr or not c.raw_text:
                    continue
                other = _differs(c)
                if c.confidence >= DOUBT_TEXT and other is None:
                    continue
                label = next((r.label for r in table.rows if r.index == c.row), "")
                column = table.columns[c.col].name if c.col < len(table.columns) else f"col{c.col}"
                where = f"table {table.id}, {label or f'row {c.row}'} / {column}"
                ref = CellRef(table.id, c.row, c.col, label, column, None, c.page)
                if c.confidence < DOUBT_TEXT:
                    out.append(
                        finding(
                            "ocr-doubtful-text",
                            page=c.page,
                            table=table.id,
                            cells=(ref,),
                            where=where,
                            text=c.raw_text[:40],
                            confidence=f"{c.confidence:.2f}",
                        )
                    )
                else:
                    out.append(
                        finding(
                            "ocr-readings-differ",
                            page=c.page,
                            table=table.id,
                            cells=(ref,),
                            where=where,
                            text=c.raw_text,
                            other=other,
                        )
                    )
    return tuple(out)
