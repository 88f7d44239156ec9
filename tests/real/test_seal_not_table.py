"""A black seal on a scanned page is no table (issue 15: what a scan yields must be true). 南国市 議案第８号
(令和８年度土地取得事業特別会計予算) p.3 is a scanned cover page with the 市長印 stamped beside the mayor's name;
its square frame and strokes were read as a ruled grid, a table of junk (`長点 | |に | 、ョニニ`). A ruled box no
bigger than a seal (30 mm) holding no figure is not a table; the page's sentences are still read. Skipped, with
the reason, when the fetched documents are absent (CHOHYO_FETCHED, by default /work/realx)."""

from __future__ import annotations

import pytest
from chohyo.pipeline import run
from chohyo.settings import Settings

from bench.realdocs import FETCHED, fetched, missing_reason

BOOK = "nankoku/446_2026_03__議案第８号：令和８年度土地取得事業特別会計予算.pdf"


def test_the_mayors_seal_on_a_scanned_cover_is_not_read_as_a_table() -> None:
    path = fetched(BOOK)
    if path is None:
        pytest.skip(missing_reason(FETCHED / BOOK))
    doc = run(path, Settings())
    page = doc.pages[2]
    assert page.kind.name == "SCANNED"
    assert page.tables == ()
    text = "".join(b.text for b in page.text_blocks).replace(" ", "")
    assert "35,379千円" in text and "南国市長" in text
