"""Display units (単位:千円) from titles, captions and headers (rules.md §3). Values stay as printed.

The unit rules live in ``chohyo.japanese.units``; this module registers the stage's finding.
"""

from __future__ import annotations

from chohyo.findings import FindingType, register
from chohyo.japanese.units import (
    SCALES,
    find_unit,
    is_unit_mark,
    parse_unit,
    split_unit_suffix,
    unreadable_unit,
)
from chohyo.model import Severity

__all__ = ["SCALES", "find_unit", "is_unit_mark", "parse_unit", "split_unit_suffix", "unreadable_unit"]

register(
    FindingType(
        "unit-unreadable",
        Severity.WARNING,
        "Unit printed but unreadable",
        "table {table}: a unit is printed ({text!r}) but could not be read; the values' scale "
        "is unknown: check the unit on the page",
    )
)
