"""Validation on the fixture PDFs through the whole pipeline (extract → normalize → validate)."""

from __future__ import annotations

from decimal import Decimal

import doc_cache
import pytest
from chohyo.model import Severity, Status
from chohyo.pipeline import run
from chohyo.validate.truth import load_truth
from chohyo.validate.view import column_name
from validate_helpers import fixture_path, named, typo_cells


@pytest.mark.parametrize(
    ("case", "n_relations"),
    [("budget_ruled", 25), ("budget_borderless", 25), ("budget_fullwidth", 25), ("branch_a3", 14)],
)
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
    codes = [
        f.code for f in doc.findings if f.code in {"sum-mismatch", "difference-mismatch", "rounding-only"}
    ]
    assert codes == ["rounding-only"] * 8


def test_typos_named_from_the_pdf() -> None:
    doc = run(fixture_path("budget_typos", ".pdf"))
    (table,) = doc.tables
    typos = load_truth(fixture_path("budget_typos"))["typos"]
    expected = typo_cells(table, typos)
    assert named(doc.findings) == expected
    assert doc.status is Status.PARTIAL
    assert all(f.suspects for f in doc.findings if f.code == "sum-mismatch")


# Printed values of the 200 dpi ruled scan, one per row and column, each unique in the table.
_INJECT = {"85792440": "85,792,44O", "7332900": "7,332,9OO", "40008400": "4OOO84OO"}


@pytest.mark.slow
@doc_cache.group("budget_ruled_200.pdf")
def test_scanned_budget_ocr_errors_are_repaired_correctly() -> None:
    """Real OCR output with confusions put into three correct readings (O for 0): the arithmetic
    must put each back, and every correction it makes must equal a printed value."""
    from dataclasses import replace as dc_replace

    from chohyo.normalize import normalize_document
    from chohyo.settings import Settings
    from chohyo.validate import validate_document

    path = fixture_path("scanned/budget_ruled_200", ".pdf")
    truth = load_truth(fixture_path("scanned/budget_ruled_200"))["tables"][0]
    printed: dict[str, set[Decimal]] = {}
    for row in truth["rows"]:
        for name, value in zip(truth["columns"][1:], row["values"], strict=True):
            if value is not None:
                printed.setdefault(name, set()).add(Decimal(value))
    settings = Settings()
    doc = doc_cache.extract(path, settings.extract)  # the session's one OCR of this scan (tests/doc_cache.py)
    injected: dict[tuple[str, int, int], str] = {}

    def corrupt(table):  # type: ignore[no-untyped-def]
        changed = {}
        for c in table.body_cells():
            digits = c.raw_text.replace(",", "")
            if c.is_ocr and digits in _INJECT:
                bad = _INJECT[digits]
                changed[(c.row, c.col)] = dc_replace(c, raw_text=bad, text=bad)
                injected[(table.id, c.row, c.col)] = digits
        return table.with_cells(changed)

    doc = doc.map_tables(corrupt)
    assert len(injected) == len(_INJECT), "the OCR must read these values right before they are corrupted"
    doc = validate_document(normalize_document(doc, settings.normalize), settings.validate)
    corrected = {}
    for t in doc.tables:
        for c in t.body_cells():
            if "arithmetic-repair" in c.provenance.transforms:
                corrected[(t.id, c.row, c.col)] = c
                assert c.value in printed.get(column_name(t, c.col), set()), (c.raw_text, c.value)
    for key, digits in injected.items():
        assert key in corrected, f"injected misreading {_INJECT[digits]!r} was not repaired"
        assert corrected[key].value == Decimal(digits)
        assert corrected[key].corrected_from == _INJECT[digits]
    assert len([f for f in doc.findings if f.code == "corrected-cell"]) == len(corrected)
