"""OCR'd label repair: simplified forms, stray dots, OCR spaces, known accounts, numbering."""

import json
from pathlib import Path

import pytest
from chohyo.normalize.lexicon import builtin_lexicon, repair_label


@pytest.mark.parametrize(
    ("read", "repaired", "transform"),
    [
        ("給科手当", "給料手当", "lexicon"),
        ("貸借料", "賃借料", "lexicon"),
        ("旅费交通费", "旅費交通費", "simplified-form"),
        ("一般正味财产增减の部", "Ⅰ 一般正味財産増減の部", "simplified-form"),
        ("給 ・ 料 ・ 手 ・ 当", "給料手当", "stray-dots"),
        ("教育 講習 収益", "教育講習収益", "ocr-spaces"),
        ("設備 減価 償却 賀", "設備減価償却費", "lexicon"),
        ("ソフ トウ ェ ア減 仁償 知 費", "ソフトウェア減価償却費", "lexicon"),
        ("5. 特定質 産運用益", "5. 特定資産運用益", "lexicon"),
        ("科日", "科目", "lexicon"),
        ("1.受取会費", "1. 受取会費", "ocr-spaces"),
        ("! 一般正味財産 増減の朗", "Ⅰ 一般正味財産増減の部", "ocr-numbering"),
        ("減価償却费", "減価償却費", "simplified-form"),
        ("H26曆年", "H26暦年", "simplified-form"),  # the old form Tesseract jpn reads (めっき table image)
        # the section numeral read as 1 or I without its space, or dropped (standard sections only)
        ("1一般正味財産増滅の部", "Ⅰ 一般正味財産増減の部", "ocr-numbering"),
        ("I一般正味財産増減の部", "Ⅰ 一般正味財産増減の部", "ocr-numbering"),
        ("一般正味財産増減の部", "Ⅰ 一般正味財産増減の部", "ocr-numbering"),
        ("11指定正味財産増減の部", "Ⅱ 指定正味財産増減の部", "ocr-numbering"),
        # RapidOCR at 150 dpi: simplified look-alikes and shape confusions; a numbered heading's lost character
        ("轻費", "経費", "lexicon"),
        ("维費", "雑費", "lexicon"),
        ("諸龄", "諸給", "lexicon"),
        ("機围誌取益", "機関誌収益", "lexicon"),
        ("教育満暂費", "教育講習費", "lexicon"),
        ("诚価値却費", "減価償却費", "lexicon"),
        ("特定資商受取利息", "特定資産受取利息", "lexicon"),
        ("2. 理費", "2. 管理費", "lexicon"),
        ("1. 集費", "1. 事業費", "lexicon"),
        # Tesseract jpn on the 道の駅 copier scan's 計算書類 (company accounts, brackets and 中点 kept)
        ("当期纯損失", "当期純損失", "simplified-form"),
        ("利益剩余金", "利益剰余金", "simplified-form"),
        ("壳掛金", "売掛金", "simplified-form"),
        ("資座合計", "資産合計", "lexicon"),
        ("【流助資産】", "【流動資産】", "lexicon"),
        ("販充費及び一般管理費", "販売費及び一般管理費", "lexicon"),
        ("広告宜伝費", "広告宣伝費", "lexicon"),
        ("創立費 ・ 開業費", "創立費・開業費", "stray-dots"),
        ("負債 ・ 純資産合計", "負債・純資産合計", "stray-dots"),
    ],
)
def test_repairs(read: str, repaired: str, transform: str) -> None:
    fix = repair_label(read)
    assert fix.text == repaired and transform in fix.transforms


@pytest.mark.parametrize(
    "label",
    [
        "給料手当",
        "1. 受取会費",
        "適当な語",
        "l 受取",
        "Net Assets",
        "1受取会費",
        "Ⅰ 一般正味財産増減の部",
        "2. 会費",
        "取引",
    ],
)
def test_good_or_unknown_labels_are_left_alone(label: str) -> None:
    assert repair_label(label).text == label and not repair_label(label).changed


def test_table_vocabulary_extends_the_lexicon() -> None:
    assert repair_label("川崎北支都", ["川崎北支部"]).text == "川崎北支部"
    assert "給料手当" in builtin_lexicon()


