"""User rules: declare relations by label and column name, set a tolerance, silence false alarms.

A rules file is YAML (``.yaml``/``.yml``) or TOML (``.toml``) with three optional keys::

    tolerance: 1            # |found - expected| <= 1 printed unit is not an error (info only)
    relations:
      - target: 経常収益計   # row label (axis row) or column name (axis col)
        terms: [1. 受取会費, 2. 事業収益, "-雑損失"]   # a leading "-" subtracts
        axis: row           # row (default): rows combine, checked in every column; col: columns combine
        kind: sum           # sum | difference | balance (the finding code follows it)
        table: 正味財産      # optional: table id (t1) or a part of its title
    silence:
      - code: sum-mismatch  # optional, any finding code
        row: 雑収益          # optional row label
        column: 計           # optional column name
        table: t1           # optional table id or title part

Labels match exactly, else ignoring numbering and spaces (``2. 事業収益`` = ``事業収益``).
Declared relations are checked even when discovery is off; a target declared by the user is
not searched for. TOML uses ``[[relations]]`` and ``[[silence]]`` tables with the same keys.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from chohyo.errors import ConfigError
from chohyo.findings import finding
from chohyo.model import Finding, Relation, Severity, Table, Term
from chohyo.validate.labels import bare
from chohyo.validate.view import View

_KINDS = {"sum", "difference", "balance", "formula"}


@dataclass
class Rules:
    relations: list[dict[str, Any]] = field(default_factory=list)
    silence: list[dict[str, Any]] = field(default_factory=list)
    tolerance: Decimal = Decimal(0)
    problems: list[Finding] = field(default_factory=list)

    def _applies(self, spec: dict[str, Any], table: Table) -> bool:
        want = spec.get("table")
        return not want or want == table.id or str(want) in table.title

    def relations_for(self, table: Table, views: dict[str, View]) -> list[Relation]:
        out = []
        for k, spec in enumerate(self.relations, start=1):
            if not self._applies(spec, table):
                continue
            view = views[spec.get("axis", "row")]
            target = _find(view, str(spec["target"]))
            terms = []
            for t in spec.get("terms", []):
                name = str(t)
                sign = -1 if name.startswith("-") else 1
                terms.append((_find(view, name[1:] if sign < 0 else name), sign))
            missing = [
                n
                for n, i in [
                    (spec["target"], target),
                    *zip(spec.get("terms", []), [i for i, _ in terms], strict=True),
                ]
                if i is None
            ]
            if missing:
                self.problems.append(
                    finding(
                        "rule-not-found",
                        table=table.id,
                        rule=spec["target"],
                        reason=f"no {view.axis} named {', '.join(map(str, missing))} in table {table.id}",
                    )
                )
                continue
            names = [str(t) for t in spec.get("terms", [])]
            desc = (
                f"{spec['target']} = "
                + names[0]
                + "".join(f" - {n[1:]}" if n.startswith("-") else f" + {n}" for n in names[1:])
            )
            out.append(
                Relation(
                    f"{table.id}-u{k}",
                    view.axis,
                    view.lines[target],  # type: ignore[index]
                    tuple(Term(view.lines[i], s) for i, s in terms),  # type: ignore[index]
                    spec.get("kind", "sum"),
                    "rules-file",
                    1000.0,
                    description=desc,
                )
            )
        return out

    def filter(self, table: Table, found: list[Finding]) -> list[Finding]:
        """Drop silenced findings; downgrade differences within the tolerance to info."""
        out = []
        for f in found:
            if any(self._silences(s, table, f) for s in self.silence):
                continue
            if (
                f.severity is Severity.ERROR
                and self.tolerance
                and f.expected is not None
                and f.found is not None
                and abs(f.expected - f.found) <= self.tolerance
            ):
                f = replace(
                    f,
                    code="rounding-only",
                    severity=Severity.INFO,
                    message=f.message + f" (within the rules file's tolerance {self.tolerance})",
                    suspects=(),
                )
            out.append(f)
        return out

    def _silences(self, spec: dict[str, Any], table: Table, f: Finding) -> bool:
        if not self._applies(spec, table) or ("code" in spec and spec["code"] != f.code) or not f.cells:
            return False
        ref = f.cells[0]
        if "row" in spec and not _same(str(spec["row"]), ref.row_label):
            return False
        return not (
            "column" in spec
            and str(spec["column"]) != ref.column
            and str(spec["column"]) != ref.column.split("/")[-1]
        )


def _same(a: str, b: str) -> bool:
    return a == b or (bare(a) != "" and bare(a) == bare(b))


def _find(view: View, name: str) -> int | None:
    for i, label in enumerate(view.labels):
        if label == name or (view.axis == "col" and label.split("/")[-1] == name):
            return i
    for i, label in enumerate(view.labels):
        if _same(name, label):
            return i
    return None


def parse_rules(data: dict[str, Any], source: str = "rules") -> Rules:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: a rules file must be a mapping with relations, silence or tolerance")
    unknown = set(data) - {"relations", "silence", "tolerance"}
    if unknown:
        raise ConfigError(
            f"{source}: unknown key(s) {', '.join(sorted(unknown))}; use relations, silence, tolerance"
        )
    relations = list(data.get("relations") or [])
    for r in relations:
        if not isinstance(r, dict) or "target" not in r or not r.get("terms"):
            raise ConfigError(f"{source}: each relation needs a target and a list of terms: {r!r}")
        if r.get("axis", "row") not in {"row", "col"}:
            raise ConfigError(f"{source}: axis must be row or col: {r!r}")
        if r.get("kind", "sum") not in _KINDS:
            raise ConfigError(f"{source}: kind must be one of {sorted(_KINDS)}: {r!r}")
    silence = list(data.get("silence") or [])
    if not all(isinstance(s, dict) for s in silence):
        raise ConfigError(f"{source}: silence entries must be mappings (code, row, column, table)")
    try:
        tolerance = Decimal(str(data.get("tolerance", 0)))
    except ArithmeticError as err:
        raise ConfigError(f"{source}: tolerance must be a number") from err
    return Rules(relations, silence, tolerance)


def load_rules(path: str | Path) -> Rules:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read rules file {path}: {err}") from err
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text) or {}
    except Exception as err:  # both parsers raise their own error types
        raise ConfigError(f"rules file {path} is not valid {path.suffix.lstrip('.').upper()}: {err}") from err
    return parse_rules(data, str(path))
