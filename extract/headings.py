"""Heading levels that nest the way the headings are numbered (第1 > 1 > (1) > ① > ア …).

A heading without numbering keeps the level its page gave it (type size, centring, indent); the
numbered headings under it nest below it in the order their numbering styles first appear there,
and a style seen before goes back to its level (①, then (ア) under it, then ② again)."""

from __future__ import annotations

import re
from dataclasses import replace

from chohyo.japanese.numbering import numbering_rank, split_numbering
from chohyo.japanese.widths import fold_width
from chohyo.model import Page, TextBlock, TextRole

_ORDINAL = re.compile(r"^第\s*[0-9一二三四五六七八九十百]{1,4}\s*([編章節款項目条部]?)")
_BARE = re.compile(r"^[0-9]{1,2}(?:\.[0-9]{1,2})*[\s\u3000]")  # 1 総則, 5.1 利用…: a number, then a space
_BRACKET = re.compile(r"^【[^】]+】")
_DECIMAL = re.compile(r"^[0-9]+\.[0-9]")
# a council paper's bill or report on a line of its own (議案第1号：…, 報告第9号): a heading
BILL = re.compile(r"^(?:議案|報告|諮問|発議|認定|承認)第\s*[0-9一二三四五六七八九十百]+\s*号")
# a heading's provenance transform: the page's layout puts it beside the section before (a new
# section at that title's level after the section's list), so its numbering opens a section there
BESIDE_SECTION = "beside-section"
# an ordinance article's caption （目的） and the 附則: one level under the heading above them
_ARTICLE_PART = re.compile(r"^(?:\([^()]{1,24}\)|附\s*則)$")


def numbering_style(text: str) -> str:
    """The kind of numbering a heading opens with (``第章``, ``1.``-style rank ``r1``, ``d1`` for a
    bare ``1`` and ``d2`` for ``5.1``, ``【】``), or "" when it has none."""
    t = fold_width(text).strip()
    if _ARTICLE_PART.match(t):
        return "条"
    m = _ORDINAL.match(t)
    if m:
        return "第" + m.group(1)
    m = _BARE.match(t)
    if m:
        return f"d{m.group().count('.') + 1}"
    if _BRACKET.match(t):
        return "【】"
    if _DECIMAL.match(t):
        return ""  # 34.1パーセント: a figure, not 34.
    token, _ = split_numbering(t)
    rank = numbering_rank(token) if token else None
    return f"r{rank}" if rank is not None else ""


def nest_headings(pages: list[Page]) -> list[Page]:
    base = 0  # the level of the last heading without numbering
    styles: list[str] = []  # the numbering styles open under it, outermost first
    out = []
    for page in pages:
        blocks: list[TextBlock] = []
        for b in page.text_blocks:
            if b.role is TextRole.HEADING:
                style = numbering_style(b.text)
                if not style:
                    base, styles = max(b.level, 1), []
                elif BESIDE_SECTION in b.provenance.transforms:  # the layout's level, not one under
                    base, styles = max(b.level - 1, 0), [style]
                else:
                    if style in styles:
                        del styles[styles.index(style) + 1 :]
                    else:
                        styles.append(style)
                    b = replace(b, level=min(base + len(styles), 6))
            blocks.append(b)
        out.append(replace(page, text_blocks=tuple(blocks)))
    return out
