"""Amounts recovered on the Fuji budget book (issue 16 part 3): chohyo beside pdfplumber and camelot.

The measure of ``real_nankoku`` (its functions): every grouped amount (``1,234`` and up, full-width
digits folded, sign ignored) that pdfplumber's words show on a page of the text layer, matched page
by page (as a multiset) against what each tool outputs for that page. chohyo *as values*: a cell's
parsed value, an amount field of budget.csv (節, 細節, 説明) or a row of amounts.csv (running
text); chohyo *anywhere*: also a figure inside a cell's text or a table's caption. pdfplumber: a figure inside a cell of ``extract_tables``; camelot: a figure
inside a cell of ``read_pdf(flavor="lattice")`` (camelot's default, for ruled tables).

Whole book for chohyo and pdfplumber; camelot lattice renders every page to an image and costs
seconds a page, so it reads a fixed sample — every 10th page (1, 11, 21, …) — and the sample's row
gives all three tools on the same pages. Skipped, with the reason, when ../shared/real/ is absent.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.realdocs import missing_reason
from bench.sections.real_nankoku import _matched, _pct, amounts_in, chohyo_amounts, printed_amounts

TITLE = "Real books: amounts recovered on Fuji (issue 16 part 3, branch h5-amounts)"
ORDER = 3
REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real"
BOOK = "fuji_r6_budget.pdf"
STEP = 10  # camelot's sample: pages 1, 1 + STEP, …


def camelot_amounts(path: Path, pages: list[int]) -> tuple[dict[int, Counter[Decimal]], float]:
    """Per page of the sample: the amounts in camelot lattice's cells; its CPU s."""
    import camelot

    out: dict[int, Counter[Decimal]] = {p: Counter() for p in pages}
    start = time.process_time()
    for page in pages:  # one call a page: a page camelot fails on costs that page only
        try:
            tables = camelot.read_pdf(str(path), pages=str(page), flavor="lattice")
        except Exception:  # a peer failing on a page scores that page zero
            continue
        for t in tables:
            out[page].update(
                a for row in t.df.itertuples(index=False) for cell in row for a in amounts_in(str(cell))
            )
    return out, time.process_time() - start


def _only(counts: dict[int, Counter[Decimal]], pages: set[int]) -> dict[int, Counter[Decimal]]:
    return {p: c for p, c in counts.items() if p in pages}


def read_amounts(path: Path, sample_of: Callable[[int], list[int]]) -> dict[str, Any]:
    """chohyo (whole pipeline), pdfplumber and camelot lattice (on ``sample_of(pages)``) on one
    document: the printed figures, each tool's figures and CPU seconds; ``status`` on a failure."""
    from chohyo.pipeline import convert

    with tempfile.TemporaryDirectory() as tmp:
        cpu = time.process_time()
        result = convert(path, tmp)
        cpu = time.process_time() - cpu
    doc = result.document
    if doc is None:
        return {"status": f"failure: {result.error}"}
    words, plumber, plumber_cpu = printed_amounts(path)
    values, anywhere = chohyo_amounts(doc)
    sample = sample_of(len(doc.pages))
    camelot, camelot_cpu = camelot_amounts(path, sample)
    tools = {"values": values, "anywhere": anywhere, "plumber": plumber, "camelot": camelot}
    return {
        "pages": len(doc.pages),
        "sample": sample,
        "cpu": (cpu, plumber_cpu, camelot_cpu),
        "words": words,
        "tools": tools,
    }


def measure(path: Path) -> dict[str, Any]:
    r = read_amounts(path, lambda n: list(range(1, n + 1, STEP)))
    if "status" in r:
        return r
    words, sample = r["words"], r["sample"]
    values, anywhere, plumber, camelot = (r["tools"][k] for k in ("values", "anywhere", "plumber", "camelot"))
    cpu, plumber_cpu, camelot_cpu = r["cpu"]
    printed_sample = _only(words, set(sample))
    return {
        "pages": r["pages"],
        "sample": sample,
        "cpu": cpu,
        "plumber_cpu": plumber_cpu,
        "camelot_cpu": camelot_cpu,
        "book": {
            "printed": sum(sum(c.values()) for c in words.values()),
            "values": _matched(words, values),
            "anywhere": _matched(words, anywhere),
            "plumber": _matched(words, plumber),
        },
        "sampled": {
            "printed": sum(sum(c.values()) for c in printed_sample.values()),
            "values": _matched(printed_sample, values),
            "anywhere": _matched(printed_sample, anywhere),
            "plumber": _matched(printed_sample, plumber),
            "camelot": _matched(printed_sample, camelot),
        },
    }


def run() -> str:
    path = REAL / BOOK
    if not path.exists():
        return "Skipped: " + missing_reason(path)
    m = measure(path)
    if "book" not in m:
        return f"chohyo: {m['status']}"
    b, s = m["book"], m["sampled"]
    return "\n".join(
        [
            f"`{BOOK}` ({m['pages']} pages). Reproduce: `python -m bench.run real_amounts`. Scoring as in "
            "the 南国 section: grouped figures of the text layer matched page by page; *as values* = a "
            "cell's value, a budget.csv amount or an amounts.csv row, *anywhere* = also inside a cell's "
            "text or a table's caption.",
            "",
            "| pages | printed | chohyo as values | chohyo anywhere | pdfplumber extract_tables "
            "| camelot lattice |",
            "|---|---:|---:|---:|---:|---:|",
            f"| whole book ({m['pages']}) | {b['printed']:,} | {_pct(b['values'], b['printed'])} "
            f"| {_pct(b['anywhere'], b['printed'])} | {_pct(b['plumber'], b['printed'])} | – |",
            f"| every {STEP}th page ({len(m['sample'])}: 1, {1 + STEP}, …, {m['sample'][-1]}) "
            f"| {s['printed']:,} | {_pct(s['values'], s['printed'])} | {_pct(s['anywhere'], s['printed'])} "
            f"| {_pct(s['plumber'], s['printed'])} | {_pct(s['camelot'], s['printed'])} |",
            "",
            f"CPU s: chohyo.convert (whole book, all stages) {m['cpu']:.1f}; pdfplumber extract_tables "
            f"(whole book) {m['plumber_cpu']:.1f}; camelot lattice ({len(m['sample'])} pages) "
            f"{m['camelot_cpu']:.1f}.",
        ]
    )
