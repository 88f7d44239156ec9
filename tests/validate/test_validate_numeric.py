"""Rounding-aware equality (XBRL Calculations 1.1) and the integer matrix it runs on."""

from decimal import Decimal as D

from chohyo.model import Unit
from chohyo.validate.numeric import consistent, half_unit, numeric_matrix, sum_interval
from validate_helpers import make_table

KYEN = Unit("千円", D(1000))
YEN = Unit("円", D(1))


def test_rules_example_in_kyen_is_consistent() -> None:
    # rules.md §4: shown in 千円, 1,234 + 2,345 + 3,456 with total 7,036 are consistent.
    items = [(D(v), half_unit(D(v), KYEN), 1) for v in (1234, 2345, 3456)]
    assert consistent((D(7036), half_unit(D(7036), KYEN)), items)
    assert not consistent((D(7038), half_unit(D(7038), KYEN)), items)


def test_yen_must_add_up_exactly() -> None:
    items = [(D(v), half_unit(D(v), YEN), 1) for v in (1234, 2345, 3456)]
    assert half_unit(D(1234), YEN) == 0
    assert consistent((D(7035), D(0)), items)
    assert not consistent((D(7036), D(0)), items)


def test_negative_weight_swaps_bounds() -> None:
    assert sum_interval([(D(10), D("0.5"), 1), (D(4), D("0.5"), -1)]) == (D(5), D(7))


def test_half_unit_of_shown_decimals() -> None:
    assert half_unit(D("102.6"), Unit("%")) == D("0.05")
    assert half_unit(D("12.5"), YEN) == D("0.05")
    assert half_unit(D(5), None) == 0


def test_matrix_scales_to_integers_with_half_units() -> None:
    t = make_table(
        ["科目", "a", "b"], [("x", [1, "2.5"]), ("y", [None, 3])], unit={"name": "千円", "scale": 1000}
    )
    num = numeric_matrix(t)
    assert num.d == 1 and num.factor == 20
    assert num.v.tolist() == [[20, 50], [0, 60]]
    assert num.h.tolist() == [[10, 1], [0, 10]]  # half of 1 unit, half of 0.1
    assert num.present.tolist() == [[True, True], [False, True]]
    assert num.to_decimal(num.v[0, 1]) == D("2.5")
