"""Discovery on the fixture tables (from their truth JSON): every identity found by itself, all hold."""

from __future__ import annotations

import pytest
from chohyo.model import Relation, Severity
from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from validate_helpers import truth_tables

S = ValidateSettings()


def described(relations: tuple[Relation, ...]) -> set[str]:
    return {r.description for r in relations}


BUDGET = {
    "2. 事業収益 = 教育講習収益 + 技能講習収益 + 刊行物収益",
    "3. 雑収益 = 受取利息 + 機関誌収益 + 雑収益",
    "経常収益計 = 1. 受取会費 + 2. 事業収益 + 3. 雑収益 + 4. 基本財産運用益 + 5. 特定資産運用益",
    "諸給 = 給料手当 + 法定福利費 + 福利厚生費 + 旅費交通費 + 退職給付費用",
    "減価償却費 = 設備減価償却費 + 車輛減価償却費 + 備品減価償却費 + ソフトウェア減価償却費",
    "経費 = 通信運搬費 + 消耗品費 + 光熱水料費 + 賃借料 + 減価償却費 + 租税公課 + 雑費",
    "技能教育費 = 教育講習費 + 技能講習費 + 刊行物発行費 + 刊行物購入費",
    "1. 事業費 = 諸給 + 経費 + 調査研究費 + 技能教育費 + 広報費",
    "2. 管理費 = 諸給 + 経費 + 調査研究費 + 広報費",
    "経常費用計 = 1. 事業費 + 2. 管理費",
    "当期経常増減額 = 経常収益計 - 経常費用計",
    "正味財産期末残高 = 正味財産期首残高 + 当期一般正味財産増減額",
    "公益事業/小計 = 公益事業/公益事業1 + 公益事業/公益事業2 + 公益事業/公益事業3 + 公益事業/共通費",
    "計 = 公益事業/小計 + 法人会計",
}


@pytest.mark.parametrize("flat", [False, True], ids=["with-hierarchy", "values-only"])
def test_budget_identities_found_and_hold(flat: bool) -> None:
    (table,) = truth_tables("budget_ruled", flat=flat)
    result = validate_table(table, S)
    rels = result.relations
    assert BUDGET <= described(rels), BUDGET - described(rels)
    assert len(rels) == 25
    assert all(r.holds for r in rels)
    assert not [f for f in result.findings if f.severity is Severity.ERROR]
    kinds = {r.description.split(" = ")[0]: r.kind for r in rels}
    assert kinds["当期経常増減額"] == "difference" and kinds["正味財産期末残高"] == "balance"


BRANCHES = " + ".join(
    f"支部/{b}"
    for b in [
        "川崎北支部",
        "川崎南支部",
        "鶴見支部",
        "横浜北支部",
        "横浜南支部",
        "横浜西支部",
        "横須賀支部",
        "藤沢支部",
        "平塚支部",
        "小田原支部",
        "相模原支部",
        "厚木支部",
    ]
)
BRANCH = {
    f"支部合計 = {BRANCHES}",
    "本部支部合計 = 本部 + 支部合計",
    "合計 = 本部支部合計 + 内部取引消去",
    "技能教育費 = 教育講習費 + 技能講習費 + 刊行物発行費 + 刊行物購入費",
    "経費 = 通信運搬費 + 消耗品費 + 印刷製本費 + 会議費 + 光熱水料費 + 賃借料 + 租税公課 + 負担金支出 + 減価償却費 + 雑費",
    "2. 管理費 = 諸給 + 経費 + 活動費 + 調査研究費 + 広報費",
    "正味財産期末残高 = 正味財産期首残高 + 当期一般正味財産増減額",
}


@pytest.mark.parametrize("flat", [False, True], ids=["with-hierarchy", "values-only"])
def test_branch_table_identities_across_columns(flat: bool) -> None:
    (table,) = truth_tables("branch_a3", flat=flat)
    result = validate_table(table, S)
    assert BRANCH <= described(result.relations), BRANCH - described(result.relations)
    assert len(result.relations) == 14
    assert all(r.holds for r in result.relations)
    assert not [f for f in result.findings if f.severity is Severity.ERROR]


def test_kyen_rounding_gives_no_error_only_rounding_info() -> None:
    summary, assets = truth_tables("kyen_rounding")
    result = validate_table(summary, S)
    assert all(r.holds for r in result.relations) and len(result.relations) == 6
    assert not [f for f in result.findings if f.severity is not Severity.INFO]
    rounding = [f for f in result.findings if f.code == "rounding-only"]
    assert len(rounding) == 8  # the truth says 8 totals differ only by rounding
    assert all(abs(f.expected - f.found) <= 1 for f in rounding)
    balance = validate_table(assets, S)
    assert described(balance.relations) == {"平成27年度期末見込 = 平成26年度期末 + 増加 - 減少"}
    assert all(r.holds for r in balance.relations) and not balance.findings


def test_same_relations_fail_when_the_table_is_in_yen() -> None:
    """The tolerance comes from the unit: the relations found in 千円 do not hold exactly in 円."""
    from dataclasses import replace
    from decimal import Decimal

    from chohyo.model import Unit
    from chohyo.validate.check import check_all
    from chohyo.validate.numeric import numeric_matrix
    from chohyo.validate.table import _views

    summary, _ = truth_tables("kyen_rounding")
    relations = validate_table(summary, S).relations
    yen = replace(summary, unit=Unit("円", Decimal(1)))
    num = numeric_matrix(yen)
    checked, lines = check_all(num, _views(num), relations)
    assert sum(not c.ok for c in lines) == 8
    assert not all(r.holds for r in checked)
