"""Full-width folding (rules.md §1-2): targeted tables, never a whole-string NFKC.

NFKC turns ``①`` into ``1`` and ``㍻`` into ``平成``; these tables fold only what they name.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ASCII", "DIGITS", "NUMBER", "fold_ascii", "fold_digits", "fold_number", "fold_width"]

# ０..９ → 0..9
DIGITS: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
# digits and ，．（）％＋－ only: what a numeric cell may hold (rules.md §2)
NUMBER: dict[int, int] = {
    **DIGITS,
    **{ord(a): ord(b) for a, b in zip("，．（）％＋－", ",.()%+-", strict=True)},
}
# all of full-width ASCII ！..～ (Ｈ２７．４．１, labels)
ASCII: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}

_HALF_KANA = re.compile("[\uff61-\uff9f]+")


def fold_digits(text: str) -> str:
    """``１２３`` → ``123``; nothing else changes."""
    return text.translate(DIGITS)


def fold_number(text: str) -> str:
    """``△１，２３４．５％`` → ``△1,234.5%``: digits and ``，．（）％＋－`` only."""
    return text.translate(NUMBER)


def fold_ascii(text: str) -> str:
    """Full-width ASCII (``！``..``～``) → ASCII; everything else unchanged."""
    return text.translate(ASCII)


def fold_width(text: str) -> str:
    """Label width folding: full-width ASCII → ASCII, half-width katakana → full width (kana is
    never made half width)."""
    out = text.translate(ASCII)
    if any("\uff61" <= ch <= "\uff9f" for ch in out):
        out = _HALF_KANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), out)
    return out
