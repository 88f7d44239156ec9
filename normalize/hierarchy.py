"""Row hierarchy: numbering, indentation level and parent path of every body row (rules.md §4-5).

Two sources, in this order:
- indentation: the label's left edge relative to the label column (text boxes), clustered into
  levels; numbering breaks ties within one level (``Ⅰ`` > ``1.`` > ``(1)`` > ``1)`` > ``①`` > ``(ア)``);
- without indentation (a ruled table whose cells carry the grid box): numbering, section rows
  (no values) and the arithmetic of the budget itself: a row whose values are the sum of the rows
  right below it is their parent (statements print parents ABOVE their children).

Section rows named ``…の部`` hold every following row that names them (``当期一般正味財産増減額``
belongs to ``Ⅰ 一般正味財産増減の部``); a total (``経常収益計``) sits at its section's level and
closes it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np
from chohyo.japanese.numbering import numbering_rank, split_numbering

__all__ = ["RowInput", "RowPlace", "assign_hierarchy", "numbering_rank"]


@dataclass(frozen=True, slots=True)
class RowInput:
    index: int
    label: str  # clean label
    x0: float | None = None  # left edge of the label text (PDF points)
    page: int = 1
    values: tuple[Decimal | None, ...] = ()  # the row's numeric cells (None: empty)


@dataclass(frozen=True, slots=True)
class RowPlace:
    numbering: str
    level: int
    parents: tuple[str, ...]


_TOTAL = re.compile(r"(?:合計|小計|総計|計|差額|増減額|残高)$")
_NOT_TOTAL = re.compile(r"(?:会計|設計|統計|時計|家計|集計)$")


@lru_cache(maxsize=1 << 13)  # pure on a label; called per row pair in _sum_children
def _is_total(name: str) -> bool:
    return (bool(_TOTAL.search(name)) and not _NOT_TOTAL.search(name)) or bool(
        re.search(r"計\s*\(.*\)$", name)
    )


@lru_cache(maxsize=1 << 13)
def _stem(name: str) -> str:
    """``一般正味財産増減の部`` → ``一般正味財産``; ``経常収益`` → ``経常収益``."""
    return re.sub(r"(?:増減)?の部$", "", name)


@lru_cache(maxsize=1 << 13)
def _total_stem(name: str) -> str:
    """``経常収益計`` → ``経常収益``; ``当期経常増減額`` → ``経常``."""
    s = re.sub(r"^当期", "", name)
    return re.sub(r"(?:合計|小計|総計|計|増減額|額)$", "", s)


@dataclass(slots=True)
class _Node:
    pos: int
    label: str
    name: str  # label without numbering
    rank: int | None
    level: int
    section: bool  # …の部
    has_values: bool
    closed: bool = False


def _belongs(section: _Node, name: str) -> bool:
    stem = _stem(section.name)
    return name.endswith("の部") or (bool(stem) and stem in name)


def _indent_levels(rows: Sequence[RowInput]) -> list[int] | None:
    """Indent level per row from the label's left edge; None without usable text boxes.

    One left edge for all pages: a continued table keeps its position, and a page that happens
    to lack the outermost level must not shift its rows one level out.
    """
    xs = [r.x0 for r in rows]
    if not xs or any(x is None for x in xs):
        return None
    left = min(x for x in xs if x is not None)
    rel = [x - left for x in xs if x is not None]
    centers: list[float] = []
    for v in sorted(rel):
        if not centers or v - centers[-1] > 2.0:
            centers.append(v)
    if len(centers) < 2:
        return None
    step = min(b - a for a, b in itertools.pairwise(centers))
    return [round(v / step) for v in rel]


_LONG_RUN = 32  # from this many rows under one parent, numpy sums the run (the loop is quadratic)


def _sum_children(rows: Sequence[RowInput], names: list[str], ranks: list[int | None]) -> dict[int, int]:
    """child position → parent position, from sums of the rows printed right below a parent."""
    parent_of: dict[int, int] = {}
    n = len(rows)
    # A run ends at a total, a row without values or an outranking number.
    ends = [
        _is_total(x) or not any(v is not None for v in r.values) for x, r in zip(names, rows, strict=True)
    ]
    scaled: np.ndarray | None = None
    scaled_done = False
    for p in range(n - 1, -1, -1):
        target = rows[p].values
        if not any(v for v in target if v is not None) or _is_total(names[p]):
            continue
        rank_p = ranks[p]
        members: list[int] = []
        for j in range(p + 1, n):
            if j in parent_of:
                continue  # a grandchild: already counted in its own parent
            rank_j = ranks[j]
            if ends[j] or (rank_j is not None and (rank_p is None or rank_j <= rank_p)):
                break
            members.append(j)
        if not members:
            continue
        if len(members) >= _LONG_RUN and not scaled_done:
            scaled, scaled_done = _scaled_values(rows), True
        if len(members) >= _LONG_RUN and scaled is not None:
            k = _first_sum_np(scaled, rows, p, members)
        else:
            k = _first_sum(rows, target, members)
        if k is not None:
            for c in members[: k + 1]:
                parent_of[c] = p
    return parent_of


def _first_sum(
    rows: Sequence[RowInput], target: tuple[Decimal | None, ...], members: list[int]
) -> int | None:
    """Position in ``members`` where the running sum first equals ``target`` in every column or,
    failing that, where it first is off in one column only (a misprint); None if neither."""
    acc: list[Decimal] = [Decimal(0)] * len(target)
    near: int | None = None
    for k, j in enumerate(members):
        acc = [a + (v or 0) for a, v in zip(acc, rows[j].values, strict=False)]
        same = [(t or 0) == a for t, a in zip(target, acc, strict=False)]
        if all(same):
            return k
        agree_nonzero = sum(1 for ok, a in zip(same, acc, strict=False) if ok and a != 0)
        if near is None and same.count(False) == 1 and agree_nonzero >= 1:
            near = k
    return near


def _first_sum_np(vals: np.ndarray, rows: Sequence[RowInput], p: int, members: list[int]) -> int | None:
    """``_first_sum`` on scaled integers, every prefix of the run at once."""
    run = np.array(members, dtype=np.intp)
    acc = np.cumsum(vals[run], axis=0)
    lens = np.array([len(rows[j].values) for j in members], dtype=np.int64)
    width = np.minimum(np.minimum.accumulate(lens), len(rows[p].values))  # zip() truncation, per step
    valid = np.arange(vals.shape[1])[None, :] < width[:, None]
    off = (acc != vals[p][None, :]) & valid
    n_off = off.sum(axis=1)
    full = n_off == 0
    if full.any():
        return int(np.argmax(full))
    near = (n_off == 1) & ((~off & valid & (acc != 0)).sum(axis=1) >= 1)
    return int(np.argmax(near)) if near.any() else None


def _scaled_values(rows: Sequence[RowInput]) -> np.ndarray | None:
    """Rows × columns of int64 values scaled to integers by one power of ten (None and padding: 0);
    None when a value is not finite or a sum could leave int64 (the Decimal loop handles those)."""
    d = 0
    for r in rows:
        for v in r.values:
            if v is not None:
                exp = v.as_tuple().exponent
                if not isinstance(exp, int):
                    return None
                d = max(d, -exp)
    width = max((len(r.values) for r in rows), default=0)
    limit = 2**62 // max(len(rows), 1)
    out = np.zeros((len(rows), width), dtype=np.int64)
    for i, r in enumerate(rows):
        for j, v in enumerate(r.values):
            if v is None:
                continue
            x = v.scaleb(d)
            if x != x.to_integral_value() or abs(x) >= limit:
                return None
            out[i, j] = int(x)
    return out


def assign_hierarchy(rows: Sequence[RowInput]) -> list[RowPlace]:
    """Numbering, level and parent labels (outermost first) for each row, in order."""
    names: list[str] = []
    tokens: list[str] = []
    ranks: list[int | None] = []
    for r in rows:
        token, name = split_numbering(r.label)
        rank = numbering_rank(token) if token else None
        if token and rank is None:
            token, name = "", r.label
        tokens.append(token)
        names.append(name)
        ranks.append(rank)
    levels = _indent_levels(rows)
    parent_of = {} if levels is not None else _sum_children(rows, names, ranks)
    stack: list[_Node] = []
    out: list[RowPlace] = []
    for i, r in enumerate(rows):
        name, total = names[i], _is_total(names[i])
        level = levels[i] if levels is not None else 0
        node = _Node(
            i, r.label, name, ranks[i], level, name.endswith("の部"), any(v is not None for v in r.values)
        )
        while stack and not _is_ancestor(stack[-1], node, parent_of, levels is not None, total):
            stack.pop()
        stem = _total_stem(name) if total else ""
        if stem:  # a total of an open heading (経常収益計) sits at the heading's level and closes it
            for k in range(len(stack) - 1, -1, -1):
                if not stack[k].section and stack[k].name == stem:
                    del stack[k:]
                    break
        parents = tuple(e.label for e in stack)
        out.append(RowPlace(tokens[i], level if levels is not None else len(parents), parents))
        if not total:
            stack.append(node)
        elif stem:  # …の部 closes after its own total (当期経常増減額 closes 経常増減の部)
            for e in reversed(stack):
                if e.section and _stem(e.name) == stem:
                    e.closed = True
                    break
    return out


def _is_ancestor(e: _Node, n: _Node, parent_of: dict[int, int], indented: bool, total: bool) -> bool:
    if e.closed:
        return False
    if indented:
        if e.level != n.level:
            return e.level < n.level
        if e.rank is not None and n.rank is not None:
            return e.rank < n.rank
        return e.rank is not None and e.section and _belongs(e, n.name)
    # No indentation: numbering, sections and sums.
    if e.rank is not None and n.rank is not None:
        return e.rank < n.rank
    if e.section:
        return _belongs(e, n.name) or (e.rank is None and (n.rank is not None or not e.has_values))
    if not e.has_values:  # a heading row such as 経常収益 holds what follows, up to its total
        return n.rank is not None or n.has_values or total
    parent = parent_of.get(n.pos)
    if parent is not None:
        return parent == e.pos
    return e.rank is not None and n.rank is None and not total
