"""Item numbering in labels (rules.md §1, §4): ``Ⅰ``, ``1.``, ``(1)``, ``1)``, ``①``, ``⑴``, ``ア``,
``(ア)``, ``(a)``, ...; levels ``Ⅰ`` > ``1.`` > ``(1)`` > ``1)`` > ``①`` > ``(ア)`` > ``(a)``.

``split_numbering`` is the one parser: it returns the token and the rest. Municipal budgets number
their hierarchy 款 > 項 > 目 > 節 (``第1款``, ``第十二項``): read only with ``budget=True`` (a stage opts
in; ``budget_rank`` orders them). Two readers keep their own, narrower grammar, selected by a
parameter (each is what its stage was tuned on):

- ``ocr=True``: labels read by OCR (``clean_label`` of the scan reader): ``Ⅰ``..``Ⅵ``, ``1.``,
  ``(1)``/``（1）``, ``①``..``⑳``, ``ア.``..``オ.``; the token may stand alone, and the rest loses
  its leading spaces;
- ``numbering_level`` / ``strip_numbering``: the validator's prefix reading of a label (any
  number of digits, full width, ``⑴``..``⑽``, no bare katakana), used to rank hypotheses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from chohyo.japanese.kanji_numerals import KANJI_CHARS
from chohyo.japanese.scripts import is_kana

__all__ = [
    "BUDGET_LEVELS",
    "LIST_ITEM",
    "OCR_LIST_ITEM",
    "WRAPPED_NUMBERING",
    "budget_rank",
    "numbering_level",
    "numbering_rank",
    "split_numbering",
    "strip_numbering",
]

# A leading numbering token: Ⅰ, Ⅱ., I., 1., 1), (1), ①, ⑴, ⒈, ア, ア., (ア), (a). Width-folded input.
_NUMBERING = re.compile(
    r"""^(?:
        [\u2160-\u217f][.,、]?
      | (?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.
      | \d{1,2}[.,、)]
      | \(\d{1,2}\)
      | [\u2460-\u2473\u24eb-\u24f4\u2776-\u277f]
      | [\u2474-\u2487]
      | [\u2488-\u249b]
      | \([\u30a2-\u30f3]\)
      | [\u30a2-\u30f3][.,、)]?
      | \([a-z]\)
    )""",
    re.VERBOSE,
)
_KATAKANA_ONLY = re.compile(r"^[\u30a2-\u30f3][.,、)]?$")
# OCR'd labels (the scan reader's clean_label): the token, then the rest without leading spaces.
_OCR_NUMBERING = re.compile(r"^(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|\d{1,2}[.．]|\(\d{1,2}\)|（\d{1,2}）|[①-⑳]|[ア-オ][.．])\s*(.*)$")


BUDGET_LEVELS = "款項目節"  # outermost first (地方自治法施行規則: 款 > 項 > 目 > 節)
_BUDGET = re.compile(rf"^第\s*([0-9０-９]{{1,3}}|[{KANJI_CHARS}]{{1,4}})\s*([{BUDGET_LEVELS}])")


def split_numbering(label: str, *, ocr: bool = False, budget: bool = False) -> tuple[str, str]:
    """``(1) 経常収益`` → (``(1)``, ``経常収益``); ``給料手当`` → (``""``, ``給料手当``).

    A lone katakana counts as numbering only before a non-kana remainder (``ア 受取会費``), so
    ``ソフトウェア`` keeps its ソ; a token with nothing after it is not numbering.
    ``ocr=True``: the OCR label grammar (see the module doc); ``Ⅰ`` alone → (``Ⅰ``, ``""``).
    ``budget=True``: a budget book's ``第1款 県税`` → (``第1款``, ``県税``) as well.
    """
    if budget:
        m = _BUDGET.match(label.strip())
        if m:
            rest = label.strip()[m.end() :].lstrip()
            if rest:
                return m.group(), rest
    if ocr:
        m = _OCR_NUMBERING.match(label)
        return (m.group(1), m.group(2)) if m else ("", label)
    return _split(label)


@lru_cache(maxsize=1 << 14)  # pure; every label of every table, twice
def _split(label: str) -> tuple[str, str]:
    s = label.strip()
    m = _NUMBERING.match(s)
    if not m:
        return "", s
    token, rest = m.group(), s[m.end() :].lstrip()
    if not rest:
        return "", s
    if _KATAKANA_ONLY.match(token):
        bare = token.rstrip(".,、)")
        attached = s[len(token) :][:1] != " "
        if bare == token and attached:  # ソフト…: a word, not ア as numbering
            return "", s
        if any(is_kana(ch) for ch in rest.replace(" ", "")[:1]):
            return "", s
    return token, rest


_RANKS = [
    (re.compile(r"^(?:[\u2160-\u217f][.,、]?|(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.)$"), 0),
    (re.compile(r"^\d{1,2}[.,、]$|^[\u2488-\u249b]$"), 1),
    (re.compile(r"^\(\d{1,2}\)$|^[\u2474-\u2487]$"), 2),
    (re.compile(r"^\d{1,2}\)$"), 3),
    (re.compile(r"^[\u2460-\u2473\u24eb-\u24f4\u2776-\u277f]$"), 4),
    (re.compile(r"^\([\u30a2-\u30f3]\)$|^[\u30a2-\u30f3][.,、)]?$"), 5),
    (re.compile(r"^\([a-z]\)$"), 6),
]


@lru_cache(maxsize=1 << 13)
def numbering_rank(token: str) -> int | None:
    """``Ⅰ`` → 0, ``1.`` → 1, ``(1)`` → 2, ``1)`` → 3, ``①`` → 4, ``(ア)`` → 5, ``(a)`` → 6; None if
    the token (from ``split_numbering``) is not numbering."""
    for pattern, rank in _RANKS:
        if pattern.match(token):
            return rank
    return None


def budget_rank(token: str) -> int | None:
    """``第1款`` → 0, ``第2項`` → 1, ``第3目`` → 2, ``第4節`` → 3; None for any other token."""
    m = _BUDGET.fullmatch(token)
    return BUDGET_LEVELS.index(m.group(2)) if m else None


_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# The validator's prefix levels, outermost first: Ⅰ > 1. > (1) > 1) > ① > (ア)
_LEVELS = [
    (0, re.compile(rf"^\s*(?:[{_ROMAN}]|[IVX]+\.)\s*\.?")),
    (1, re.compile(r"^\s*[0-9０-９]+\s*[.．、]")),
    (2, re.compile(r"^\s*[(（][0-9０-９]+[)）]|^\s*[⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽]")),
    (3, re.compile(r"^\s*[0-9０-９]+[)）]")),
    (4, re.compile(rf"^\s*[{_CIRCLED}]")),
    (5, re.compile(r"^\s*[(（][ア-ン][)）]")),
]


@lru_cache(maxsize=1 << 14)
def numbering_level(label: str, numbering: str = "") -> int | None:
    """The validator's level of a label's numbering: 0 for Ⅰ, 1 for 1., 2 for (1), ...; None when
    the label is not numbered. ``numbering``: the token already split off, read instead."""
    text = numbering or label
    for level, pat in _LEVELS:
        if pat.match(text):
            return level
    return None


@lru_cache(maxsize=1 << 14)
def strip_numbering(label: str) -> str:
    """The label without the prefix ``numbering_level`` reads (``1. 会費`` → ``会費``), trimmed."""
    for _, pat in _LEVELS:
        m = pat.match(label)
        if m:
            return label[m.end() :].strip()
    return label.strip()


# --- line-start tests of the extract stage ----------------------------------------------------
# Prefix tests only (no token/rest split), each tuned on its own pages; kept here beside the parser
# so the grammars can be compared and changed together.

# A text line that opens a list item (the digital text reader; bullets are tested apart):
# 1. 1) (1 (1) （1） ① ⑴ ア. ア); not a decimal number (３４．１パーセント, a wrapped line of text)
LIST_ITEM = re.compile(
    r"^\s*(?:\(?[0-9０-９]{1,2}[).）．.](?![0-9０-９])|[（(][0-9０-９]{1,2}[)）]|[①-⑳⑴-⒇]|[ア-ン][.．)）])"
)

# An OCR'd text line that opens a list item: a bullet or (1) （1） 1. 1) ① ア.; not a decimal
# number opening a wrapped line (34.1パーセント)
OCR_LIST_ITEM = re.compile(
    r"^\s*([・●○■□◆◇▪\-–•]|\(\d+\)|（\d+）|\d+[.．)](?![0-9０-９])|[①-⑳]|[ア-ン][.．)])"
)

# The numbering token before a table label's name, with the space after it (wrapped labels):
# Ⅰ, 1., 1), 1 (a space), (1), （1）, (一), ①, ⑴, ⒈, ア., (ア), (a), ア (a space)
WRAPPED_NUMBERING = re.compile(
    r"^(?:[\u2160-\u217f]+[.．、]?\s*|[0-9０-９]{1,3}(?:[.．、)）]\s*|\s+)|[(（][0-9０-９一二三四五六七八九十]{1,3}[)）]\s*"
    r"|[\u2460-\u249b\u24eb-\u24f4\u2776-\u277f]\s*|[(（][\u30a2-\u30f3a-z][)）]\s*|[\u30a2-\u30f3][.．、)）]\s*|[\u30a2-\u30f3]\s+)"
)
