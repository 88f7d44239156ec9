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

from collections.abc import Mapping

Key = tuple[int, int]
MIN_TOTAL = 100  # a total under this proves little: small figures add up by chance
MAX_RUN = 60  # lines in one run at most (a long table's every run is not tried)


def summed_cells(values: Mapping[Key, int | None]) -> set[Key]:
    """The (row, col) cells of ``values`` (the number cells of a table body: a value, or None for
    a cell with ink that reads as no number) on a sum that holds: rows over rows, columns over columns."""
    by_rows = _summed(values)
    by_cols = _summed({(c, r): v for (r, c), v in values.items()})
    return by_rows | {(r, c) for c, r in by_cols}


def _summed(values: Mapping[Key, int | None]) -> set[Key]:
    """Lines are the first index (rows); check lines the second (columns). Each run grows a line at
    a time from its target, its sums kept per check line (a table of 240 rows: milliseconds)."""
    by_line: dict[int, dict[int, int | None]] = {}
    for (r, c), v in values.items():
        by_line.setdefault(r, {})[c] = v
    lines = sorted(by_line)
    out: set[Key] = set()
    for i, target in enumerate(lines):
        total = by_line[target]
        if any(v is None for v in total.values()):
            continue  # a total with ink but no number is no total
        for step in (-1, 1):
            acc: dict[int, int] = {}
            nonzero: dict[int, int] = {}
            run: list[int] = []
            k = i + step
            while 0 <= k < len(lines) and len(run) < MAX_RUN:
                line = by_line[lines[k]]
                if any(v is None for v in line.values()):
                    break  # every longer run holds this cell too
                for c, v in line.items():
                    acc[c] = acc.get(c, 0) + (v or 0)
                    nonzero[c] = nonzero.get(c, 0) + bool(v)
                run.append(lines[k])
                k += step
                if len(run) < 2:
                    continue
                columns = set(acc) | set(total)
                if all((total.get(c) or 0) == acc.get(c, 0) for c in columns):
                    real = [
                        c for c in columns if abs(total.get(c) or 0) >= MIN_TOTAL and nonzero.get(c, 0) >= 2
                    ]
                    out |= {(r, c) for c in real for r in (target, *run) if (r, c) in values}
    return out


def near_misses(values: Mapping[Key, int | None]) -> set[Key]:
    """The cells of the few check lines where a sum that holds in (nearly) every other one fails: a
    misread is there (めっき 生産実績: 構造物計 = Σ its 14 columns held in every month but one, whose
    740 was read for 710 with 0.98 confidence). A confident first reading there is read again."""
    by_rows = _missed(values)
    by_cols = _missed({(c, r): v for (r, c), v in values.items()})
    return by_rows | {(r, c) for c, r in by_cols}


MIN_HELD = 3  # check lines a sum must hold in, its total of three digits or more, before a miss counts


def _missed(values: Mapping[Key, int | None]) -> set[Key]:
    """As _summed, for runs that fail in at most a quarter of their check lines (one at least)."""
    by_line: dict[int, dict[int, int | None]] = {}
    for (r, c), v in values.items():
        by_line.setdefault(r, {})[c] = v
    lines = sorted(by_line)
    out: set[Key] = set()
    for i, target in enumerate(lines):
        total = by_line[target]
        if any(v is None for v in total.values()):
            continue
        for step in (-1, 1):
            acc: dict[int, int] = {}
            nonzero: dict[int, int] = {}
            present: dict[int, int] = {}
            run: list[int] = []
            k = i + step
            while 0 <= k < len(lines) and len(run) < MAX_RUN:
                line = by_line[lines[k]]
                if any(v is None for v in line.values()):
                    break
                for c, v in line.items():
                    acc[c] = acc.get(c, 0) + (v or 0)
                    nonzero[c] = nonzero.get(c, 0) + bool(v)
                    present[c] = present.get(c, 0) + 1
                run.append(lines[k])
                k += step
                if len(run) < 2:
                    continue
                # a check line with a cell of the run left out (blank, or read as no number cell) says
                # nothing either way: only lines with every figure count
                columns = {c for c in set(acc) | set(total) if c in total and present.get(c, 0) == len(run)}
                held = [
                    c
                    for c in columns
                    if (total.get(c) or 0) == acc.get(c, 0)
                    and abs(total.get(c) or 0) >= MIN_TOTAL
                    and nonzero.get(c, 0) >= 2
                ]
                failed = [c for c in columns if (total.get(c) or 0) != acc.get(c, 0)]
                if len(held) >= MIN_HELD and 0 < len(failed) <= len(held) // 4:
                    out |= {(r, c) for c in failed for r in (target, *run) if (r, c) in values}
    return out
