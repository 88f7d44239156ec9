"""Locate: each misprinted cell is named, with the value that makes its relations hold; nobody else."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from chohyo.validate.truth import load_truth
from validate_helpers import candidates, fixture_path, make_table, named, truth_tables, typo_cells


@pytest.mark.parametrize("flat", [False, True], ids=["with-hierarchy", "values-only"])
def test_each_typo_is_named_with_its_correct_value(flat: bool) -> None:
    (table,) = truth_tables("budget_typos", flat=flat)
    typos = load_truth(fixture_path("budget_typos"))["typos"]
    assert len(typos) == 5
    result = validate_table(table, ValidateSettings())
    assert named(result.findings) == typo_cells(table, typos)
    # relations were discovered on the misprinted table and say which ones fail
    assert len(result.relations) == 25
    assert sum(not r.holds for r in result.relations) == 7


GRID = [
    ("A", [1, 2, 3, 6]),
    ("B", [4, 5, 6, 15]),
    ("C", [7, 8, 9, 24]),
    ("D", [10, 11, 12, 33]),
    ("計", [22, 26, 30, 78]),
]


def test_crossing_of_row_and_column_relations() -> None:
    cols = ["科目", "x", "y", "z", "計"]
    good = validate_table(make_table(cols, GRID), ValidateSettings())
    assert {r.description for r in good.relations} == {"計 = A + B + C + D", "計 = x + y + z"}
    assert all(r.holds for r in good.relations)
    bad = [(lab, [*vals]) for lab, vals in GRID]
    bad[1][1][1] = 50  # B / y printed 50 instead of 5
    result = validate_table(make_table(cols, bad), ValidateSettings())
    assert len(result.relations) == 2 and not any(r.holds for r in result.relations)
    assert named(result.findings) == {(2, 2): (Decimal(50), Decimal(5))}


def test_ambiguous_failure_names_nobody() -> None:
    # only one relation through the bad cell's row and nothing crossing: any of the three could be wrong
    t = make_table(
        ["科目", "x", "y", "計"], [("A", [1, 2, 3]), ("B", [4, 5, 9]), ("C", [2, 2, 4]), ("D", [7, 1, 8])]
    )
    ok = validate_table(t, ValidateSettings())
    assert {r.description for r in ok.relations} == {"計 = x + y"}
    bad = make_table(
        ["科目", "x", "y", "計"],
        [
            ("A", [1, 2, 3]),
            ("B", [4, 5, 9]),
            ("C", [2, 2, 4]),
            ("D", [7, 1, 8]),
            ("E", [1, 1, 2]),
            ("F", [3, 3, 7]),
        ],
    )
    result = validate_table(bad, ValidateSettings())
    errors = [f for f in result.findings if f.code == "sum-mismatch"]
    assert len(errors) == 1 and errors[0].cells[0].row_label == "F"
    assert named(result.findings) == {}
    # ...and each is reported as a candidate with the value that would make the row add up
    assert candidates(result.findings) == {
        frozenset({(6, 1, Decimal(4))}),
        frozenset({(6, 2, Decimal(4))}),
        frozenset({(6, 3, Decimal(6))}),
    }
    assert not errors[0].suspects


def test_total_cell_typo_named_through_hierarchy() -> None:
    """Small tables: a relation backed by the row hierarchy is kept though one column fails."""
    rows = [
        ("収益", [None, None, None]),
        ("a", [1000, 200, 1200], ["収益"]),
        ("b", [30, 4, 34], ["収益"]),
        ("収益計", [1030, 204, 1244], ["収益"]),
    ]
    result = validate_table(make_table(["科目", "x", "y", "計"], rows), ValidateSettings())
    assert {r.description for r in result.relations} == {"収益計 = a + b"}
    assert named(result.findings) == {}  # no column relation crosses it: x + y = 計 fails in one row of three
    assert len(candidates(result.findings)) == 3
    rows += [("c", [5, 5, 10]), ("d", [6, 7, 13])]
    result = validate_table(make_table(["科目", "x", "y", "計"], rows), ValidateSettings())
    assert named(result.findings) == {(4, 3): (Decimal(1244), Decimal(1234))}
