"""The label lexicon: 勘定科目 and table words (accounts.txt), shared by two stages.

The normalize stage repairs OCR'd labels towards these words (normalize/lexicon.py); the scan
reader asks whether a label's first reading is already one of them, and then reads it no second
time (a known word is kept as read, whatever other readings say: normalize/lexicon.py ``_repair``;
tests/core/test_japanese_accounts.py holds normalize to that for every word).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["account_words", "is_account_word"]


@cache
def account_words() -> frozenset[str]:
    raw = resources.files("chohyo.japanese").joinpath("accounts.txt").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def is_account_word(text: str) -> bool:
    """``text``, exactly as read (no space, no item number, no mark around it), is a word of the lexicon.

    Numbered labels (``1. 受取会費``) are left out on purpose: normalize keeps them as read too, but
    reading them once changed the batches of the labels still read twice (RapidOCR pads a batch
    to its widest crop) enough to settle a doubtful label on budget_ruled_150 without its finding."""
    return text in account_words()
