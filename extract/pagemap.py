"""Which pages use a PDF object, read from the file's bytes: a damaged stream is named by its pages,
which a reader can look at, not only by its object number (issue 19).

The page tree is walked from the trailer's /Root; each page's objects are every object its
dictionary reaches through references (contents, resources, fonts, images, forms), never back up
through /Parent. Only run when a stream is damaged, so its cost does not touch healthy files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_REF = re.compile(rb"(\d+)\s+\d+\s+R\b")
_UP = re.compile(rb"/(?:Parent|P|Dest|Prev|Next|First|Last)\s+\d+\s+\d+\s+R\b")
_ROOT = re.compile(rb"/Root\s+(\d+)\s+\d+\s+R")
_PAGES = re.compile(rb"/Pages\s+(\d+)\s+\d+\s+R")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_CONTENTS = re.compile(rb"/Contents\s*(?:\[([^\]]*)\]|(\d+\s+\d+\s+R))")
_MAX_PAGES = 20_000
_MAX_REACH = 20_000  # objects followed from one page: a shared font is reached in a few steps


def page_objects(data: bytes, body: Callable[[int], bytes]) -> list[int]:
    """The page dictionaries' object numbers, in page order ([] when the tree cannot be read)."""
    roots = _ROOT.findall(data)
    if not roots:
        return []
    pages = _PAGES.search(body(int(roots[-1])))
    if pages is None:
        return []
    out: list[int] = []
    seen: set[int] = set()
    stack = [int(pages.group(1))]
    while stack and len(out) < _MAX_PAGES:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        text = body(node)
        kids = _KIDS.search(text)
        if kids is None:
            out.append(node)
            continue
        stack.extend(reversed([int(n) for n in _REF.findall(kids.group(1))]))
    return out


def where_used(
    data: bytes, body: Callable[[int], bytes], targets: set[int]
) -> dict[int, tuple[list[int], bool]]:
    """target → (page numbers that use it, whether it is one of those pages' own content streams)."""
    found: dict[int, tuple[list[int], bool]] = {t: ([], False) for t in targets}
    for number, page in enumerate(page_objects(data, body), 1):
        text = body(page)
        contents = _CONTENTS.search(text)
        own = (
            {int(n) for n in _REF.findall(b" ".join(g for g in contents.groups() if g))}
            if contents
            else set()
        )
        reached: set[int] = set()
        stack = [page]
        while stack and len(reached) < _MAX_REACH:
            obj = stack.pop()
            if obj in reached:
                continue
            reached.add(obj)
            stack.extend(int(n) for n in _REF.findall(_UP.sub(b"", body(obj))))
        for t in targets & reached:
            pages, content = found[t]
            pages.append(number)
            found[t] = (pages, content or t in own)
    return found


def describe(obj: int, pages: list[int] | None, content: bool) -> str:
    """'page 3's content (object 6 of the PDF)', 'object 10 of the PDF (used on pages 1-2)'."""
    if not pages:  # no page reaches it, or the tree is damaged too: say so, never "unused"
        return f"object {obj} of the PDF (which pages use it cannot be told from the file)"
    if content and len(pages) == 1:
        return f"page {pages[0]}'s content (object {obj} of the PDF)"
    return f"object {obj} of the PDF (used on {_span(pages)})"


def _span(pages: list[int]) -> str:
    runs: list[str] = []
    start = prev = pages[0]
    for n in [*pages[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(f"{start}" if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    word = "page" if len(pages) == 1 else "pages"
    return f"{word} {', '.join(runs)}"
