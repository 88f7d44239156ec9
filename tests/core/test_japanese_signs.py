"""rules.md §2: minus signs, negative notations, null dashes (chohyo.japanese.signs)."""

import pytest
from chohyo.japanese.signs import (
    MINUS_SIGNS,
    OCR_MINUS_SIGNS,
    SPECK_MARKS,
    is_null_dash,
    split_sign,
)

SPLIT = [
    ("△1,234", ("△", "1,234")),
    ("▲1,234", ("▲", "1,234")),
    ("△ 1,234", ("△", "1,234")),
    ("(1,234)", ("()", "1,234")),
    ("( 1,234 )", ("()", "1,234")),
    ("-1,234", ("-", "1,234")),
    ("－1,234", ("－", "1,234")),
    ("−1,234", ("−", "1,234")),
    ("‐1", ("‐", "1")),
    ("‑1", ("‑", "1")),
    ("‒1", ("‒", "1")),
    ("–1", ("–", "1")),
    ("—1", ("—", "1")),
    ("―1", ("―", "1")),
    ("﹣1", ("﹣", "1")),
    ("ー1,234", ("", "ー1,234")),  # Tesseract jpn reads 1 as ー: never a minus
    ("1,234", ("", "1,234")),
    ("-", ("", "-")),
]


@pytest.mark.parametrize(("printed", "split"), SPLIT)
def test_split_sign(printed: str, split: tuple[str, str]) -> None:
    assert split_sign(printed) == split


def test_split_sign_with_a_narrower_set() -> None:
    assert split_sign("―1", OCR_MINUS_SIGNS) == ("", "―1")
    assert split_sign("△1", OCR_MINUS_SIGNS) == ("△", "1")
    assert split_sign("(1)", parens=False) == ("", "(1)")


def test_the_sets_differ_only_as_named() -> None:
    assert set(MINUS_SIGNS) == set("△▲-−－‐‑‒–—―﹣")
    assert "ー" not in MINUS_SIGNS and "ー" not in OCR_MINUS_SIGNS
    assert set(OCR_MINUS_SIGNS) < set(MINUS_SIGNS)
    assert set(SPECK_MARKS) - set(MINUS_SIGNS) == {"ー"}  # repair drops a speck read as ー


@pytest.mark.parametrize(
    ("text", "printed", "ocr"),
    [
        ("-", True, True),
        ("—", True, True),
        ("―", True, True),
        ("－", True, True),
        ("−", True, True),
        ("ー", True, False),
        ("一", True, False),
        ("‐", True, False),
        ("──", True, False),
        ("--", True, False),
        ("-1", False, False),
        ("", False, False),
        ("…", False, False),
    ],
)
def test_null_dashes(text: str, printed: bool, ocr: bool) -> None:
    assert is_null_dash(text) is printed
    assert is_null_dash(text, ocr=True) is ocr
