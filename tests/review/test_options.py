"""--pages and --formats as typed, and what a bad value does (exit 2, the usage code)."""

from __future__ import annotations

import pytest
from chohyo.cli.output_opts import parse_formats, with_output_options
from chohyo.errors import ExitCode, UsageError
from chohyo.pages import parse_pages
from chohyo.settings import Settings


def test_pages() -> None:
    assert parse_pages("1-3,7") == (1, 2, 3, 7)
    assert parse_pages(" 7, 2-3 ,2") == (2, 3, 7)
    assert parse_pages(4) == (4,) and parse_pages([3, 1]) == (1, 3)


@pytest.mark.parametrize("spec", ["", "0", "3-1", "a", "1-", "1,,2", "1-999999999"])
def test_bad_pages(spec: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_pages(spec)
    assert err.value.exit_code is ExitCode.USAGE


def test_formats() -> None:
    flags = parse_formats("csv,xlsx,review")
    assert flags == {
        "csv": True,
        "parquet": False,
        "json": False,
        "markdown": False,
        "xlsx": True,
        "review": True,
        "datapackage": True,
    }
    assert parse_formats("json")["datapackage"] is False
    with pytest.raises(UsageError, match="unknown pdf"):
        parse_formats("csv,pdf")


def test_defaults_unchanged() -> None:
    s = with_output_options(Settings())
    assert (s.emit.csv, s.emit.parquet, s.emit.json, s.emit.markdown) == (True, True, True, True)
    assert not s.emit.xlsx and not s.emit.review and s.extract.pages == ()
    s = with_output_options(Settings(), "csv,parquet,json,md", "2-3", None)
    assert s.emit == Settings().emit and s.extract.pages == (2, 3)
