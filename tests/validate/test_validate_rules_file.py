"""User rules files (YAML and TOML): declared relations, silenced findings, tolerance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from chohyo.errors import ConfigError
from chohyo.model import Document, Page, Severity
from chohyo.settings import ValidateSettings
from chohyo.validate import validate_document
from chohyo.validate.rules_file import load_rules, parse_rules
from chohyo.validate.table import validate_table
from validate_helpers import make_table

COLS = ["科目", "本年度", "前年度", "差"]
# 差 is not labelled as a difference, and 合算 is not a total name: nothing to discover here.
ROWS = [("歳入", [1200, 1000, 200]), ("歳出", [900, 950, -50]), ("合算", [2100, 1950, 150])]

YAML = """
relations:
  - target: 合算
    terms: [歳入, 歳出]
  - target: 差
    terms: [本年度, "-前年度"]
    axis: col
    kind: difference
"""
TOML = """
[[relations]]
target = "合算"
terms = ["歳入", "歳出"]

[[relations]]
target = "差"
terms = ["本年度", "-前年度"]
axis = "col"
kind = "difference"
"""


@pytest.mark.parametrize(("name", "text"), [("rules.yaml", YAML), ("rules.toml", TOML)])
def test_declared_relations_are_checked(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    rules = load_rules(path)
    table = make_table(COLS, ROWS)
    result = validate_table(table, ValidateSettings(discover=False), rules)
    assert {r.description for r in result.relations} == {"合算 = 歳入 + 歳出", "差 = 本年度 - 前年度"}
    assert all(r.holds and r.source == "rules-file" for r in result.relations)
    bad = make_table(COLS, [*ROWS[:2], ("合算", [2100, 1950, 160])])
    found = validate_table(bad, ValidateSettings(discover=False), rules).findings
    assert {(f.code, f.cells[0].row_label, f.cells[0].column) for f in found} == {
        ("sum-mismatch", "合算", "差"),
        ("difference-mismatch", "合算", "差"),
    }


def test_silence_and_tolerance() -> None:
    table = make_table(COLS, [*ROWS[:2], ("合算", [2100, 1951, 150])])
    base = {"relations": [{"target": "合算", "terms": ["歳入", "歳出"]}]}
    loud = validate_table(table, ValidateSettings(discover=False), parse_rules(base)).findings
    assert [f.code for f in loud] == ["sum-mismatch"] + ["ambiguous-correction"] * 3  # any of the 3 cells
    quiet = parse_rules({**base, "silence": [{"code": "sum-mismatch", "row": "合算", "column": "前年度"}]})
    assert validate_table(table, ValidateSettings(discover=False), quiet).findings == []
    other_column = parse_rules({**base, "silence": [{"row": "合算", "column": "本年度"}]})
    assert [
        f.code
        for f in validate_table(table, ValidateSettings(discover=False), other_column).findings
        if f.severity is Severity.ERROR
    ] == ["sum-mismatch"]
    tolerant = parse_rules({**base, "tolerance": 1})
    (f,) = validate_table(table, ValidateSettings(discover=False), tolerant).findings
    assert f.severity is Severity.INFO and f.code == "rounding-only"
    assert f.expected == Decimal(1950) and f.found == Decimal(1951)


def test_rules_file_through_settings(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(YAML, encoding="utf-8")
    doc = Document("x.pdf", "", (Page(1, 1.0, 1.0, tables=(make_table(COLS, ROWS),)),))
    out = validate_document(doc, ValidateSettings(rules_file=path))
    assert {r.source for r in out.tables[0].relations} >= {"rules-file"}
    assert not out.findings


def test_unknown_label_is_reported() -> None:
    rules = parse_rules({"relations": [{"target": "合算", "terms": ["歳入", "雑入"]}]})
    result = validate_table(make_table(COLS, ROWS), ValidateSettings(discover=False), rules)
    assert [f.code for f in rules.problems] == ["rule-not-found"]
    assert [f.code for f in result.findings] == ["rule-not-found"]
    assert "雑入" in rules.problems[0].message


@pytest.mark.parametrize(
    "data",
    [
        {"relation": []},
        {"relations": [{"target": "a"}]},
        {"relations": [{"target": "a", "terms": ["b"], "axis": "diagonal"}]},
        {"tolerance": "lots"},
        ["not", "a", "mapping"],
    ],
)
def test_bad_rules_are_config_errors(data: object) -> None:
    with pytest.raises(ConfigError):
        parse_rules(data)  # type: ignore[arg-type]


def test_unparseable_file_is_config_error(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("relations = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_rules(path)
