"""Plain geometry records used inside the extract stage (top-left origin, PDF points)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chohyo.model import BBox


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size in points
    is_space: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_space", self.text.isspace())

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


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
    region: int = 0  # 0: the whole width; 1, 2: left / right part of a line split between side-by-side tables
    values: list[Word] | None = None  # stream.py's cache of the line's numeric words (set once words are final)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        ink = [c for c in self.chars if not c.is_space] or self.chars
        self.x0 = min(c.x0 for c in ink)
        self.x1 = max(c.x1 for c in ink)
        self.top = min(c.top for c in ink)
        self.bottom = max(c.bottom for c in ink)
        self.size = max(c.size for c in ink)
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
        self.x0 = min(c.x0 for c in self.chars)
        self.x1 = max(c.x1 for c in self.chars)
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)
        self.text = join_chars(self.chars)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)


def join_chars(chars: Sequence[Char]) -> str:
    """Characters as printed: real spaces kept, glyph gaps (character spacing) add nothing."""
    return "".join(c.text for c in chars).strip()


def bbox_of(items: Iterable[Char | Word | Line]) -> BBox | None:
    items = list(items)
    if not items:
        return None
    return BBox(
        min(i.x0 for i in items), min(i.top for i in items), max(i.x1 for i in items), max(i.bottom for i in items)
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
