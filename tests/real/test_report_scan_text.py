"""A real scanned council paper's text (南国市 報告第4号 説明資料, 3 scanned pages): after OCR the
same layout rules as on a born-digital page: paragraphs run over their printed line breaks,
headings by their type, centring, indent and numbering (nested), list items with hanging lines,
page numbers and a flow chart's words out of the text. Truth: fixtures/real/nankoku_report4_scan/
p<N>.json, read off the pages by hand."""

from __future__ import annotations

import json
import shutil
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import pytest
from chohyo.japanese.widths import fold_width
from chohyo.model import Document, TextRole

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT.parent / "shared" / "real" / "nankoku_report4_scan.pdf"
TRUTH = ROOT / "fixtures" / "real" / "nankoku_report4_scan"
PAGES = sorted(int(p.stem[1:]) for p in TRUTH.glob("p*.json"))
# blocks read exactly, measured (a floor): on page 1 OCR misses four wide blanks (住宅使用料 65名) and a ※;
# page 3 (held-out truth, made before any fix for it) all 7
EXACT_FLOOR = {1: 18, 2: 13, 3: 7}


@cache
def _document() -> Document:
    if not PDF.exists():
        pytest.skip(f"{PDF} is absent: the real documents live in ../shared/real/ beside the checkout")
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    import chohyo

    return chohyo.read_pdf(PDF).document


def _blocks(number: int) -> list[tuple[str, int, str]]:
    page = next(p for p in _document().pages if p.number == number)
    return [
        (b.role.value, b.level if b.role is TextRole.HEADING else 0, fold_width(b.text))
        for b in sorted(page.text_blocks, key=lambda b: b.order)
    ]


@pytest.mark.parametrize("number", PAGES)
def test_blocks_roles_and_levels_exact(number: int) -> None:
    """Every block of the truth, in reading order, with its role and heading level; the text as OCR
    read it (slips stay possible: each block at least 90% alike, the page 97%)."""
    truth = json.loads((TRUTH / f"p{number}.json").read_text("utf-8"))["blocks"]
    got = _blocks(number)
    assert [(r, lv) for r, lv, _ in got] == [(b["role"], b.get("level", 0)) for b in truth]
    ratios = [SequenceMatcher(None, t, b["text"]).ratio() for (_, _, t), b in zip(got, truth, strict=True)]
    assert min(ratios) >= 0.9, [(g[2], r) for g, r in zip(got, ratios, strict=True) if r < 0.9]
    exact = sum(g[2] == b["text"] for g, b in zip(got, truth, strict=True))
    assert exact >= EXACT_FLOOR[number], [
        (g[2], b["text"]) for g, b in zip(got, truth, strict=True) if g[2] != b["text"]
    ]
    whole = SequenceMatcher(None, "".join(g[2] for g in got), "".join(b["text"] for b in truth)).ratio()
    assert whole >= 0.97


def test_paragraphs_of_running_text_end_a_sentence() -> None:
    """Pages 2 and 3 are running text: every paragraph ends a sentence (none is a printed line)."""
    paragraphs = [b.text for b in _document().text_blocks if b.role is TextRole.PARAGRAPH and b.page > 1]
    assert len(paragraphs) == 14  # 9 on page 2, 4 and the note under the chart on page 3
    assert all(t.rstrip()[-1:] == "。" for t in paragraphs), paragraphs


def test_page_numbers_and_chart_words_are_no_text() -> None:
    doc = _document()
    assert not [b.text for b in doc.text_blocks if b.text.strip() in {"1", "2", "3"}]
    page3 = [b.text for b in sorted(doc.pages[2].text_blocks, key=lambda b: b.order)]
    chart = page3.index("【フローチャート】")
    assert page3[chart + 1].startswith("※和解期日に")  # the note under the chart follows its title
    assert len(page3) == chart + 2


def test_the_flow_chart_leaves_a_trace() -> None:
    """The flow chart's words are no text, but the chart does not vanish: page 3 has a figure note and
    a figure-not-text finding saying where it is."""
    doc = _document()
    found = [f for f in doc.findings if f.code == "figure-not-text"]
    assert [f.page for f in found] == [3]
    assert any(n.startswith("figure: a drawing") for n in doc.pages[2].notes)
    from chohyo.emit.markdown import document_markdown

    md = document_markdown(doc, {})  # text.md says where it is: under its title, over the note below it
    assert md.index("【フローチャート】") < md.index("> [figure, p. 3: a drawing") < md.index("※和解期日に")


def test_ocr_amounts_are_confirmed_or_flagged() -> None:
    """Part 5: the sums and head counts OCR read in the prose (amounts.csv) are confirmed like table
    cells (two engines read the same digits in the line: OCR_AGREED) or named in an ocr-unconfirmed
    warning; none is silent. Every amount of the page-1 truth is read, and each confirmed one is right."""
    from chohyo.model import OCR_AGREED

    doc = _document()
    truth = json.loads((TRUTH / "p1.json").read_text("utf-8"))["amounts"]
    page1 = [a for a in doc.amounts if a.page == 1]
    assert [(a.text, a.value) for a in page1] == [(t["text"], t["value"]) for t in truth]
    flagged = {
        f.message.split("amounts.csv row ")[1].split(" ")[0]
        for f in doc.findings
        if f.code == "ocr-unconfirmed"
    }
    confirmed = 0
    for i, a in enumerate(doc.amounts, 1):
        agreed = OCR_AGREED in a.provenance.transforms
        assert agreed != (str(i) in flagged), (i, a.text, a.note)
        confirmed += agreed
    assert confirmed >= len(doc.amounts) // 2  # measured: 13 of 17 (the others read apart by the engines)
