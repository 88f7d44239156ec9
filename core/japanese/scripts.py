"""Which script a character belongs to (kana tests shared by numbering and the lexicon)."""

from __future__ import annotations

__all__ = ["is_kana"]


def is_kana(ch: str) -> bool:
    """Hiragana, katakana (ぁ..ヺ) or the long-vowel mark ー."""
    return "\u3041" <= ch <= "\u30fa" or ch == "ー"
