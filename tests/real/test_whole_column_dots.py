"""A copier prints a comma as a dot: in a column of whole amounts one dot between groups of three
(``902.638`` beside ``796,235``) is a comma misread, told by the column's format (normalize's
_dot_read_as_comma). Checked on bench.heldout_scans' 基金現在高調 page (a real 南国市 born-digital page
rendered at 300 dpi and degraded as a copier would; its truth is its own text layer)."""

from __future__ import annotations

import pytest

from tests.real.heldout_pages import heldout_score


@pytest.mark.slow
def test_kikin_scan_reads_dotted_amounts_as_whole_numbers() -> None:
    score = heldout_score(0)
    assert score.silent == 0
    got = [n for n in score.notes if "." in n.split("got ")[-1].split(" ")[0]]
    assert not got, got  # 令和2年度末残 902.638, 212.804, 9.506, 23.028, 105.047 were decimals before
    assert score.right >= 56, score.line()  # 51 before
