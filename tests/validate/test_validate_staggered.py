"""Totals staggered over a 内訳 | 計 pair of columns (validate/staggered.py): the 計 column's total
of the items above it in the 内訳 column, checked on scanned tables."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chohyo.model import Document, Page, Provenance, Table
from chohyo.settings import ValidateSettings
from chohyo.validate import validate_document

from tests.validate.validate_helpers import make_table

OCR = Provenance("tesseract", "ocr-grid")

# a 損益計算書's layout: items in the left 金額 column, their total in the right one
ROWS: list[tuple[Any, ...]] = [
    ("【売上高】", [None, None]),
    ("物販売上", [102037152, None]),
    ("久保田売上", [16033962, None]),
    ("レストラン売上", [37105235, 155176349]),
    ("【営業外収益】", [None, None]),
    ("受取利息", [2413, None]),
    ("施設管理料", [6127721, None]),
    ("雑収入", [6580318, 12710452]),
]


def _doc(rows: list[tuple[Any, ...]], columns: list[str], ocr: bool = True) -> Document:
    table = make_table(columns, rows)
    if ocr:
        table = replace(table, cells=tuple(replace(c, provenance=OCR) for c in table.cells))
    return Document("s.pdf", "", (Page(1, 1.0, 1.0, tables=(table,)),))


def _marked(doc: Document) -> set[tuple[int, int]]:
    return {(c.row, c.col) for f in doc.findings if f.code == "ocr-unconfirmed" for c in f.cells}


def _amount_cells(table: Table) -> set[tuple[int, int]]:
    return {(c.row, c.col) for c in table.body_cells() if c.value is not None}


def test_holding_totals_confirm_their_items() -> None:
    doc = validate_document(_doc(ROWS, ["科目", "金額", "金額"]), ValidateSettings())
    assert not [f for f in doc.findings if f.code == "breakdown-sum-mismatch"]
    assert not _marked(doc) & _amount_cells(doc.tables[0]), "a holding 内訳 | 計 total left a mark"


def test_a_failing_total_is_said_and_every_number_on_it_marked() -> None:
    rows = [*ROWS[:-1], ("雑収入", [6580318, 12710462])]  # the total misread: 5 as 6
    doc = validate_document(_doc(rows, ["科目", "金額", "金額"]), ValidateSettings())
    said = [f for f in doc.findings if f.code == "breakdown-sum-mismatch"]
    assert len(said) == 1 and "12,710,462" in said[0].message and "12,710,452" in said[0].message
    assert not said[0].cells  # nothing tells which of the four is misread: none is accused
    table = doc.tables[0]
    failing = {(r, c) for r, c in _amount_cells(table) if r >= 6}
    assert failing <= _marked(doc)
    assert not _marked(doc) & (_amount_cells(table) - failing)  # the 売上高 block holds


def test_items_of_a_holding_subtotal_are_counted_once() -> None:
    rows: list[tuple[Any, ...]] = [
        ("【売上原価】", [None, None]),
        ("期首棚卸高", [2620339, None]),
        ("物販仕入", [71311142, None]),
        ("久保田仕入", [14093754, None]),
        ("レストラン仕入", [12773326, None]),
        ("合計", [100798561, None]),
        ("期末棚卸高", [-1928533, 98870028]),
    ]
    doc = validate_document(_doc(rows, ["科目", "金額", "金額"]), ValidateSettings())
    assert not [f for f in doc.findings if f.code == "breakdown-sum-mismatch"]
    assert not _marked(doc) & _amount_cells(doc.tables[0])


def test_other_columns_and_born_digital_tables_are_left_alone() -> None:
    rows = [*ROWS[:-1], ("雑収入", [6580318, 12710462])]
    # two different headings (本年度 | 前年度): no 内訳 | 計 pair
    apart = validate_document(_doc(rows, ["科目", "本年度", "前年度"]), ValidateSettings())
    assert not [f for f in apart.findings if f.code == "breakdown-sum-mismatch"]
    # born-digital: a 計 that differs is a published figure, not a misreading
    digital = validate_document(_doc(rows, ["科目", "金額", "金額"], ocr=False), ValidateSettings())
    assert not [f for f in digital.findings if f.code in ("breakdown-sum-mismatch", "ocr-unconfirmed")]
