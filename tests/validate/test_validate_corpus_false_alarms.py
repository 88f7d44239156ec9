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
