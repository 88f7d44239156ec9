"""Parents found by sums over long runs of rows (a continued detail table): the numpy path for
long runs gives the same parents as the plain loop, and finds the real parent."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from chohyo.normalize import hierarchy
from chohyo.normalize.hierarchy import RowInput, assign_hierarchy


def _table(children: int, misprint: bool) -> list[RowInput]:
    rng = random.Random(children)
    kids = [tuple(Decimal(rng.randint(-500, 90_000)) for _ in range(6)) for _ in range(children)]
    total = [sum((k[c] for k in kids), Decimal(0)) for c in range(6)]
    if misprint:
        total[2] += 1  # one column off: still the parent (a misprint the validator reports)
    rows = [RowInput(0, "事業費", None, 1, tuple(total))]
    rows += [RowInput(i + 1, f"委託料{i + 1}", None, 1, v) for i, v in enumerate(kids)]
    rows.append(RowInput(children + 1, "事業費計", None, 1, tuple(total)))
    return rows


@pytest.mark.parametrize("misprint", [False, True])
def test_long_run_children_find_their_parent(misprint: bool) -> None:
    rows = _table(80, misprint)
    places = assign_hierarchy(rows)
    assert all(p.parents == ("事業費",) for p in places[1:81])
    assert places[0].parents == ()


def test_long_run_path_matches_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    rows = [
        RowInput(i, f"項目{i}", None, 1, tuple(Decimal(rng.randint(0, 50)) for _ in range(3)))
        for i in range(150)
    ]
    rows[10] = RowInput(
        10,
        "小項目",
        None,
        1,
        tuple(sum((rows[j].values[c] for j in range(11, 60)), Decimal(0)) for c in range(3)),
    )
    names = [r.label for r in rows]
    ranks: list[int | None] = [None] * len(rows)
    fast = hierarchy._sum_children(rows, names, ranks)
    monkeypatch.setattr(hierarchy, "_LONG_RUN", 10**9)  # every run through the Decimal loop
    assert hierarchy._sum_children(rows, names, ranks) == fast
    assert {c for c, p in fast.items() if p == 10} == set(range(11, 60))
