"""Plain geometry records used inside the extract stage (top-left origin, PDF points)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

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


class _Joined:
    """Chars whose text is joined when first read (joining is the dearest part of a line or word,
    and most are only placed by their box, never read as text)."""

    __slots__ = ("_text", "chars")
    chars: list[Char]
    _text: str | None

    @property
    def text(self) -> str:
        """As printed (from the chars, which no one changes once the line or word is made)."""
        text = self._text
        if text is None:
            text = self._text = join_chars(self.chars)
        return text


class Line(_Joined):
    """Characters sharing one baseline band, sorted left to right.

    A plain slotted class whose text is joined when first read: the lines of a ruled table are
    only placed by their centre, never read as text."""

    __slots__ = ("bottom", "region", "size", "top", "values", "words", "x0", "x1")
    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float
    words: list[Word]
    size: float  # the largest font size on the line
    # 0: the whole width; 1, 2, 3...: parts, left to right, of a line cut between side-by-side tables
    region: int
    values: list[Word] | None  # stream.py's cache of the line's numeric words (set once words are final)

    def __init__(self, chars: list[Char], words: list[Word] | None = None, region: int = 0) -> None:
        self.chars = chars
        self.words = [] if words is None else words
        self.region = region
        self.values = None
        ink = [c for c in chars if not c.is_space] or chars
        self.x0 = min([c.x0 for c in ink])  # lists, not generators: the same values, faster
        self.x1 = max([c.x1 for c in ink])
        self.top = min([c.top for c in ink])
        self.bottom = max([c.bottom for c in ink])
        self.size = max([c.size for c in ink])
        self._text: str | None = None

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    def __eq__(self, other: object) -> bool:
        return (
            other.__class__ is Line
            and self.chars == other.chars
            and self.words == other.words
            and self.region == other.region
            and self.values == other.values
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Line(text={self.text!r}, x0={self.x0!r}, top={self.top!r}, x1={self.x1!r}, bottom={self.bottom!r}, region={self.region!r})"


class Word(_Joined):
    """A run of characters with no wide gap: one number, one label, one header text.

    A plain slotted class whose text is joined when first read: most words of a page are only
    placed by their box (a ruled table's cells), and joining is a word's dearest part."""

    __slots__ = ("bottom", "top", "x0", "x1")
    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        self.x0 = min([c.x0 for c in chars])
        self.x1 = max([c.x1 for c in chars])
        self.top = min([c.top for c in chars])
        self.bottom = max([c.bottom for c in chars])
        self._text: str | None = None

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def size(self) -> float:
        return max([c.size for c in self.chars])

    def __eq__(self, other: object) -> bool:
        return other.__class__ is Word and self.chars == other.chars

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Word(chars={self.chars!r}, x0={self.x0!r}, top={self.top!r}, x1={self.x1!r}, bottom={self.bottom!r}, text={self.text!r})"


_LATIN = re.compile(r"[A-Za-z0-9][^ ]*[A-Za-z0-9(&]")


def _sign_apart(before: str, after: str, gap: float, height: float) -> bool:
    """A Latin currency sign set apart from its figure (`$ 71.15`, the sign aligned down the column:
    half an em and more) keeps its space, as printed; so does a leader dot set apart from the word
    or the dot before it (`etc. .`: the gap of a word space, 0.15 of the glyph height and more)."""
    if after == ".":
        return before == "." or (before.isascii() and before.isalpha())
    return before in "$€£" and "0" <= after <= "9" and gap >= 0.5 * height


def join_chars(chars: Sequence[Char]) -> str:
    """Characters as printed: real spaces kept, glyph gaps (character spacing) add nothing, except a
    word gap between two Latin words printed without a space character (``Andhra Pradesh``)."""
    text = "".join([c.text for c in chars]).strip()
    if RTL_SCRIPT.search(text):  # drawn left to right, read right to left
        return logical_line(chars)
    if len(chars) < 2 or not _LATIN.search(text):
        return text  # the common case: no Latin letters to keep apart
    # word_gap needs a gap of 0.15 (1.5 between digits) of the glyphs' height at least: a pair
    # closer than the smaller of the two is asked nothing (most pairs: the digits of a figure)
    spaced = []
    for i, (a, b) in enumerate(itertools.pairwise(chars), 1):
        gap = b.x0 - a.x1
        height = a.bottom - a.top
        if b.bottom - b.top > height:
            height = b.bottom - b.top
        if (
            gap >= (0.15 * height if height >= 0 else 1.5 * height)
            and not a.is_space
            and not b.is_space
            and (word_gap(a.text, b.text, gap, height) or _sign_apart(a.text, b.text, gap, height))
        ):
            spaced.append(i)
    if not spaced:
        return text
    out = [c.text for c in chars]
    for i in spaced:
        out[i] = " " + out[i]
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
