"""rules.md §2: numeric cells (chohyo.japanese.numbers): the full reading, the strict readers, kind guessing."""

from decimal import Decimal

import pytest
from chohyo.japanese.numbers import format_plain, looks_numeric, parse_number, parse_ocr_number, parse_plain
from chohyo.model import NullReason
from hypothesis import given
from hypothesis import strategies as st

VALUES = [
    ("1,234", "1234"),
    ("１２３", "123"),
    ("１，２３４", "1234"),
    ("１２．５", "12.5"),
    ("△1,234", "-1234"),
    ("▲1,234", "-1234"),
    ("(1,234)", "-1234"),
    ("（１，２３４）", "-1234"),
    ("－1,234", "-1234"),
    ("△ 1,234", "-1234"),
    ("▲ 1,234", "-1234"),
    ("-1,234", "-1234"),
    ("−1,234", "-1234"),
    ("‐1,234", "-1234"),
    ("‑1,234", "-1234"),
    ("‒1,234", "-1234"),
    ("–1,234", "-1234"),
    ("—1,234", "-1234"),
    ("―1,234", "-1234"),
    ("﹣1,234", "-1234"),
    ("− 1,234", "-1234"),
    ("( 1,234 )", "-1234"),
    ("0", "0"),
    ("△0", "0"),
    ("88,709,000", "88709000"),
    ("774,346,746", "774346746"),
    ("50.5%", "50.5"),
    ("５０．５％", "50.5"),
    ("+12", "12"),
    ("1,234円", "1234"),
    ("12万3456", "123456"),
    ("一万二千", "12000"),
    ("二〇二三", "2023"),
]


@pytest.mark.parametrize(("printed", "value"), VALUES)
def test_values(printed: str, value: str) -> None:
    p = parse_number(printed)
    assert p.numeric
    assert p.value == Decimal(value)
    assert p.null_reason is None and not p.candidates


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        ("△1,234", {"negative-triangle"}),
        ("(1,234)", {"negative-paren"}),
        ("（１，２３４）", {"fullwidth", "negative-paren"}),
        ("―1", {"negative-dash"}),
        ("50.5%", {"percent"}),
        ("一万二千", {"kanji-numeral"}),
    ],
)
def test_transforms_are_named(printed: str, names: set[str]) -> None:
    assert names <= set(parse_number(printed).transforms)


@pytest.mark.parametrize(
    ("printed", "reason"),
    [
        ("—", NullReason.DASH),
        ("―", NullReason.DASH),
        ("－", NullReason.DASH),
        ("-", NullReason.DASH),
        ("…", NullReason.UNKNOWN),
        ("x", NullReason.SUPPRESSED),
        ("X", NullReason.SUPPRESSED),
        ("", NullReason.BLANK),
        ("\u3000", NullReason.BLANK),
    ],
)
def test_null_marks_keep_their_reason(printed: str, reason: NullReason) -> None:
    p = parse_number(printed)
    assert p.value is None and p.null_reason is reason


@pytest.mark.parametrize(
    ("printed", "candidate"),
    [("3,44,15,654", "34415654"), ("1,2345", "12345"), ("1.234.567", "1234567")],
)
def test_bad_grouping_is_flagged_not_read(printed: str, candidate: str) -> None:
    p = parse_number(printed)
    assert p.value is None and p.null_reason is NullReason.UNPARSEABLE
    assert p.problem == "bad-grouping"
    assert p.candidates == (candidate,)


def test_one_dot_in_an_integer_column_is_a_misread_comma() -> None:
    assert parse_number("1.234").value == Decimal("1.234")
    p = parse_number("1.234", integer=True)
    assert p.value is None and p.problem == "bad-grouping" and p.candidates == ("1234",)


@pytest.mark.parametrize(
    ("printed", "candidate"),
    [
        ("ー985", "1985"),
        ("20ー4", "2014"),
        ("1O0", "100"),
        ("l,234", "1234"),
        ("1,2B4", "1284"),
        ("S00", "500"),
        ("1Z", "12"),
        ("〇", None),
        ("①2", "12"),
        ("1、234", "1234"),
        ("|0", "10"),
    ],
)
def test_ocr_confusions_are_candidates_never_applied(printed: str, candidate: str | None) -> None:
    p = parse_number(printed, ocr=True)
    assert p.value is None
    if candidate is None:
        assert p.candidates == ("0",)
    else:
        assert p.candidates == (candidate,)
        assert p.problem == "ocr-candidate"


def test_leading_long_vowel_is_not_a_minus() -> None:
    p = parse_number("ー1,234")
    assert p.value is None  # never −1234
    assert p.candidates == ("11234",)


def test_lone_long_vowel_in_ocr_cell_is_a_dash_with_a_1_candidate() -> None:
    p = parse_number("ー", ocr=True)
    assert p.null_reason is NullReason.DASH and p.candidates == ("1",)


