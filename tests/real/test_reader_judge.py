"""Arithmetic as the judge between readings of a re-read page (issue 16, core/pipeline.py).

extract keeps the runner-up readings of a page it read again with camelot's readers; the pipeline
validates them and prefers the reading whose relations hold over one whose relations fail. Real
pages from camelot's own test PDFs (../shared/peers/camelot/); skipped with the reason when the
folder or camelot is absent.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest
from chohyo.extract import extract_document
from chohyo.model import CONFIRMED_BY_ARITHMETIC, WON_ON_ARITHMETIC, Alternative, CellKind, Document
from chohyo.normalize import normalize_document
from chohyo.pipeline import judge_readings, run
from chohyo.settings import Settings

PEERS = Path(__file__).resolve().parents[2] / ".." / "shared" / "peers" / "camelot"

pytestmark = [
    pytest.mark.skipif(not PEERS.exists(), reason=f"camelot's test PDFs are not here: {PEERS}"),
    pytest.mark.skipif(
        importlib.util.find_spec("camelot") is None, reason="camelot is not installed: no page is re-read"
    ),
]

SETTINGS = Settings().with_(extract={"ocr": "never"})


def test_health_arithmetic_confirms_the_structural_choice() -> None:
    """health.pdf: the page fails its own checks, camelot-stream's reading is kept by structure, and
    its totals hold: the cells say so, and the runner-ups are not left in the document."""
    doc = run(PEERS / "health.pdf", SETTINGS)
    (page,) = doc.pages
    assert any(n.startswith("arithmetic: kept the camelot-stream reading") for n in page.notes), page.notes
    assert page.alternatives == ()
    relations = [r for t in page.tables for r in t.relations]
    assert any(r.holds for r in relations) and not any(r.holds is False for r in relations)
    for c in (c for t in page.tables for c in t.cells):
        assert c.provenance.extractor == "camelot-stream"
        assert CONFIRMED_BY_ARITHMETIC in c.provenance.transforms


def test_arithmetic_overrules_a_reading_whose_total_fails() -> None:
    """health.pdf read by a reader that misreads one total (one digit): structure cannot tell the two
    readings apart, the page's own arithmetic can. The reading whose relations hold wins, its cells
    say why, and the failed reading's findings leave with it."""
    settings = SETTINGS
    extracted = extract_document(PEERS / "health.pdf", settings.extract)
    (page,) = extracted.pages
    judged = settings.validate
    from chohyo.validate import validate_document

    true = validate_document(normalize_document(extracted, settings.normalize), judged)
    table = true.pages[0].tables[0]
    # a Total column (columns combine, checked in each row): one row's total is misread
    relation = next(r for r in table.relations if r.holds and r.axis == "col")
    total = next(
        c
        for c in table.body_cells()
        if c.col == relation.target and c.kind is CellKind.NUMBER and c.value is not None
    )
    wrong_text = total.raw_text[:-1] + ("7" if total.raw_text[-1] != "7" else "1")
    own = page.tables[0]
    wrong = replace(
        own,
        cells=tuple(
            replace(c, raw_text=wrong_text) if (c.row, c.col) == (total.row, total.col) else c
            for c in own.cells
        ),
    )
    misread = replace(
        page,
        tables=(wrong, *page.tables[1:]),
        alternatives=(Alternative("camelot-stream", page.tables), *page.alternatives),
    )
    doc = Document(extracted.source, extracted.sha256, (misread,), findings=extracted.findings)
    doc = validate_document(normalize_document(doc, settings.normalize), judged)
    before = [r for t in doc.pages[0].tables for r in t.relations if r.holds is False]
    assert before, "the misread total must fail a relation, or the test proves nothing"

    doc = judge_readings(doc, settings.normalize, judged)
    kept = doc.pages[0].tables[0]
    cell = kept.cell(total.row, total.col)
    assert cell is not None and cell.raw_text == total.raw_text
    assert WON_ON_ARITHMETIC in cell.provenance.transforms
    assert not any(r.holds is False for t in doc.pages[0].tables for r in t.relations)
    assert not any(f.relation and f.table == kept.id for f in doc.findings if f.severity.value == "error")
    assert any(" over " in n for n in doc.pages[0].notes if n.startswith("arithmetic:"))


def test_arithmetic_that_says_nothing_leaves_the_structural_choice() -> None:
    """m27.pdf, a listing: chohyo's own reading is kept by structure; camelot's readings have figures
    that sum by chance, which must not displace a reading whose arithmetic neither holds nor fails."""
    doc = run(PEERS / "tabula" / "m27.pdf", SETTINGS)
    page = doc.pages[0]
    assert any(n.startswith("re-read:") for n in page.notes)
    assert not any(n.startswith("arithmetic:") for n in page.notes), page.notes
    assert all(not c.provenance.extractor.startswith("camelot") for t in page.tables for c in t.cells)
