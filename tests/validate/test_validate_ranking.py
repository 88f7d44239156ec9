"""Ranking competing hypotheses: coincidences, label cues, numbering, all-zero runs."""

from __future__ import annotations

from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from validate_helpers import make_table

S = ValidateSettings()
COLS = ["科目", "x", "y", "z"]


def relations(rows: list[tuple]) -> set[str]:
    return {r.description for r in validate_table(make_table(COLS, rows), S).relations}


def test_coincidence_in_one_column_is_not_a_parent() -> None:
    # X equals A + B in column x only; 計 = A + B + C holds in every column.
    rows = [("X", [30, 7, 9]), ("A", [10, 3, 4]), ("B", [20, 5, 6]), ("C", [1, 1, 1]), ("計", [31, 9, 11])]
    found = relations(rows)
    assert "計 = A + B + C" in found
    assert not [d for d in found if d.startswith("X =")]


def test_coincidence_in_every_column_but_one_is_not_a_parent_either() -> None:
    rows = [("X", [30, 8, 11]), ("A", [10, 3, 4]), ("B", [20, 5, 6]), ("C", [1, 1, 1]), ("計", [31, 9, 11])]
    assert not [d for d in relations(rows) if d.startswith("X =")]


def test_total_label_takes_the_items_above() -> None:
    rows = [
        ("a", [10, 15, 1]),
        ("b", [20, 25, 2]),
        ("小計", [30, 40, 3]),
        ("c", [10, 15, 1]),
        ("d", [20, 25, 2]),
    ]
    assert relations(rows) == {"小計 = a + b"}


def test_bare_category_takes_the_items_below() -> None:
    rows = [
        ("a", [10, 15, 1]),
        ("b", [20, 25, 2]),
        ("事業収益", [30, 40, 3]),
        ("c", [10, 15, 1]),
        ("d", [20, 25, 2]),
    ]
    assert relations(rows) == {"事業収益 = c + d"}


def test_siblings_with_the_same_numbering_are_not_parent_and_child() -> None:
    rows = [("1. 会費", [5, 5, 7]), ("2. 事業", [5, 5, 7]), ("3. 雑収益", [1, 2, 3])]
    assert relations(rows) == set()


def test_numbered_parent_with_one_equal_child() -> None:
    rows = [
        ("1. 受取会費", [5, 5, 7]),
        ("受取会費", [5, 5, 7]),
        ("2. 事業収益", [3, 3, 3]),
        ("教育", [1, 1, 1]),
        ("講習", [2, 2, 2]),
        ("経常収益計", [8, 8, 10]),
    ]
    assert relations(rows) == {
        "1. 受取会費 = 受取会費",
        "2. 事業収益 = 教育 + 講習",
        "経常収益計 = 1. 受取会費 + 2. 事業収益",
    }


def test_all_zero_runs_are_ignored() -> None:
    rows = [("a", [0, 0, 0]), ("b", [0, 0, 0]), ("c", [0, 0, 0]), ("d", [1, 2, 4])]
    assert relations(rows) == set()


def test_no_trailing_zero_row_to_make_a_pair() -> None:
    # T equals A alone; A + Z (an all-zero row) must not be taken as T's items.
    rows = [("T", [5, 6, 7]), ("A", [5, 6, 7]), ("Z", [0, 0, 0]), ("B", [1, 1, 1])]
    assert not [d for d in relations(rows) if "Z" in d]


def test_differences_and_balances_by_label() -> None:
    rows = [
        ("収益計", [100, 50, 10]),
        ("費用計", [80, 60, 10]),
        ("当期増減額", [20, -10, 0]),
        ("期首残高", [500, 400, 300]),
        ("期末残高", [520, 390, 300]),
    ]
    found = relations(rows)
    assert "当期増減額 = 収益計 - 費用計" in found
    assert "期末残高 = 期首残高 + 当期増減額" in found


def test_differences_across_columns() -> None:
    cols = ["科目", "本年度", "前年度", "比較"]
    rows = [("歳入", [1200, 1000, 200]), ("歳出", [900, 950, -50]), ("基金", [30, 45, -15])]
    found = {r.description for r in validate_table(make_table(cols, rows), S).relations}
    assert "比較 = 本年度 - 前年度" in found


def test_net_assets_closing_balances() -> None:
    cols = ["科目", "公益", "法人", "計"]
    rows = [
        ("経常収益計", [500, 300, 800]),
        ("経常費用計", [450, 320, 770]),
        ("当期一般正味財産増減額", [50, -20, 30]),
        ("一般正味財産期首残高", [1000, 2000, 3000]),
        ("一般正味財産期末残高", [1050, 1980, 3030]),
        ("当期指定正味財産増減額", [5, 6, 11]),
        ("指定正味財産期首残高", [100, 200, 300]),
        ("指定正味財産期末残高", [105, 206, 311]),
        ("Ⅲ 正味財産期末残高", [1155, 2186, 3341]),
    ]
    rels = validate_table(make_table(cols, rows), S).relations
    assert {(r.kind, r.description) for r in rels} == {
        ("balance", "一般正味財産期末残高 = 一般正味財産期首残高 + 当期一般正味財産増減額"),
        ("balance", "指定正味財産期末残高 = 指定正味財産期首残高 + 当期指定正味財産増減額"),
        ("sum", "Ⅲ 正味財産期末残高 = 一般正味財産期末残高 + 指定正味財産期末残高"),
        ("difference", "当期一般正味財産増減額 = 経常収益計 - 経常費用計"),
        ("sum", "計 = 公益 + 法人"),
    }
    assert all(r.holds for r in rels)


def test_equal_holdings_in_a_list_of_names_make_no_relation() -> None:
    # p7 of the copier scan (../shared/real/nankoku_michinoeki_agm_scan.pdf): shareholders, their
    # shares and share of the total. OCR'd label boxes drift to the right, so each name looked
    # indented under the one above it, and the hierarchy finder made 南国市商工会 = 南国市土曜市協同組合
    # (10 = 10): a check that holds because two holders hold the same, and "confirms" both readings.
    cols = ["株主名", "持株数", "持株比率"]
    chain = ["南国市商工会", "南国市土曜市協同組合", "高知空港ビル株式会社"]
    rows = [
        ("南国市", [None, 505]),  # 持株数 printed letter-spaced (１０１): not read
        ("高知県農業協同組合", [27, 135]),
        ("とさでん交通株式会社", [20, 100]),
        ("南国市商工会", [10, 50]),
        ("南国市土曜市協同組合", [10, 50], chain[:1]),
        ("高知空港ビル株式会社", [10, 50], chain[:2]),
        ("株式会社西島園芸団地", [10, 50], chain[:3]),
        ("南国市観光協会", [2, 10]),
        ("自社株", [10, 50]),
        ("合計", [200, 1000]),
    ]
    found = {r.description for r in validate_table(make_table(cols, rows), S).relations}
    # the only identity printed is 合計 (not checkable with 南国市's shares unread); 20 = 10 + 10
    # (とさでん交通 over the next two) is as much a coincidence as 10 = 10
    assert not [d for d in found if not d.startswith("合計")], found


def test_a_heading_over_its_one_item_still_equals_it() -> None:
    # the same shape where the tree is more than indentation: a numbered heading over one item
    rows = [
        ("1. 会費収入", [500, 400]),
        ("正会員会費", [500, 400], ["1. 会費収入"]),
        ("2. 事業収入", [300, 200]),
    ]
    found = {r.description for r in validate_table(make_table(["科目", "x", "y"], rows), S).relations}
    assert "1. 会費収入 = 正会員会費" in found
