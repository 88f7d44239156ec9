"""Arithmetic before a second reading: the number cells a sum confirms as first read.

A number cell the first engine (Tesseract) was unsure of is read again by a second engine
(read_cells._second_opinion, ~4x slower per cell). When a sum through the cell already holds
with the first readings, the validate stage confirms it by that arithmetic anyway; the second
reading would only repeat what the sum says. This finds such sums the way the validate stage
finds its simplest ones (validate/discover.py: a line equal to the contiguous run of lines just
above or just below it, holding in EVERY check line), but more strictly, so that a cell spared
here is one validate confirms:

- the relation holds exactly in every column (rows) or row (columns) that has a figure on it, a
  blank counting 0 and a cell with ink but no number breaking it;
- it holds with at least two nonzero terms and a total of three digits or more in some line
  (``3 = 1 + 2`` or ``0 = 0 + 0`` confirms nothing: small figures sum by chance);
- a run of one line is never a sum (the same figure twice is misread the same way twice).

Only the cells of lines where the sum is not trivial are returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    """Lines are the first index (rows); check lines the second (columns)."""
    lines = sorted({r for r, _ in values})
    checks = sorted({c for _, c in values})
    out: set[Key] = set()
    for i, target in enumerate(lines):
        for run in _runs(lines, i):
            held = _holds(values, target, run, checks)
            if held:
                out |= {(r, c) for c in held for r in (target, *run) if (r, c) in values}
    return out


def _runs(lines: list[int], i: int) -> Iterable[tuple[int, ...]]:
    """The runs of two or more consecutive lines just above and just below line ``i``."""
    for k in range(i - 2, max(-1, i - 1 - MAX_RUN), -1):
        yield tuple(lines[k:i])
    for k in range(i + 3, min(len(lines), i + 1 + MAX_RUN) + 1):
        yield tuple(lines[i + 1 : k])


def _holds(
    values: Mapping[Key, int | None], target: int, run: tuple[int, ...], checks: list[int]
) -> list[int]:
    """The check lines where ``target`` = Σ ``run`` is a real sum, when it holds in every check line
    with a figure on it (else none)."""
    real = []
    for c in checks:
        keys = [(target, c), *((r, c) for r in run)]
        if not any(k in values for k in keys):
            continue
        if any(k in values and values[k] is None for k in keys):
            return []
        total = values.get((target, c)) or 0
        terms = [values.get((r, c)) or 0 for r in run]
        if total != sum(terms):
            return []
        if abs(total) >= MIN_TOTAL and sum(1 for t in terms if t) >= 2:
            real.append(c)
    return real
