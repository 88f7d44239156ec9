"""Is this text a unit mark? (``千円``, ``(千円)``, ``単位:千円``, ``千円千円``, ``%``, ``人``).

Shared by every stage that must tell a printed unit from a value: normalize turns a column's
unit mark into the column's unit (never a value), validate never checks a line of unit marks.
Only this question lives here; reading numbers is ``chohyo.normalize.numbers``' job.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chohyo.model import UNIT_SCALES, Unit

__all__ = ["unit_mark"]

_NAMES = "|".join(sorted((unicodedata.normalize("NFKC", n) for n in set(UNIT_SCALES)), key=len, reverse=True))
_ONE = rf"[(\[]?\s*(?:単\s*位\s*[:]?\s*)?({_NAMES})\s*[)\]]?"
_MARK = re.compile(rf"{_ONE}(?:\s*{_ONE})*")
_EACH = re.compile(_ONE)


@lru_cache(maxsize=4096)
def unit_mark(text: str) -> Unit | None:
    """The unit when ``text`` is nothing but a unit mark (repeated marks of one unit count once).

    ``千円`` → Unit(千円, 1000); ``（単位：千円）`` → Unit(千円, 1000); ``千円千円`` (two cells'
    marks read as one) → Unit(千円, 1000); ``千円 円`` (two different units) → None; ``1,000千円``,
    ``一千円`` → None (an amount, not a mark).
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if not s or not _MARK.fullmatch(s):
        return None
    names = {m.group(1) for m in _EACH.finditer(s)}
    if len(names) != 1:
        return None
    return Unit.named(names.pop())