@pytest.mark.parametrize("printed", ["受取会費", "公益事業", "〇〇事業", "Net", "①"])
def test_text_is_not_a_number(printed: str) -> None:
    assert not parse_number(printed).numeric


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12))
def test_printed_back_plain_parses_to_the_same_value(value: Decimal) -> None:
    assert parse_number(format_plain(value)).value == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_grouped_and_triangle_forms_parse_to_the_same_value(n: int) -> None:
    grouped = f"{abs(n):,}"
    assert parse_number(("△" if n < 0 else "") + grouped).value == n
    assert parse_number(f"({grouped})" if n < 0 else grouped).value == n


@pytest.mark.parametrize(
    ("printed", "value"), [("44354,500", "44354500"), ("5,060000", "5060000"), ("306,373500", "306373500")]
)
def test_ocr_dropped_commas_read_with_a_named_transform(printed: str, value: str) -> None:
    p = parse_number(printed, ocr=True)
    assert p.value == Decimal(value) and "ocr-grouping" in p.transforms and p.problem == "bad-grouping"
    born_digital = parse_number(printed)
    assert born_digital.value is None and born_digital.candidates == (value,)  # printed wrong: flagged only


def test_ocr_misplaced_commas_stay_unread() -> None:
    p = parse_number("3,44,15,654", ocr=True)
    assert p.value is None and p.candidates == ("34415654",)


@pytest.mark.parametrize(
    ("printed", "candidate"), [("A11324,500", "-11324500"), ("Δ1,234", "-1234"), ("ム239320", "-239320")]
)
def test_triangle_read_as_a_letter_is_a_minus_candidate(printed: str, candidate: str) -> None:
    p = parse_number(printed, ocr=True)
    assert p.value is None and p.candidates == (candidate,) and p.problem == "ocr-candidate"


@pytest.mark.parametrize("printed", ["41,940,600 1,973,000", "206,550 206,550", "1 234"])
def test_two_numbers_in_one_cell_are_never_glued(printed: str) -> None:
    p = parse_number(printed, ocr=True)
    assert p.value is None and p.problem == "unparseable-number" and not p.candidates


def test_ocr_space_next_to_a_separator_is_noise() -> None:
    assert parse_number("44, 354,500", ocr=True).value == Decimal(44354500)


# --- a pure unit mark is never a number (1,830 unit cells of fuji_r6_budget.pdf read as 1000) ---


@pytest.mark.parametrize(
    "printed", ["千円", "(千円)", "（千円）", "単位:千円", "（単位：千円）", "万円", "百万円", "円", "%"]
)
def test_a_unit_mark_has_no_value(printed: str) -> None:
    p = parse_number(printed)
    assert p.value is None and not p.numeric and not p.candidates
    assert parse_number(printed, ocr=True).value is None
    assert parse_plain(printed) is None


@pytest.mark.parametrize(("printed", "value"), [("1,000円", "1000"), ("千二百", "1200"), ("一万円", "10000")])
def test_amounts_with_a_unit_still_read(printed: str, value: str) -> None:
    assert parse_number(printed).value == Decimal(value)


# --- parse_plain: the strict reader (validate: repair candidates, CSV cells) ------------------

PLAIN = [
    ("1,234", "1234"),
    ("１，２３４", "1234"),
    ("△1,234", "-1234"),
    ("▲1,234", "-1234"),
    ("(1,234)", "-1234"),
    ("（１，２３４）", "-1234"),
    ("－1,234", "-1234"),
    ("△ 1,234", "-1234"),
    ("― 1,234", "-1234"),
    ("﹣1,234", "-1234"),
    ("1,234.5", "1234.5"),
    ("-1234", "-1234"),
    ("1 234", "1234"),  # spaces go before reading: a candidate may carry one
    ("0", "0"),
    ("3,44,15,654", None),
    ("1.234.567", None),
    ("50.5%", None),
    ("一万", None),
    ("ー1,234", None),  # a leading ー is never a minus
    ("+12", None),
    ("1,234円", None),
    ("", None),
    ("—", None),
    ("(-5)", None),
]


@pytest.mark.parametrize(("printed", "value"), PLAIN)
def test_parse_plain(printed: str, value: str | None) -> None:
    assert parse_plain(printed) == (None if value is None else Decimal(value))


OCR_PLAIN = [
    ("1,234", "1234"),
    ("△1,234", "-1234"),
    ("▲ 1,234", "-1234"),
    ("−1234", "-1234"),
    ("－1,234", "-1234"),
    ("44 354 500", "44354500"),  # OCR spaces are noise
    ("(1,234)", None),  # the digit reader never sees parentheses
    ("―1,234", None),  # nor the dash family beyond - − －
    ("1.5", None),  # integers only
    ("44354,500", None),  # a lost comma: parse_digits decides
    ("1,2345", None),
]


@pytest.mark.parametrize(("printed", "value"), OCR_PLAIN)
def test_parse_plain_ocr(printed: str, value: str | None) -> None:
    assert parse_plain(printed, ocr=True) == (None if value is None else Decimal(value))


