"""Figures run together (issue 14 part 8): readings by digit grouping, confirmed by arithmetic.

The texts are lines of the real 富士市 予算書 as its text layer gives them (tests/real checks them
on the book itself), and the issue's example of two amounts side by side.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.japanese.overflow import formula_overflow, glued_numbers


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("1号分494,130×1／2247,065", "1号分494,130×1／2 247,065"),
        ("補償給付費405,446×10／10405,446", "補償給付費405,446×10／10 405,446"),
        # a rate with decimals: 0.582|334,366, 0.58233|4,366 and 0.5823|34,366 group well; one fits
        ("家庭的保育59,018×0.582334,366", "家庭的保育59,018×0.5823 34,366"),
        # a sum of terms, each term cut to the yen (5,156 + 900 = 6,056; the exact sum is 6,057.17)
        ("市用資機材整備10,313×1／2＋2,702×1／36,056", "市用資機材整備10,313×1／2＋2,702×1／3 6,056"),
        # operands with their units, the formula in 円 and the amount in 千円
        ("1歳児21,000円×4,624人×1／248,552", "1歳児21,000円×4,624人×1／2 48,552"),
        ("撤去（その他）120×50件×1／8750", "撤去（その他）120×50件×1／8 750"),
    ],
)
def test_formula_glued_to_its_amount_is_split_where_the_arithmetic_holds(text: str, split: str) -> None:
    o = formula_overflow(text)
    assert o is not None and o.confirmed is not None
    assert o.split_text == split


def test_two_cuts_that_both_fit_are_not_called_confirmed() -> None:
    # 44×1/2 = 22 and 44×1/22 = 2: the arithmetic cannot choose; the larger amount is likeliest
    o = formula_overflow("多胎妊婦交流事業44×1／222")
    assert o is not None and o.confirmed is None
    assert o.likeliest is not None and o.likeliest.amount == Decimal(22)
    assert sum(r.confirmed for r in o.readings) == 2


@pytest.mark.parametrize(
    "text",
    [
        "事業1,842×1／3",  # a formula with no amount beside it
        "補償給付費405,446×10／10 405,446",  # already apart
        "交付率　7.7／100",  # 7.7/10 = 0.77 is not an amount of 0
        "償却資産6,439,000",
        "単価2,000×1,500",  # a last operand with commas and no amount: nothing fits, nothing to say
    ],
)
def test_no_overflow(text: str) -> None:
    assert formula_overflow(text) is None


def test_a_glue_that_fits_nothing_is_reported_with_its_readings() -> None:
    o = formula_overflow("事業100×1／2345,678")  # 2345,678 is no number: it must be two
    assert o is not None and o.confirmed is None and o.likeliest is None
    assert [r.right for r in o.readings] == ["345,678", "45,678", "5,678"]  # 100/2, 100/23, 100/234 fit none


def test_two_grouped_amounts_side_by_side() -> None:
    o = glued_numbers("54,306,600306,373,500")
    assert o is not None
    assert [(r.left, r.right) for r in o.readings] == [("54,306,600", "306,373,500")]
    assert glued_numbers("1,234") is None and glued_numbers("12,345") is None
    # 600|54,306 is the only cut into two well-grouped figures (6005|4,306 and 60|054,306 are not)
    two = glued_numbers("60054,306")
    assert two is not None and [(r.left, r.right) for r in two.readings] == [("600", "54,306")]
    assert glued_numbers("取崩 △200,000") is None  # text, not a run of digits


def test_a_formula_gives_the_amount_printed_after_it() -> None:
    from chohyo.japanese.overflow import formula_gives

    # 説明 lines of the Fuji book (pp.75, 85, 129): the amount is the formula's value, cut to the yen
    assert formula_gives("特例給付51,760×4/6", Decimal(34507))
    assert formula_gives("0~3歳未満非被用者 58,560×4/6+36,780×13/15", Decimal(70916))
    assert formula_gives("現年課税分135,200人×3,000円", Decimal(405600))  # 円 into a 千円 book
    assert not formula_gives("特例給付51,760×4/6", Decimal(34600))
    assert not formula_gives("特例給付", Decimal(34507))  # no formula at all
    assert not formula_gives("9,068×1/2", Decimal(0))
