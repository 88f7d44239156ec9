"""Display units (単位:千円) from titles, captions and headers (rules.md §3). Values stay as printed."""

from __future__ import annotations

import re
import unicodedata

from chohyo.findings import FindingType, Severity, register
from chohyo.model import UNIT_SCALES, Unit

__all__ = ["SCALES", "find_unit", "split_unit_suffix", "unreadable_unit"]

SCALES = UNIT_SCALES  # the names this module finds are all in it
_NAMES = "百万円|千円|万円|億円|円|千人|人|件|%"
_UNIT = re.compile(rf"単位\s*[:：]?\s*({_NAMES})")
_BARE = re.compile(rf"({_NAMES})")
# A header's own unit: 金額(千円), 計（円）, 構成比(%), 計(単位:千円)
register(FindingType("unit-unreadable", Severity.WARNING, "Unit printed but unreadable",
                     "table {table}: a unit is printed ({text!r}) but could not be read; the values' scale "
                     "is unknown: check the unit on the page"))

_UNIT_LINE = re.compile(r"単\s*位")
_SUFFIX = re.compile(rf"\s*\(\s*(?:単位\s*[:：]?\s*)?({_NAMES})\s*\)\s*$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def find_unit(*texts: str) -> Unit | None:
    """The first ``単位:…`` in the texts (NFKC-folded only for the search)."""
    for t in texts:
        m = _UNIT.search(_fold(t))
        if m:
            return Unit(m.group(1), SCALES[m.group(1)])
    return None


def unreadable_unit(*texts: str) -> str | None:
    """A text that prints 単位 with no unit chohyo can read after it (an OCR'd ``(単位:1J)``)."""
    for t in texts:
        folded = _fold(t)
        if _UNIT_LINE.search(folded) and not _UNIT.search(folded):
            return t
    return None


def split_unit_suffix(text: str) -> tuple[str, Unit | None]:
    """``金額(千円)`` → (``金額``, Unit(千円, 1000)); a bare ``(単位:円)`` header → (``""``, Unit(円)).

    The name keeps its printed characters; only the suffix is read folded.
    """
    folded = _fold(text)
    m = _SUFFIX.search(folded)
    if not m:
        bare = folded.strip().strip("()")
        whole = _UNIT.fullmatch(bare) or _BARE.fullmatch(bare)  # (単位:円), or 千円 printed alone under a name
        return (text, None) if not whole else ("", Unit(whole.group(1), SCALES[whole.group(1)]))
    unit = Unit(m.group(1), SCALES[m.group(1)])
    # Cut the same number of characters from the original (NFKC keeps these one-for-one).
    head = folded[: m.start()]
    return (text[: len(head)].rstrip() if len(folded) == len(text) else head.rstrip()), unit
