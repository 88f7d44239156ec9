"""Validation on the fixture PDFs through the whole pipeline (extract → normalize → validate)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.model import Severity, Status
from chohyo.pipeline import run
from chohyo.validate.truth import load_truth
from chohyo.validate.view import column_name
from validate_helpers import fixture_path, named, typo_cells


@pytest.mark.parametrize(("case", "n_relations"), [
    ("budget_ruled", 25), ("budget_borderless", 25), ("budget_fullwidth", 25), ("branch_a3", 14)])
def test_consistent_fixtures_have_no_errors(case: str, n_relations: int) -> None:
    doc = run(fixture_path(case, ".pdf"))
    (table,) = doc.tables
    assert len(table.relations) == n_relations
    assert all(r.holds for r in table.relations)
    assert not [f for f in doc.findings if f.severity is Severity.ERROR]
    assert doc.status is Status.SUCCESS


def test_kyen_fixture_differs_by_rounding_only() -> None:
    doc = run(fixture_path("kyen_rounding", ".pdf"))
    assert [len(t.relations) for t in doc.tables] == [6, 1]
    assert all(r.holds for t in doc.tables for r in t.relations)
    codes = [f.code for f in doc.findings if f.code in {"sum-mismatch", "difference-mismatch", "rounding-only"}]
    assert codes == ["rounding-only"] * 8


def test_typos_named_from_the_pdf() -> None:
    doc = run(fixture_path("budget_typos", ".pdf"))
    (table,) = doc.tables
    typos = load_truth(fixture_path("budget_typos"))["typos"]
    expected = typo_cells(table, typos)
    assert named(doc.findings) == expected
    assert doc.status is Status.PARTIAL
    assert all(f.suspects for f in doc.findings if f.code == "sum-mismatch")


@pytest.mark.slow
def test_scanned_budget_ocr_errors_are_repaired_correctly() -> None:
    """Every OCR reading the arithmetic corrects must equal the printed value (truth)."""
    path = fixture_path("scanned/budget_ruled_200", ".pdf")
    truth = load_truth(fixture_path("scanned/budget_ruled_200"))["tables"][0]
    # OCR'd labels vary (雑費 may read 雑綿): check the value against its column's printed values
    printed: dict[str, set[Decimal]] = {}
    for row in truth["rows"]:
        for name, value in zip(truth["columns"][1:], row["values"], strict=True):
            if value is not None:
                printed.setdefault(name, set()).add(Decimal(value))
    doc = run(path)
    corrected = []
    for t in doc.tables:
        for c in t.body_cells():
            if "arithmetic-repair" in c.provenance.transforms:
                corrected.append((column_name(t, c.col), c.value))
    assert corrected, "the scan has OCR misreadings the arithmetic can fix"
    assert all(v in printed.get(k, set()) for k, v in corrected), corrected
    assert len([f for f in doc.findings if f.code == "corrected-cell"]) == len(corrected)
