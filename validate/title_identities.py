"""Identities that public-finance statements print by their column titles (rules.md §4).

Each is written once, for any city: the columns are found by their titles (spaces ignored), each
title must name exactly one column, and the identity is kept only where it holds in most rows (a
misprint still shows as a failure; a misread header finds nothing).

- 補正予算: 計 (補正後の額) = 補正前の額 + 補正額; 補正額 = Σ 財源内訳 (those printed, 一般財源 among them)
- 決算 歳出: 不用額 = 予算現額 − 支出済額 − 翌年度繰越額 (the carry-over column when printed)
- 決算 歳入: 収入未済額 = 調定額 − 収入済額 − 不納欠損額 (the write-off column when printed)
- 決算 収支: 形式収支 = 歳入額 − 歳出額; 実質収支 = 形式収支 − 翌年度へ繰り越すべき財源
- 基金・地方債 現在高 (balance chains): each 年度末現在高 / 残高 column = the balance column before it
  + the increases (増加, 発行, 積立, 借入) − the decreases (減少, 償還, 取崩) printed between them;
  one period or several (令和2年度末 | 3年度 発行 | 償還 | 3年度末 | 4年度 発行 | 償還 | 4年度末)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from chohyo.validate.view import View


@dataclass(frozen=True)
class Part:
    name: str
    pattern: re.Pattern[str]
    sign: int = 1
    required: bool = True
    exclude: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Identity:
    kind: str  # sum | difference | balance
    target: Part
    terms: tuple[Part, ...]
    min_terms: int = 1


def _p(text: str) -> re.Pattern[str]:
    return re.compile(text)


_CHANGE_NOT = _p(r"補正[前後]|財源|内訳")  # 補正額 itself, not 補正額の財源内訳/…

IDENTITIES: tuple[Identity, ...] = (
    Identity(
        "sum",
        Part("計", _p(r"^計$|補正後"), exclude=_p(r"補正前")),
        (Part("補正前の額", _p(r"補正前")), Part("補正額", _p(r"補正額"), exclude=_CHANGE_NOT)),
    ),
    Identity(
        "sum",
        Part("補正額", _p(r"補正額"), exclude=_CHANGE_NOT),
        (
            Part("国県支出金", _p(r"国(庫)?[・]?県(支出金)?|国県支出金"), required=False),
            Part("地方債", _p(r"地方債"), required=False),
            Part("その他", _p(r"その他"), required=False),
            Part("一般財源", _p(r"一般財源")),
        ),
        min_terms=2,
    ),
    Identity(
        "difference",
        Part("不用額", _p(r"不用額")),
        (
            Part("予算現額", _p(r"予算現額")),
            Part("支出済額", _p(r"支出済額"), -1),
            Part("翌年度繰越額", _p(r"翌年度繰越"), -1, required=False),
        ),
    ),
    Identity(
        "difference",
        Part("形式収支", _p(r"形式収支|歳入歳出差引")),
        (
            Part("歳入額", _p(r"^歳入(総)?額|^歳入決算額")),
            Part("歳出額", _p(r"^歳出(総)?額|^歳出決算額"), -1),
        ),
    ),
    Identity(
        "difference",
        Part("実質収支", _p(r"実質収支")),
        (
            Part("形式収支", _p(r"形式収支|歳入歳出差引")),
            Part("翌年度繰越財源", _p(r"翌年度.*繰越.*財源|繰り越すべき財源"), -1),
        ),
    ),
    Identity(
        "difference",
        Part("収入未済額", _p(r"収入未済額")),
        (
            Part("調定額", _p(r"調定額")),
            Part("収入済額", _p(r"収入済額"), -1, exclude=_p(r"未済")),
            Part("不納欠損額", _p(r"不納欠損"), -1, required=False),
        ),
    ),
)


def _squash(title: str) -> str:
    return title.replace(" ", "").replace("\u3000", "")


def _index(titles: list[str], part: Part) -> int | None:
    """The only column whose title matches (None when none or several do)."""
    hits = [
        i
        for i, t in enumerate(titles)
        if part.pattern.search(t) and not (part.exclude and part.exclude.search(t))
    ]
    return hits[0] if len(hits) == 1 else None


def title_identities(view: View) -> list[tuple[str, int, tuple[tuple[int, int], ...], tuple[str, ...]]]:
    """(kind, target, signed terms, names) for each identity whose columns all carry values."""
    if view.axis != "col":
        return []
    titles = [_squash(t) for t in view.titles]
    has = view.has_values
    out = []
    for ident in IDENTITIES:
        target = _index(titles, ident.target)
        if target is None or not has[target]:
            continue
        terms: list[tuple[int, int]] = []
        names = [ident.target.name]
        for part in ident.terms:
            i = _index(titles, part)
            if i is None or not has[i]:
                if part.required:
                    break
                continue
            terms.append((i, part.sign))
            names.append(part.name)
        else:
            columns = [target, *(i for i, _ in terms)]
            if len(set(columns)) == len(columns) and len(terms) >= ident.min_terms:
                out.append((ident.kind, target, tuple(terms), tuple(names)))
    return out + balance_chains(view)


_BALANCE = re.compile(r"年度末|現在高|残高")
_INCREASE = re.compile(r"増加|発行|積立|借入")
_DECREASE = re.compile(r"減少|償還|取崩")


def balance_chains(view: View) -> list[tuple[str, int, tuple[tuple[int, int], ...], tuple[str, ...]]]:
    """(kind, target, signed terms, names): closing = opening + increases − decreases, for each pair
    of balance columns with only signed changes between them (a column of another kind, or none,
    between two balances says nothing)."""
    if view.axis != "col":
        return []
    titles = [_squash(t) for t in view.titles]
    has = view.has_values
    change = [bool(_INCREASE.search(t)) != bool(_DECREASE.search(t)) for t in titles]
    balances = [
        i
        for i, t in enumerate(titles)
        if has[i] and _BALANCE.search(t) and not (_INCREASE.search(t) or _DECREASE.search(t))
    ]
    out = []
    for a, b in pairwise(balances):
        between = range(a + 1, b)
        if not between or not all(change[i] for i in between):
            continue
        terms = [(a, 1)] + [(i, -1 if _DECREASE.search(titles[i]) else 1) for i in between if has[i]]
        if len(terms) < 2:
            continue
        names = (view.titles[b], *(view.titles[i] for i, _ in terms))
        out.append(("balance", b, tuple(terms), names))
    return out
