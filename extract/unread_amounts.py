"""A scanned page full of amounts that yields no table says so (issue 15).

OCR finds a table by its rules or by the alignment of its words; when both fail (a faint or
photographed page, a receipt, a budget summary written as prose) the amounts end up in the page's
text, where no arithmetic checks them. Reported as ``success`` that page would tell a clerk that
nothing is left to look at: it gets a warning naming how many amounts its text holds.

Only OCR'd pages: a born-digital page's tables are found from its drawn rules and exact positions,
and its prose amounts are read exactly (the report's own text pages stay quiet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from chohyo.findings import FindingType, finding, register
from chohyo.model import Finding, Page, PageKind, Severity

register(
    FindingType(
        "amounts-without-table",
        Severity.WARNING,
        "Amounts but no table",
        "page {page}: {count} amounts were read in the text ({examples}, …) but no table was found; "
        "they are not checked by any sum: compare them with the page",
    )
)

# A page needs this many amounts in its text to be "full of digits": a letter's date, a law's
# article numbers and a phone number are no amounts, and a paragraph citing a few (報告第4号's
# 説明資料 p1: 5) is prose; 当初予算の概要 p1, a budget told in sentences, has 37.
MIN_AMOUNTS = 8

_AMOUNT = re.compile(
    r"(?<![\d,，.])(?:[△▲-]\s?)?"
    r"(?:[￥¥]\s?\d[\d,，]*"  # ￥529, ¥1,000
    r"|\d{1,3}(?:[,，.]\d{3})+(?![\d])"  # 23,340,000 (a dot between groups of three: a misread comma)
    r"|\d+(?=\s?(?:千円|百万円|万円|円)))"  # 490,000千円 is caught above; 529円
)


def amounts_in(text: str) -> list[str]:
    """The amounts written in ``text`` (grouped by commas, marked with a yen sign or 円)."""
    return [m.group(0) for m in _AMOUNT.finditer(text)]


def amounts_without_table(pages: Iterable[Page]) -> list[Finding]:
    out = []
    for page in pages:
        if page.tables or page.kind is PageKind.DIGITAL:
            continue
        found = [a for b in page.text_blocks for a in amounts_in(b.text)]
        if len(found) >= MIN_AMOUNTS:
            out.append(
                finding(
                    "amounts-without-table",
                    page=page.number,
                    count=len(found),
                    examples=", ".join(found[:3]),
                )
            )
    return out
