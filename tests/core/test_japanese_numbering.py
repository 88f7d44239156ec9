"""rules.md §1, §4: item numbering (chohyo.japanese.numbering): one parser, token and rest."""

import pytest
from chohyo.japanese.numbering import (
    LIST_ITEM,
    OCR_LIST_ITEM,
    WRAPPED_NUMBERING,
    budget_rank,
    numbering_level,
    numbering_rank,
    split_numbering,
    strip_numbering,
)

# label → (token, rest) of split_numbering, the token's rank, the validator's level
TABLE = [
    ("Ⅰ 一般正味財産増減の部", ("Ⅰ", "一般正味財産増減の部"), 0, 0),
    ("Ⅱ.指定", ("Ⅱ.", "指定"), 0, 0),
    ("II. 会費", ("II.", "会費"), 0, 0),
    ("1. 受取会費", ("1.", "受取会費"), 1, 1),
    ("1.受取会費", ("1.", "受取会費"), 1, 1),
    ("2、会費", ("2、", "会費"), 1, 1),
    ("12. 会費", ("12.", "会費"), 1, 1),
    ("⒈ 会費", ("⒈", "会費"), 1, None),
    ("(1) 経常収益", ("(1)", "経常収益"), 2, 2),
    ("⑴ 経常収益", ("⑴", "経常収益"), 2, 2),
    ("⑾ 会費", ("⑾", "会費"), 2, None),
    ("1) 受取", ("1)", "受取"), 3, 3),
    ("① 受取会費", ("①", "受取会費"), 4, 4),
    ("❶ 会費", ("❶", "会費"), 4, None),
    ("ア 受取会費", ("ア", "受取会費"), 5, None),
    ("ア. 会費", ("ア.", "会費"), 5, None),
    ("(ア) 会費", ("(ア)", "会費"), 5, 5),
    ("(a) 会費", ("(a)", "会費"), 6, None),
    ("ソフトウェア", ("", "ソフトウェア"), None, None),  # a word, not ア as numbering
    ("アイス", ("", "アイス"), None, None),
    ("受取会費", ("", "受取会費"), None, None),
    ("1)受取", ("1)", "受取"), 3, 3),
    ("Ⅰ", ("", "Ⅰ"), None, 0),  # a token alone is not numbering for the parser
    ("第1款 県税", ("", "第1款 県税"), None, None),  # budget numbering only when asked for
]


@pytest.mark.parametrize(("label", "split", "rank", "level"), TABLE)
def test_numbering(label: str, split: tuple[str, str], rank: int | None, level: int | None) -> None:
    assert split_numbering(label) == split
    assert (numbering_rank(split[0]) if split[0] else None) == rank
    assert numbering_level(label) == level


@pytest.mark.parametrize(
    ("label", "rest"),
    [
        ("1. 受取会費", "受取会費"),
        ("（１）経常収益", "経常収益"),
        ("（ア）会費", "会費"),
        ("123. 会費", "会費"),
        ("⑾ 会費", "⑾ 会費"),
        ("  受取会費 ", "受取会費"),
    ],
)
def test_strip_numbering(label: str, rest: str) -> None:
    assert strip_numbering(label) == rest


def test_numbering_level_reads_a_given_token() -> None:
    assert numbering_level("受取会費", "(1)") == 2


@pytest.mark.parametrize(
    ("token", "rank"),
    [("Ⅰ", 0), ("I.", 0), ("1.", 1), ("(1)", 2), ("⑴", 2), ("1)", 3), ("①", 4), ("(ア)", 5), ("ア", 5)],
)
def test_numbering_ranks(token: str, rank: int) -> None:
    assert numbering_rank(token) == rank


# OCR'd labels: the scan reader's narrower grammar; a token may stand alone
OCR = [
    ("Ⅰ 一般", ("Ⅰ", "一般")),
    ("Ⅱ.指定", ("Ⅱ", ".指定")),
    ("1. 受取会費", ("1.", "受取会費")),
    ("（１）経常収益", ("（１）", "経常収益")),
    ("① 受取会費", ("①", "受取会費")),
    ("オ. 会費", ("オ.", "会費")),
    ("カ. 会費", ("", "カ. 会費")),
    ("1) 受取", ("", "1) 受取")),
    ("Ⅰ", ("Ⅰ", "")),
]


@pytest.mark.parametrize(("label", "split"), OCR)
def test_ocr_numbering(label: str, split: tuple[str, str]) -> None:
    assert split_numbering(label, ocr=True) == split


BUDGET = [
    ("第1款 県税", ("第1款", "県税"), 0),
    ("第１款\u3000県税", ("第１款", "県税"), 0),
    ("第十二項 地方譲与税", ("第十二項", "地方譲与税"), 1),
    ("第3目 総務管理費", ("第3目", "総務管理費"), 2),
    ("第1節 報酬", ("第1節", "報酬"), 3),
    ("第1章 総則", ("", "第1章 総則"), None),
    ("第1款", ("", "第1款"), None),
    ("(1) 経常収益", ("(1)", "経常収益"), None),
]


@pytest.mark.parametrize(("label", "split", "rank"), BUDGET)
def test_budget_numbering(label: str, split: tuple[str, str], rank: int | None) -> None:
    assert split_numbering(label, budget=True) == split
    assert budget_rank(split[0]) == rank


# line-start tests of the extract stage: (line, opens a list item, opens an OCR'd list item,
# the wrapped-label numbering token)
LINE_STARTS = [
    ("1. 事業", True, True, "1. "),
    ("(1) 事業", True, True, "(1) "),
    ("（１）事業", True, True, "（１）"),
    ("① 事業", True, True, "① "),
    ("⑴ 事業", True, False, "⑴ "),
    ("ア. 事業", True, True, "ア. "),
    ("・事業", False, True, None),  # a bullet: the digital reader tests bullets apart
    ("1 事業", False, False, "1 "),
    ("(一) 事業", False, False, "(一) "),
    ("ア 事業", False, False, "ア "),
    ("Ⅰ 一般", False, False, "Ⅰ "),
    ("(a) x", False, False, "(a) "),
    ("事業", False, False, None),
    ("2023年", False, False, None),
    (
        "34.1パーセント",
        False,
        False,
        "34.",
    ),  # a decimal opening a wrapped line: no text item (labels keep their grammar)
]


@pytest.mark.parametrize(("line", "item", "ocr_item", "wrapped"), LINE_STARTS)
def test_line_start_numbering(line: str, item: bool, ocr_item: bool, wrapped: str | None) -> None:
    assert bool(LIST_ITEM.match(line)) is item
    assert bool(OCR_LIST_ITEM.match(line)) is ocr_item
    m = WRAPPED_NUMBERING.match(line)
    assert (m.group() if m else None) == wrapped


@pytest.mark.parametrize("line", ["３４．１パーセント、南国市は", "34.1パーセント", "1.5倍"])
def test_a_decimal_number_opens_no_list_item(line: str) -> None:
    assert not LIST_ITEM.match(line)