@pytest.mark.parametrize(
    ("printed", "value", "reason"),
    [
        ("", None, NullReason.BLANK),
        ("  ", None, NullReason.BLANK),
        ("-", None, NullReason.DASH),
        ("－", None, NullReason.DASH),
        ("—", None, NullReason.DASH),
        ("―", None, NullReason.DASH),
        ("ー", None, NullReason.UNPARSEABLE),
        ("‐", None, NullReason.UNPARSEABLE),
        ("1,234", Decimal(1234), None),
        ("△1,250", Decimal(-1250), None),
        ("12a", None, NullReason.UNPARSEABLE),
    ],
)
def test_parse_ocr_number(printed: str, value: Decimal | None, reason: NullReason | None) -> None:
    assert parse_ocr_number(printed) == (value, reason)


# --- looks_numeric: the cell's kind before parsing ------------------------------------------

LOOKS = [
    ("1,234", True, True),
    ("１，２３４", True, True),
    ("△1,234", True, True),
    ("(1,234)", True, True),  # OCR: 70% digit-like is enough
    ("(12)", True, False),  # OCR: brackets are not digit-like
    ("50.5%", True, False),
    ("－", True, False),
    ("―", True, False),
    ("…", True, False),
    ("x", True, False),
    ("1,234 円", False, True),
    ("受取会費", False, False),
    ("123a", False, True),  # OCR: 3 of 4 characters are digits
    ("12a", False, False),
    ("1,2B4", False, True),
    ("", False, False),
]


@pytest.mark.parametrize(("text", "printed", "ocr"), LOOKS)
def test_looks_numeric(text: str, printed: bool, ocr: bool) -> None:
    assert looks_numeric(text) is printed
    assert looks_numeric(text, ocr=True) is ocr


def test_group_brackets_mark_a_subtotal_not_a_sign() -> None:
    """【139,072,277】 (a balance sheet's group subtotal) is the number itself; (1,190) stays negative."""
    assert parse_number("【139,072,277】").value == 139072277
    assert parse_number("〔 7,885,506〕").value == 7885506
    assert parse_number("(1,190)").value == -1190


def test_plus_minus_zero_is_zero_and_plus_minus_a_figure_stays_doubtful() -> None:
    # 南国市 R3決算 (対前年増減額 column): ±0 is printed for "no change"
    from chohyo.japanese.numbers import parse_number

    for text in ("±0", "±０", "± 0"):
        got = parse_number(text)
        assert got.value == 0 and got.problem is None, text
    assert parse_number("±5").value is None


def test_a_yen_mark_before_a_figure_is_no_part_of_it() -> None:
    # 南国市 契約議案 入札結果: a Japanese font prints ¥ at the backslash code (\24,230,000)
    from chohyo.japanese.numbers import parse_number

    for text in ("\\24,230,000", "¥24,230,000", "￥24,230,000", "\\ 24,230,000"):
        got = parse_number(text)
        assert got.value == 24230000 and got.problem is None, text
    assert parse_number("\\").value is None


def test_a_label_s_closing_bracket_against_a_born_digital_figure_is_dropped() -> None:
    # 南国市 下水道事業会計予算 p. 11: 比率 (B)/(A)（％）83.3, the ） of （％） set into the figure's cell
    from chohyo.japanese.numbers import parse_number

    assert parse_number("）83.3").value == Decimal("83.3")
    assert parse_number(")83.3", ocr=True).value is None  # OCR: ) may be a misread digit, left to doubt


@pytest.mark.parametrize(
    ("printed", "value", "unit"),
    [
        ("905,295千円", "905295", "千円"),  # 地方債調書, 南国市 R4 農業集落排水 p.20
        ("13,480,696 千円", "13480696", "千円"),
        ("△1,234千円", "-1234", "千円"),
        ("12百万円", "12", "百万円"),
        ("1,234円", "1234", "円"),
        ("1,563 人", "1563", "人"),  # 給与費明細書 職員数
        ("三千円", "3000", ""),  # a kanji amount: 千 is a numeral here, the unit is 円 as before
        ("5万円", "50000", ""),
        ("1,234", "1234", ""),
        # a Latin currency beside its figure (camelot's detect_vertical_false.pdf, us-007.pdf)
        ("8 €", "8", "€"),
        ("$ 71.15", "71.15", "$"),
        ("($1,200)", "-1200", "$"),
    ],
)
def test_a_unit_printed_after_the_figure_is_kept_beside_its_value(
    printed: str, value: str, unit: str
) -> None:
    parsed = parse_number(printed)
    assert (parsed.value, parsed.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    "printed", ["千円", "人", "131/3人", "借入金2,000,000千円及び年5.0％", "€", "$ 5 €", "12,5 CL"]
)
def test_no_figure_no_unit_value(printed: str) -> None:
    assert parse_number(printed).value is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [("24.91²", "24.91"), ("24.91<s>2</s>", "24.91"), ("1,234¹²", "1234"), ("△500³", "-500")],
)
def test_a_superscript_note_mark_is_no_digit_of_the_figure(raw: str, value: str) -> None:
    got = parse_number(raw)
    assert got.value == Decimal(value)
    assert got.text == raw and "note-mark" in got.transforms
    assert looks_numeric(raw)


def test_a_superscript_alone_or_after_a_word_is_no_figure() -> None:
    assert parse_number("²").value is None
    assert parse_number("period¹").value is None
    assert parse_number("24.912").value == Decimal("24.912")  # plain digits stay the figure's
