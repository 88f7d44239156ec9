"""`chohyo validate TABLE.csv [--rules R]`: check the arithmetic of an existing CSV table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from chohyo.cli.app import command, handled
from chohyo.errors import ExitCode
from chohyo.model import Severity


@command
def validate(
    table: Annotated[
        Path, typer.Argument(help="CSV: header row of column paths, first column labels, plain numbers")
    ],
    rules: Annotated[Path | None, typer.Option("--rules", help="YAML or TOML rules file")] = None,
    unit: Annotated[
        str | None, typer.Option(help="display unit of the numbers (円, 千円, 百万円): sets rounding")
    ] = None,
    no_fail: Annotated[bool, typer.Option("--no-fail", help="exit 0 even when errors remain")] = False,
    show: Annotated[int, typer.Option(help="how many findings to list")] = 20,
) -> None:
    """Discover and check TABLE's sums, differences and balances; name the suspect cells."""

    from chohyo.model import Unit
    from chohyo.settings import ValidateSettings
    from chohyo.validate.csv_table import table_from_csv
    from chohyo.validate.rules_file import load_rules
    from chohyo.validate.table import validate_table
    from rich.console import Console
    from rich.table import Table as RichTable

    with handled():
        settings = ValidateSettings(rules_file=rules, fix="never")
        rule_set = load_rules(rules) if rules else None
        t = table_from_csv(table, unit=Unit.named(unit) if unit else None)
        result = validate_table(t, settings, rule_set)
    findings = result.findings
    rels = result.relations
    passed = sum(1 for r in rels if r.holds)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    console = Console()
    summary = RichTable(title=f"{table.name}: arithmetic", show_header=True)
    for name in ("relations checked", "passed", "failed", "errors", "warnings", "info"):
        summary.add_column(name, justify="right")
    summary.add_row(
        str(len(rels)),
        str(passed),
        str(len(rels) - passed),
        str(len(errors)),
        str(sum(f.severity is Severity.WARNING for f in findings)),
        str(sum(f.severity is Severity.INFO for f in findings)),
    )
    console.print(summary)
    for f in sorted(findings, key=lambda f: f.severity is not Severity.ERROR)[:show]:
        line = f"[{f.severity.value}] {f.code}: {f.message}"
        word = "candidate" if f.code == "ambiguous-correction" else "suspect"  # several fit: none chosen
        for s in f.suspects:
            line += f"\n    {word}: {s.row_label} / {s.column}: {s.found} -> {s.proposed}"
        console.print(line, markup=False, highlight=False)
    if errors and not no_fail:
        raise typer.Exit(int(ExitCode.VALIDATION_ERRORS))
