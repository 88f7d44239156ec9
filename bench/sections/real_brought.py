"""Amounts on the real documents brought in (issue 16 part 3): chohyo beside pdfplumber and camelot,
document by document.

The documents: the 14 南国市 budget books (``real_nankoku``'s) and the 富士市 令和8年度 一般会計予算書
cut by 款 and printed two-up on landscape sheets (``fuji_r8/``, 31 files), both fetched
(bench/realdocs.py says where they live; skipped, with the reason, when absent).

The measure is ``real_nankoku``'s: every grouped amount (``1,234`` and up, full-width digits folded,
sign ignored) of pdfplumber's words on a page, matched page by page (as a multiset) against each
tool's output for that page. chohyo *as values*: a cell's value, a budget.csv amount, an amounts.csv
row; *anywhere*: also a figure inside a cell's text or a table's caption. pdfplumber: a figure in a
cell of ``extract_tables``; camelot: a figure in a cell of ``read_pdf(flavor="lattice")``.

chohyo and pdfplumber read every page. camelot lattice renders each page to an image (about half a
CPU second a page), so it reads every page of a document of up to ``WHOLE`` pages and every
``STEP``th page (1, 1 + STEP, …) of a longer one; such a document gets a second row on camelot's
pages, where all three tools are compared on the same pages. *≥ better peer*: chohyo anywhere
against the better of pdfplumber and camelot on the row's pages (pdfplumber has no values, only
cell text: *anywhere* is chohyo's like for like).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.realdocs import FETCHED, fetched, missing_reason
from bench.sections.real_amounts import _only, read_amounts
from bench.sections.real_nankoku import BOOKS, SPECIAL, _matched, _pct

TITLE = "Real documents brought in: amounts, chohyo beside pdfplumber and camelot (issue 16 part 3)"
ORDER = 4
WHOLE = 40  # camelot reads every page of a document this long or shorter
STEP = 10  # and every STEP-th page of a longer one
FUJI_R8 = FETCHED / "fuji_r8"


def documents() -> list[tuple[str, Path]]:
    """(short name, path) of every brought-in document on this machine: 南国 books, then Fuji R8."""
    out = [(Path(rel).stem.split("__")[-1], p) for rel in BOOKS + SPECIAL if (p := fetched(rel)) is not None]
    if FUJI_R8.is_dir():
        out += [(f"Fuji R8 {p.stem}", p) for p in sorted(FUJI_R8.glob("*.pdf"))]
    return out


def camelot_pages(n_pages: int) -> list[int]:
    return list(range(1, n_pages + 1)) if n_pages <= WHOLE else list(range(1, n_pages + 1, STEP))


def score(
    words: dict[int, Counter[Decimal]],
    tools: dict[str, dict[int, Counter[Decimal]]],
    pages: set[int] | None = None,
) -> dict[str, int]:
    """Printed figures and each tool's matched figures, on ``pages`` (all when None)."""
    printed = words if pages is None else _only(words, pages)
    out = {"printed": sum(sum(c.values()) for c in printed.values())}
    out.update({name: _matched(printed, found) for name, found in tools.items()})
    return out


def measure(path: Path) -> dict[str, Any]:
    r = read_amounts(path, camelot_pages)
    if "status" in r:
        return r
    words, tools, sample = r["words"], r["tools"], r["sample"]
    whole = len(sample) == r["pages"]
    return {
        "pages": r["pages"],
        "sample": sample,
        "cpu": r["cpu"],
        "whole": score(words, tools if whole else {k: v for k, v in tools.items() if k != "camelot"}),
        "sampled": None if whole else score(words, tools, set(sample)),
    }


def _versus(s: dict[str, int]) -> str:
    better = max(s["plumber"], s.get("camelot", 0))
    diff = s["anywhere"] - better
    return "yes" if diff >= 0 else f"**no ({diff:+,})**"


def run() -> str:
    docs = documents()
    if not docs:
        return "Skipped: " + missing_reason(FETCHED / BOOKS[0]) + "; " + missing_reason(FUJI_R8)
    out = [
        f"Reproduce: `python -m bench.run real_brought`. camelot lattice reads every page of a document "
        f"of up to {WHOLE} pages, every {STEP}th page (1, {1 + STEP}, …) of a longer one (a second row: "
        "the three tools on camelot's pages). *≥ better peer*: chohyo anywhere against the better of "
        "pdfplumber and camelot on the row's pages.",
        "",
        "| document | pages | printed | chohyo as values | chohyo anywhere | pdfplumber extract_tables "
        "| camelot lattice | ≥ better peer |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    totals: Counter[str] = Counter()
    cpu: Counter[str] = Counter()
    for name, path in docs:
        m = measure(path)
        if "pages" not in m:
            out.append(f"| {name} | {m['status']} |" + " |" * 6)
            continue
        w, s = m["whole"], m["sampled"]
        for k, v in w.items():
            totals[k] += v
        for k, v in zip(("chohyo", "pdfplumber", "camelot"), m["cpu"], strict=True):
            cpu[k] += v
        camelot = _pct(w["camelot"], w["printed"]) if "camelot" in w else "–"
        out.append(
            f"| {name} | {m['pages']} | {w['printed']:,} | {_pct(w['values'], w['printed'])} "
            f"| {_pct(w['anywhere'], w['printed'])} | {_pct(w['plumber'], w['printed'])} | {camelot} "
            f"| {_versus(w)} |"
        )
        if s is not None:
            for k, v in s.items():
                totals["s_" + k] += v
            out.append(
                f"| ↳ camelot's pages ({len(m['sample'])}: 1, {1 + STEP}, …) | {len(m['sample'])} "
                f"| {s['printed']:,} | {_pct(s['values'], s['printed'])} | {_pct(s['anywhere'], s['printed'])} "
                f"| {_pct(s['plumber'], s['printed'])} | {_pct(s['camelot'], s['printed'])} | {_versus(s)} |"
            )
        else:
            for k, v in w.items():
                totals["s_" + k] += v
    t = totals
    out += [
        f"| all {len(docs)}, every page | | {t['printed']:,} | {_pct(t['values'], t['printed'])} "
        f"| {_pct(t['anywhere'], t['printed'])} | {_pct(t['plumber'], t['printed'])} | – | |",
        f"| all {len(docs)}, camelot's pages | | {t['s_printed']:,} | {_pct(t['s_values'], t['s_printed'])} "
        f"| {_pct(t['s_anywhere'], t['s_printed'])} | {_pct(t['s_plumber'], t['s_printed'])} "
        f"| {_pct(t['s_camelot'], t['s_printed'])} | |",
        "",
        f"CPU s: chohyo.convert (every page, all stages) {cpu['chohyo']:.1f}; pdfplumber extract_tables "
        f"(every page) {cpu['pdfplumber']:.1f}; camelot lattice (its pages) {cpu['camelot']:.1f}.",
    ]
    return "\n".join(out)
