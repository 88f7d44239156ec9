"""A receipt's arithmetic found by its labels (validate/receipts.py), in a table read as a receipt
only. The tables are the three phone photos' receipts as printed (fixtures/real/receipt_*/)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chohyo.model import RECEIPT_LINES, Provenance, Table
from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table

from tests.validate.validate_helpers import make_table

SERIA = [
    ("ディノアースA5ぬりえ16枚", 100),
    ("ウォーターガン", 100),
    ("おりがみ金銀入り15cm1", 100),
    ("小計", 300),
    ("(外税10%対象額", 300),
    ("外税額10%", 30),
    ("合計", 330),
    ("クレジット", 330),
    ("(内消費税等", 30),
]
MUKOTAMA = [
    ("むこたまソフト", 529),
    ("小計", 529),
    ("合計", 529),
    ("内消費税", 39),
    ("お預り金額", 1000),
    ("お釣り", 471),
]

# tani0120/receipt-app's 鳥貴族 receipt (fixtures/real/receipt_torikizoku): tax included, in brackets
TORIKIZOKU = [
    ("ザ・プレミアム・モルツ", 780),
    ("枝豆", 390),
    ("きも", 1170),
    ("もも貴族焼たれ", 4680),  # the other ten items as one line
    ("小計額", 7020),
    ("(10%内税対象", 7020),
    ("(10%内税額", 638),
    ("合計", 7020),
    ("預/現計", 10020),
    ("(消費税 等", 638),
    ("お釣", 3000),
]


def _receipt(lines: list[tuple[str, int]], method: str = RECEIPT_LINES, **changed: int) -> Table:
    rows: list[tuple[Any, ...]] = [(label, [changed.get(label, value)]) for label, value in lines]
    table = make_table(["品目", "金額"], rows)
    prov = Provenance("tesseract", method)
    return replace(table, cells=tuple(replace(c, provenance=prov) for c in table.cells))


def _described(table: Table) -> set[str]:
    result = validate_table(table, ValidateSettings())
    return {r.description for r in result.relations}


def test_a_receipts_sums_are_found_and_hold() -> None:
    result = validate_table(_receipt(SERIA), ValidateSettings())
    found = {r.description for r in result.relations}
    assert "合計 = 小計 + 外税額10%" in found
    assert "小計 = ディノアースA5ぬりえ16枚 + ウォーターガン + おりがみ金銀入り15cm1" in found
    assert "クレジット = 合計" in found and "(内消費税等 = 外税額10%" in found
    assert all(c.ok for c in result.checks)
    assert not [f for f in result.findings if f.severity.value == "error"]


def test_change_is_tendered_less_the_total() -> None:
    assert "お釣り = お預り金額 - 合計" in _described(_receipt(MUKOTAMA))
    result = validate_table(_receipt(MUKOTAMA), ValidateSettings())
    unconfirmed = [f for f in result.findings if f.code == "ocr-unconfirmed"]
    assert not any("お預り金額" in f.message for f in unconfirmed)  # confirmed by the change


def test_a_misread_total_is_named() -> None:
    """合計 read 380 for 330: the relation through it fails and the finding names its cell."""
    result = validate_table(_receipt(SERIA, 合計=380), ValidateSettings())
    errors = [f for f in result.findings if f.severity.value == "error"]
    assert errors, [f.code for f in result.findings]
    assert any(ref.row == 7 for f in errors for ref in f.cells), [f.message for f in errors]


def test_no_receipt_identity_outside_a_receipt() -> None:
    """The same lines in a table not read as a receipt: no 合計 = 小計 + tax by labels."""
    found = _described(_receipt(SERIA, method="ocr-stream"))
    assert "合計 = 小計 + 外税額10%" not in found
    assert "お釣り = お預り金額 - 合計" not in _described(_receipt(MUKOTAMA, method="ocr-stream"))


def test_tax_included_in_brackets_is_not_added() -> None:
    """(10%内税額 ¥638) and (消費税 等 ¥638) are the tax included: 合計 = 小計額, not 小計額 + 638."""
    result = validate_table(_receipt(TORIKIZOKU), ValidateSettings())
    found = {r.description for r in result.relations}
    assert "合計 = 小計額" in found and "お釣 = 預/現計 - 合計" in found, found
    assert all(c.ok for c in result.checks)


def test_a_discount_under_its_item_is_taken_off() -> None:
    """値引 printed unsigned under its item: 小計 = items − 値引, and 合計 with no 小計 likewise."""
    lines = [("からあげ", 500), ("値引", 50), ("おにぎり", 150), ("小計", 600), ("合計", 600)]
    result = validate_table(_receipt(lines), ValidateSettings())
    assert "小計 = からあげ - 値引 + おにぎり" in {r.description for r in result.relations}
    assert all(c.ok for c in result.checks)
    no_subtotal = [x for x in lines if x[0] != "小計"]
    result = validate_table(_receipt(no_subtotal), ValidateSettings())
    assert "合計 = からあげ - 値引 + おにぎり" in {r.description for r in result.relations}
    assert all(c.ok for c in result.checks)


# renbowroad/receipt_scan's まるまつ receipt (fixtures/real/renbow_receipt8_marumatsu): items printed
# without ¥, a subtotal named 飲食計, the tax included in brackets
MARUMATSU = [
    ("ソースチキン丼", 820),
    ("とんかつ定", 970),
    ("まるまつ定", 940),
    ("飲食計", 2730),
    ("内税額", 248),
    ("合計", 2730),
    ("お預り", 3000),
    ("お釣り", 270),
]


def test_a_subtotal_named_otherwise_is_the_subtotal() -> None:
    """飲食計 (and a take-out's TO小計) is the receipt's 小計: 合計 = 飲食計, and it is no item."""
    result = validate_table(_receipt(MARUMATSU), ValidateSettings())
    found = {r.description for r in result.relations}
    assert "飲食計 = ソースチキン丼 + とんかつ定 + まるまつ定" in found, found
    assert "合計 = 飲食計" in found, found
    assert all(c.ok for c in result.checks)
    take_out = [("TO小計" if k == "飲食計" else k, v) for k, v in MARUMATSU]
    assert "合計 = TO小計" in _described(_receipt(take_out))


def test_two_tax_rates_share_the_subtotal() -> None:
    """(10%対象 ¥0 … (8%対象 ¥270: neither base is the 小計 of 291 (mister Donut): no such identity."""
    lines = [("エンゼルフレンチ", 162), ("ポン・デ・リング", 129), ("小計", 291), ("合計", 291)]
    lines += [("(10%対象", 0), ("(8%対象", 270)]
    result = validate_table(_receipt(lines), ValidateSettings())
    assert not [r for r in result.relations if "対象" in r.description], result.relations
    assert all(c.ok for c in result.checks)


def test_a_tax_printed_under_the_change_is_not_added() -> None:
    """消費税等 ¥638 printed after お釣 (not in brackets) is the tax included, never added to 合計."""
    lines = [(("消費税等" if k == "(消費税 等" else k), v) for k, v in TORIKIZOKU]
    found = _described(_receipt(lines))
    assert "合計 = 小計額" in found, found


def test_no_sum_of_items_when_an_item_line_was_not_read() -> None:
    """A line with an amount above the 小計 made no row (ITEMS_UNREAD on the rows below it): the
    items are not all there, so 小計 = Σ items is not checked (it would fail and name the right
    小計); 合計 = 小計 still is."""
    from chohyo.model import ITEMS_UNREAD

    table = _receipt([x for x in SERIA if x[0] != "ウォーターガン"])  # its line was not read
    marked = {
        (c.row, c.col): replace(c, provenance=c.provenance.with_transforms(ITEMS_UNREAD))
        for c in table.cells
        if c.row >= 2
    }
    result = validate_table(table.with_cells(marked), ValidateSettings())
    found = {r.description for r in result.relations}
    assert not [d for d in found if d.startswith("小計 =")], found
    assert "合計 = 小計 + 外税額10%" in found
    assert all(c.ok for c in result.checks)
    assert "小計 = ディノアースA5ぬりえ16枚 + おりがみ金銀入り15cm1" in _described(table)  # unmarked: fails


def test_an_amount_whose_name_was_not_read_is_unconfirmed() -> None:
    """Two engines agreeing on ¥780 on a line whose name is unreadable (LABEL_DOUBTFUL): the amount is
    right but whose it is is unknown, so it stays ocr-unconfirmed; on a named line agreement confirms."""
    from chohyo.model import LABEL_DOUBTFUL, OCR_AGREED

    lines = [("ザ・プレミアム・モルツ", 780), ("-392", 780), ("お預り", 2000), ("お釣り", 440)]
    table = _receipt(lines)
    agreed = {
        (c.row, c.col): replace(
            c,
            provenance=c.provenance.with_transforms(
                *((OCR_AGREED,) if c.col == 1 else ()),
                *((LABEL_DOUBTFUL,) if c.row == 2 and c.col == 0 else ()),
            ),
        )
        for c in table.cells
        if c.row in (1, 2)
    }
    result = validate_table(table.with_cells(agreed), ValidateSettings())
    named = {(ref.row, ref.col) for f in result.findings if f.code == "ocr-unconfirmed" for ref in f.cells}
    assert (2, 1) in named and (1, 1) not in named, named
