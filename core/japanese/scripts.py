"""Which script a character belongs to (kana tests shared by numbering and the lexicon)."""

from __future__ import annotations

__all__ = ["foreign_forms", "is_kana"]


def is_kana(ch: str) -> bool:
    """Hiragana, katakana (ぁ..ヺ) or the long-vowel mark ー."""
    return "\u3041" <= ch <= "\u30fa" or ch == "ー"


def foreign_forms(text: str) -> str:
    """The ideographs of ``text`` that no Japanese character set holds (neither JIS X 0213 nor
    Windows' cp932): simplified Chinese forms such as 爱 马 话 记, which a Japanese page never
    prints and a Chinese-trained recognizer does (its misreadings: 爱知 for 愛知)."""
    return "".join(ch for ch in text if _ideograph(ch) and not _japanese(ch))


def _ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _japanese(ch: str) -> bool:
    for encoding in ("euc_jis_2004", "cp932"):
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        return True
    return False
