"""Council papers as text (issue 18): chohyo's text blocks, pdfplumber's ``extract_text`` and
pypdfium2's text on born-digital 南国市 papers, scored against truth read off the pages by hand
(``bench.text_truth``): sentences in reading order, paragraphs exact, headings and their nesting,
and the sums of money in the running text (amounts.csv; the peers have no such output).

The PDFs are fetched ones (``bench/realdocs.py``, ``CHOHYO_FETCHED``): each absent one is skipped
with the reason. Time: CPU seconds of reading the scored pages and the page after each, the born-digital pages and
the scanned ones (OCR, with the CPU of the Tesseract processes it waits for) apart.
"""

from __future__ import annotations

import resource
import time
from decimal import Decimal
from pathlib import Path

from bench.realdocs import FETCHED, SHARED_REAL, fetched, missing_reason
from bench.text_truth import TOOLS, Score, score_document, truth_pages

TITLE = "Council text against hand truth: chohyo, pdfplumber, pypdfium2 (issue 18)"
ORDER = 43

# (stem, pages): () = every truth page of the stem
EARLIER: list[tuple[str, tuple[int, ...]]] = [
    ("425_2022_03__提案理由", ()),
    ("425_2022_03__議案第18号：手話言語条例", ()),
    ("444_2025_12__市政報告（444回）", ()),
    ("nankoku_policy_speech", (2, 12)),  # ../shared/real: 施政方針 R4
    ("nankoku_report4_scan", (1, 2)),  # ../shared/real, scanned (OCR)
]
# held-out: truth made (and scored) before any fix for these pages
HELD_OUT: list[tuple[str, tuple[int, ...]]] = [
    ("nankoku_policy_speech", (4,)),  # section titles, amounts in 億/兆
    ("446_2026_03__施政方針（446回）", (6, 7)),  # amounts over a page break, a line led by ・
    ("nankoku_report4_scan", (3,)),  # scanned: a flow chart under its title
    ("425_2022_03__benkyoukai__南国市ＤＸ推進方針_R040224", (1,)),  # boxes, two columns, a picture
]
# held-out on branch h3-text: pages no session had seen, truth made and scored before any fix
HELD_OUT_3: list[tuple[str, tuple[int, ...]]] = [
    ("426_2022_06__議案第９号：瓶岩道路整備工事契約", (1,)),  # a 記 list with fields, names, a date
    ("giingikaiunei__seimukatudouhi__政務活動費の手引き（H28.4.1）", (9,)),  # (1) headings in body type
]
# held-out on branch h5-text: kinds not scored before, truth made and scored before any fix
HELD_OUT_5: list[tuple[str, tuple[int, ...]]] = [
    # a plan: its title over 第1章, sections 1．…, a label over a slogan, まちづくり目標1… items
    ("444_2025_12__議案第２１号：第５次南国市総合計画基本構想の策定について", (2, 3)),
    ("444_2025_12__議案第１２号：南国市立図書館設置条例　全部改正", (2,)),  # 項 and 号, letter-spaced lines
]


def _path(stem: str) -> Path | None:
    shared = SHARED_REAL / f"{stem}.pdf"
    return shared if shared.is_file() else fetched(f"nankoku/{stem}.pdf")


def _missing(stem: str) -> str:
    if stem.startswith("nankoku_"):
        return missing_reason(SHARED_REAL / f"{stem}.pdf")
    return missing_reason(FETCHED / "nankoku" / f"{stem}.pdf")


def _amounts(stem: str, path: Path, only: tuple[int, ...]) -> tuple[int, ...]:
    """(truth amounts, read right on the truth pages, read wrong or not in the truth there): right is
    the page, printed text, value, unit and 約 all as the truth has them. Only pages whose truth lists
    their amounts (``amounts``, maybe empty) count. Then the same three for the 和暦 dates (text and ISO
    form, pages whose truth lists ``dates``) and (truth names, found with their family/given gap in a
    block of their page) for ``names``."""
    import chohyo
    import pypdfium2

    truths = [t for t in truth_pages(stem, only) if {"amounts", "dates", "names"} & set(t)]
    if not truths:
        return 0, 0, 0, 0, 0, 0, 0, 0
    pages = [int(t["page"]) for t in truths]  # type: ignore[call-overload]
    count = len(pypdfium2.PdfDocument(path))
    wanted = sorted(
        {n for p in pages for n in (p - 1, p, p + 1) if 1 <= n <= count}
    )  # paragraphs over page breaks
    doc = chohyo.read_pdf(path, pages=wanted, extract={"ocr": "auto"}).document
    want = [
        (
            int(a.get("page", t["page"])),
            str(a["text"]),
            Decimal(a["value"]),
            str(a["unit"]),
            bool(a.get("about", False)),
        )  # type: ignore[call-overload]
        for t in truths
        for a in t.get("amounts", [])  # type: ignore[attr-defined]
    ]
    # the amounts of the truth pages' text (a paragraph's last amount may be printed on the next page)
    amount_pages = [int(t["page"]) for t in truths if "amounts" in t]  # type: ignore[call-overload]
    blocks = {b.order for b in doc.text_blocks if b.page in amount_pages}
    got = [
        (a.page, a.text, a.value, a.unit, a.approximate)
        for a in doc.amounts
        if a.block in blocks or a.page in amount_pages
    ]
    right = sum(1 for g in got if g in want)
    date_pages = [int(t["page"]) for t in truths if "dates" in t]  # type: ignore[call-overload]
    want_dates = [
        (int(t["page"]), str(d["text"]), str(d["iso"]))  # type: ignore[call-overload]
        for t in truths
        for d in t.get("dates", [])  # type: ignore[attr-defined]
    ]
    got_dates = [(d.page, d.text, d.iso) for d in doc.dates if d.page in date_pages]
    dates_right = sum(1 for g in got_dates if g in want_dates)
    names = [(int(t["page"]), str(n)) for t in truths for n in t.get("names", [])]  # type: ignore[call-overload, attr-defined]
    named = sum(
        any(n in " ".join(b.text.split()) for b in doc.text_blocks if b.page == page) for page, n in names
    )
    return (
        len(want),
        right,
        len(got) - right,
        len(want_dates),
        dates_right,
        len(got_dates) - dates_right,
        len(names),
        named,
    )


