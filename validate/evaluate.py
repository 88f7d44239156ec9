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
        out: np.ndarray = self.checked & ~self.ok
        return out

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
    known = present[target] & ~unknown[target]  # some cell of the line is a value, not just unreadable
    for i, sign in terms:
        any_term |= present[i]
        known |= present[i] & ~unknown[i]
        expected = expected + v[i] if sign > 0 else expected - v[i]
        tol = tol + h[i]
        bad |= unknown[i]
        any_nonzero |= v[i] != 0
    diff = np.abs(v[target] - expected)
    # a total with no printed items is not a check, nor a line where nothing is a value (a column of
    # text that looks numeric: 説明 ``001 中央病院事業費1,426,461``): it cannot say yes or no
    checked = present[target] & any_term & known
    ok = (diff <= tol) & ~bad
    return Evaluation(checked, ok, (diff == 0) & ~bad, expected, v[target], checked & (any_nonzero | bad))


@dataclass
class BatchStats:
    """What discovery reads of an Evaluation, for many term lists against one target at once."""

    any_checked: np.ndarray  # bool per option
    n_fail: np.ndarray  # int per option
    support: np.ndarray
    nontrivial: np.ndarray  # count of nontrivial checks per option


def evaluate_batch(view: View, target: int, options: Sequence[Sequence[tuple[int, int]]]) -> BatchStats:
    """``evaluate`` for every option (same results, one numpy pass per term count, not per option)."""
    n = len(options)
    out = BatchStats(
        np.zeros(n, dtype=bool),
        np.zeros(n, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
    )
    by_len: dict[int, list[int]] = {}
    for k, terms in enumerate(options):
        by_len.setdefault(len(terms), []).append(k)
    v, h, present, unknown = view.v, view.h, view.present, view.unknown
    vt, ht, pt, ut = v[target], h[target], present[target], unknown[target]
    for size, ks in by_len.items():
        if size == 0:
            for k in ks:
                ev = evaluate(view, target, ())
                out.any_checked[k], out.n_fail[k] = bool(ev.checked.any()), ev.n_fail
                out.support[k], out.nontrivial[k] = ev.support, int(ev.nontrivial.sum())
            continue
        idx = np.array([[m for m, _ in options[k]] for k in ks], dtype=np.intp)
        signs = np.array([[s for _, s in options[k]] for k in ks], dtype=np.int64)
        terms_v = v[idx]  # options × terms × checks
        signed = np.where(signs[:, :, None] > 0, terms_v, -terms_v)
        expected = signed.sum(axis=1)
        tol = ht + h[idx].sum(axis=1)
        bad = ut | unknown[idx].any(axis=1)
        any_nonzero = (vt != 0) | (terms_v != 0).any(axis=1)
        checked = pt & present[idx].any(axis=1) & ((pt & ~ut) | (present[idx] & ~unknown[idx]).any(axis=1))
        ok = (np.abs(vt - expected) <= tol) & ~bad
        nontrivial = checked & (any_nonzero | bad)
        sel = np.array(ks, dtype=np.intp)
        out.any_checked[sel] = checked.any(axis=1)
        out.n_fail[sel] = (checked & ~ok).sum(axis=1)
        out.support[sel] = (nontrivial & ok).sum(axis=1)
        out.nontrivial[sel] = nontrivial.sum(axis=1)
    return out
