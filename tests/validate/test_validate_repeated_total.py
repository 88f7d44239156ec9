"""A scanned table's total row repeating a line far above it (概算要求額総表: 会計計 at the foot =
01 東日本大震災復興 at the head), and a 増減 column headed round its formula (増 (B-A) 減)."""

from __future__ import annotations

from decimal import Decimal

from chohyo.settings import ValidateSettings
from chohyo.validate.labels import is_difference
from chohyo.validate.table import validate_table
from chohyo.validate.view import ratio_columns
from test_validate_repair import ocr_cell
from validate_helpers import make_table

COLS = ["区分", "一般行政経費", "その他の経費", "計(A)", "一般行政経費", "その他の経費", "計(B)", "増(B-A)減"]
ROWS = [
    ("01 東日本大震災復興", [0, 57263734, 57263734, 0, 898529, 898529, -56365205]),
    ("20 総務省", [0, 56973678, 56973678, 0, 0, 0, -56973678]),
    ("31 復興庁", [0, 290056, 290056, 0, 898529, 898529, 608473]),
    ("会計計", [0, 57263734, 57263734, 0, 898529, 898529, -56365205]),
]


def _misread() -> object:
    # 56,365,205 read 56,366,205 (both engines): only its row and its column can say so
    table = make_table(COLS, ROWS)
    return ocr_cell(table, 1, 7, "△56,366,205", Decimal(-56366205), conf=(1.0,) + (0.95,) * 10)


def test_a_misread_on_a_repeated_total_is_crossed_and_put_right() -> None:
    """Before: 会計計 = 20 + 31 took the items, 01 had no row relation, and the failing 増減 = (B) − (A)
    named the two right figures of its row as candidates too (two false alarms)."""
    result = validate_table(_misread(), ValidateSettings(fix="auto"))
    assert result.table.cell(1, 7).value == Decimal(-56365205)
    loud = [f.code for f in result.findings if f.severity.value != "info" and f.code != "ocr-unconfirmed"]
    assert loud == ["corrected-cell"], loud


def test_a_born_digital_total_is_no_guess() -> None:
    """The same figures printed (not read): the equality that fails in one column is not guessed."""
    rows = [
        (label, [*values[:6], -56366205 if label.startswith("01") else values[6]]) for label, values in ROWS
    ]
    result = validate_table(make_table(COLS, rows), ValidateSettings(fix="auto"))
    assert result.table.cell(1, 7).value == Decimal(-56366205)
    assert not [r for r in result.relations if {r.target, *(t.index for t in r.terms)} == {1, 4}]


def test_a_difference_header_printed_round_its_formula() -> None:
    assert is_difference("増(B-A)減") and is_difference("増減") and not is_difference("増(B)")
    assert is_difference("増△減(B-A)")  # the △ of a decrease set between (概算要求額総表, line by line)


def test_page_number_columns_are_never_added() -> None:
    table = make_table(
        ["区分", "計", "明細書頁数", "番号", "ページ"], [("a", [1, 3, 4, 5]), ("b", [2, 3, 4, 5])]
    )
    assert ratio_columns(table, [1, 2, 3, 4]) == [False, True, True, True]
