"""Ordinary tables on real Japanese pages (issue 16): chohyo, pdfplumber and camelot (lattice and
stream) side by side against hand truth (``fixtures/real/<stem>/p<N>.json`` with a ``tables`` list:
each table its printed rows, each row its cells as the page prints them).

Scoring, the same for every reader: a cell's text is NFKC-folded with all white space removed
(letter-spacing and a wrapped cell's line breaks are layout), and a dash is a dash whichever code
point the reader mapped its glyph to. The truth's rows are aligned to a
reader's rows in order (dynamic programming, a row used once), across every table the reader
found on the page (a reader that splits one table in two still scores). In an aligned row, a truth
cell found among the reader's cells (as a multiset: column offsets do not matter) is *right*; a
truth cell not found while the reader's row has a cell left over is *wrong* (two cells run
together, a cell split, a figure read differently); the rest are *missing* (a row or cell not
read). ``python -m bench.real_tables`` prints the table; pages whose PDF is absent are skipped.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.realdocs import FETCHED, ROOT

FIXTURES = ROOT / "fixtures" / "real"
Grid = list[list[str]]
READERS = ("chohyo", "pdfplumber", "camelot lattice", "camelot stream")
_WS = re.compile(r"\s+")
# one printed dash, several code points: pdfium and pdfminer map the same MS-Mincho glyph of
# 久礼田1220－2 to U+FF0D and U+2212; the page cannot tell them apart, so neither does the score
_DASHES = str.maketrans({"\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\uff0d": "-"})


def norm(text: Any) -> str:
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return _WS.sub("", unicodedata.normalize("NFKC", str(text)).translate(_DASHES))


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    missing: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.missing += other.missing
        self.seconds += other.seconds


def truth_pages() -> list[dict[str, Any]]:
    """Every hand-truth page with a ``tables`` list (other truth files have other shapes)."""
    out = []
    for path in sorted(FIXTURES.glob("*/p*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "tables" in data and "path" in data:
            data["truth"] = str(path.relative_to(ROOT))
            out.append(data)
    return out


def score(truth: Grid, got: Grid) -> Score:
    exp = [Counter(c for c in map(norm, row) if c) for row in truth]
    have = [Counter(c for c in map(norm, row) if c) for row in got]
    n, m = len(exp), len(have)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = sum((exp[i] & have[j]).values())
            best[i][j] = max(best[i + 1][j], best[i][j + 1], pair + best[i + 1][j + 1])
    out = Score()
    i = j = 0
    while i < n and j < m:  # walk the alignment back out
        pair = sum((exp[i] & have[j]).values())
        if pair and best[i][j] == pair + best[i + 1][j + 1]:
            left_exp = sum(exp[i].values()) - pair
            left_have = sum(have[j].values()) - pair
            out.right += pair
            out.wrong += min(left_exp, left_have)
            out.missing += left_exp - min(left_exp, left_have)
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.missing += sum(exp[i].values())
            i += 1
        else:
            j += 1
    out.missing += sum(sum(e.values()) for e in exp[i:])
    return out


def chohyo_grids(path: Path, page: int) -> Grid:
    from chohyo.extract import extract_document
    from chohyo.settings import ExtractSettings

    doc = extract_document(path, ExtractSettings(ocr="never", pages=(page,)))
    rows: Grid = []
    for t in doc.tables:
        if page not in t.pages:
            continue
        grid: dict[int, dict[int, str]] = {}
        for c in t.cells:
            grid.setdefault(c.row, {})[c.col] = c.raw_text
        rows += [[grid[r][k] for k in sorted(grid[r])] for r in sorted(grid)]
    return rows


def pdfplumber_grids(path: Path, page: int) -> Grid:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        tables = pdf.pages[page - 1].extract_tables()
    return [[c or "" for c in row] for t in tables for row in t]


def camelot_grids(path: Path, page: int, flavor: str) -> Grid:
    import camelot

    kwargs = {"backend": "pdfium"} if flavor == "lattice" else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(path), pages=str(page), flavor=flavor, **kwargs)
    return [row for t in tables for row in t.df.values.tolist()]


def read(reader: str, path: Path, page: int) -> Grid:
    if reader == "chohyo":
        return chohyo_grids(path, page)
    if reader == "pdfplumber":
        return pdfplumber_grids(path, page)
    return camelot_grids(path, page, reader.split()[1])


def measure() -> tuple[list[tuple[dict[str, Any], dict[str, Score], int]], list[str]]:
    rows = []
    skipped = []
    for data in truth_pages():
        path = FETCHED / data["path"]
        if not path.is_file():
            skipped.append(f"{data['truth']}: {path} is absent")
            continue
        truth = [row for t in data["tables"] for row in t["rows"]]
        cells = sum(1 for row in truth for c in row if norm(c))
        scores: dict[str, Score] = {}
        for reader in READERS:
            start = time.process_time()
            try:
                got = read(reader, path, data["page"])
            except Exception as exc:  # a reader that fails on a page scores nothing there
                got = []
                skipped.append(f"{data['truth']}: {reader} failed: {type(exc).__name__}: {exc}")
            s = score(truth, got)
            s.seconds = time.process_time() - start
            scores[reader] = s
        rows.append((data, scores, cells))
    return rows, skipped


def markdown() -> str:
    rows, skipped = measure()
    head = (
        "| page (truth) | tables | truth cells | "
        + " | ".join(f"{r} right / wrong / missing" for r in READERS)
        + " |"
    )
    lines = [head, "|---|---:|---:|" + "---:|" * len(READERS)]
    total = {r: Score() for r in READERS}
    all_cells = 0
    for data, scores, cells in rows:
        all_cells += cells
        name = f"{Path(data['truth']).parent.name} p{data['page']}"
        cols = []
        for r in READERS:
            s = scores[r]
            total[r].add(s)
            cols.append(f"{s.right} / {s.wrong} / {s.missing}")
        lines.append(f"| {name} | {len(data['tables'])} | {cells} | " + " | ".join(cols) + " |")
    cols = [
        f"**{t.right} / {t.wrong} / {t.missing}** ({100 * t.right / max(all_cells, 1):.1f}%)"
        for t in total.values()
    ]
    lines.append(f"| all | | {all_cells} | " + " | ".join(cols) + " |")
    lines.append("")
    lines.append(
        "CPU s (all pages, process time): " + ", ".join(f"{r} {total[r].seconds:.1f}" for r in READERS)
    )
    if skipped:
        lines += ["", "Skipped or failed:", *(f"- {s}" for s in skipped)]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    pages = truth_pages()
    if not any((FETCHED / p["path"]).is_file() for p in pages):
        print(f"Skipped: none of the truth pages' PDFs is under {FETCHED} (CHOHYO_FETCHED).")
        return 0
    print(markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
