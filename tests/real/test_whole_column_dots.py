"""A copier prints a comma as a dot: in a column of whole amounts one dot between groups of three
(``902.638`` beside ``796,235``) is a comma misread, told by the column's format, never confirmed by
the reading alone. Checked on bench.heldout_scans' 基金現在高調 page (a real 南国市 born-digital page
rendered at 300 dpi and degraded as a copier would; its truth is its own text layer)."""

from __future__ import annotations

import shutil

import pytest
from chohyo.extract.ocr.assemble import _dot_for_comma, _whole_columns
from chohyo.extract.ocr.engines import Reading

from bench.heldout_scans import PAGES, run_page
from bench.realdocs import FETCHED, fetched, missing_reason


def _readings(column: list[str]) -> dict[tuple[int, int], tuple[Reading, bool, str]]:
    body = {(r, 1): (Reading(t), True, "t") for r, t in enumerate(["796,235", "6,403", "1226532"], start=1)}
    body |= {(r, 2): (Reading(t), True, "t") for r, t in enumerate(column, start=1)}
    return body


def test_one_dot_is_a_comma_only_in_a_column_of_whole_amounts() -> None:
    whole = _whole_columns(_readings(["902.638", "212.804", "9.506"]), header_rows=0)
    assert whole == {1, 2}
    assert _dot_for_comma("902.638", 2 in whole) == "902,638"
    assert _dot_for_comma("△9.506", True) == "△9,506"
    assert _dot_for_comma("902.638", False) == "902.638"  # no column format to go by: as read
    assert _dot_for_comma("0.512", True) == "0.512"  # no whole number starts with 0
    rates = _whole_columns(_readings(["1.350", "12.5", "3.25"]), header_rows=0)
    assert rates == {1}  # a column with a decimal of its own keeps its points
    assert _whole_columns({(1, 1): (Reading("1.350"), True, "t")}, header_rows=0) == set()


@pytest.mark.slow
def test_kikin_scan_reads_dotted_amounts_as_whole_numbers() -> None:
    rel, page, title = PAGES[0]
    src = fetched(rel)
    if src is None:
        pytest.skip(missing_reason(FETCHED / rel))
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    score = run_page(rel, page, title, seed=1)
    assert score is not None
    assert score.silent == 0
    got = [n for n in score.notes if "." in n.split("got ")[-1].split(" ")[0]]
    assert not got, got  # 令和2年度末残 902.638, 212.804, 9.506, 23.028, 105.047 were decimals before
    assert score.right >= 56, score.line()  # 51 before
