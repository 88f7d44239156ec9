"""`chohyo validate TABLE.csv`: summary table, exit status, rules option."""

from __future__ import annotations

import csv
from pathlib import Path

from chohyo.cli import app
from chohyo.validate.csv_table import table_from_csv
from chohyo.validate.truth import load_truth
from typer.testing import CliRunner
from validate_helpers import fixture_path

runner = CliRunner()


def write_csv(case: str, path: Path, encoding: str = "utf-8") -> Path:
    spec = load_truth(fixture_path(case))["tables"][0]
    with path.open("w", newline="", encoding=encoding) as f:
        w = csv.writer(f)
        w.writerow(spec["columns"])
        for r in spec["rows"]:
            w.writerow([r["label"], *("" if v is None else v for v in r["values"])])
    return path


def test_consistent_csv_passes(tmp_path: Path) -> None:
    path = write_csv("budget_ruled", tmp_path / "budget.csv", "utf-8-sig")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "relations checked" in result.output
    assert "│                25 │     25 │      0 │      0 │" in result.output


def test_typos_fail_and_name_suspects(tmp_path: Path) -> None:
    path = write_csv("budget_typos", tmp_path / "typos.csv", "cp932")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "suspect: 教育講習収益 / 公益事業/公益事業1: 41946600 -> 41940600" in result.output
    assert "suspect: 給料手当 / 法人会計: 39183300 -> 39183800" in result.output  # no hierarchy in a CSV
    assert runner.invoke(app, ["validate", str(path), "--no-fail"]).exit_code == 0


def test_rules_option_silences(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("科目,本年度,前年度\n歳入,1200,1000\n歳出,900,950\n合算,2100,1951\n", encoding="utf-8")
    rules = tmp_path / "r.yaml"
    rules.write_text("relations:\n  - {target: 合算, terms: [歳入, 歳出]}\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", str(path), "--rules", str(rules)]).exit_code == 1
    rules.write_text(
        rules.read_text(encoding="utf-8") + "silence:\n  - {row: 合算, column: 前年度}\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["validate", str(path), "--rules", str(rules)]).exit_code == 0


def test_missing_file_and_bad_rules_exit_codes(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(tmp_path / "none.csv")]).exit_code == 3
    path = tmp_path / "t.csv"
    path.write_text("科目,a\nx,1\n", encoding="utf-8")
    bad = tmp_path / "r.yaml"
    bad.write_text("relations: [{target: x}]\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", str(path), "--rules", str(bad)]).exit_code == 8


def test_csv_reader_units_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        '科目,公益事業/小計(千円),計(千円),備考\n1. 会費,"1,234",△5,注\n合計,-,(12),\n', encoding="utf-8"
    )
    t = table_from_csv(path)
    assert t.unit is not None and t.unit.name == "千円" and t.columns[1].path == ("公益事業", "小計")
    assert [c.value for c in t.body_cells() if c.value is not None] == [1234, -5, -12]
    assert t.rows[0].label == "1. 会費"


def test_pairs_named_and_ambiguous_candidates_listed(tmp_path: Path) -> None:
    path = write_csv("typos/budget_typos_ambiguous", tmp_path / "ambiguous.csv")
    result = runner.invoke(app, ["validate", str(path), "--show", "50"])
    assert result.exit_code == 1
    assert "suspect:" not in result.output  # nothing no other candidate could explain
    assert "candidate: 法定福利費 / 公益事業/公益事業2: 12310200 -> 12304200" in result.output
    assert "candidate: 法定福利費 / 公益事業/公益事業3: 1580600 -> 1574600" in result.output
