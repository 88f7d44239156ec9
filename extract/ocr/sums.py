"""Arithmetic before a second reading: the number cells a sum confirms as first read.

A number cell the first engine (Tesseract) was unsure of is read again by a second engine
(read_cells._second_opinion, ~4x slower per cell). When a sum through the cell already holds
with the first readings, the validate stage confirms it by that arithmetic anyway; the second
reading would only repeat what the sum says. This finds such sums the way the validate stage
finds its simplest ones (validate/discover.py: a line equal to the contiguous run of lines just
above or just below it, holding in EVERY check line), but more strictly, so that a cell spared
here is one validate confirms (measured: on the 13 scanned fixtures and the 道の駅 pages the
findings are the same as with every doubtful number read again, no ocr-unconfirmed added):

- the relation holds exactly in every column (rows) or row (columns) that has a figure on it, a
  blank counting 0 and a cell with ink but no number breaking it;
- it holds with at least two nonzero terms and a total of three digits or more in some line
  (``3 = 1 + 2`` or ``0 = 0 + 0`` confirms nothing: small figures sum by chance);
- a run of one line is never a sum (the same figure twice is misread the same way twice).

Only the cells of lines where the sum is not trivial are returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from chohyo.staggered import breakdowns

Key = tuple[int, int]
MIN_TOTAL = 100  # a total under this proves little: small figures add up by chance
MAX_RUN = 60  # lines in one run at most (a long table's every run is not tried)


def summed_cells(values: Mapping[Key, int | None]) -> set[Key]:
    """The (row, col) cells of ``values`` (the number cells of a table body: a value, or None for
    a cell with ink that reads as no number) on a sum that holds: rows over rows, columns over columns."""
    return _both_ways(values, _summed)


def near_misses(values: Mapping[Key, int | None]) -> set[Key]:
    """The cells of the few check lines where a sum that holds in (nearly) every other one fails: a
    misread is there (めっき 生産実績: 構造物計 = Σ its 14 columns held in every month but one, whose
    740 was read for 710 with 0.98 confidence). A confident first reading there is read again."""
    return _both_ways(values, _missed)


MIN_HELD = 3  # check lines a sum must hold in, its total of three digits or more, before a miss counts


@dataclass
class _Run:
    """A target line and the run of lines next to it: their sums per check line so far."""

    target: int
    total: dict[int, int | None]
    lines: list[int] = field(default_factory=list)
    acc: dict[int, int] = field(default_factory=dict)
    nonzero: dict[int, int] = field(default_factory=dict)
    present: dict[int, int] = field(default_factory=dict)

    def real(self, c: int) -> bool:
        """Check line ``c`` holds with a total of three digits or more and two nonzero terms."""
        return abs(self.total.get(c) or 0) >= MIN_TOTAL and self.nonzero.get(c, 0) >= 2


def _both_ways(
    values: Mapping[Key, int | None], find: Callable[[Mapping[Key, int | None]], set[Key]]
) -> set[Key]:
    by_rows = find(values)
    by_cols = find({(c, r): v for (r, c), v in values.items()})
    return by_rows | {(r, c) for c, r in by_cols}


def _runs(values: Mapping[Key, int | None]) -> Iterator[_Run]:
    """Lines are the first index (rows); check lines the second (columns). Each run grows a line at
    a time from its target, its sums kept per check line (a table of 240 rows: milliseconds); a run
    is yielded from two lines on. A line with ink but no number ends it, and is no target."""
    by_line: dict[int, dict[int, int | None]] = {}
    for (r, c), v in values.items():
        by_line.setdefault(r, {})[c] = v
    lines = sorted(by_line)
    for i, target in enumerate(lines):
        total = by_line[target]
        if any(v is None for v in total.values()):
            continue  # a total with ink but no number is no total
        for step in (-1, 1):
            run = _Run(target, total)
            k = i + step
            while 0 <= k < len(lines) and len(run.lines) < MAX_RUN:
                line = by_line[lines[k]]
                if any(v is None for v in line.values()):
                    break  # every longer run holds this cell too
                for c, v in line.items():
                    run.acc[c] = run.acc.get(c, 0) + (v or 0)
                    run.nonzero[c] = run.nonzero.get(c, 0) + bool(v)
                    run.present[c] = run.present.get(c, 0) + 1
                run.lines.append(lines[k])
                k += step
                if len(run.lines) >= 2:
                    yield run


def _summed(values: Mapping[Key, int | None]) -> set[Key]:
    out: set[Key] = set()
    for run in _runs(values):
        columns = set(run.acc) | set(run.total)
        if all((run.total.get(c) or 0) == run.acc.get(c, 0) for c in columns):
            out |= {
                (r, c) for c in columns if run.real(c) for r in (run.target, *run.lines) if (r, c) in values
            }
    return out


def _missed(values: Mapping[Key, int | None]) -> set[Key]:
    """Runs that fail in at most a quarter of their check lines (one at least). A check line with a
    cell of the run left out (blank, or read as no number cell) says nothing either way: only lines
    with every figure count."""
    out: set[Key] = set()
    for run in _runs(values):
        columns = {
            c
            for c in set(run.acc) | set(run.total)
            if c in run.total and run.present.get(c, 0) == len(run.lines)
        }
        held = [c for c in columns if (run.total.get(c) or 0) == run.acc.get(c, 0) and run.real(c)]
        failed = [c for c in columns if (run.total.get(c) or 0) != run.acc.get(c, 0)]
        if len(held) >= MIN_HELD and 0 < len(failed) <= len(held) // 4:
            out |= {(r, c) for c in failed for r in (run.target, *run.lines) if (r, c) in values}
    return out


def breakdown_cells(values: Mapping[Key, int | None], pairs: list[int]) -> set[Key]:
    """The cells of the 内訳 | 計 totals (chohyo.staggered; ``pairs``: their left columns) that hold
    as first read, a total of three digits or more: validate confirms them by that sum."""
    figures = {k: v for k, v in values.items() if v is not None}
    out: set[Key] = set()
    for k in pairs:
        for t, terms in breakdowns(figures, k):
            total = figures[(t, k + 1)]
            if abs(total) >= MIN_TOTAL and sum(figures[(r, k)] for r in terms) == total:
                out |= {(r, k) for r in terms} | {(t, k + 1)}
    return out
