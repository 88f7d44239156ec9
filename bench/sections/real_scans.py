"""Real scans: the copier-layered 議案書 (../shared/real/) against truth made by hand.

Scored by bench/real_scans.py (see its docstring): per truth page, the amounts printed, those
chohyo got right, wrong (flagged: a finding names the cell; silent: none does), missing (the cell
empty or the row not found), rows exact, and the wall seconds of the one-page conversion. Skipped
when ../shared/real/ is absent. The held-out public scans (bench/real_scans.py ``FETCHED_STEMS``:
a ministry 概算要求 table image, two pages of a 政治資金収支報告書 scan) follow, with the peers, when
bench/realdocs.py ``FETCHED`` has them (``scans/``; skipped otherwise).
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr

from bench.real_scans import FETCHED_STEMS, REAL, main, source_of, truth_pages

TITLE = "Real scans (hand truth, ../shared/real/)"
ORDER = 42  # after the scanned fixtures and their variants


def run() -> str:
    if not REAL.is_dir():
        return f"Skipped: {REAL} is absent."
    out, err = io.StringIO(), io.StringIO()
    from contextlib import redirect_stdout

    with redirect_stdout(out), redirect_stderr(err):
        main([])
    wrong = "\n".join(
        line.strip(" |")
        for line in err.getvalue().splitlines()
        if "flagged" in line or "SILENT" in line or "FALSE ALARM" in line
    )
    peers = io.StringIO()
    with redirect_stdout(peers), redirect_stderr(io.StringIO()):
        from bench.real_scan_peers import main as peers_main

        peers_main([])
    return (
        f"`nankoku_michinoeki_agm_scan.pdf` pp. 7, 9-12 (fixtures/real/):\n\n{out.getvalue().strip()}\n\n"
        f"Wrong values and what names them:\n\n```\n{wrong}\n```\n\n{BEFORE}\n\n"
        "Peers on the same pages, scored against the same truth (bench/real_scan_peers.py; a peer "
        "writes no findings, so each of its wrong values is silent):\n" + peers.getvalue().strip()
    ) + _fetched()


def _fetched() -> str:
    """The held-out public scans, chohyo then the peers (skipped when they are not fetched)."""
    from contextlib import redirect_stdout

    if not any(source_of(t).exists() for s in FETCHED_STEMS for t in truth_pages(s)):
        return "\n\nHeld-out public scans: skipped (not fetched; bench/realdocs.py says how)."
    out, peers = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main(["fetched"])
    with redirect_stdout(peers), redirect_stderr(io.StringIO()):
        from bench.real_scan_peers import main as peers_main

        peers_main(["fetched"])
    return (
        "\n\n### Held-out public scans (fixtures/real/soumu_r7_gaisan_fukkou, polimoney_05teiki_jimin_365)\n\n"
        f"{out.getvalue().strip()}\n\nPeers on the same pages:\n{peers.getvalue().strip()}\n\n{HELD_OUT}"
    )


HELD_OUT = """Truth made by hand from the page images before any code change (branch h5-realscan); the
documents are fetched, never committed (bench/realdocs.py `scans/`). Date parts under a 年月日
header are scored as three columns (年, 月, 日) read from one cell (`5 10 2`)."""


BEFORE = """False alarms (an error or warning other than the `ocr-unconfirmed` marking on a right value):
before branch h-scan (commit 53ebd5d) p9's 貸借対照表 was read as one table (資産の部 | 負債・純資産の部
side by side), the right half's amounts under the left half's labels: 5 `sum-mismatch` errors and
16 `ambiguous-correction` warnings naming 18 right values (5 資産, 13 負債・純資産; counted
from that run's findings). Now the grid is
cut at its middle label column (extract/ocr/halves.py) into two tables, 資産合計 = 負債・純資産合計 is
checked across them (validate/halves.py, `balance-sheet-mismatch` when it fails), and no right value is
named on pp. 9-12.

This session (branch h2-scan, before = c9bc0d0, the merged main): rows exact 75/96 → see the table;
before, the bench scored both 株主資本合計 and 純資産合計 of p12 from one column (they print the same
amounts), which hid p12's misread 147,669,673 (an 8 read as 3, named only by a `balance-mismatch`
error on the right 当期末残高): now each table column goes to one truth column, `純資産合計 =
株主資本合計` (two total columns side by side) is found, the misread is pinned by two failing checks
and corrected (`corrected-cell`). Rows: OCR'd labels in simplified forms (纯 剩 壳), 【流助資産】,
資座合計, 負価合計, 販充費…, 広告宜伝費 are put right by the lexicon (company-account words added;
brackets and a 中点 between words kept); `corrected-cell` is not counted as a false alarm (the value
as read was wrong; the one written is right). p11's first row (給与手当 35,681,981, missing before)
was taken into the header because 金額 spans the 内訳 | 計 columns: a row whose only ink under a
spanning name is right-aligned figures is now the body's first row (extract/ocr/cell_boxes.py).
Before → after on pp. 9-12: main scored the old way 118 right, 1 wrong, 1 missing, 0 false alarms;
scored the new way (each table column once) 117 right, 2 wrong (both flagged), 1 missing, 2 false
alarms (p12's balance-mismatch and ambiguous-correction on right values) → 119 right, 1 wrong
(flagged), 0 missing, 0 silent, 0 false alarms; rows exact 75 → 89 of 96.

Before (merged main, commit 0c63fb4): 97 right, 6 wrong (all flagged), 0 silent, 17 missing,
58/96 rows exact, 2.5-4.9 s wall a page: p10's right-hand 計 column (a dotted rule) merged into
its neighbour and its rows glued; 【20.384,610】 and (12,012,337) subgroup marks misread. Before
issue 15's work (commit cd7b691: the 150 dpi JPEG background read alone, text masks ignored): 16
right, 8 wrong of which 5 silent, 96 missing, 2/96 rows exact.

Confirmation: a number is confirmed by arithmetic (a holding relation through it), or by two
engines (Tesseract, RapidOCR) reading the same well-formed number (provenance
`ocr-two-readings-agree`); every other OCR'd number carries `ocr-unconfirmed`. The second engine
reads only the numbers the first is unsure of, so many agreeing cells are also on a holding
relation. CPU s counts this process and its Tesseract children (2 cores, shared with six other
engineers' runs: wall seconds vary ±50%)."""
