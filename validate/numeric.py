"""A table's numbers as an integer matrix, with rounding intervals (XBRL Calculations 1.1).

A value shown to a unit u stands for [v - u/2, v + u/2]. ``Table.unit``/``Column.unit`` give the
DISPLAY unit: a 千円 table prints 1,234 meaning 1,234 thousand, rounded to one printed unit, so the
half-unit is 0.5 of the printed number. Tables whose display unit has scale 1 (円, 人, 件) and
integer values must add up exactly.

Values are stored as Python ints multiplied by ``2·10^d`` (d = most decimals shown in the table) so
that every half-unit is an integer too and checks are exact integer comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from chohyo.model import Cell, CellKind, NullReason, Table, Unit

# Units whose printed values are counts or yen: exact when integer.
_EXACT_UNITS = {"円", "人", "件", "個", "台", "戸", "世帯", "回"}


def interval(value: Decimal, half: Decimal) -> tuple[Decimal, Decimal]:
    """The interval a shown value stands for."""
    return value - half, value + half


def sum_interval(terms: Iterable[tuple[Decimal, Decimal, int]]) -> tuple[Decimal, Decimal]:
    """Σ weight·[v - h, v + h]; a weight of -1 swaps the bounds (Arelle's rule)."""
    lo = hi = Decimal(0)
    for value, half, weight in terms:
        a, b = interval(value, half)
        if weight < 0:
            a, b = -b, -a
        lo, hi = lo + a, hi + b
    return lo, hi


def consistent(total: tuple[Decimal, Decimal], items: Iterable[tuple[Decimal, Decimal, int]]) -> bool:
    """The total's interval and the interval of the weighted sum intersect."""
    t_lo, t_hi = interval(*total)
    s_lo, s_hi = sum_interval(items)
    return t_lo <= s_hi and s_lo <= t_hi


def decimals_of(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def is_rounded_unit(unit: Unit | None) -> bool:
    """True when printed values are rounded to a display unit (千円, 百万円, %, ...)."""
    if unit is None:
        return False
    if unit.scale != 1:
        return True
    return unit.name not in _EXACT_UNITS and unit.name != ""


def half_unit(value: Decimal, unit: Unit | None) -> Decimal:
    """Half of the last shown digit, or 0 for exact (円) integers."""
    k = decimals_of(value)
    if k == 0 and not is_rounded_unit(unit):
        return Decimal(0)
    return Decimal(5) * Decimal(10) ** (-k - 1)


def cell_is_numeric(cell: Cell) -> bool:
    return (
        cell.value is not None or cell.null_reason is NullReason.UNPARSEABLE or cell.kind is CellKind.NUMBER
    )


@dataclass
class Numeric:
    """The body as a matrix: ``rows``/``cols`` map matrix positions to grid indices."""

    table: Table
    rows: list[int]
    cols: list[int]
    v: np.ndarray  # int values × 2·10^d (object dtype when they would overflow int64)
    h: np.ndarray  # half-units, same scale
    present: np.ndarray  # bool: a value (or an unparseable number) is printed
    unknown: np.ndarray  # bool: printed but unparseable
    d: int

    @property
    def factor(self) -> int:
        return int(2 * 10**self.d)

    def to_decimal(self, scaled: int) -> Decimal:
        return Decimal(int(scaled)) / Decimal(self.factor)

    def to_scaled(self, value: Decimal) -> int:
        return int((value * self.factor).to_integral_value())

    @property
    def row_pos(self) -> dict[int, int]:
        return {r: i for i, r in enumerate(self.rows)}

    @property
    def col_pos(self) -> dict[int, int]:
        return {c: j for j, c in enumerate(self.cols)}

    @property
    def exact(self) -> bool:
        return not bool(self.h.any())

    def oriented(self, axis: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
        """(values, halves, present, line indices) with lines along the first dimension."""
        if axis == "row":
            return self.v, self.h, self.present, self.rows
        return self.v.T, self.h.T, self.present.T, self.cols


def column_unit(table: Table, col: int) -> Unit | None:
    for c in table.columns:
        if c.index == col and c.unit is not None:
            return c.unit
    return table.unit


def numeric_matrix(table: Table) -> Numeric:
    """Body rows × numeric columns of ``table`` (a column is numeric if any body cell is)."""
    body = [c for c in table.body_cells() if c.col > 0]
    cols = sorted({c.col for c in body if cell_is_numeric(c)})
    label_rows = {r.index for r in table.rows}
    col_set = set(cols)
    rows = sorted(label_rows | {c.row for c in body if c.col in col_set})
    rp = {r: i for i, r in enumerate(rows)}
    cp = {c: j for j, c in enumerate(cols)}
    d = max(
        (
            decimals_of(c.value)
            for c in body
            if c.value is not None and c.value != c.value.to_integral_value()
        ),
        default=0,
    )
    factor = 2 * 10**d
    shape = (len(rows), len(cols))
    vals = [[0] * len(cols) for _ in rows]
    halves = [[0] * len(cols) for _ in rows]
    present = np.zeros(shape, dtype=bool)
    unknown = np.zeros(shape, dtype=bool)
    units = {c: column_unit(table, c) for c in cols}
    rounded = {c: is_rounded_unit(u) for c, u in units.items()}
    for c in body:
        if c.col not in cp or c.row not in rp:
            continue
        i, j = rp[c.row], cp[c.col]
        if c.value is not None:
            vals[i][j] = int((c.value * factor).to_integral_value())
            if rounded[c.col] or decimals_of(c.value):  # else half_unit is 0: skip its Decimal work
                halves[i][j] = int(half_unit(c.value, units[c.col]) * factor)
            present[i, j] = True
        elif c.null_reason is NullReason.UNPARSEABLE:
            present[i, j] = unknown[i, j] = True
    big = max((abs(x) for row in vals for x in row), default=0) * max(len(rows), 1)
    dtype: type = np.int64 if big < 2**62 else object
    return Numeric(
        table,
        rows,
        cols,
        np.array(vals, dtype=dtype).reshape(shape),
        np.array(halves, dtype=dtype).reshape(shape),
        present,
        unknown,
        d,
    )
