"""Issues 14, 16: false alarms the 南国市 corpus sweep (bench/sections/sweep.py) showed, each as the
general pattern on a synthetic table (the real pages are checked in tests/real/test_nankoku_sweep.py)."""

from __future__ import annotations

from chohyo.model import Severity
from chohyo.settings import ValidateSettings
from chohyo.validate.table import validate_table
from validate_helpers import make_table

S = ValidateSettings()
KYEN = {"name": "千円", "scale": 1000}


def _errors(cols: list[str], rows: list[tuple[object, ...]]) -> list[str]:
    r = validate_table(make_table(cols, rows, KYEN), S)  # type: ignore[arg-type]
    return [f.message for f in r.findings if f.severity is Severity.ERROR]


def test_a_mark_column_read_as_labels_makes_no_single_child_identity() -> None:
    # 繰越事業一覧表: a ○ (国補正) mark in the first column became the label of its rows, and the row
    # tree put one ○ row under another: "○ = ○" is a line repeated, never a sum to check.
    rows = [("○", [2, 1, 1, 80764]), ("○", [9, 1, 2, 700], ["○"]), ("当初", [10, 2, 1, 5667])]
    assert _errors(["国補正", "款", "項", "目", "金額"], rows) == []


def test_a_column_titled_as_a_ratio_is_no_check_line_of_a_row_sum() -> None:
    # 予算概要: 総計 = 一般会計 + 特別会計 + 企業会計 holds in the amounts; 対前年度当初比 is a ratio per row
    rows = [
        ("一般会計", [23340000, 23830000, -490000, "-2.1"]),
        ("特別会計(7件)", [12621558, 11444961, 1176597, "10.3"]),
        ("企業会計(2件)", [2668583, 2625445, 43138, "1.6"]),
        ("総計", [38630141, 37900406, 729735, "1.9"]),
    ]
    assert (
        _errors(["会計別", "令和4年度当初予算", "令和3年度当初予算", "増減額", "対前年度当初比"], rows) == []
    )


def test_a_line_and_its_repetition_plus_a_tiny_line_is_no_sum() -> None:
    # 特別会計予算 事項別明細書 over two 款 (農業集落排水 pp. 11-12): 目 | 計 | 目 | 計, the second 目 worth
    # 1 千円: "目 = 計 + 延滞金" agrees within rounding in three columns and fails in the 節 column.
    rows = [
        ("1.一般会計繰入金", [137572, 126597, 10975, 137572]),
        ("計", [137572, 126597, 10975, None]),
        ("1.延滞金", [1, 1, 0, 1]),
        ("計", [1, 1, 0, None]),
    ]
    assert _errors(["目", "本年度", "前年度", "比較", "節/金額"], rows) == []


def test_bare_item_numbers_are_siblings_never_parent_and_child() -> None:
    # 繰越明許費補正 (一般会計補正予算 p. 8): the 款 number split from its name is the row label, and
    # the row tree nested 2 > 3 > 6 > 7; "3 = 6" is two 款, never a sum (their 項 numbers, both 1, agree).
    rows = [
        ("2", [1, 80764]),
        ("", [None, 139039]),
        ("3", [1, 762131], ["2"]),
        ("", [None, 10020]),
        ("6", [1, 41133], ["2", "3"]),
        ("7", [1, 5395], ["2", "3", "6"]),
    ]
    assert _errors(["款", "項", "金額"], rows) == []
