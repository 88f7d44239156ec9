"""Validate every table of a Document."""

from __future__ import annotations

from dataclasses import replace

from chohyo.findings import CATALOGUE, FindingType, finding, register
from chohyo.model import Document, Finding, Severity, Table
from chohyo.runtime import gc_paused
from chohyo.settings import ValidateSettings
from chohyo.validate.budget import validate_budget
from chohyo.validate.halves import balance_halves
from chohyo.validate.rules_file import Rules, load_rules
from chohyo.validate.staggered import staggered_totals
from chohyo.validate.table import validate_table
from chohyo.validate.unconfirmed import unconfirmed_amounts

if "validation-skipped" not in CATALOGUE:
    register(
        FindingType(
            "validation-skipped",
            Severity.WARNING,
            "Table not validated",
            "table {table}: its arithmetic could not be checked ({reason})",
        )
    )


def validate_document(doc: Document, settings: ValidateSettings) -> Document:
    """Discover, check, locate and repair each table; add relations and findings."""
    if not settings.enabled:
        return doc
    with gc_paused():
        return _validate_document(doc, settings)


def _validate_document(doc: Document, settings: ValidateSettings) -> Document:
    rules: Rules | None = load_rules(settings.rules_file) if settings.rules_file else None
    findings: list[Finding] = []
    pages = []
    for page in doc.pages:
        tables: list[Table] = []
        for table in page.tables:
            try:
                result = validate_table(table, settings, rules)
            except (
                ArithmeticError,
                ValueError,
                IndexError,
                KeyError,
            ) as err:  # one odd table must not sink the document
                findings.append(
                    finding(
                        "validation-skipped",
                        page=page.number,
                        table=table.id,
                        reason=f"{type(err).__name__}: {err}",
                    )
                )
                tables.append(table)
                continue
            tables.append(result.table)
            findings += result.findings
        pages.append(replace(page, tables=tuple(tables)))
    findings += unconfirmed_amounts(doc.amounts)  # OCR'd sums in the prose: confirmed or named
    doc = replace(doc, pages=tuple(pages), findings=doc.findings + tuple(findings))
    # the budget book's own sums, when the document has them; a balance sheet's two halves;
    # totals staggered over a 内訳 | 計 pair
    return staggered_totals(balance_halves(validate_budget(doc)))
