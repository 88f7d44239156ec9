"""Evaluate one identity ``target = Σ sign·term`` on every check line of a view, vectorized."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from chohyo.validate.view import View


@dataclass
class Evaluation:
    checked: np.ndarray  # bool per check: the target is printed
    ok: np.ndarray  # bool per check: intervals intersect (and nothing unparseable)
    exact: np.ndarray  # bool per check: equal without rounding
    expected: np.ndarray  # Σ sign·term (scaled ints)
    found: np.ndarray  # the target (scaled ints)
    nontrivial: np.ndarray  # checked and something is not zero

    @property
    def failing(self) -> np.ndarray:
        return self.checked & ~self.ok

    @property
    def n_fail(self) -> int:
        return int(self.failing.sum())

    @property
    def support(self) -> int:
        return int((self.nontrivial & self.ok).sum())

    @property
    def holds(self) -> bool:
        return self.n_fail == 0


def evaluate(view: View, target: int, terms: Sequence[tuple[int, int]]) -> Evaluation:
    v, h, present, unknown = view.v, view.h, view.present, view.unknown
    expected = np.zeros(v.shape[1], dtype=v.dtype)
    tol = h[target].copy()
    bad = unknown[target].copy()
    any_nonzero = v[target] != 0
    any_term = np.zeros(v.shape[1], dtype=bool)
    for i, sign in terms:
        any_term |= present[i]
        expected = expected + v[i] if sign > 0 else expected - v[i]
        tol = tol + h[i]
        bad |= unknown[i]
        any_nonzero |= v[i] != 0
    diff = np.abs(v[target] - expected)
    checked = present[target] & any_term  # a total with no printed items is not a check
    ok = (diff <= tol) & ~bad
    return Evaluation(checked, ok, (diff == 0) & ~bad, expected, v[target], checked & (any_nonzero | bad))
