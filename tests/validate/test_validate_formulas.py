"""Formulas spelled out in labels and headers are parsed first and checked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.model import Document, Page
from chohyo.settings import ValidateSettings
from chohyo.validate import validate_document
from chohyo.validate.formulas import LabelFormula, parse_label
from chohyo.validate.table import validate_table
from validate_helpers import make_table


@pytest.mark.parametrize(
    ("label", "parsed"),
    [
        ("(ア-イ) 評価損益等調整前当期経常増減額", LabelFormula(None, (("ア", 1), ("イ", -1)))),
        ("当期経常増減額 (C)=(A)-(B)", LabelFormula("C", (("A", 1), ("B", -1)))),
        ("増減 (A)-(B)", LabelFormula(None, (("A", 1), ("B", -1)))),
        ("（Ａ）－（Ｂ）＋（Ｃ）", LabelFormula(None, (("A", 1), ("B", -1), ("C", 1)))),
        ("遂行率(%) (A/C)", LabelFormula(None, (), ("A", "C"))),
        ("予算額 (A)", LabelFormula("A")),
        ("(ア) 経常収益計", LabelFormula("ア")),
        ("(1) 経常収益", LabelFormula()),
        ("公益事業1", LabelFormula()),
    ],
)
def test_parse_label(label: str, parsed: LabelFormula) -> None:
    assert parse_label(label) == parsed


def test_formulas_in_headers_and_labels() -> None:
    cols = ["科目", "予算額 (A)", "決算額 (B)", "増減 (A)-(B)", "遂行率(%) (B/A)"]
    rows = [
        ("会費", [1000, 900, 100, "90.0"]),
        ("事業", [3000, 3100, -100, "103.3"]),
        ("(ア) 収益計", [4000, 4000, 0, "100.0"]),
        ("(イ) 費用計", [3500, 3000, 500, "85.7"]),
        ("(ア-イ) 差引", [500, 1000, -500, "200.0"]),
    ]
    result = validate_table(make_table(cols, rows), ValidateSettings())
    by_kind = {(r.kind, r.source, r.description) for r in result.relations}
    assert ("formula", "label-formula", "増減 (A)-(B) = 予算額 (A) - 決算額 (B)") in by_kind
    assert ("ratio", "label-formula", "遂行率(%) (B/A) = 決算額 (B) / 予算額 (A) × 100") in by_kind
    assert ("formula", "label-formula", "(ア-イ) 差引 = (ア) 収益計 - (イ) 費用計") in by_kind
    assert all(r.holds for r in result.relations)
    assert not result.findings


def test_ratio_mismatch_is_reported() -> None:
    cols = ["科目", "予算額 (A)", "決算額 (B)", "遂行率(%) (B/A)"]
    rows = [("会費", [1000, 900, "90.0"]), ("事業", [3000, 3100, "130.3"])]
    result = validate_table(make_table(cols, rows), ValidateSettings())
    (f,) = result.findings
    assert f.code == "ratio-mismatch" and f.cells[0].row_label == "事業"
    assert f.found == Decimal("130.3") and f.expected == Decimal("103.33")


def test_validate_document_adds_relations_and_findings() -> None:
    t = make_table(
        ["科目", "a", "b", "計"], [("x", [1, 2, 3]), ("y", [3, 4, 7]), ("z", [5, 5, 10]), ("w", [1, 1, 3])]
    )
    doc = Document("f.pdf", "", (Page(1, 1.0, 1.0, tables=(t,)),))
    out = validate_document(doc, ValidateSettings())
    assert [r.description for r in out.tables[0].relations] == ["計 = a + b"]
    # w: any of its three cells could be the typo (only 計 = a + b crosses them): each is a candidate
    assert [f.code for f in out.findings] == ["sum-mismatch"] + ["ambiguous-correction"] * 3
    assert validate_document(doc, ValidateSettings(enabled=False)) is doc
