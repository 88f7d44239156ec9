"""Runs of ink along one line of pixels: the pieces of a rule, the dashes of a dashed rule, the
glyphs of a label cut apart by their gaps."""

from __future__ import annotations

import numpy as np


def ink_runs(on: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of true values in the 1-d ``on``, ``end`` exclusive."""
    edges = np.flatnonzero(np.diff(np.r_[0, on.astype(np.int8), 0]))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
