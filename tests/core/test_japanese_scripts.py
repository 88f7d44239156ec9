"""Characters no Japanese text prints (core/japanese/scripts.py): a Chinese-trained recognizer's
simplified forms, which name a misread text cell (extract/ocr/doubt.py)."""

from __future__ import annotations

import pytest
from chohyo.japanese.scripts import foreign_forms


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("爱知景名古屋市西工名禹人2-278.", "爱"),  # 愛知県 read by RapidOCR, its 愛 in the Chinese form
        ("马以上の支出はでべて個別に記暇し", "马"),
        ("に一舌记載して", "记"),
        ("(注)同一(注:)词一順に", "词"),
        ("愛知県名古屋市西区名駅", ""),
        ("髙橋 﨑山 德川 黑川", ""),  # forms of names: in cp932 or JIS X 0213
        ("自由民主党東京都中野区第二十支部", ""),
        ("KCC株式会社 2-27-8", ""),
    ],
)
def test_forms_no_japanese_text_prints(text: str, forms: str) -> None:
    assert foreign_forms(text) == forms
