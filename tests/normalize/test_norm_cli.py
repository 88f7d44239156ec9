"""`chohyo normalize TEXT` prints what chohyo makes of a string."""

import json

import pytest
from chohyo.cli import app
from typer.testing import CliRunner


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, ["normalize", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("給 料 手 当", "label", "給料手当"),
        ("△1,234", "number", "-1234"),
        ("—", "null_reason", "dash"),
        ("ー985", "candidates", "1985"),
        ("令和5年2月3日", "date", "2023-02-03"),
        ("平成27年度", "fiscal_year", "FY2015: 2015-04-01 .. 2016-03-31"),
        ("平成 27 年 4 月 1 日から平成 28 年 3 月 31 日まで", "period", "2015-04-01 .. 2016-03-31"),
        ("①受取会費", "csv", "(1)受取会費"),
        ("金額(千円)", "unit", "千円 (scale 1000)"),
        ("昭和64年1月8日", "date_error", "昭和 ran from 1926-12-25 to 1989-01-07"),
    ],
)
def test_normalize_command(text: str, key: str, value: str) -> None:
    info = json.loads(_run(text, "--json"))
    assert info[key] == value
    assert value in _run(text)
