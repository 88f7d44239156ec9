"""Unit marks and their scale (rules.md §3): 単位:千円, 金額(千円), a cell holding only ``千円``.

Values stay as printed; the unit and its scale (千円 → 1000) go to the column metadata. A cell
whose text is a unit mark (``千円``, ``(千円)``, ``単位:千円``) is never a number: ``千`` is a
kanji numeral, so without this rule ``千円`` read as 1000.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chohyo.model import UNIT_SCALES, Unit

__all__ = [
    "NAMES",
    "SCALES",
    "bracketed_unit",
    "find_unit",
    "is_unit_mark",
    "parse_unit",
    "split_unit_suffix",
    "unreadable_unit",
]

SCALES = UNIT_SCALES  # every name below is in it
NAMES = "百万円|千円|万円|億円|円|千人|人|件|%"
_UNIT = re.compile(rf"単位\s*[:：]?\s*({NAMES})")
_BARE = re.compile(rf"({NAMES})")
_UNIT_LINE = re.compile(r"単\s*位")
# A header's own unit: 金額(千円), 計（円）, 構成比(%), 計(単位:千円)
_SUFFIX = re.compile(rf"\s*\(\s*(?:単位\s*[:：]?\s*)?({NAMES})\s*\)\s*$")
# A whole cell that is a unit mark: 千円, (千円), [千円], 単位:千円, (単位 千円)
_MARK = re.compile(rf"^(?:単位\s*[:：]?\s*)?({NAMES})$")
_BRACKETS = (("(", ")"), ("[", "]"), ("<", ">"), ("【", "】"), ("〔", "〕"), ("［", "］"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _unit(name: str) -> Unit:
    return Unit(name, SCALES[name])


def find_unit(*texts: str) -> Unit | None:
    """The first ``単位:…`` in the texts (NFKC-folded only for the search)."""
    for t in texts:
        m = _UNIT.search(_fold(t)) or _UNIT.search(_unspaced(t))
        if m:
            return _unit(m.group(1))
    return None


def _unspaced(text: str) -> str:
    """Letter-spaced print (``（単 位千 円）``) read without its spaces."""
    return re.sub(r"\s+", "", _fold(text))


def unreadable_unit(*texts: str) -> str | None:
    """A text that prints 単位 with no unit chohyo can read after it (an OCR'd ``(単位:1J)``)."""
    for t in texts:
        folded = _fold(t)
        if _UNIT_LINE.search(folded) and not (_UNIT.search(folded) or _UNIT.search(_unspaced(t))):
            return t
    return None


def split_unit_suffix(text: str) -> tuple[str, Unit | None]:
    """``金額(千円)`` → (``金額``, Unit(千円, 1000)); a bare ``(単位:円)`` or ``千円`` header → (``""``, Unit).

    The name keeps its printed characters; only the suffix is read folded.
    """
    folded = _fold(text)
    m = _SUFFIX.search(folded)
    if not m:
        bare = folded.strip().strip("()")
        whole = _UNIT.fullmatch(bare) or _BARE.fullmatch(
            bare
        )  # (単位:円), or 千円 printed alone under a name
        return (text, None) if not whole else ("", _unit(whole.group(1)))
    unit = _unit(m.group(1))
    # Cut the same number of characters from the original (NFKC keeps these one-for-one).
    head = folded[: m.start()]
    return (text[: len(head)].rstrip() if len(folded) == len(text) else head.rstrip()), unit


# A unit in brackets closing a header, as printed (no folding): 計(千円), 構成比（％）, 倍率(倍)
_BRACKETED = {
    times: re.compile(
        r"^(.*?)\s*[(（]("
        + "|".join(map(re.escape, sorted((n for n in SCALES if times or n != "倍"), key=len, reverse=True)))
        + r")[)）]$",
        re.DOTALL if times else 0,
    )
    for times in (True, False)
}


def bracketed_unit(text: str, *, times: bool = True) -> tuple[str, str] | None:
    """``計(千円)`` → (``計``, ``千円``): a header that closes with its unit in brackets, read as
    printed (``％`` stays ``％``); None without one. ``times=False``: the CSV reader's rule, where
    ``(倍)`` is not a unit and the name before the unit is one line."""
    m = _BRACKETED[times].match(text)
    return (m.group(1), m.group(2)) if m else None


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit | None:
    """The unit of a cell that holds only a unit mark: ``千円``, ``(千円)``, ``（単位：千円）``,
    ``単位:千円``, ``千円千円`` (two cells' marks read as one) → Unit(千円, 1000); two different
    units (``千円 円``) or anything else (``1,000``, ``一千円``, ``千円未満``, ``金額(千円)``) → None."""
    s = re.sub(r"\s+", " ", _fold(text)).strip()
    for left, right in _BRACKETS:
        if s.startswith(left) and s.endswith(right):
            s = s[1:-1].strip()
            break
    m = _MARK.match(s)
    if m:
        return _unit(m.group(1))
    return _repeated_mark(re.sub(r"\s+", " ", _fold(text)).strip()) if s else None


# Marks read together from neighbouring cells: 千円千円, (千円) (千円); one unit repeated counts once
_ALL_NAMES = "|".join(sorted((_fold(n) for n in set(SCALES)), key=len, reverse=True))
_ONE = rf"[(\[]?\s*(?:単\s*位\s*[:]?\s*)?({_ALL_NAMES})\s*[)\]]?"
_REPEATED = re.compile(rf"{_ONE}(?:\s*{_ONE})*")
_EACH = re.compile(_ONE)


def _repeated_mark(folded: str) -> Unit | None:
    if not _REPEATED.fullmatch(folded):
        return None
    names = {m.group(1) for m in _EACH.finditer(folded)}
    return Unit.named(names.pop()) if len(names) == 1 else None


def is_unit_mark(text: str) -> bool:
    """True for a cell whose whole text is a unit mark (``千円``, ``(千円)``, ``単位:千円``)."""
    return parse_unit(text) is not None
