"""Scoring a document's text against hand truth (fixtures/real/<stem>/p<N>.json): chohyo's text blocks
and the plain text of pdfplumber and pypdfium2 on the same pages, by one yardstick.

- sentences in order: the truth's sentences (split after 。！？) found in the tool's text of the page
  and the next one (white space removed, width folded: letter-spacing is not held against a peer),
  counted along the longest run that keeps the printed order;
- paragraphs exact: truth paragraphs and list items that come out as one whole block (a peer's block
  is a printed line: it has no paragraphs) — runs of white space count as one space;
- headings: truth headings that come out as a heading block with the same text, and of consecutive
  truth headings, how many pairs nest the same way (deeper, same, shallower) in the tool;
- figures: the truth's figures (a chart or picture printed among the text) that leave a trace in the
  tool's output (a caption block or a finding on their page) instead of vanishing.

A truth block is either its whole ``text`` or, for a long paragraph, its ``start`` and ``end`` (the
first and last 12 characters, width-folded) and ``chars`` (its length).
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from chohyo.japanese.widths import fold_width

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "fixtures" / "real"
_SENTENCE = re.compile(r"[^。！？]+[。！？」]*")


def norm(text: str) -> str:
    return " ".join(fold_width(text).split())


def squash(text: str) -> str:
    return "".join(fold_width(text).split())


@dataclass(frozen=True)
class Block:
    role: str
    text: str
    level: int = 0
    # a truth block given by its ends (``start``/``end``/``chars``) instead of its whole text
    start: str = ""
    end: str = ""
    chars: int = 0

    def same(self, text: str) -> bool:
        if not self.chars:
            return norm(text) == norm(self.text)
        t = fold_width(text)
        return t.startswith(self.start) and t.endswith(self.end) and len(t) == self.chars

    def sentences(self) -> list[str]:
        if not self.chars:
            return _SENTENCE.findall(squash(self.text))
        return [squash(self.start), squash(self.end)]


@dataclass
class Score:
    sentences: int = 0
    in_order: int = 0
    paragraphs: int = 0
    paragraphs_exact: int = 0
    headings: int = 0
    headings_found: int = 0
    nest_pairs: int = 0
    nest_right: int = 0
    figures: int = 0
    figures_traced: int = 0

    def add(self, other: Score) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def truth_pages(stem: str, only: tuple[int, ...] = ()) -> list[dict[str, object]]:
    """The stem's truth pages in page order (``only``: just those page numbers)."""
    return [
        json.loads(p.read_text("utf-8"))
        for p in sorted((TRUTH / stem).glob("p*.json"), key=lambda p: int(p.stem[1:]))
        if not only or int(p.stem[1:]) in only
    ]


def _longest_increasing(xs: list[int]) -> int:
    tails: list[int] = []
    for x in xs:
        i = bisect.bisect_left(tails, x)
        tails[i : i + 1] = [x]
    return len(tails)


def _sign(a: int, b: int) -> int:
    return (b > a) - (b < a)


def _truth_block(b: dict[str, object]) -> Block:
    level = int(b.get("level", 0))  # type: ignore[call-overload]
    if "text" in b:
        return Block(str(b["role"]), str(b["text"]), level)
    return Block(str(b["role"]), "", level, str(b["start"]), str(b["end"]), int(b["chars"]))  # type: ignore[call-overload]


def score_page(truth: dict[str, object], blocks: list[Block], following: str, traces: int = 0) -> Score:
    """``blocks``: the tool's blocks of the page in its reading order; ``following``: its text of the
    next page (a paragraph broken by the page break is scored where it begins); ``traces``: how many
    figures the tool noted on the page (caption blocks, findings)."""
    want = [_truth_block(b) for b in truth["blocks"]]  # type: ignore[attr-defined]
    s = Score()
    s.figures = len(truth.get("figures", []))  # type: ignore[attr-defined]
    s.figures_traced = min(s.figures, traces)
    flat = squash("".join(b.text for b in blocks) + following)
    positions = []
    for b in want:
        for sentence in b.sentences():
            s.sentences += 1
            after = positions[-1] + 1 if positions else 0
            at = flat.find(sentence, after)  # a repeated sentence (a title printed twice): the next one
            at = at if at >= 0 else flat.find(sentence)
            if at >= 0:
                positions.append(at)
    s.in_order = _longest_increasing(positions)
    got_heads = [b for b in blocks if b.role == "heading"]
    for b in want:
        if b.role in ("paragraph", "list"):
            s.paragraphs += 1
            s.paragraphs_exact += any(b.same(g.text) for g in blocks)
    heads = [b for b in want if b.role == "heading"]
    s.headings = len(heads)
    level_of = {}
    for h in heads:
        match = next((g for g in got_heads if h.same(g.text)), None)
        if match is not None:
            s.headings_found += 1
            level_of[id(h)] = match.level
    for a, b in itertools.pairwise(heads):
        s.nest_pairs += 1
        if id(a) in level_of and id(b) in level_of:
            s.nest_right += _sign(a.level, b.level) == _sign(level_of[id(a)], level_of[id(b)])
    return s


FIGURE_TRACE = "figure-trace"  # a pseudo-role: a finding about a figure on the page, scored as a trace


def chohyo_blocks(pdf: Path, pages: list[int]) -> dict[int, list[Block]]:
    """chohyo's blocks per page; a scanned page is read by OCR (``ocr=auto``: a born-digital page is not)."""
    import chohyo

    doc = chohyo.read_pdf(pdf, pages=pages, extract={"ocr": "auto"}).document
    out = {
        p.number: [Block(b.role.value, b.text, b.level) for b in sorted(p.text_blocks, key=lambda b: b.order)]
        for p in doc.pages
    }
    for f in doc.findings:
        if f.page in out and "figure" in f.code:
            out[f.page].append(Block(FIGURE_TRACE, ""))
    return out


def _lines(text: str) -> list[Block]:
    return [Block("paragraph", ln) for ln in text.splitlines() if ln.strip()]


def pdfplumber_blocks(pdf: Path, pages: list[int]) -> dict[int, list[Block]]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return {n: _lines(doc.pages[n - 1].extract_text() or "") for n in pages}


def pypdfium2_blocks(pdf: Path, pages: list[int]) -> dict[int, list[Block]]:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return {n: _lines(doc[n - 1].get_textpage().get_text_range()) for n in pages}
    finally:
        doc.close()


TOOLS = {"chohyo": chohyo_blocks, "pdfplumber": pdfplumber_blocks, "pypdfium2": pypdfium2_blocks}


def score_document(pdf: Path, stem: str, tool: str, only: tuple[int, ...] = ()) -> Score:
    truths = truth_pages(stem, only)
    numbers = [int(t["page"]) for t in truths]  # type: ignore[call-overload]
    wanted = sorted({*numbers, *(n + 1 for n in numbers)})
    import pypdfium2

    count = len(pypdfium2.PdfDocument(pdf))
    got = TOOLS[tool](pdf, [n for n in wanted if n <= count])
    total = Score()
    for t, n in zip(truths, numbers, strict=True):
        following = "".join(b.text for b in got.get(n + 1, []))
        blocks = [b for b in got.get(n, []) if b.role != FIGURE_TRACE]
        traces = sum(b.role in (FIGURE_TRACE, "caption") for b in got.get(n, []))
        total.add(score_page(t, blocks, following, traces))
    return total
