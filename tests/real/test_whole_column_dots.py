"""A copier prints a comma as a dot: in a column of whole amounts one dot between groups of three
(``902.638`` beside ``796,235``) is a comma misread, told by the column's format (normalize's
_dot_read_as_comma). Checked on bench.heldout_scans' 基金現在高調 page (a real 南国市 born-digital page
rendered at 300 dpi and degraded as a copier would; its truth is its own text layer)."""

from __future__ import annotations

import shutil

import pytest

from bench.heldout_scans import PAGES, run_page
from bench.realdocs import FETCHED, fetched, missing_reason


@pytest.mark.slow
def test_kikin_scan_reads_dotted_amounts_as_whole_numbers() -> None:
    rel, page, title = PAGES[0]
    src = fetched(rel)
    if src is None:
        pytest.skip(missing_reason(FETCHED / rel))
    pytest.importorskip(
        "pdfplumber", reason="the page's truth is its text layer read by pdfplumber (the bench extra)"
    )
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    score = run_page(rel, page, title, seed=1)
    assert score is not None
    assert score.silent == 0
    got = [n for n in score.notes if "." in n.split("got ")[-1].split(" ")[0]]
    assert not got, got  # 令和2年度末残 902.638, 212.804, 9.506, 23.028, 105.047 were decimals before
    assert score.right >= 56, score.line()  # 51 before
