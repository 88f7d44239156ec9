"""Page notes that become findings: a note says where on the page something was left out, the
document gets one finding per note (a figure left out of the text, figures left outside the tables)."""

from __future__ import annotations

from collections.abc import Iterable

from chohyo.findings import finding
from chohyo.model import Finding, Page


def down(top: float, bottom: float, height: float) -> str:
    """Where a region lies down the page, as shares of its height."""
    return f"{100 * top / max(height, 1.0):.0f}-{100 * bottom / max(height, 1.0):.0f}% down the page"


def across(x0: float, x1: float, width: float) -> str:
    """Where a region lies across the page, as shares of its width."""
    return f"{100 * x0 / max(width, 1.0):.0f}-{100 * x1 / max(width, 1.0):.0f}% across"


def noted(pages: Iterable[Page], prefix: str, code: str) -> list[Finding]:
    """One ``code`` finding per page note that starts with ``prefix``, the rest of the note its ``what``."""
    return [
        finding(code, page=p.number, what=n[len(prefix) :])
        for p in pages
        for n in p.notes
        if n.startswith(prefix)
    ]
