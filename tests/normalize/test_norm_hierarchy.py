"""Row hierarchy on the fixtures' own row trees: from indentation, and from numbering + sums alone."""

from decimal import Decimal

import pytest
from chohyo.normalize.hierarchy import RowInput, assign_hierarchy
from norm_helpers import truth, truth_cases


def _rows(case: str, table: int, indented: bool) -> tuple[list[dict], list[RowInput]]:
    rows = truth(case)["tables"][table]["rows"]
    inputs = [
        RowInput(
            i,
            r["label"],
            (36.0 + 8.0 * r["level"]) if indented else None,
            1,
            tuple(_num(v) for v in r["values"]),
        )
        for i, r in enumerate(rows)
    ]
    return rows, inputs


def _num(v: str | None) -> Decimal | None:
    return Decimal(v) if v is not None and v.lstrip("-").isdigit() else None


CASES = [(c, i) for c in truth_cases() for i in range(len(truth(c)["tables"]))]


@pytest.mark.parametrize(("case", "table"), CASES)
def test_parents_and_levels_from_indentation(case: str, table: int) -> None:
    rows, inputs = _rows(case, table, indented=True)
    places = assign_hierarchy(inputs)
    assert [list(p.parents) for p in places] == [r["parents"] for r in rows]
    assert [p.level for p in places] == [r["level"] for r in rows]


@pytest.mark.parametrize(("case", "table"), CASES)
def test_parents_without_indentation_from_numbering_and_sums(case: str, table: int) -> None:
    rows, inputs = _rows(case, table, indented=False)
    places = assign_hierarchy(inputs)
    assert [list(p.parents) for p in places] == [r["parents"] for r in rows]


def test_budget_paths() -> None:
    rows, inputs = _rows("budget_ruled", 0, indented=False)
    places = assign_hierarchy(inputs)
    paths = {"/".join((*p.parents, r["label"])) for p, r in zip(places, rows, strict=True)}
    assert "Ⅰ 一般正味財産増減の部/経常増減の部/経常収益/1. 受取会費/受取会費" in paths
    assert "Ⅰ 一般正味財産増減の部/経常増減の部/経常費用/1. 事業費/諸給/給料手当" in paths
    assert "Ⅰ 一般正味財産増減の部/経常増減の部/経常収益計" in paths  # a total at its section's level


def test_numbering_alone_nests_without_indentation_or_values() -> None:
    labels = ["Ⅰ 収入の部", "1. 会費", "(1) 正会員", "① 個人", "② 法人", "(2) 賛助会員", "2. 寄付金"]
    places = assign_hierarchy([RowInput(i, x) for i, x in enumerate(labels)])
    assert [p.parents for p in places] == [
        (),
        ("Ⅰ 収入の部",),
        ("Ⅰ 収入の部", "1. 会費"),
        ("Ⅰ 収入の部", "1. 会費", "(1) 正会員"),
        ("Ⅰ 収入の部", "1. 会費", "(1) 正会員"),
        ("Ⅰ 収入の部", "1. 会費"),
        ("Ⅰ 収入の部",),
    ]
    assert [p.numbering for p in places] == ["Ⅰ", "1.", "(1)", "①", "②", "(2)", "2."]
