"""Row labels wrapped onto two lines in a borderless table whose numbers sit on the FIRST or the
LAST line of the label (not centred between them, which ``stream._row_groups`` joins by overlap).

A label-only line is also how a group heading (経常収益, 社会福祉費) looks, so a line is joined to
its neighbour only on evidence: the upper line fills the label column (it wrapped because it ran
out of width); the lower line starts where the upper one's name starts (same indent, under the
name after a numbering token, or one character in under the numbers' line); it carries no
numbering of its own; it is no further than one line pitch away; and, for a continuation under
the numbers, the line after it is neither indented deeper nor a numbered item at its indent (a
heading has its children beneath it).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from statistics import median

from chohyo.extract.tables.geometry import Line, Word
from chohyo.japanese.numbering import WRAPPED_NUMBERING

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LEADER_END = re.compile(r"(?:\.\s*){3,}$")
FULL = 1.5  # font sizes: a wrapped line ends this close to the widest label
INDENT_TOL = 0.6  # font sizes: two lines start at the same indent
HANG = 1.3  # font sizes: a continuation line set in by one character (字下げ)
NEAR = 1.15  # line pitches: the continuation is the very next printed line
LEADING = 2.0  # font sizes: a wrapped label's lines are set at the text's leading, never further apart

# a leading numbering token: Ⅰ, 1., 1), 1 (a space), (1), （1）, ①, ⑴, ⒈, ア., (ア), (a)
NUMBERING = WRAPPED_NUMBERING


@dataclass(slots=True)
class LabelLine:
    """The label part of one printed line of a table."""

    line: Line
    x0: float
    x1: float
    name_x0: float  # where the name starts after a numbering token (x0 when there is none)
    numbered: bool
    has_values: bool
    size: float


def label_line(line: Line, words: list[Word], has_values: bool) -> LabelLine | None:
    """``words``: the line's label words (left of its numbers); None when it has none."""
    if not words:
        return None
    chars = [c for w in words for c in w.chars]
    text = "".join(c.text for c in chars)
    m = NUMBERING.match(text)
    numbered = m is not None and m.end() < len(text)
    name_x0 = words[0].x0
    if m is not None and numbered:
        name_x0 = next((c.x0 for c in chars[m.end() :] if not c.is_space), name_x0)
    return LabelLine(
        line, words[0].x0, max(w.x1 for w in words), name_x0, numbered, has_values, max(w.size for w in words)
    )


def line_pitch(lines: list[Line]) -> float:
    gaps = [b.cy - a.cy for a, b in itertools.pairwise(lines) if b.cy - a.cy > 0.5]
    return median(gaps) if gaps else 0.0


def _indent_fits(first: LabelLine, b: LabelLine, under_numbers: bool) -> bool:
    """``b`` starts where ``first`` does, or under its name after a numbering token; under the
    numbers' line also one character further in (字下げ of a continuation line), which a
    heading's child would need the deeper-indent check to tell apart."""
    tol = INDENT_TOL * b.size
    if abs(b.x0 - first.x0) <= tol or (first.numbered and abs(b.x0 - first.name_x0) <= tol):
        return True
    return under_numbers and 0 < b.x0 - first.x0 <= HANG * b.size


def continues(
    group: list[LabelLine], b: LabelLine, after: LabelLine | None, edge: float, pitch: float
) -> bool:
    """Is ``b`` (the next line) the rest of the label that ``group`` (lines of one row) started?"""
    first, a = group[0], group[-1]
    with_values = any(x.has_values for x in group)
    if with_values == b.has_values or b.numbered or (not with_values and len(group) > 1):
        return False  # one line of the two carries the numbers; a heading wrapped alone is left as is
    if a.x1 < edge - FULL * a.size or not _indent_fits(first, b, with_values):
        return False
    if _LEADER_END.search("".join([c.text for c in a.line.chars if c.x1 <= a.x1 + 0.5])):
        return False  # a label run out in dot leaders to its figures is whole
    gap = b.line.cy - a.line.cy
    if not 0 < gap <= NEAR * pitch:
        return False
    if gap > LEADING * max(a.size, b.size) and not _JAPANESE.search(b.line.text):
        return False  # Latin rows set wide apart: the next row's label (Japanese sets 行間 wider)
    if b.has_values or after is None:
        return True
    # a label-only line with lines indented deeper under it, or numbered items at its own indent
    # under an unnumbered row, is a heading, not a continuation
    tol = INDENT_TOL * b.size
    return after.x0 <= b.x0 + tol and not (
        after.numbered and not first.numbered and abs(after.x0 - b.x0) <= tol
    )


def join_wrapped(groups: list[list[Line]], labels: dict[int, LabelLine], pitch: float) -> list[list[Line]]:
    """``groups``: the lines of each printed row, top to bottom; ``labels``: id(line) -> its label
    part. Rows that are one label wrapped around its numbers' line become one group."""
    if pitch <= 0:
        return groups
    edge = max((lab.x1 for lab in labels.values()), default=0.0)
    out: list[list[Line]] = []
    for i, g in enumerate(groups):
        if out and len(g) == 1:
            prev = [labels[id(ln)] for ln in out[-1] if id(ln) in labels]
            b = labels.get(id(g[0]))
            after = labels.get(id(groups[i + 1][0])) if i + 1 < len(groups) else None
            if b is not None and len(prev) == len(out[-1]) and continues(prev, b, after, edge, pitch):
                out[-1] = [*out[-1], g[0]]
                continue
        out.append(list(g))
    return out