def _scanned(path: Path, only: tuple[int, ...], stem: str) -> bool:
    """Are the stem's truth pages scans (no text layer: chohyo reads them by OCR)?"""
    import pypdfium2

    doc = pypdfium2.PdfDocument(path)
    try:
        pages = [int(t["page"]) for t in truth_pages(stem, only)]  # type: ignore[call-overload]
        return all(doc[n - 1].get_textpage().count_chars() == 0 for n in pages)
    finally:
        doc.close()


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (Tesseract runs as one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _group(stems: list[tuple[str, tuple[int, ...]]]) -> tuple[list[str], list[str]]:
    rows: list[str] = []
    totals = {tool: Score() for tool in TOOLS}
    cpu = dict.fromkeys(TOOLS, 0.0)
    cpu_scans = dict.fromkeys(TOOLS, 0.0)  # the scanned pages apart: OCR is most of chohyo's time
    skipped = []
    amounts = [0] * 8
    scored = []
    for stem, only in stems:
        path = _path(stem)
        if path is None:
            skipped.append(_missing(stem))
            continue
        scored.append(f"{stem} pp. " + ", ".join(str(t["page"]) for t in truth_pages(stem, only)))
        into = cpu_scans if _scanned(path, only, stem) else cpu
        for tool in TOOLS:
            t0 = _cpu()
            s = score_document(path, stem, tool, only)
            into[tool] += _cpu() - t0
            totals[tool].add(s)
        amounts = [x + y for x, y in zip(amounts, _amounts(stem, path, only), strict=True)]
    if not scored:
        return [], skipped
    rows.append("| | " + " | ".join(TOOLS) + " |")
    rows.append("|---|" + "---:|" * len(TOOLS))

    def line(name: str, f: object) -> None:
        rows.append(f"| {name} | " + " | ".join(str(f(totals[t])) for t in TOOLS) + " |")  # type: ignore[operator]

    line("sentences in reading order", lambda s: f"{s.in_order} / {s.sentences}")
    line("paragraphs and list items exact", lambda s: f"{s.paragraphs_exact} / {s.paragraphs}")
    line("headings as headings", lambda s: f"{s.headings_found} / {s.headings}")
    line("heading pairs nested as printed", lambda s: f"{s.nest_right} / {s.nest_pairs}")
    line("figures left with a trace (note or finding)", lambda s: f"{s.figures_traced} / {s.figures}")
    rows.append(
        f"| amounts in running text right (wrong or extra) | {amounts[1]} / {amounts[0]} ({amounts[2]}) | — | — |"
    )
    if amounts[3]:
        rows.append(
            f"| 和暦 dates with their ISO form right (wrong or extra) | {amounts[4]} / {amounts[3]} ({amounts[5]}) | — | — |"
        )
    if amounts[6]:
        rows.append(f"| names with the family/given gap kept | {amounts[7]} / {amounts[6]} | — | — |")
    rows.append(
        "| CPU s, born-digital pages (scored + the page after each) | "
        + " | ".join(f"{cpu[t]:.2f}" for t in TOOLS)
        + " |"
    )
    if any(cpu_scans.values()):
        rows.append(
            "| CPU s, scanned pages (chohyo's OCR, Tesseract's child processes included; a peer reads no text) | "
            + " | ".join(f"{cpu_scans[t]:.2f}" for t in TOOLS)
            + " |"
        )
    return ["Pages: " + "; ".join(scored) + ".", "", *rows], skipped


def run() -> str:
    out = [
        f"_Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; truth in fixtures/real/<stem>/. "
        "A peer's block is a printed line: it has no paragraphs or headings; a scanned page has no text "
        "for a peer. Reproduce: `python -m bench.run council_text`._",
    ]
    skipped: list[str] = []
    for name, stems in (
        ("Earlier truth", EARLIER),
        ("Held-out truth (made before any fix for it)", HELD_OUT),
        ("Held-out truth of branch h3-text (made before any fix for it)", HELD_OUT_3),
        ("Held-out truth of branch h5-text (made before any fix for it)", HELD_OUT_5),
    ):
        rows, skip = _group(stems)
        skipped += skip
        if rows:
            out += ["", f"**{name}**", "", *rows]
    if len(out) == 1:
        return "Skipped: " + "; ".join(skipped)
    out += [f"- skipped: {r}" for r in skipped]
    return "\n".join(out) + "\n"
