"""Numeric cells (rules.md §2): the rules live in ``chohyo.japanese`` (one home for every stage).

Re-exported here for the normalize stage's callers: values are ``Decimal``; an OCR confusion is
recorded as a candidate reading and never applied (the validation stage decides).
"""

from __future__ import annotations

from chohyo.japanese.kanji_numerals import find_kanji_numbers, parse_kanji_number
from chohyo.japanese.numbers import ParsedNumber, format_plain, parse_number

__all__ = [
    "ParsedNumber",
    "find_kanji_numbers",
    "format_plain",
    "parse_kanji_number",
    "parse_number",
]
