"""OCR'd katakana repaired to the document's own spelling: one dakuten/handakuten slip (ビ/ピ, バ/パ).

RapidOCR reads クラウドサービス as クラウドサーピス in some places of a scanned report and right in
others; nothing checks a text cell, so the document's other occurrences are the evidence. A run of
katakana in an OCR'd table cell is changed only when swapping ONE character within its
voicing class gives a form the document shows more often around that character (the run
clipped to two characters either side: サービス 8 times against サーピス 6 on the council
scan) and the whole changed word is printed elsewhere in the document. The original is kept in
``Cell.corrected_from``, the change named in the provenance and in a ``corrected-cell`` finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from chohyo.findings import finding
from chohyo.model import Cell, CellKind, CellRef, Document, Finding

__all__ = ["VOICING", "majority_spelling", "respell_document"]

_OCR = ("tesseract", "rapidocr", "ocr")

VOICING = [
    "カガ",
    "キギ",
    "クグ",
    "ケゲ",
    "コゴ",
    "サザ",
    "シジ",
    "スズ",
    "セゼ",
    "ソゾ",
    "タダ",
    "チヂ",
    "ツヅ",
    "テデ",
    "トド",
    "ハバパ",
    "ヒビピ",
    "フブプ",
    "ヘベペ",
    "ホボポ",
    "ウヴ",
]
_CLASS = {ch: group for group in VOICING for ch in group}
_RUN = re.compile(r"[ァ-ヺー]{3,}")
CONTEXT = 2  # characters either side of the swapped one that must match the document's form


def _swaps(run: str) -> Iterable[tuple[int, str]]:
    for i, ch in enumerate(run):
        for other in _CLASS.get(ch, ""):
            if other != ch:
                yield i, run[:i] + other + run[i + 1 :]


def majority_spelling(text: str, corpus: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with each katakana run the document spells otherwise (see the module doc), and the
    (read, repaired) pairs; ``corpus`` is the whole document's text, this cell included."""
    changes: list[tuple[str, str]] = []

    def fix(m: re.Match[str]) -> str:
        run = m.group()
        best: list[str] = []
        for i, v in _swaps(run):
            a, b = max(0, i - CONTEXT), min(len(run), i + CONTEXT + 1)
            mine, theirs = corpus.count(run[a:b]), corpus.count(v[a:b])
            if theirs >= 2 and theirs > mine and v in corpus:
                best.append(v)
        if len(best) != 1:  # none, or more than one way to read it: leave it
            return run
        changes.append((run, best[0]))
        return best[0]

    return _RUN.sub(fix, text), changes


def respell_document(doc: Document) -> tuple[Document, list[Finding]]:
    """OCR'd table cells (labels, text) and text blocks respelled by majority_spelling, with one
    ``corrected-cell`` finding per changed cell."""
    if not any(c.is_ocr for t in doc.tables for c in t.cells):
        return doc, []
    corpus = "\n".join([*(b.text for b in doc.text_blocks), *(c.text for t in doc.tables for c in t.cells)])
    findings: list[Finding] = []
    pages = []
    for page in doc.pages:
        tables = []
        for t in page.tables:
            changed: dict[tuple[int, int], Cell] = {}
            swapped: dict[tuple[int, int], list[tuple[str, str]]] = {}
            for c in t.cells:
                if not c.is_ocr or c.kind not in (CellKind.TEXT, CellKind.LABEL):
                    continue
                text, swaps = majority_spelling(c.text, corpus)
                if swaps:
                    swapped[(c.row, c.col)] = swaps
                    changed[(c.row, c.col)] = replace(
                        c,
                        text=text,
                        corrected_from=c.corrected_from or c.text,
                        provenance=c.provenance.with_transforms("kana-majority"),
                    )
            if changed:
                t = t.with_cells(changed)
                labels = {c.row: c.text for c in t.cells if c.col == 0}
                t = replace(t, rows=tuple(replace(r, label=labels.get(r.index, r.label)) for r in t.rows))
                for (row, col), swaps in swapped.items():
                    column = t.columns[col].name if col < len(t.columns) else ""
                    ref = CellRef(t.id, row, col, labels.get(row, ""), column, None, changed[(row, col)].page)
                    findings.append(
                        finding(
                            "corrected-cell",
                            page=ref.page,
                            table=t.id,
                            cells=(ref,),
                            where=f"table {t.id}, {ref.row_label} / {column}",
                            original=", ".join(a for a, _ in swaps),
                            text=", ".join(b for _, b in swaps),
                            reason="the document spells it so more often (one voicing mark read wrong)",
                        )
                    )
            tables.append(t)
        blocks = []
        for b in page.text_blocks:
            text, swaps = (
                majority_spelling(b.text, corpus) if b.provenance.extractor.startswith(_OCR) else (b.text, [])
            )
            blocks.append(
                replace(b, text=text, provenance=b.provenance.with_transforms("kana-majority"))
                if swaps
                else b
            )
        pages.append(replace(page, tables=tuple(tables), text_blocks=tuple(blocks)))
    return replace(doc, pages=tuple(pages)), findings
