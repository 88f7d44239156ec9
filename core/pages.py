"""Page selections as people type them: ``1-3,7`` → (1, 2, 3, 7)."""

from __future__ import annotations

import re

from chohyo.errors import UsageError

MAX_SELECTED = 100_000  # "1-999999999" must not build a billion-entry tuple
_PART = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")


def parse_pages(spec: str | int | list[int] | tuple[int, ...]) -> tuple[int, ...]:
    """``"1-3,7"`` → (1, 2, 3, 7): 1-based, sorted, without repeats; a bad spec is a UsageError (exit 2)."""
    if isinstance(spec, int):
        spec = str(spec)
    if not isinstance(spec, str):
        spec = ",".join(str(int(n)) for n in spec)
    pages: set[int] = set()
    for part in spec.split(","):
        m = _PART.fullmatch(part)
        if m is None:
            raise UsageError(f"--pages {spec!r}: write page numbers and ranges like 1-3,7")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first < 1 or last < first:
            raise UsageError(f"--pages {spec!r}: {part.strip()} is not a range of pages (they start at 1)")
        if len(pages) + last - first + 1 > MAX_SELECTED:
            raise UsageError(f"--pages {spec!r}: more than {MAX_SELECTED} pages")
        pages.update(range(first, last + 1))
    return tuple(sorted(pages))


def missing_pages(selected: tuple[int, ...], count: int) -> str | None:
    """The message for pages past the end of a ``count``-page document, or None."""
    beyond = [n for n in selected if n > count]
    if not beyond:
        return None
    shown = ", ".join(map(str, beyond[:5])) + (" ..." if len(beyond) > 5 else "")
    return f"no page {shown}: the document has pages 1-{count}"


__all__ = ["MAX_SELECTED", "missing_pages", "parse_pages"]
