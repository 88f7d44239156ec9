"""Validate every table of a Document."""

from __future__ import annotations

from dataclasses import replace

from chohyo.model import Document, Finding, Table
from chohyo.settings import ValidateSettings
from chohyo.validate.rules_file import Rules, load_rules
from chohyo.validate.table import validate_table


def validate_document(doc: Document, settings: ValidateSettings) -> Document:
    """Discover, check, locate and repair each table; add relations and findings."""
    if not settings.enabled:
        return doc
    rules: Rules | None = load_rules(settings.rules_file) if settings.rules_file else None
    findings: list[Finding] = []
    pages = []
    for page in doc.pages:
        tables: list[Table] = []
        for table in page.tables:
            result = validate_table(table, settings, rules)
            tables.append(result.table)
            findings += result.findings
        pages.append(replace(page, tables=tuple(tables)))
    return replace(doc, pages=tuple(pages), findings=doc.findings + tuple(findings))
