"""A scanned budget (image-only PDF, read by OCR) through extract + normalize: the OCR repairs
(dropped commas, spaces inside labels, near-miss account names) bring it close to the truth."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import doc_cache
import pytest
from chohyo.model import Document
from chohyo.settings import Settings
from norm_helpers import FIXTURES

SCAN = FIXTURES / "scanned" / "budget_ruled_200.pdf"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SCAN.exists(), reason="scanned fixture not generated")]


def _truth() -> dict[str, Any]:
    return json.loads(SCAN.with_suffix(".truth.json").read_text(encoding="utf-8"))


@cache
def _doc() -> Document:
    return doc_cache.run(SCAN, Settings().with_(validate={"enabled": False}))  # one OCR per session


@doc_cache.group("budget_ruled_200.pdf")
def test_ocr_labels_are_repaired_to_the_printed_accounts() -> None:
    want = [r["label"] for r in _truth()["tables"][0]["rows"]]
    got = [r.label for t in _doc().tables for r in t.rows]
    assert sum(1 for w in want if w in got) >= 0.95 * len(want)
    # a replacement from the account lexicon is never a wrong account
    looked_up = [c for t in _doc().tables for c in t.body_cells() if "lexicon" in c.provenance.transforms]
    assert looked_up and all(c.text in want for c in looked_up)


@doc_cache.group("budget_ruled_200.pdf")
def test_dropped_commas_are_read_and_right() -> None:
    truth_values = {v for r in _truth()["tables"][0]["rows"] for v in r["values"] if v}
    regrouped = [c for t in _doc().tables for c in t.cells if "ocr-grouping" in c.provenance.transforms]
    assert regrouped, "the scan has numbers whose commas OCR dropped"
    assert all(str(c.value) in truth_values for c in regrouped)
    assert all(
        f.severity.value == "info"
        for f in _doc().findings
        if f.code == "bad-grouping"
        and f.found is None
        and any(
            "ocr-grouping" in (t.cell(ref.row, ref.col).provenance.transforms)
            for t in _doc().tables
            for ref in f.cells
            if t.id == ref.table and t.cell(ref.row, ref.col) is not None
        )
    )


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("budget_ruled_200.pdf", marks=doc_cache.group("budget_ruled_200.pdf")),
        pytest.param("budget_ruled_p1.png", marks=doc_cache.group("budget_ruled_p1.png")),
    ],
)
def test_a_scanned_tables_unit_is_read_or_said_to_be_unreadable(name: str) -> None:
    # the black-and-white PNG's thin strokes are gone from the file itself ((単位:1J) for (単位:円))
    doc = doc_cache.run(FIXTURES / "scanned" / name, Settings().with_(validate={"enabled": False}))
    table = doc.tables[0]
    said = [f for f in doc.findings if f.code == "unit-unreadable" and f.table == table.id]
    assert (table.unit is not None and table.unit.name == "円" and not said) or (table.unit is None and said)
    assert not [f for f in doc.findings if f.code == "unit-missing"]
