"""Issue 14: arithmetic that fits a budget book, without false alarms: no sum through a ratio row,
the book's identities by column titles, no relation across two statements, no X = X."""

from __future__ import annotations

from dataclasses import replace

from chohyo.model import CellKind, NullReason, Severity
from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from validate_helpers import make_table

S = ValidateSettings()
KYEN = {"name": "千円", "scale": 1000}


def test_a_ratio_row_is_no_check_line_of_a_sum_across_columns() -> None:
    t = make_table(
        ["区分", "合計", "一般行政職", "税務職"],
        [
            ("職員数(A)(人)", [100, 60, 40]),
            ("昇給に係る職員数(B)(人)", [80, 50, 30]),
            ("比率(B)/(A)(%)", ["80.0", "83.3", "75.0"]),
        ],
    )
    r = validate_table(t, S)
    assert not [f for f in r.findings if f.severity is Severity.ERROR]
    assert any(rel.axis == "col" and rel.holds for rel in r.relations)
    ratio_row = 3
    for rel in r.relations:
        if rel.axis == "row" and rel.kind != "ratio":  # 比率 = (B)/(A) as its label states is no sum
            assert ratio_row not in (rel.target, *(x.index for x in rel.terms))


def test_the_budget_identities_by_column_titles() -> None:
    cols = ["目", "本年度予算額", "前年度予算額", "比較", "国県支出金", "地方債", "その他", "一般財源"]
    t = make_table(
        cols,
        [
            ("22住居表示整備費", [46, 81, -35, None, None, None, 46]),
            ("23式典行事費", [1258, 2041, -783, None, None, None, 1258]),
            ("24多文化共生費", [28499, 26848, 1651, 2447, None, 310, 25742]),
        ],
        KYEN,
    )
    r = validate_table(t, S)
    described = {rel.description: rel for rel in r.relations}
    assert described["比較 = 本年度 - 前年度"].holds
    assert described["本年度 = 国県支出金 + その他 + 一般財源"].holds
    assert all(rel.source == "label-identity" for rel in described.values() if rel.axis == "col")


def test_a_misprint_against_the_identity_is_still_reported() -> None:
    cols = ["目", "本年度予算額", "前年度予算額", "比較"]
    t = make_table(
        cols,
        [
            ("1", [100, 80, 20]),
            ("2", [200, 150, 50]),
            ("3", [300, 310, -10]),
            ("4", [400, 390, 10]),
            ("5", [500, 450, 50]),
            ("6", [600, 500, 100]),
            ("7", [700, 600, 100]),
            ("8", [800, 700, 100]),
            ("9", [900, 800, 100]),
            ("10", [1000, 900, 200]),
        ],
        KYEN,
    )
    r = validate_table(t, S)
    errors = [f for f in r.findings if f.severity is Severity.ERROR]
    assert len(errors) == 1 and errors[0].cells[0].row == 10


def test_no_relation_across_two_statements() -> None:
    t = make_table(
        ["目", "本年度予算額", "前年度予算額"],
        [
            ("1款 市税 46,460,600千円", [None, None]),
            ("1個人", [700, 600]),
            ("2法人", [300, 200]),
            ("計", [1000, 800]),
            ("2項 固定資産税 23,139,800千円", [None, None]),
            ("1固定資産税", [1000, 800]),
        ],
        KYEN,
    )
    r = validate_table(t, S)
    for rel in r.relations:
        if rel.axis == "row":
            rows = {rel.target, *(x.index for x in rel.terms)}
            assert rows <= {2, 3, 4} or rows <= {6}, rel.description


def test_equal_small_numbers_within_rounding_are_no_identity() -> None:
    t = make_table(["節", "金額", "説明"], [("2病院費寄附金", [1, None]), ("1消防費寄附金", [2, None])], KYEN)
    assert validate_table(t, S).relations == ()


def test_a_line_where_nothing_is_a_value_is_no_check() -> None:
    # the 説明 column prints item codes with amounts in text (001 中央病院事業費1,426,461): unreadable
    # as numbers on both sides of 節 = Σ 説明 lines, it can say neither yes nor no
    t = make_table(
        ["区分", "金額", "説明"],
        [
            ("18 負担金、補助及び交付金", [1928944, None]),
            ("負担金", [1705159, None], ["18 負担金、補助及び交付金"]),
            ("補助金", [223785, None], ["18 負担金、補助及び交付金"]),
        ],
        KYEN,
    )
    texts = {1: "001 中央病院事業費1,426,461", 2: "002 蒲原病院事業費502,483"}
    t = t.with_cells(
        {
            (r, 2): replace(
                t.cell(r, 2),
                raw_text=x,
                text=x,
                kind=CellKind.NUMBER,
                value=None,
                null_reason=NullReason.UNPARSEABLE,
            )
            for r, x in texts.items()
        }
    )
    r = validate_table(t, S)
    assert not [f for f in r.findings if f.severity is Severity.ERROR]
    assert any(rel.holds for rel in r.relations)


def test_a_column_of_text_with_amounts_is_no_check_line() -> None:
    # 節 rows beside the 説明 lines of another list: 11 役務費 583 / 手数料 583, while the 説明 column
    # carries its own lines' amounts (540,046 and 50,000) on the same rows, between lines of text
    t = make_table(
        ["区分", "金額", "説明"],
        [
            ("11 役務費", [583, 540046]),
            ("手数料", [583, 50000], ["11 役務費"]),
            ("12 委託料", [117992, None]),
            ("14 工事請負費", [18500, None]),
            ("15 原材料費", [100, None]),
        ],
        KYEN,
    )
    words = {
        3: "001 新富士駅南地区土地区画整理事業特別会計繰出金",
        4: "002 第二東名IC周辺地区土地区画整理事業",
        5: "会議、研修会出席者負担金46",
    }
    t = t.with_cells(
        {
            (r, 2): replace(t.cell(r, 2), raw_text=x, text=x, kind=CellKind.TEXT, value=None)
            for r, x in words.items()
        }
    )
    r = validate_table(t, S)
    assert not [f for f in r.findings if f.severity is Severity.ERROR]
    assert any(rel.holds and rel.description == "11 役務費 = 手数料" for rel in r.relations)
