"""rules.md §1: labels, letter-spacing, radicals, width folding, 機種依存文字."""

import pytest
from chohyo.charmap import machine_readable
from chohyo.normalize.text import (
    clean_label,
    is_cjk_char,
    map_radicals,
    merge_letter_spacing,
)
from hypothesis import given
from hypothesis import strategies as st

MERGED = [
    ("給 料 手 当", "給料手当"),
    ("正 味 財 産 期 首 残 高", "正味財産期首残高"),
    ("合\u3000計", "合計"),
    ("山 浦 英 太", "山浦英太"),
    ("Ⅰ 一 般 正 味 財 産 増 減 の 部", "Ⅰ 一般正味財産増減の部"),
    ("(1) 経 常 収 益", "(1) 経常収益"),
    ("1. 受 取 会 費", "1. 受取会費"),
    ("① 受 取 会 費", "① 受取会費"),
    ("⑴ 経 常 収 益", "⑴ 経常収益"),
    ("(ア) 受 取 会 費", "(ア) 受取会費"),
    ("ア 受 取 会 費", "ア 受取会費"),
    ("ソ フ ト ウ ェ ア 減 価 償 却 費", "ソフトウェア減価償却費"),
    ("2. 管 理 費", "2. 管理費"),
    ("経  常   費 用 計", "経常費用計"),
    ("公 益 事 業", "公益事業"),
]
UNCHANGED = [
    "公益事業 1",
    "令和5年 月 日",
    "年 月 日",
    "Net Assets",
    "山浦 英太",
    "横浜市会議長 清水 富 雄 様",
    "給料手当",
    "1. 受取会費",
    "Ⅰ 一般正味財産増減の部",
    "月 日",
]


@pytest.mark.parametrize(("printed", "clean"), MERGED)
def test_letter_spaced_labels_merge(printed: str, clean: str) -> None:
    assert merge_letter_spacing(printed) == clean
    result = clean_label(printed)
    assert result.text == clean
    assert "letter-spacing" in result.transforms


@pytest.mark.parametrize("printed", UNCHANGED)
def test_labels_that_must_not_merge(printed: str) -> None:
    assert merge_letter_spacing(printed) == printed
    assert "letter-spacing" not in clean_label(printed).transforms


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("⼈件費", "人件費"),
        ("⾦額", "金額"),
        ("⻘色申告", "青色申告"),
        ("⻑期借入金", "長期借入金"),
        ("⻝費", "食費"),
    ],
)
def test_radicals_become_unified_ideographs(printed: str, clean: str) -> None:
    assert map_radicals(printed) == clean
    assert "radical" in clean_label(printed).transforms


def test_radical_table_covers_both_blocks() -> None:
    # every Kangxi radical and the supplement's mapped ones land on a CJK unified ideograph
    for cp in list(range(0x2F00, 0x2FD6)) + list(range(0x2E81, 0x2EF4)):
        ch = chr(cp)
        if cp == 0x2E9A:  # unassigned code point
            continue
        out = map_radicals(ch)
        # a unified ideograph (Python's own tables may predate the newest Extension code points)
        assert out != ch and is_cjk_char(out) and not 0x3041 <= ord(out) <= 0x30FF, hex(cp)


@pytest.mark.parametrize(
    ("printed", "csv"),
    [
        ("①受取会費", "(1)受取会費"),
        ("⑴経常収益", "(1)経常収益"),
        ("㈱横浜", "(株)横浜"),
        ("㍻27年", "平成27年"),
        ("㋿5年", "令和5年"),
        ("⑳", "(20)"),
        ("面積㎡", "面積m2"),
        ("Ⅰ 一般正味財産増減の部", "Ⅰ 一般正味財産増減の部"),
    ],
)
def test_machine_readable_writes_out_dependent_characters(printed: str, csv: str) -> None:
    assert machine_readable(printed) == csv
    assert clean_label(printed).text == printed  # the model keeps what was printed


def test_dependent_characters_survive_cleaning() -> None:
    assert clean_label("① 受 取 会 費").text == "① 受取会費"


def test_date_spacing_tightened_but_blank_form_date_kept() -> None:
    assert (
        clean_label("平成 27 年 4 月 1 日から平成 28 年 3 月 31 日まで").text
        == "平成27年4月1日から平成28年3月31日まで"
    )
    assert clean_label("平成 27 年度 正味財産増減予算書").text == "平成27年度 正味財産増減予算書"
    assert clean_label("令和5年 月 日").text == "令和5年 月 日"


# --- properties -------------------------------------------------------------------------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=6)


@given(st.lists(_words, min_size=1, max_size=6))
def test_merging_never_changes_labels_without_single_cjk_tokens(tokens: list[str]) -> None:
    # single CJK characters merge, and so do the single digits of a spaced number (1 2 3 , 4 5 6)
    tokens = [
        t
        for t in tokens
        if not (len(t) == 1 and (is_cjk_char(t) or t in "0123456789,.")) and t.split() == [t]
    ]
    label = " ".join(tokens)
    if not label:
        return
    assert merge_letter_spacing(label) == " ".join(label.split())


@given(st.text(max_size=30))
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_label(text).text
    assert clean_label(once).text == once


def test_wrapped_japanese_lines_join_without_a_space() -> None:
    assert clean_label("クラウドサービスの利用に\n当たっては").text == "クラウドサービスの利用に当たっては"
    assert clean_label("Net\nAssets").text == "Net Assets"


def test_text_block_lines_lose_letter_spacing_but_keep_latin_words() -> None:
    from chohyo.model import Document, Page, TextBlock
    from chohyo.normalize.document import normalize_document
    from chohyo.settings import NormalizeSettings

    block = TextBlock(
        1, "私 も、長 期 間 に 及 ぶ 感 染 症 と の 闘 い\nJapan Motors Trading の 担 当 者 と 協 議"
    )
    doc = Document(source="x.pdf", sha256="0", pages=(Page(1, 595.0, 842.0, text_blocks=(block,)),))
    out = normalize_document(doc, NormalizeSettings()).pages[0].text_blocks[0]
    assert out.text == "私も、長期間に及ぶ感染症との闘い\nJapan Motors Trading の担当者と協議"
    assert "letter-spacing" in out.provenance.transforms
