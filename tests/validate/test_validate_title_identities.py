"""Issues 14, 16: the identities council papers print by their column titles (補正予算, 決算,
現在高調書) are found as label identities and checked in every row; a misprint still fails."""

from __future__ import annotations

from chohyo.model import Severity
from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from validate_helpers import make_table

S = ValidateSettings()
KYEN = {"name": "千円", "scale": 1000}


def _described(cols: list[str], rows: list[tuple[str, list[object]]]) -> dict[str, object]:
    r = validate_table(make_table(cols, rows, KYEN), S)
    assert not [f for f in r.findings if f.severity is Severity.ERROR]
    return {rel.description: rel for rel in r.relations if rel.source == "label-identity"}


def test_supplementary_budget_total_is_before_plus_change() -> None:
    got = _described(
        ["款", "補 正 前 の 額", "補 正 額", "計"],
        [
            ("3.国庫支出金", [776, 109, 885]),
            ("5.繰入金", [492439, -1043, 491396]),
            ("8.諸支出金", [4324, 317, 4641]),
        ],
    )
    assert got["計 = 補正前の額 + 補正額"].holds  # type: ignore[attr-defined]


def test_settlement_unused_is_budget_less_spent_less_carried() -> None:
    got = _described(
        ["款", "予算現額", "支出済額", "翌年度繰越額", "不用額"],
        [
            ("1.議会費", [250000, 240000, 0, 10000]),
            ("2.総務費", [900000, 800000, 50000, 50000]),
            ("3.民生費", [700000, 690000, 1000, 9000]),
        ],
    )
    assert got["不用額 = 予算現額 - 支出済額 - 翌年度繰越額"].holds  # type: ignore[attr-defined]


def test_settlement_revenue_unpaid_is_assessed_less_received_less_written_off() -> None:
    got = _described(
        ["款", "調定額", "収入済額", "不納欠損額", "収入未済額"],
        [("1.市税", [5000, 4700, 20, 280]), ("2.使用料", [900, 880, 0, 20]), ("3.諸収入", [300, 290, 1, 9])],
    )
    assert got["収入未済額 = 調定額 - 収入済額 - 不納欠損額"].holds  # type: ignore[attr-defined]


def test_fund_balance_is_opening_plus_increase_less_decrease() -> None:
    got = _described(
        ["区分", "前年度末現在高", "当該年度中増加額", "当該年度中減少額", "当該年度末現在高見込額"],
        [
            ("財政調整基金", [3000, 500, 200, 3300]),
            ("減債基金", [1000, 0, 100, 900]),
            ("その他", [700, 50, 0, 750]),
        ],
    )
    assert got["当該年度末現在高見込額 = 前年度末現在高 + 当該年度中増加額 - 当該年度中減少額"].holds  # type: ignore[attr-defined]


def test_a_misprinted_row_against_a_title_identity_is_reported() -> None:
    rows: list[tuple[str, list[object]]] = [(f"{i}.款", [100 * i, 10 * i, 110 * i]) for i in range(1, 10)]
    rows[4] = ("5.款", [500, 50, 560])  # beyond rounding: a misprint
    r = validate_table(make_table(["款", "補正前の額", "補正額", "計"], rows, KYEN), S)
    errors = [f for f in r.findings if f.severity is Severity.ERROR]
    assert len(errors) == 1 and errors[0].cells and errors[0].cells[0].row == 5


def test_supplementary_change_is_the_sum_of_its_funding_sources() -> None:
    fund = "補正額の財源内訳/特定財源/"
    got = _described(
        [
            "款",
            "補正前の額",
            "補正額",
            "計",
            fund + "国県支出金",
            fund + "地方債",
            fund + "その他",
            "補正額の財源内訳/一般財源",
        ],
        [
            ("3.民生費", [11151443, 415000, 11566443, 415000, None, None, 0]),
            ("4.衛生費", [2000000, 30000, 2030000, 10000, None, 5000, 15000]),
            ("8.土木費", [900000, -20000, 880000, None, -20000, None, 0]),
        ],
    )
    assert got["計 = 補正前の額 + 補正額"].holds  # type: ignore[attr-defined]
    assert got["補正額 = 国県支出金 + 地方債 + その他 + 一般財源"].holds  # type: ignore[attr-defined]


def test_a_debt_balance_chain_over_two_years() -> None:
    cols = [
        "区分",
        "令和2年度末残高",
        "3年度発行額",
        "3年度償還元金",
        "3年度末現在高",
        "4年度発行額",
        "4年度償還元金",
        "4年度末現在高(見込額)",
    ]
    got = _described(
        cols,
        [
            ("(1)総務", [317506, 28600, 32783, 313323, 62500, 26589, 349234]),
            ("(2)民生", [526238, 502700, 62175, 966763, 143900, 47183, 1063480]),
            ("(3)衛生", [1000, 0, 100, 900, 0, 100, 800]),
        ],
    )
    assert got["3年度末現在高 = 令和2年度末残高 + 3年度発行額 - 3年度償還元金"].holds  # type: ignore[attr-defined]
    assert got["4年度末現在高(見込額) = 3年度末現在高 + 4年度発行額 - 4年度償還元金"].holds  # type: ignore[attr-defined]


def test_settlement_balances_formal_and_real() -> None:
    got = _described(
        ["会計名", "歳入額", "うち一般会計繰入金", "歳出額", "形式収支", "翌年度繰越財源", "実質収支"],
        [
            ("一般会計", [29067181, None, 27889621, 1177560, 217451, 960109]),
            ("介護特会", [4704354, 706377, 4527583, 176771, 0, 176771]),
            ("後期高齢特会", [790709, 196538, 753303, 37406, 0, 37406]),
        ],
    )
    assert got["形式収支 = 歳入額 - 歳出額"].holds  # type: ignore[attr-defined]
    assert got["実質収支 = 形式収支 - 翌年度繰越財源"].holds  # type: ignore[attr-defined]
