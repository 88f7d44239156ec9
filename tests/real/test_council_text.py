"""A real council paper's text (南国市 令和4年 施政方針, born-digital): paragraphs run over their
printed line breaks and across a page break, letter-spacing and furigana stay out of the text, and
section titles set in body type are headings. Truth: fixtures/real/nankoku_policy_speech/p<N>.json,
read off the pages by hand."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from chohyo.japanese.spacing import is_japanese_char
from chohyo.japanese.widths import fold_width
from chohyo.model import Document

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT.parent / "shared" / "real" / "nankoku_policy_speech.pdf"
TRUTH = ROOT / "fixtures" / "real" / "nankoku_policy_speech"
PAGES = sorted(int(p.stem[1:]) for p in TRUTH.glob("p*.json"))


@cache
def _document() -> Document:
    if not PDF.exists():
        pytest.skip(f"{PDF} is absent: the real documents live in ../shared/real/ beside the checkout")
    import chohyo

    return chohyo.read_pdf(PDF, extract={"ocr": "never"}).document


def _shape(role: str, text: str, like: dict[str, object]) -> dict[str, object]:
    text = fold_width(text)
    if "text" in like:
        return {"role": role, "text": text}
    return {"role": role, "start": text[:12], "end": text[-12:], "chars": len(text)}


@pytest.mark.parametrize("number", PAGES)
def test_paragraphs_exact(number: int) -> None:
    truth = json.loads((TRUTH / f"p{number}.json").read_text("utf-8"))
    page = next(p for p in _document().pages if p.number == number)
    blocks = sorted(page.text_blocks, key=lambda b: b.order)
    assert len(blocks) == len(truth["blocks"])
    got = [_shape(b.role.value, b.text, want) for b, want in zip(blocks, truth["blocks"], strict=True)]
    assert got == truth["blocks"]
    before = truth.get("continued_from_previous_page")
    if before:  # the paragraph broken by the page break is one paragraph, on the page it begins on
        previous = max((p for p in _document().pages if p.number < number), key=lambda p: p.number)
        last = max(previous.text_blocks, key=lambda b: b.order)
        assert fold_width(last.text).endswith(before["end"])


def test_no_letter_spacing_and_no_line_paragraphs() -> None:
    doc = _document()
    paragraphs = [b.text for b in doc.text_blocks if b.role.value == "paragraph"]
    ends = sum(t.rstrip()[-1:] in "。！？」" for t in paragraphs)
    assert ends / len(paragraphs) >= 0.95  # a paragraph ends where a sentence does
    split = [
        m.group()
        for t in paragraphs
        for m in re.finditer(r"\S\s+\S", t)
        if is_japanese_char(m.group()[0]) and is_japanese_char(m.group()[-1])
    ]
    assert split == []  # no space between Japanese characters is left (海洋堂 SpaceFactory keeps its own)
