"""Real scans (../shared/real/, never copied into the project) against truth made by hand
(fixtures/real/<stem>/p<N>.json): no wrong amount left without a finding, and at least as many
amounts right as measured (bench/real_scans.py scores; `python -m bench.real_scans` prints the table)."""

from __future__ import annotations

import shutil
from functools import cache
from typing import Any

import pytest

from bench.real_scans import REAL, PageScore, run_page, source_of, truth_pages

STEM = "nankoku_michinoeki_agm_scan"
PAGES = {t["page"]: t for t in truth_pages(STEM)}
# values right measured on each page (a floor: fewer is a regression)
RIGHT_FLOOR = {7: 20, 9: 41, 10: 28, 11: 27, 12: 24}
# rows whose label reads as printed and whose every amount is right, measured (a floor)
ROWS_EXACT_FLOOR = {7: 10, 9: 40, 10: 22, 11: 24, 12: 4}
ARITHMETIC_FLOOR = {7: 30, 9: 28, 10: 26, 11: 26, 12: 9}
UNCONFIRMED_CEILING = {7: 0, 9: 0, 10: 0, 11: 0, 12: 2}


def _have_tesseract() -> bool:
    import pytesseract

    return shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is not None


def _need_source() -> None:
    if not (REAL / f"{STEM}.pdf").exists():
        pytest.skip(
            f"{REAL / (STEM + '.pdf')} is absent (the real documents live in ../shared/real/ beside the checkout)"
        )
    if not _have_tesseract():
        pytest.skip("tesseract is not installed (make test installs it)")


@cache
def _scored(page: int) -> tuple[PageScore, Any]:
    return run_page(PAGES[page])


def test_truth_files_are_consistent() -> None:
    """Every identity a truth page states holds on its own values (a typo in the truth shows here)."""
    assert sorted(PAGES) == [7, 9, 10, 11, 12]
    for n, t in PAGES.items():
        assert t["file"] == f"{STEM}.pdf" and t["page"] == n
        values = {(r["label"], r["column"]): r["value"] for r in t["rows"] if r["value"] is not None}
        assert all(r["column"] in t["columns"] for r in t["rows"])
        for idn in t["identities"]:
            total = values[tuple(idn["total"])]
            assert total == sum(sign * values[(label, col)] for sign, label, col in idn["terms"]), (
                n,
                idn["what"],
            )


def test_copier_layers_are_composed_and_plain_scans_keep_their_resolution() -> None:
    import pypdfium2 as pdfium
    from chohyo.extract.ocr.images import page_image
    from chohyo.settings import ExtractSettings

    from tests.ocr.conftest import SCANNED

    plain = page_image(pdfium.PdfDocument(SCANNED / "budget_ruled_150.pdf"), 0, ExtractSettings())
    assert (plain.source, round(plain.dpi)) == ("embedded", 150)
    if not source_of(PAGES[9]).exists():
        pytest.skip(f"{source_of(PAGES[9])} is absent")
    pdf = pdfium.PdfDocument(source_of(PAGES[9]))
    img = page_image(pdf, 8, ExtractSettings())  # a 150 dpi JPEG background under 300 dpi CCITT masks
    assert (img.source, round(img.dpi)) == ("composed", 300)
    sideways = page_image(pdf, 11, ExtractSettings())  # /Rotate 90: composed as displayed, landscape
    assert sideways.source == "composed" and sideways.gray.shape[1] > sideways.gray.shape[0]


@pytest.mark.slow
@pytest.mark.parametrize("page", sorted(RIGHT_FLOOR))
def test_no_silent_wrong_amount(page: int) -> None:
    _need_source()
    score, _ = _scored(page)
    assert score.silent == 0, score.silent_cells
    assert score.false_alarms == 0, score.wrong_cells  # no error or warning on a right value
    assert score.right >= RIGHT_FLOOR[page], (score.line(), score.wrong_cells)
    assert score.rows_exact >= ROWS_EXACT_FLOOR[page], score.line()
    # numbers confirmed by a holding relation (a floor) and numbers nothing confirms (a ceiling),
    # measured: p10-p11's totals beside their items (内訳 | 計) confirm 52 numbers that two engines'
    # agreement or nothing confirmed before
    assert score.arithmetic >= ARITHMETIC_FLOOR[page], score.line()
    assert score.unconfirmed <= UNCONFIRMED_CEILING[page], score.line()


@pytest.mark.slow
def test_triangle_negatives_are_told_by_shape() -> None:
    """株主資本等変動計算書 prints △9,084,168 with a small △ (touching the 9 on some cells): never 49084168."""
    _need_source()
    _, doc = _scored(12)
    values = {c.value for t in doc.tables for c in t.cells if c.value is not None}
    assert -9084168 in values and 49084168 not in values


@pytest.mark.slow
def test_balance_sheet_halves_are_two_tables_whose_totals_agree() -> None:
    """p9 prints 資産の部 | 負債・純資産の部 side by side in one ruled grid: two tables, and
    資産合計 = 負債・純資産合計 checked across them confirms both totals (no ocr-unconfirmed)."""
    _need_source()
    _, doc = _scored(9)
    assert len(doc.tables) == 2, [t.id for t in doc.tables]
    assert not [f for f in doc.findings if f.code == "balance-sheet-mismatch"]
    lasts = {(t.id, t.rows[-1].index) for t in doc.tables}
    marked = {(c.table, c.row) for f in doc.findings if f.code == "ocr-unconfirmed" for c in f.cells}
    assert not lasts & marked, lasts & marked


@pytest.mark.slow
def test_statement_of_changes_has_no_error_and_its_misread_is_put_right() -> None:
    """p12: 当期首残高 / 純資産合計 reads 147,669,673 (an 8 as 3). 純資産合計 = 株主資本合計 (two total
    columns side by side) and 当期末残高 = 当期首残高 + 当期変動額合計 both fail through it alone, so it
    is corrected to 147,669,678 and said so; before, a balance-mismatch error named the right 当期末残高."""
    _need_source()
    from chohyo.model import Severity

    _, doc = _scored(12)
    assert not [f for f in doc.findings if f.severity is Severity.ERROR], [f.message for f in doc.findings]
    assert 147669678 in {c.value for t in doc.tables for c in t.cells}


@pytest.mark.slow
def test_totals_staggered_over_items_and_total_columns_are_checked() -> None:
    """p11 prints its 27 販売費 in the 内訳 column and 合計 in the 計 column: Σ 販売費 = 合計 holds and
    confirms every one of them, as first read (none is read again). p10's 雑収入 total, printed
    12,710,452, was read 12,710,462 by the second engine (flagged): now the first reading holds
    against its items and is kept (chohyo.staggered, validate/staggered.py)."""
    _need_source()
    _, doc = _scored(11)
    marked = [f.message for f in doc.findings if f.code == "ocr-unconfirmed"]
    assert not marked, marked
    _, doc = _scored(10)
    values = {c.value for t in doc.tables for c in t.cells if c.value is not None}
    assert 12710452 in values and 12710462 not in values
    assert not [f for f in doc.findings if f.code == "breakdown-sum-mismatch"]
