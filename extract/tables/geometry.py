"""Plain geometry records used inside the extract stage (top-left origin, PDF points)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chohyo.extract.tables.bidi import RTL_SCRIPT, logical_line
from chohyo.japanese.spacing import word_gap
from chohyo.model import BBox


class Char:
    """One glyph. A plain slotted class, not a dataclass: a book has ~10^5 of them, and the centre
    (``cx``, ``cy``) is read about ten times per glyph, so it is worked out once, here."""

    __slots__ = ("bottom", "cx", "cy", "is_space", "size", "text", "top", "x0", "x1")
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size in points
    is_space: bool
    cx: float
    cy: float

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float, size: float) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.size = size
        self.is_space = text.isspace()
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2

    def _key(self) -> tuple[str, float, float, float, float, float]:
        return (self.text, self.x0, self.top, self.x1, self.bottom, self.size)

    def __eq__(self, other: object) -> bool:
        return other.__class__ is Char and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Char(text={self.text!r}, x0={self.x0!r}, top={self.top!r}, x1={self.x1!r}, bottom={self.bottom!r}, size={self.size!r})"


@dataclass(slots=True)
class Line:
    """Characters sharing one baseline band, sorted left to right."""

    chars: list[Char]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    words: list[Word] = field(default_factory=list)
    size: float = 0.0  # the largest font size on the line
    text: str = ""  # as printed (set from the chars)
    region: int = (
        0  # 0: the whole width; 1, 2, 3...: parts, left to right, of a line cut between side-by-side tables
    )
    values: list[Word] | None = (
        None  # stream.py's cache of the line's numeric words (set once words are final)
    )

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        ink = [c for c in self.chars if not c.is_space] or self.chars
        self.x0 = min([c.x0 for c in ink])  # lists, not generators: the same values, faster
        self.x1 = max([c.x1 for c in ink])
        self.top = min([c.top for c in ink])
        self.bottom = max([c.bottom for c in ink])
        self.size = max([c.size for c in ink])
        self.text = join_chars(self.chars)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Word:
    """A run of characters with no wide gap: one number, one label, one header text."""

    chars: list[Char]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    text: str = ""  # as printed (set from the chars)

    def __post_init__(self) -> None:
        chars = self.chars
        self.x0 = min([c.x0 for c in chars])
        self.x1 = max([c.x1 for c in chars])
        self.top = min([c.top for c in chars])
        self.bottom = max([c.bottom for c in chars])
        self.text = join_chars(chars)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def size(self) -> float:
        return max([c.size for c in self.chars])


_LATIN = re.compile(r"[A-Za-z0-9][^ ]*[A-Za-z0-9(&]")


def join_chars(chars: Sequence[Char]) -> str:
    """Characters as printed: real spaces kept, glyph gaps (character spacing) add nothing, except a
    word gap between two Latin words printed without a space character (``Andhra Pradesh``)."""
    text = "".join([c.text for c in chars]).strip()
    if RTL_SCRIPT.search(text):  # drawn left to right, read right to left
        return logical_line(chars)
    if len(chars) < 2 or not _LATIN.search(text):
        return text  # the common case: no Latin letters to keep apart
    out = [chars[0].text]
    for a, b in itertools.pairwise(chars):
        if (
            not a.is_space
            and not b.is_space
            and word_gap(a.text, b.text, b.x0 - a.x1, max(a.bottom - a.top, b.bottom - b.top))
        ):
            out.append(" ")
        out.append(b.text)
    return "".join(out).strip()


def bbox_of(items: Iterable[Char | Word | Line]) -> BBox | None:
    items = list(items)
    if not items:
        return None
    return BBox(
        min([i.x0 for i in items]),
        min([i.top for i in items]),
        max([i.x1 for i in items]),
        max([i.bottom for i in items]),
    )


def cluster(values: Iterable[float], tol: float) -> list[float]:
    """1-D clustering: sorted values closer than ``tol`` to their neighbour form one group (its mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]
