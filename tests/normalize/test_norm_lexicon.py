"""OCR'd label repair: simplified forms, stray dots, OCR spaces, known accounts, numbering."""

import pytest
from chohyo.normalize.lexicon import builtin_lexicon, repair_label


@pytest.mark.parametrize(
    ("read", "repaired", "transform"),
    [("給科手当", "給料手当", "lexicon"), ("貸借料", "賃借料", "lexicon"), ("旅费交通费", "旅費交通費", "simplified-form"),
     ("一般正味财产增减の部", "Ⅰ 一般正味財産増減の部", "simplified-form"), ("給 ・ 料 ・ 手 ・ 当", "給料手当", "stray-dots"),
     ("教育 講習 収益", "教育講習収益", "ocr-spaces"), ("設備 減価 償却 賀", "設備減価償却費", "lexicon"),
     ("ソフ トウ ェ ア減 仁償 知 費", "ソフトウェア減価償却費", "lexicon"), ("5. 特定質 産運用益", "5. 特定資産運用益", "lexicon"),
     ("科日", "科目", "lexicon"), ("1.受取会費", "1. 受取会費", "ocr-spaces"),
     ("! 一般正味財産 増減の朗", "Ⅰ 一般正味財産増減の部", "ocr-numbering"), ("減価償却费", "減価償却費", "simplified-form"),
     # the section numeral read as 1 or I without its space, or dropped (standard sections only)
     ("1一般正味財産増滅の部", "Ⅰ 一般正味財産増減の部", "ocr-numbering"), ("I一般正味財産増減の部", "Ⅰ 一般正味財産増減の部", "ocr-numbering"),
     ("一般正味財産増減の部", "Ⅰ 一般正味財産増減の部", "ocr-numbering"), ("11指定正味財産増減の部", "Ⅱ 指定正味財産増減の部", "ocr-numbering"),
     # RapidOCR at 150 dpi: simplified look-alikes and shape confusions; a numbered heading's lost character
     ("轻費", "経費", "lexicon"), ("维費", "雑費", "lexicon"), ("諸龄", "諸給", "lexicon"), ("機围誌取益", "機関誌収益", "lexicon"),
     ("教育満暂費", "教育講習費", "lexicon"), ("诚価値却費", "減価償却費", "lexicon"), ("特定資商受取利息", "特定資産受取利息", "lexicon"),
     ("2. 理費", "2. 管理費", "lexicon"), ("1. 集費", "1. 事業費", "lexicon")],
)
def test_repairs(read: str, repaired: str, transform: str) -> None:
    fix = repair_label(read)
    assert fix.text == repaired and transform in fix.transforms


@pytest.mark.parametrize("label", ["給料手当", "1. 受取会費", "適当な語", "l 受取", "Net Assets", "1受取会費", "Ⅰ 一般正味財産増減の部", "2. 会費", "取引"])
def test_good_or_unknown_labels_are_left_alone(label: str) -> None:
    assert repair_label(label).text == label and not repair_label(label).changed


def test_table_vocabulary_extends_the_lexicon() -> None:
    assert repair_label("川崎北支都", ["川崎北支部"]).text == "川崎北支部"
    assert "給料手当" in builtin_lexicon()


def test_a_tie_is_broken_by_the_labels_the_table_already_shows() -> None:
    assert repair_label("正味財北期肖残高").text == "正味財北期肖残高"  # 期首 or 期末: unknown alone
    assert repair_label("正味財北期肖残高", taken=["正味財産期末残高"]).text == "正味財産期首残高"
