"""The label lexicon in core: the scan reader reads a label once when its first reading is a word
of it (extract/ocr/read_cells.py), which is right only while normalize keeps such a label as it
keeps it with no other reading. These tests hold normalize to that, word by word."""

from __future__ import annotations

import pytest
from chohyo.japanese.accounts import account_words, is_account_word
from chohyo.normalize.document import _clean
from chohyo.normalize.lexicon import builtin_lexicon, repair_label
from chohyo.settings import Settings

WORDS = sorted(account_words())


def test_normalize_uses_the_core_lexicon() -> None:
    assert builtin_lexicon() is account_words()
    assert len(WORDS) > 300 and is_account_word("給料手当") and is_account_word("一般正味財産増減の部")
    assert (
        not is_account_word("給料 手当")
        and not is_account_word("1. 受取会費")
        and not is_account_word("給料当")
    )


@pytest.mark.parametrize(
    "others",
    [
        ("給科手当", "1. 事業費", "某某某"),  # misreadings, a numbered word, a word from nowhere
        ("",),
        ("雑収益", "経費", "諸給"),  # known words themselves
    ],
)
def test_other_readings_never_change_a_known_label(others: tuple[str, ...]) -> None:
    settings = Settings().normalize
    changed = []
    for text in WORDS:
        clean = _clean(text, settings).text  # as normalize's _label_cell sees the cell
        alone = repair_label(clean, ["給料"], ["報酬"])
        for confidence in (0.1, 0.99):
            fix = repair_label(clean, ["給料"], ["報酬"], others, confidence)
            if fix != alone or fix.doubtful:
                changed.append((text, fix))
    assert changed == []
