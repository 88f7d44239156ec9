"""Check a budget book's own sums (``chohyo.budget``): 目 = Σ節, 項 = Σ目, 款 = Σ項, 合計 = Σ款.

Each relation joins figures printed in different places (a 目 row and the 節 lines facing it, a
項's 計 and its 目 rows, a heading's 款 amount and its 項, the 総括's 合計 and the 款). Figures are
the printed integers, so a relation holds exactly or not at all; one that fails is an error
finding naming both sides.
"""

from __future__ import annotations

from dataclasses import replace

from chohyo.budget import Budget
from chohyo.findings import finding
from chohyo.model import Document, Finding


def check_budget(budget: Budget) -> tuple[Budget, list[Finding]]:
    relations = []
    findings: list[Finding] = []
    for rel in budget.relations:
        holds = rel.total == rel.target
        relations.append(replace(rel, holds=holds))
        if not holds:
            findings.append(
                finding(
                    "sum-mismatch",
                    page=rel.page or None,
                    table=rel.table or None,
                    expected=rel.total,
                    found=rel.target,
                    where=f"{rel.division} {rel.target_label} ({rel.kind})",
                    formula=" + ".join(rel.term_labels),
                )
            )
    return replace(budget, relations=tuple(relations)), findings


def validate_budget(doc: Document) -> Document:
    if doc.budget is None:
        return doc
    budget, findings = check_budget(doc.budget)
    return replace(doc, budget=budget, findings=doc.findings + tuple(findings))
