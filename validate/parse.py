"""A strict parser for numeric cell text (rules.md §2), used to read repair candidates.

The normalize stage owns number parsing for extraction; validation only needs to turn a
candidate reading (``10,335,600``) into a value, and must refuse anything doubtful.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_FOLD = str.maketrans("０１２３４５６７８９，．（）－＋", "0123456789,.()-+")
_MINUS = "△▲-−－‐‑‒–—―﹣"
_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")


def parse_number(text: str) -> Decimal | None:
    s = text.translate(_FOLD).strip().replace(" ", "").replace("\u3000", "")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    elif s and s[0] in _MINUS:
        negative, s = True, s[1:]
    if not _NUMBER.match(s):
        return None
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if negative else value
