"""Header cells set vertically (縦書き): fixtures/budget_vertical.pdf and its 200 dpi scan.

The value columns are narrow under one tall header row; 公益目的事業会計, 収益事業等会計 and 法人会計
are printed one character under the other, 合計 across. A tall, narrow header cell goes to
Tesseract's jpn_vert (read_cells.py, ReadKind.VERTICAL; the registry gives it to Tesseract).
"""

from __future__ import annotations

import json
from functools import cache

import doc_cache
import pypdfium2 as pdfium
import pytest
from chohyo.extract import extract_document
from chohyo.extract.ocr import read_scanned_page
from chohyo.extract.ocr.engines import tesseract
from chohyo.model import Document, Table
from chohyo.settings import ExtractSettings

from .conftest import ROOT, SCANNED, needs_tesseract, table_values_right, truth

pytestmark = [needs_tesseract, pytest.mark.slow]

DIGITAL = ROOT / "fixtures" / "budget_vertical.pdf"


@cache
def _scan() -> Document:
    return doc_cache.run(SCANNED / "budget_vertical_200.pdf")


def _header_texts(table: Table) -> list[str]:
    return ["/".join(c.path) for c in table.columns]


def test_digital_fixture_reads_its_vertical_headers() -> None:
    want = json.loads((ROOT / "fixtures" / "budget_vertical.truth.json").read_text(encoding="utf-8"))[
        "tables"
    ][0]
    doc = extract_document(DIGITAL, ExtractSettings())
    assert _header_texts(doc.tables[0]) == want["columns"]


def test_jpn_vert_reads_a_clean_vertical_header() -> None:
    """The three vertical headers of the born-digital page rendered at 200 dpi, through read_strip."""
    if not tesseract.has_language("jpn_vert"):
        pytest.skip("tesseract-ocr-jpn-vert is not installed")
    pdf = pdfium.PdfDocument(DIGITAL)
    page = pdf[0]
    scale = 200 / 72
    bitmap = page.render(scale=scale, grayscale=True)
    gray = bitmap.to_numpy().copy()
    bitmap.close()
    gray = gray if gray.ndim == 2 else gray[..., 0]
    # header cells: 84 pt tall from top 80 pt; value columns 64 pt wide after a 190 pt label column
    x0 = (page.get_size()[0] - 446) / 2 + 190
    pdf.close()
    crops = [
        gray[
            int(82 * scale) : int(162 * scale),
            int((x0 + 64 * k + 20) * scale) : int((x0 + 64 * k + 44) * scale),
        ]
        for k in range(3)
    ]
    got = [r.text for r in tesseract.read_strip(crops, numeric=False, vertical=True)]
    assert got == ["公益目的事業会計", "収益事業等会計", "法人会計"]


@doc_cache.group("budget_vertical_200.pdf")
def test_scan_reads_every_row_and_value() -> None:
    doc = _scan()
    assert len(doc.tables) == 1
    table = doc.tables[0]
    want = truth("budget_vertical_200")["tables"][0]
    assert [r.label for r in table.rows] == [r["label"] for r in want["rows"]]
    right, total = table_values_right(table, want["rows"])
    assert right >= 0.99 * total, (right, total)


@doc_cache.group("budget_vertical_200.pdf")
def test_scan_reads_the_vertical_headers() -> None:
    want = truth("budget_vertical_200")["tables"][0]["columns"]
    # 目 of 公益目的 lost its inner strokes to the 3x3 median denoise (read 日 or 月): vertical header
    # crops come from the page before that filter (preprocess.Prepared.plain)
    assert _header_texts(_scan().tables[0]) == want


def test_each_scanned_page_reads_its_own_vertical_headers() -> None:
    """Page 2 too (the merged table shows page 1's headers only): a dust speck by the rule of the
    法人会計 cell once made it look wide, sent it to the horizontal reader and read it 验."""
    want = [c.split("/")[-1] for c in truth("budget_vertical_200")["tables"][0]["columns"]]
    pdf = pdfium.PdfDocument(SCANNED / "budget_vertical_200.pdf")
    for index in range(len(pdf)):
        page, _ = read_scanned_page(pdf, index, ExtractSettings())
        table = page.tables[0]
        assert [c.raw_text for c in table.cells if c.row < table.header_rows] == want, index + 1
