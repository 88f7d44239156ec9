"""Council papers as text (issue 18): chohyo's text blocks, pdfplumber's ``extract_text`` and
pypdfium2's text on born-digital 南国市 papers, scored against truth read off the pages by hand
(``bench.text_truth``): sentences in reading order, paragraphs exact, headings and their nesting,
and the sums of money in the running text (amounts.csv; the peers have no such output).

The PDFs are fetched ones (``bench/realdocs.py``, ``CHOHYO_FETCHED``): each absent one is skipped
with the reason. Time: CPU seconds of reading the scored pages and the page after each.
"""

from __future__ import annotations

import time
from decimal import Decimal

from bench.realdocs import FETCHED, fetched, missing_reason
from bench.text_truth import TOOLS, Score, score_document, truth_pages

TITLE = "Council text against hand truth: chohyo, pdfplumber, pypdfium2 (issue 18)"
ORDER = 43

STEMS = ["425_2022_03__提案理由", "425_2022_03__議案第18号：手話言語条例", "444_2025_12__市政報告（444回）"]


def _amounts(stem: str) -> tuple[int, int, int]:
    """(truth amounts, read right on the truth pages, read wrong or not in the truth there)."""
    import chohyo

    path = fetched(f"nankoku/{stem}.pdf")
    assert path is not None
    truths = truth_pages(stem)
    pages = [int(t["page"]) for t in truths]  # type: ignore[call-overload]
    import pypdfium2

    count = len(pypdfium2.PdfDocument(path))
    wanted = sorted({n for p in pages for n in (p, p + 1) if n <= count})  # a paragraph over the page break
    doc = chohyo.read_pdf(path, pages=wanted, extract={"ocr": "never"}).document
    want = [(str(a["text"]), Decimal(a["value"])) for t in truths for a in t.get("amounts", [])]  # type: ignore[attr-defined]
    got = [(a.text, a.value) for a in doc.amounts if a.page in pages]
    right = sum(1 for g in got if g in want)
    return len(want), right, len(got) - right


def run() -> str:
    rows = []
    totals = {tool: Score() for tool in TOOLS}
    cpu = dict.fromkeys(TOOLS, 0.0)
    skipped = []
    amounts = [0, 0, 0]
    for stem in STEMS:
        path = fetched(f"nankoku/{stem}.pdf")
        if path is None:
            skipped.append(missing_reason(FETCHED / "nankoku" / f"{stem}.pdf"))
            continue
        for tool in TOOLS:
            t0 = time.process_time()
            s = score_document(path, stem, tool)
            cpu[tool] += time.process_time() - t0
            totals[tool].add(s)
        want, right, wrong = _amounts(stem)
        amounts = [amounts[0] + want, amounts[1] + right, amounts[2] + wrong]
    if not any(t.sentences for t in totals.values()):
        return "Skipped: " + "; ".join(skipped)
    pages = sum(len(truth_pages(s)) for s in STEMS if fetched(f"nankoku/{s}.pdf"))
    rows.append("| | " + " | ".join(TOOLS) + " |")
    rows.append("|---|" + "---:|" * len(TOOLS))

    def line(name: str, f: object) -> None:
        rows.append(f"| {name} | " + " | ".join(str(f(totals[t])) for t in TOOLS) + " |")  # type: ignore[operator]

    line("sentences in reading order", lambda s: f"{s.in_order} / {s.sentences}")
    line("paragraphs and list items exact", lambda s: f"{s.paragraphs_exact} / {s.paragraphs}")
    line("headings as headings", lambda s: f"{s.headings_found} / {s.headings}")
    line("heading pairs nested as printed", lambda s: f"{s.nest_right} / {s.nest_pairs}")
    rows.append(
        f"| amounts in running text right (wrong) | {amounts[1]} / {amounts[0]} ({amounts[2]}) | — | — |"
    )
    rows.append(
        "| CPU s, scored pages + the page after each | " + " | ".join(f"{cpu[t]:.2f}" for t in TOOLS) + " |"
    )
    head = (
        f"_Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {pages} pages of "
        f"{len(STEMS) - len(skipped)} born-digital 南国市 papers ({', '.join(STEMS)}; truth in "
        "fixtures/real/<stem>/). A peer's block is a printed line: it has no paragraphs or headings. "
        "Reproduce: `python -m bench.run council_text`._\n"
    )
    return (
        head
        + "\n"
        + "\n".join(rows)
        + ("\n\n" + "\n".join(f"- skipped: {r}" for r in skipped) if skipped else "")
        + "\n"
    )
