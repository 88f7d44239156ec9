"""Characters OCR reads for digits in numeric cells (rules.md §2, Tesseract's jpn.unicharambigs).

One base table, the rules.md list: ``O o 〇 。 °`` → 0, ``l I | ｜ 丨 ー`` → 1, ``S`` → 5, ``B`` → 8,
``Z`` → 2, circled digits → digits, ``、`` as a separator. Each reader widens or narrows it, and
the difference is named here:

- ``CANDIDATES`` (normalize: readings offered beside an unparseable cell, never applied): the
  base, plus ``○`` and the negative circled digits ``❶``..``❾``;
- ``REPAIR_LETTERS`` (validate: readings tried against the arithmetic, which decides): the base
  plus ``D Q`` → 0, ``一`` → 1, ``s`` → 5, ``z`` → 2, ``G b`` → 6, ``g q`` → 9 and full-width
  ``，．`` (no ``○``, no ``❶``);
- ``STRAY_DIGITS`` (the scan's borderless-table reader, telling a number token from a word): only
  ``O o 〇`` → 0, ``l I |`` → 1 and the separators ``，、．``.

Accept a confusion fix only when the arithmetic confirms it (rules.md §4).
"""

from __future__ import annotations

__all__ = ["BASE", "CANDIDATES", "REPAIR_LETTERS", "STRAY_DIGITS"]

_CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(9)}  # ①..⑨
_NEGATIVE_CIRCLED = {chr(0x2776 + i): str(i + 1) for i in range(9)}  # ❶..❾

BASE: dict[str, str] = {
    **dict.fromkeys("Oo〇。°", "0"),
    **dict.fromkeys("lI|｜丨ー", "1"),
    "S": "5",
    "B": "8",
    "Z": "2",
    "、": ",",
    **_CIRCLED,
}

CANDIDATES: dict[str, str] = {**BASE, "○": "0", **_NEGATIVE_CIRCLED}

REPAIR_LETTERS: dict[str, str] = {
    **BASE,
    "D": "0",
    "Q": "0",
    "一": "1",
    "s": "5",
    "z": "2",
    "G": "6",
    "b": "6",
    "g": "9",
    "q": "9",
    "，": ",",
    "．": ".",
}

STRAY_DIGITS: dict[str, str] = {
    **dict.fromkeys("Oo〇", "0"),
    **dict.fromkeys("lI|", "1"),
    "，": ",",
    "、": ",",
    "．": ".",
}
