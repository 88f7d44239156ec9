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
from collections.abc import Iterable, Sequence

from chohyo.extract.page_notes import across, down, noted
from chohyo.findings import FindingType, finding, register
from chohyo.model import BBox, Finding, Page, PageKind, Severity

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


# --- Figures lying outside every table found (a table's lost half) -------------------------------

register(
    FindingType(
        "amounts-outside-table",
        Severity.WARNING,
        "Figures outside the tables",
        "page {page}: {what}; they were not read into any table and no sum checks them: "
        "compare them with the page",
    )
)

OUTSIDE_NOTE = "figures outside the tables: "

# A figure as OCR may read it: digits, separators, a sign, and the letters condensed or faint digits
# turn into (概算要求額総表's right half: 898,529 → SSR5o9, 608,473 → GOR43).
_LOOKALIKE = set("OoQDSsBbIlLiZzGgqRAaeT|")
_SEPARATORS = set(",，.．、△▲-ー")
_SIGNS = {"△", "▲", "-", "－", "ー"}  # a sign read as a word of its own before its figure
_DIGITS = set("0123456789０１２３４５６７８９")
# a number followed by these is a date, an article, a page or a count, not an amount
_COUNTERS = tuple("年月日号条項頁回歳人件名か")
MIN_FIGURE_CHARS = 3  # 明細書頁数 3 and row numbers 01 are no amounts
MIN_COLUMN = 3  # figures on this many lines, one under the other, make a column
MIN_OUTSIDE = 6  # figures in such columns for the page to be warned (two columns of three rows)


def figure_like(text: str) -> bool:
    """A word that is a figure or what OCR makes of one: at least one digit, nothing but digits,
    separators and digit look-alike letters, three characters besides the separators."""
    chars = [c for c in text.strip() if c not in _SEPARATORS]
    return (
        len(chars) >= MIN_FIGURE_CHARS
        and any(c in _DIGITS for c in chars)
        and all(c in _DIGITS or c in _LOOKALIKE for c in chars)
    )


def _in_prose(words: Sequence[tuple[str, BBox]], j: int) -> bool:
    """A figure set in a sentence: a word that is no figure follows it, or comes before it, with no
    gap (26,007千円, 目標額▲26,007: 道の駅 p4's prose, where three such figures happened to end at the
    same place on three lines). A table's figure has a column gap on each side, or the line's end."""
    box = words[j][1]
    tight = 0.6 * (box.bottom - box.top)
    nxt = words[j + 1] if j + 1 < len(words) else None
    prev = words[j - 1] if j > 0 else None
    return (nxt is not None and not figure_like(nxt[0]) and nxt[1].x0 - box.x1 < tight) or (
        prev is not None
        and not figure_like(prev[0])
        and prev[0].strip() not in _SIGNS
        and box.x0 - prev[1].x1 < tight
    )


def _within(b: BBox, region: BBox, margin: float) -> bool:
    cx, cy = (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2
    return (
        region.x0 - margin <= cx <= region.x1 + margin and region.top - margin <= cy <= region.bottom + margin
    )


def outside_figures(
    lines: Sequence[Sequence[tuple[str, BBox]]], regions: Sequence[BBox]
) -> list[list[tuple[str, BBox]]]:
    """The columns of figures lying outside every region (tables, charts): words of ``lines`` (each
    line its words, in page coordinates) that look like figures, are not followed by a counter (年, 号,
    頁) and stand one under the other, right edges aligned, on ``MIN_COLUMN`` or more lines.
    Running text cites figures here and there, never as a column; a lost half of a table is columns."""
    found: list[tuple[int, str, BBox]] = []
    for i, words in enumerate(lines):
        for j, (text, box) in enumerate(words):
            after = words[j + 1][0] if j + 1 < len(words) else ""
            if not figure_like(text) or after.startswith(_COUNTERS) or _in_prose(words, j):
                continue
            margin = 0.25 * (box.bottom - box.top)
            if any(_within(box, r, margin) for r in regions):
                continue
            found.append((i, text, box))
    columns: list[list[tuple[int, str, BBox]]] = []
    for item in sorted(found, key=lambda f: f[2].x1):
        _, _, box = item
        tolerance = box.bottom - box.top  # right edges of a column's figures: within a line height
        for col in columns:
            if abs(col[-1][2].x1 - box.x1) <= tolerance and all(c[0] != item[0] for c in col):
                col.append(item)
                break
        else:
            columns.append([item])
    kept = [c for c in columns if len(c) >= MIN_COLUMN]
    return [[(t, b) for _, t, b in sorted(c, key=lambda f: f[2].top)] for c in kept]


def outside_note(columns: Sequence[Sequence[tuple[str, BBox]]], width: float, height: float) -> str | None:
    """The page note for figures outside the tables (None when too few to be a table's part)."""
    count = sum(len(c) for c in columns)
    if count < MIN_OUTSIDE:
        return None
    boxes = [b for c in columns for _, b in c]
    x0, x1 = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
    where = f"{across(x0, x1, width)}, {down(top, bottom, height)}"
    first = sorted(columns, key=lambda c: c[0][1].x0)[0]
    examples = ", ".join(t for t, _ in first[:3])
    return f"{OUTSIDE_NOTE}{count} figures in {len(columns)} columns at {where} ({examples}, …)"


def amounts_outside_tables(pages: Iterable[Page]) -> list[Finding]:
    """One warning per page noted with figures outside its tables (``outside_note``)."""
    return noted(pages, OUTSIDE_NOTE, "amounts-outside-table")
