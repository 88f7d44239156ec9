"""A column of shares (持株比率(%)) is never added up by the checks (most ratio columns do not add
up), but one that adds up to its total line's 100 confirms its OCR'd figures (validate/unconfirmed.py);
figures misread the same way all down the column (50.5 read 505) add up too, but never to 100."""

from __future__ import annotations

from decimal import Decimal

from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from test_validate_repair import ocr_cell
from validate_helpers import make_table

COLS = ["株主名", "持株数(株)", "持株比率(%)"]
NAMES = ["南国市", "高知県農業協同組合", "とさでん交通株式会社", "南国市商工会", "自社株", "合計"]


def _unconfirmed(shares: list[str]) -> set[tuple[int, int]]:
    counts = [101, 27, 20, 10, 42, 200]
    table = make_table(COLS, [(n, [c, s]) for n, c, s in zip(NAMES, counts, shares, strict=True)])
    for row, text in enumerate(shares):  # every share read from a scan
        table = ocr_cell(table, row + 1, 2, text, Decimal(text))  # (row 0: the header)
    result = validate_table(table, ValidateSettings())
    return {(ref.row, ref.col) for f in result.findings if f.code == "ocr-unconfirmed" for ref in f.cells}


def test_shares_adding_up_to_100_are_confirmed() -> None:
    assert not {key for key in _unconfirmed(["50.5", "13.5", "10.0", "5.0", "21.0", "100.0"]) if key[1] == 2}


def test_shares_misread_ten_times_over_are_not() -> None:
    got = _unconfirmed(["505", "135", "100", "50", "210", "1000"])
    assert {(r, 2) for r in range(1, 7)} <= got


def test_shares_that_do_not_add_up_are_not() -> None:
    # rounding (99.9), or one misread: nothing confirms them
    got = _unconfirmed(["50.5", "13.5", "10.0", "5.0", "20.9", "100.0"])
    assert {(r, 2) for r in range(1, 7)} <= got
