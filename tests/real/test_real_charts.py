"""Bar charts on a real copier scan are figures, never tables (extract/ocr/charts.py).

../shared/real/nankoku_michinoeki_agm_scan.pdf (never copied into the project) prints three bar
charts on p22 (物販 / カフェレスト / 全社 年度別売上推移, the last stacked) and one on p23 (年度別経常利益,
bars below the zero line too). Read as tables they gave 4 tables of bar ink read as 1s, 3
sum-mismatch errors and some 60 warnings. Its tables (pp. 9-12) and the scanned fixtures have no
bars: nothing is taken for a chart there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.real_scans import REAL

PDF = REAL / "nankoku_michinoeki_agm_scan.pdf"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "scanned"


def _charts(pdf_path: Path, index: int) -> list[tuple[int, int, int, int]]:
    import pypdfium2 as pdfium
    from chohyo.extract.ocr.charts import bar_charts
    from chohyo.extract.ocr.images import page_image
    from chohyo.extract.ocr.orient import orientation
    from chohyo.extract.ocr.preprocess import prepare
    from chohyo.settings import ExtractSettings

    img = page_image(pdfium.PdfDocument(pdf_path), index, ExtractSettings())
    prep = prepare(img.gray, img.dpi, orientation(img.gray, img.dpi))
    return bar_charts(prep.binary, img.dpi)


def _need_source() -> None:
    if not PDF.exists():
        pytest.skip(f"{PDF} is absent (the real documents live in ../shared/real/ beside the checkout)")


def test_charts_are_found_by_their_bars_and_tables_are_not_charts() -> None:
    _need_source()
    assert len(_charts(PDF, 21)) == 3  # p22: three charts, one above the other
    assert len(_charts(PDF, 22)) == 1  # p23
    for index in (8, 9, 10, 11, 3):  # 貸借対照表 .. 株主資本等変動計算書, a 販売数 table
        assert _charts(PDF, index) == [], index
    for name in (
        "budget_ruled_200.pdf",
        "budget_borderless_200.pdf",
        "budget_mixed.pdf",
        "council_text_200.pdf",
    ):
        assert _charts(FIXTURES / name, 0) == [], name


@pytest.mark.slow
def test_chart_pages_give_no_table_and_no_alarm() -> None:
    _need_source()
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    from chohyo.model import Severity
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    doc = run(PDF, Settings().with_(extract={"pages": (22, 23)}))
    assert not doc.tables
    assert not [f for f in doc.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    assert any("bar chart" in n for p in doc.pages for n in p.notes)
    words = " ".join(b.text for p in doc.pages for b in p.text_blocks)
    assert "年度別経常利益" in words  # the chart's title is text


@pytest.mark.slow
def test_a_weekday_read_unsure_is_confirmed_by_the_calendar() -> None:
    """p6 lists events by 月 | 日 | 曜: 8月1日 日 is read with confidence 0.62. The rows read surely fit
    one fiscal year (2021-22) and 2021-08-01 was a Sunday: no ocr-doubtful-text warning on it."""
    _need_source()
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    from chohyo.extract.ocr.doubt import calendar_confirmed
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    doc = run(PDF, Settings().with_(extract={"pages": (6,)}))
    confirmed = {(t.id, r, c) for t in doc.tables for r, c in calendar_confirmed(t)}
    assert len(confirmed) >= 6
    assert not [f for f in doc.findings if f.code == "ocr-doubtful-text" and "曜" in f.message]
