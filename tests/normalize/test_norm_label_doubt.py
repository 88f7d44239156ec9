"""The lexicon repair's decision rule on real misreadings (budget_ruled_150 and the bilevel TIFF),
and the document-majority katakana repair (council scan)."""

import pytest
from chohyo.normalize.kana import majority_spelling
from chohyo.normalize.lexicon import builtin_lexicon, choose_word, family_word, repair_label


def test_a_numbered_heading_is_not_turned_into_another_account() -> None:
    # 2. 事業収益 read 2.集収益: 雑収益 is one substitution away, 事業収益 a confusion and an insertion
    fix = repair_label("2.集収益", confidence=0.8)
    assert fix.text == "2. 集収益" and "lexicon" not in fix.transforms
    assert fix.doubtful and {"雑収益", "事業収益"} <= set(fix.maybe)


def test_too_close_to_call_names_the_rivals() -> None:
    best, near = choose_word(["集収益"], builtin_lexicon())
    assert best is None and near[:2] == ("雑収益", "事業収益")


@pytest.mark.parametrize(
    ("read", "want"),
    [
        ("维費", "雑費"),
        ("轻費", "経費"),
        ("人会費", "大会費"),
        ("摊収益", "雑収益"),
        ("設備減他借却費", "設備減価償却費"),
        ("当期般正味財産増減額", "当期一般正味財産増減額"),
    ],
)
def test_clear_repairs_still_apply(read: str, want: str) -> None:
    assert repair_label(read).text == want and not repair_label(read).doubtful


@pytest.mark.parametrize(
    ("read", "others", "want"),
    [
        ("1. 費", ["1. 事費", "1. 事業費"], "1. 事業費"),  # TIFF: 事業 lost, one variant reads it
        ("経性", ["経費", "释費", "経性"], "経費"),
        ("委会運赏費", ["委会運赏費", "委1会運営費"], "委員会運営費"),
    ],
)
def test_other_readings_settle_a_label(read: str, others: list[str], want: str) -> None:
    fix = repair_label(read, readings=others, confidence=0.8)
    assert fix.text == want and "lexicon" in fix.transforms and not fix.doubtful


def test_an_unsettled_label_is_doubtful_not_repaired() -> None:
    fix = repair_label("減须価印費", readings=["減缅価印費", "诚缅値印費"], confidence=0.72)
    assert fix.text == "減须価印費" and fix.doubtful and fix.maybe


def test_known_and_confident_labels_are_not_doubtful() -> None:
    assert not repair_label("給料手当", confidence=0.95).doubtful
    assert not repair_label("山田太郎", confidence=0.99).doubtful  # unknown but read once, surely


def test_katakana_follows_the_document_majority() -> None:
    # the council scan: サービス 8 times on its own or in クラウドサービス, サーピス 6 times
    corpus = "市民サービス クラウドサーピス クラウドサービス 市民サービス クラウドサーピス クラウドサービス"
    text, swaps = majority_spelling("・クラウドサーピスの利用", corpus + " クラウドサーピスの利用")
    assert text == "・クラウドサービスの利用" and swaps == [("クラウドサーピス", "クラウドサービス")]


def test_katakana_without_evidence_is_left_alone() -> None:
    assert majority_spelling("パスワード", "パスワード バス")[1] == []  # バスワード never printed
    assert majority_spelling("サーピス", "サーピス")[1] == []


def test_the_budget_structure_settles_what_the_lexicon_cannot() -> None:
    words = builtin_lexicon()
    # 150 dpi: the parent printed above its children, and a child among its siblings
    assert family_word("減须価印費", ["賃借料"], ["設備減価償却費", "車輛減価償却費"], words) == "減価償却費"
    assert (
        family_word(
            "政備減研価年費",
            ["減価償却費", "負担金支出"],
            ["備品減価償却費", "ソフトウェア減価償却費"],
            words,
        )
        == "設備減価償却費"
    )
    # no family around it, or children that share only 収益: left doubtful
    assert family_word("減须価印費", ["賃借料"], ["租税公課", "雑費"], words) is None
    assert family_word("集収益", ["受取会費"], ["教育講習収益", "技能講習収益"], words) is None