def test_a_tie_is_broken_by_the_labels_the_table_already_shows() -> None:
    assert repair_label("正味財北期肖残高").text == "正味財北期肖残高"  # 期首 or 期末: unknown alone
    assert repair_label("正味財北期肖残高", taken=["正味財産期末残高"]).text == "正味財産期首残高"


@pytest.mark.parametrize(
    ("label", "maybe"),
    [
        ("小学校", ()),
        ("不納欠損", ()),
        ("刊行物頒布収益", ()),  # lengthened at an end, or two characters dropped
        ("物件費", ("人件費",)),
        ("総務部", ("総務費",)),
    ],  # a short label changed by more than a confusion
)
def test_a_sure_reading_is_not_renamed_to_a_known_word(label: str, maybe: tuple[str, ...]) -> None:
    """Labels of the variant fixtures, read as printed: the lexicon is closed, the documents are
    not. A rename of a short label is named as a doubt, never made silently."""
    fix = repair_label(label, confidence=0.97)
    assert fix.text == label and not fix.changed
    assert fix.maybe == maybe and fix.doubtful == bool(maybe)


def test_the_same_edits_repair_an_unsure_or_seconded_reading() -> None:
    assert repair_label("物件費", confidence=0.6).text == "人件費"
    assert repair_label("光熱水料", readings=["光熱水料費"], confidence=0.99).text == "光熱水料費"
    assert repair_label("質借料", confidence=0.86).text == "賃借料"  # a known confusion: 質 for 賃


def test_a_header_is_repaired_only_through_confusions() -> None:
    """Headers are repaired with no confidence of their own (a sure reading): 事業所 is not 事業費."""
    assert repair_label("事業所").text == "事業所"
    assert repair_label("公益事集").text == "公益事業"


def test_every_truth_label_and_header_of_the_fixtures_reads_as_itself() -> None:
    """No label or column name the fixtures print is 'repaired' to another known word."""
    root = Path(__file__).resolve().parents[2] / "fixtures"
    for path in root.rglob("*.truth.json"):
        for table in json.loads(path.read_text("utf-8"))["tables"]:
            for row in table["rows"]:
                assert not {"lexicon", "small-kana"} & set(repair_label(row["label"]).transforms), (
                    path.name,
                    row["label"],
                )
            for part in (p for c in table["columns"] for p in c.split("/")):
                assert not {"lexicon", "small-kana"} & set(repair_label(part).transforms), (path.name, part)


def test_a_tie_is_broken_by_all_the_readings_together() -> None:
    """給料当 is one edit from 給料 and from 給料手当 (both known); the other reading 給料于当 is
    one from 給料手当 only (the bilevel budget scan, budget_ruled_p1.png)."""
    assert repair_label("給料当", readings=["給料于当"], confidence=0.99).text == "給料手当"
    fix = repair_label("給料当", confidence=0.99)
    assert fix.text == "給料当" and fix.doubtful and set(fix.maybe) == {"給料", "給料手当"}


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        (
            "道路橋りよう維持補修事業",
            "道路橋りょう維持補修事業",
        ),  # RapidOCR on wrapped_indented_200: 道路橋りょう費 is known
        ("1 道路橋りよう費", "1 道路橋りょう費"),
    ],
)
def test_a_kana_read_at_the_wrong_size_is_put_right_by_a_known_word(read: str, repaired: str) -> None:
    assert repair_label(read).text == repaired


@pytest.mark.parametrize("label", ["りよう", "利用料", "きよう", "道路りよう調査", "ソフトウエア保守料"])
def test_kana_size_needs_a_known_word_around_the_kanji(label: str) -> None:
    """Kana alone, or a stretch no known word shows, keeps its size: 利用 spelt りよう is right, and
    so is ソフトウエア (both spellings are in use; the kanji of 減価償却費 make the known word)."""
    assert "small-kana" not in repair_label(label).transforms


def test_the_table_own_words_are_evidence_too() -> None:
    fix = repair_label("河川しゆんせつ工事", vocabulary=["河川しゅんせつ工事"])
    assert fix.text == "河川しゅんせつ工事" and fix.transforms == ("small-kana",)
