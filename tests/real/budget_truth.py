"""A budget book's 目 checked against hand truth the same way for every book (fixtures/real/*/budget.json)."""

from __future__ import annotations

from decimal import Decimal

from chohyo.budget import BudgetLine

SOURCES = ("国県支出金", "地方債", "その他", "一般財源")


def amount(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def check_moku(lines: list[BudgetLine], truth: dict) -> list[list[object]]:  # type: ignore[type-arg]
    """Assert the 目's three values and (where the truth has them) its 財源; return its 節 rows
    as [number, name, amount], for the caller to compare with what was read by hand."""
    assert lines, f"no line for {truth['moku']}"
    moku = lines[0].moku
    assert (moku.current, moku.previous, moku.change) == tuple(
        amount(truth[k]) for k in ("current", "previous", "change")
    )
    if "sources" in truth:
        src = lines[0].sources
        printed = (src.national_prefectural, src.bonds, src.other, src.general)
        assert printed == tuple(amount(truth["sources"][k]) for k in SOURCES)
    return [[x.setsu_number, x.setsu_name, x.setsu_amount] for x in lines if x.setsu_number]
