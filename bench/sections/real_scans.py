"""Real scans: the copier-layered 議案書 (../shared/real/) against truth made by hand.

Scored by bench/real_scans.py (see its docstring): per truth page, the amounts printed, those
chohyo got right, wrong (flagged: a finding names the cell; silent: none does), missing (the cell
empty or the row not found), rows exact, and the wall seconds of the one-page conversion. Skipped
when ../shared/real/ is absent.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr

from bench.real_scans import REAL, main

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
        line.strip(" |") for line in err.getvalue().splitlines() if "flagged" in line or "SILENT" in line
    )
    return (
        f"`nankoku_michinoeki_agm_scan.pdf` pp. 9-12 (fixtures/real/):\n\n{out.getvalue().strip()}\n\n"
        f"Wrong values and what names them:\n\n```\n{wrong}\n```\n"
    )
