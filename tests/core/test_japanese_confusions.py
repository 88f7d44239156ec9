"""rules.md §2: characters OCR reads for digits (chohyo.japanese.confusions), one base, named variants."""

import pytest
from chohyo.japanese.confusions import BASE, CANDIDATES, REPAIR_LETTERS, STRAY_DIGITS

# character → digit it stands for, and in which tables (base, candidates, repair, stray)
TABLE = [
    ("O", "0", True, True, True, True),
    ("o", "0", True, True, True, True),
    ("〇", "0", True, True, True, True),
    ("。", "0", True, True, True, False),
    ("°", "0", True, True, True, False),
    ("○", "0", False, True, False, False),
    ("D", "0", False, False, True, False),
    ("l", "1", True, True, True, True),
    ("I", "1", True, True, True, True),
    ("|", "1", True, True, True, True),
    ("ー", "1", True, True, True, False),  # Tesseract jpn reads 1 as ー (never a minus)
    ("一", "1", False, False, True, False),
    ("S", "5", True, True, True, False),
    ("B", "8", True, True, True, False),
    ("Z", "2", True, True, True, False),
    ("G", "6", False, False, True, False),
    ("、", ",", True, True, True, True),
    ("，", ",", False, False, True, True),
    ("①", "1", True, True, True, False),
    ("⑨", "9", True, True, True, False),
    ("❶", "1", False, True, False, False),
]


@pytest.mark.parametrize(("ch", "digit", "base", "candidates", "repair", "stray"), TABLE)
def test_confusion_tables(
    ch: str, digit: str, base: bool, candidates: bool, repair: bool, stray: bool
) -> None:
    for table, present in (
        (BASE, base),
        (CANDIDATES, candidates),
        (REPAIR_LETTERS, repair),
        (STRAY_DIGITS, stray),
    ):
        assert table.get(ch) == (digit if present else None)


def test_every_variant_but_the_stray_reader_widens_the_base() -> None:
    assert BASE.items() <= CANDIDATES.items()
    assert BASE.items() <= REPAIR_LETTERS.items()
    assert STRAY_DIGITS.items() <= REPAIR_LETTERS.items()
