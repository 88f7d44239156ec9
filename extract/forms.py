"""Count what nested forms would make PDFium draw, before it parses a page (issue 19).

A form XObject may draw other forms, each many times: 12 levels of ten make 10^11 drawings from a
3 KB file, and PDFium keeps every drawing in memory (about 1.7 KB each) until the process aborts.
The forms' content streams are read from the file's bytes (as ``streams.py`` reads them) and the
drawings multiplied out, each form once (memoised); a file that would draw more than
``max_form_drawings`` from one form or one content stream stops with exit 11 before PDFium sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_XOBJ_INLINE = re.compile(rb"/XObject\s*<<(.*?)>>", re.S)
_XOBJ_REF = re.compile(rb"/XObject\s+(\d+)\s+\d+\s+R")
_RES_REF = re.compile(rb"/Resources\s+(\d+)\s+\d+\s+R")
_NAME_REF = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+(\d+)\s+\d+\s+R")
_MAX_LEVEL = 64  # PDFium stops drawing nested forms well before this


@dataclass
class FormGraph:
    """What the stream scan learnt: each form's drawn names and resources, and every content stream's."""

    forms: dict[int, tuple[list[bytes], bytes]] = field(default_factory=dict)  # obj → (Do names, head)
    contents: dict[int, list[bytes]] = field(default_factory=dict)  # other streams that draw (Do)

    def add(self, obj: int, head: bytes, content: bytes, is_form: bool) -> None:
        names = _DO.findall(content)
        if is_form:
            self.forms[obj] = (names, head)
        elif names:
            self.contents[obj] = names


def _xobjects(text: bytes, body: Callable[[int], bytes]) -> dict[bytes, int] | None:
    """A resource dictionary's XObject names (None when it has no /XObject entry we can read)."""
    ref = _XOBJ_REF.search(text)
    if ref:
        text = b"/XObject << " + body(int(ref.group(1))) + b" >>"
    m = _XOBJ_INLINE.search(text)
    if m is None:
        return None
    return {name: int(num) for name, num in _NAME_REF.findall(m.group(1))}


def most_drawings(
    graph: FormGraph, body: Callable[[int], bytes], texts: list[bytes], limit: int
) -> tuple[int, int]:
    """(object, drawings) of the form or content stream that draws the most, counted up to ``limit + 1``.

    ``body(n)`` is the dictionary text of object n (b"" when unknown); ``texts`` the file and its object
    streams, where every XObject dictionary is found. A name a form cannot resolve in its own resources,
    and every name a page draws, is looked up among all of them, taking the costliest.
    """
    if not graph.forms:
        return 0, 0
    own: dict[int, dict[bytes, int] | None] = {}
    anywhere: dict[bytes, set[int]] = {}
    for text in texts:
        for m in _XOBJ_INLINE.finditer(text):
            for name, num in _NAME_REF.findall(m.group(1)):
                anywhere.setdefault(name, set()).add(int(num))
    for obj, (_names, head) in graph.forms.items():
        res = _RES_REF.search(head)
        text = body(int(res.group(1))) if res else head
        own[obj] = _xobjects(text, body)
        for name, target in (own[obj] or {}).items():
            anywhere.setdefault(name, set()).add(target)
    cost: dict[int, int] = {}

    def drawn(names: list[bytes], table: dict[bytes, int] | None, level: int) -> int:
        total = 0
        for name in names:
            if table is not None and name in table:
                targets = {table[name]}
            else:
                targets = anywhere.get(name, set())
            total += max((form_cost(t, level + 1) for t in targets), default=1)
            if total > limit:
                return limit + 1
        return total

    def form_cost(obj: int, level: int) -> int:
        if obj not in graph.forms:
            return 1  # an image
        if obj in cost:
            return cost[obj]
        if level > _MAX_LEVEL:
            return 1
        cost[obj] = 1  # a form that draws itself: PDFium stops the loop
        cost[obj] = min(limit + 1, 1 + drawn(graph.forms[obj][0], own[obj], level))
        return cost[obj]

    worst = (0, 0)
    for obj in graph.forms:
        worst = max(worst, (form_cost(obj, 0), obj))
        if worst[0] > limit:
            return worst[1], worst[0]
    for obj, names in graph.contents.items():
        worst = max(worst, (drawn(names, None, 0), obj))
        if worst[0] > limit:
            break
    return worst[1], worst[0]
