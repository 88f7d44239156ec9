"""normalize_document on tables printed the way the fixtures print them (raw text as extracted)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from chohyo.model import (
    BBox,
    Cell,
    CellKind,
    Column,
    Document,
    NullReason,
    Page,
    Provenance,
    Severity,
    Table,
    TextBlock,
    Unit,
)
from chohyo.normalize import normalize_document
from chohyo.settings import NormalizeSettings
from hypothesis import given
from hypothesis import strategies as st
from norm_helpers import printed_document, truth, value_of

BUDGETS = [
    "budget_ruled",
    "budget_borderless",
    "budget_fullwidth",
    "budget_typos",
    "branch_a3",
    "kyen_rounding",
]
STYLES = [
    {"neg": "△"},
    {"neg": "▲", "indent": True},
    {"neg": "－", "fullwidth": True},
    {"neg": "△", "spaced_rows": False, "indent": True},
]


def _check(case: str, doc: Document) -> None:
    t = truth(case)
    out = normalize_document(doc, NormalizeSettings())
    assert len(out.tables) == len(t["tables"])
    for table, tt in zip(out.tables, t["tables"], strict=True):
        assert table.title == tt["title"]
        assert table.unit == Unit(tt["unit"]["name"], Decimal(tt["unit"]["scale"]))
        assert [c.name for c in table.columns] == tt["columns"]
        assert [r.label for r in table.rows] == [r["label"] for r in tt["rows"]]
        assert [list(r.parents) for r in table.rows] == [r["parents"] for r in tt["rows"]]
        for row, tr in zip(table.rows, tt["rows"], strict=True):
            got = [value_of(table.cell(row.index, c)) for c in range(1, len(tt["columns"]))]
            assert got == tr["values"], row.label
        numeric = [c for c in table.columns if c.index > 0]
        assert all(c.unit == table.unit for c in numeric)
    assert out.period is not None and (out.period.start, out.period.end) == (
        t["period"]["start"],
        t["period"]["end"],
    )
    assert not [f for f in out.findings if f.code in {"unparseable-number", "bad-grouping", "ocr-candidate"}]


@pytest.mark.parametrize("case", BUDGETS)
@pytest.mark.parametrize("style", range(len(STYLES)))
def test_printed_budgets_normalize_to_truth(case: str, style: int) -> None:
    _check(case, printed_document(case, **STYLES[style]))


def test_levels_follow_indentation() -> None:
    out = normalize_document(printed_document("budget_ruled", indent=True), NormalizeSettings())
    rows = truth("budget_ruled")["tables"][0]["rows"]
    assert [r.level for r in out.tables[0].rows] == [r["level"] for r in rows]
    assert [r.numbering for r in out.tables[0].rows][:4] == ["Ⅰ", "", "", "1."]


def test_every_changed_cell_names_its_transforms() -> None:
    out = normalize_document(printed_document("budget_ruled", neg="△"), NormalizeSettings())
    t = out.tables[0]
    by_label = {r.label: r for r in t.rows}
    neg = t.cell(by_label["当期経常増減額"].index, 1)
    assert neg is not None and neg.raw_text == "△11,324,500" and neg.text == "-11324500"
    assert {"negative-triangle", "thousands"} <= set(neg.provenance.transforms)
    spaced = t.cell(by_label["給料手当"].index + 0, 0)
    assert spaced is not None and spaced.kind is CellKind.LABEL
    merged = [c for c in t.cells if c.col == 0 and " " in c.raw_text and c.text == "給料手当"]
    assert merged and all("letter-spacing" in c.provenance.transforms for c in merged)
    heads = {c.text for c in t.cells if c.kind is CellKind.HEADER}
    assert {"科目", "公益事業", "公益事業1", "法人会計", "計"} <= heads
    untouched = [c for c in t.cells if c.raw_text == "0"]
    assert untouched and all(c.provenance.transforms == () for c in untouched)


def test_input_document_is_not_changed() -> None:
    doc = printed_document("budget_ruled")
    before = doc.tables[0].cells
    normalize_document(doc, NormalizeSettings())
    assert doc.tables[0].cells == before
    assert all(c.text == "" for c in before if c.row >= 2 and c.col > 0)


def _one_table(
    cells: list[Cell], header: tuple[str, ...] = ("科目", "金額(千円)", "構成比(%)"), ocr: bool = False
) -> Document:
    prov = Provenance("tesseract" if ocr else "pdfium-words")
    head = [Cell(0, i, h, kind=CellKind.HEADER, provenance=prov) for i, h in enumerate(header)]
    cols = tuple(Column(i, (h,)) for i, h in enumerate(header))
    body = [replace(c, provenance=prov) for c in cells]
    t = Table("t1", (1,), cols, tuple(head + body), header_rows=1, title="予算")
    return Document("x.pdf", "0" * 64, (Page(1, 595, 842, tables=(t,)),))


def test_column_units_from_header_suffixes_and_percentages() -> None:
    doc = _one_table(
        [
            Cell(1, 0, "受取会費"),
            Cell(1, 1, "1,234"),
            Cell(1, 2, "50.5%"),
            Cell(2, 0, "雑収益"),
            Cell(2, 1, "―"),
            Cell(2, 2, "…"),
        ]
    )
    out = normalize_document(doc, NormalizeSettings())
    t = out.tables[0]
    assert [c.name for c in t.columns] == ["科目", "金額", "構成比"]
    assert t.columns[1].unit == Unit("千円", Decimal(1000)) and t.columns[2].unit == Unit("%")
    assert t.cell(1, 2).value == Decimal("50.5")
    dash, unknown = t.cell(2, 1), t.cell(2, 2)
    assert dash.kind is CellKind.NUMBER and dash.value is None and dash.null_reason is NullReason.DASH
    assert unknown.null_reason is NullReason.UNKNOWN


def test_bad_numbers_become_findings_with_their_cell() -> None:
    doc = _one_table(
        [
            Cell(1, 0, "受取会費", page=1),
            Cell(1, 1, "3,44,15,654"),
            Cell(1, 2, "1"),
            Cell(2, 0, "雑収益"),
            Cell(2, 1, "1,000"),
            Cell(2, 2, "2"),
        ]
    )
    out = normalize_document(doc, NormalizeSettings())
    f = [x for x in out.findings if x.code == "bad-grouping"]
    assert len(f) == 1 and f[0].table == "t1" and f[0].cells[0].row == 1 and f[0].cells[0].col == 1
    assert "受取会費" in f[0].message
    cell = out.tables[0].cell(1, 1)
    assert (
        cell.value is None and cell.null_reason is NullReason.UNPARSEABLE and cell.candidates == ("34415654",)
    )


def test_ocr_cells_get_candidates_and_label_repairs() -> None:
    doc = _one_table(
        [
            Cell(1, 0, "給科手当"),
            Cell(1, 1, "ー985"),
            Cell(1, 2, "1"),
            Cell(2, 0, "旅费交通费"),
            Cell(2, 1, "1O0"),
            Cell(2, 2, "2"),
        ],
        ocr=True,
    )
    out = normalize_document(doc, NormalizeSettings())
    t = out.tables[0]
    assert t.cell(1, 0).text == "給料手当" and t.cell(1, 0).corrected_from == "給科手当"
    assert "lexicon" in t.cell(1, 0).provenance.transforms
    assert t.cell(2, 0).text == "旅費交通費" and "simplified-form" in t.cell(2, 0).provenance.transforms
    assert t.cell(1, 1).value is None and t.cell(1, 1).candidates == ("1985",)
    assert t.cell(2, 1).candidates == ("100",)
    assert {f.code for f in out.findings} >= {"ocr-candidate"}


def test_born_digital_labels_are_never_repaired() -> None:
    doc = _one_table([Cell(1, 0, "貸借料"), Cell(1, 1, "1"), Cell(1, 2, "1")])
    out = normalize_document(doc, NormalizeSettings())
    assert out.tables[0].cell(1, 0).text == "貸借料" and out.tables[0].cell(1, 0).corrected_from is None


def test_blank_and_invalid_dates_in_text_are_flagged() -> None:
    blocks = (
        TextBlock(1, "令和5年 月 日", order=0),
        TextBlock(1, "昭和64年1月8日 提出", order=1),
        TextBlock(1, "山 浦 英 太", order=2, bbox=BBox(0, 0, 1, 1)),
    )
    doc = Document("x.pdf", "0" * 64, (Page(1, 595, 842, text_blocks=blocks),))
    out = normalize_document(doc, NormalizeSettings())
    codes = {f.code: f for f in out.findings}
    assert "blank-date" in codes and "2023" in codes["blank-date"].message
    assert "invalid-date" in codes
    assert [b.text for b in out.text_blocks] == ["令和5年 月 日", "昭和64年1月8日 提出", "山浦英太"]
    assert out.period is None


def test_settings_turn_steps_off() -> None:
    doc = printed_document("budget_ruled")
    out = normalize_document(doc, NormalizeSettings(merge_letter_spacing=False))
    assert any(" " in r.label and "給" in r.label for r in out.tables[0].rows)


def test_fiscal_year_in_running_text_is_not_the_document_period() -> None:
    blocks = (TextBlock(1, "令和4年度 調査・研究テーマ", order=0),)
    doc = Document("x.pdf", "0" * 64, (Page(1, 595, 842, text_blocks=blocks),))
    assert normalize_document(doc, NormalizeSettings()).period is None
    titled = replace(doc, title="令和4年度 予算書")
    period = normalize_document(titled, NormalizeSettings()).period
    assert period is not None and (period.start, period.end) == ("2022-04-01", "2023-03-31")


def test_percent_values_give_their_column_the_unit() -> None:
    doc = _one_table(
        [
            Cell(1, 0, "人件費"),
            Cell(1, 1, "12"),
            Cell(1, 2, "3"),
            Cell(2, 0, "物件費"),
            Cell(2, 1, "8"),
            Cell(2, 2, "2"),
        ],
        header=("科目", "構成比", "金額"),
    )
    doc2 = _one_table(
        [Cell(1, 0, "人件費"), Cell(1, 1, "60.0%"), Cell(2, 0, "物件費"), Cell(2, 1, "40.0%")],
        header=("科目", "構成比"),
    )
    assert normalize_document(doc, NormalizeSettings()).tables[0].columns[1].unit is None
    t = normalize_document(doc2, NormalizeSettings()).tables[0]
    assert t.columns[1].unit == Unit("%") and t.cell(1, 1).value == Decimal("60.0")


@given(st.lists(st.text(max_size=12), min_size=4, max_size=4))
def test_any_cell_text_normalizes_without_error(texts: list[str]) -> None:
    cells = [Cell(1, 0, texts[0]), Cell(1, 1, texts[1]), Cell(1, 2, texts[2]), Cell(2, 0, texts[3])]
    for ocr in (False, True):
        out = normalize_document(_one_table(cells, ocr=ocr), NormalizeSettings())
        for c in out.tables[0].body_cells():
            assert c.kind is not CellKind.NUMBER or c.value is not None or c.null_reason is not None


def test_numbering_separator_follows_the_tables_majority() -> None:
    cells = [
        Cell(1, 0, "1. 受取会費"),
        Cell(1, 1, "1"),
        Cell(2, 0, "2. 事業収益"),
        Cell(2, 1, "2"),
        Cell(3, 0, "3.雑収益"),
        Cell(3, 1, "3"),
        Cell(4, 0, "受取利息"),
        Cell(4, 1, "4"),
    ]
    t = normalize_document(_one_table(cells, header=("科目", "金額")), NormalizeSettings()).tables[0]
    assert [r.label for r in t.rows] == ["1. 受取会費", "2. 事業収益", "3. 雑収益", "受取利息"]
    assert "numbering-space" in t.cell(3, 0).provenance.transforms
    tight = [Cell(1, 0, "①費用対効果"), Cell(2, 0, "②障害時の対応"), Cell(3, 0, "③ セキュリティ")]
    t2 = normalize_document(_one_table(tight, header=("列1",)), NormalizeSettings()).tables[0]
    assert [r.label for r in t2.rows] == ["①費用対効果", "②障害時の対応", "③セキュリティ"]


def test_unit_from_a_text_block_on_the_tables_page() -> None:
    doc = _one_table(
        [Cell(1, 0, "受取会費"), Cell(1, 1, "1"), Cell(1, 2, "2")], header=("科目", "本年度", "前年度")
    )
    page = replace(doc.pages[0], text_blocks=(TextBlock(1, "（単位：千円）"),))
    t = normalize_document(replace(doc, pages=(page,)), NormalizeSettings()).tables[0]
    assert t.unit == Unit("千円", Decimal(1000)) and t.columns[1].unit == t.unit
    two = replace(doc.pages[0], text_blocks=(TextBlock(1, "(単位:千円)"), TextBlock(1, "(単位:円)")))
    assert normalize_document(replace(doc, pages=(two,)), NormalizeSettings()).tables[0].unit is None


def _column_of(texts: list[str], header: str = "生産量(トン)") -> Document:
    return _one_table(
        [c for i, t in enumerate(texts, start=1) for c in (Cell(i, 0, f"{i}月"), Cell(i, 1, t))],
        header=("区分", header),
        ocr=True,
    )


def test_dots_read_for_thousands_commas_in_a_column_of_whole_figures() -> None:
    """OCR reads the thousands comma of a 150 dpi table image as a dot in some rows (36.636 beside
    4,029 and 35,016, 溶融亜鉛めっき生産実績): the column's whole figures are thousands and every dotted
    figure is one group of three, so the dots are commas, read as such and named (info)."""
    out = normalize_document(
        _column_of(["36.636", "451.359", "4,029", "35016", "13,230"]), NormalizeSettings()
    )
    t = out.tables[0]
    assert [t.cell(r, 1).value for r in (1, 2, 3)] == [Decimal(36636), Decimal(451359), Decimal(4029)]
    assert "ocr-dot-comma" in t.cell(1, 1).provenance.transforms
    named = [f for f in out.findings if f.code == "bad-grouping"]
    assert len(named) == 2 and all(f.severity is Severity.INFO for f in named)


def test_a_column_of_decimals_keeps_its_points() -> None:
    """Figures with three places and no thousands among the whole ones (a rate, a weight in kg) are
    decimals: never multiplied by a thousand (a column total of them would still hold, silently)."""
    out = normalize_document(
        _column_of(["1.234", "0.567", "2.500", "3", "12"], "重量(kg)"), NormalizeSettings()
    )
    t = out.tables[0]
    assert [t.cell(r, 1).value for r in (1, 2, 3)] == [Decimal("1.234"), Decimal("0.567"), Decimal("2.500")]
    out = normalize_document(_column_of(["3.4", "8.6", "3.0", "4.2"], "N値"), NormalizeSettings())
    assert [c.value for c in out.tables[0].cells if c.col == 1 and c.row >= 1] == [
        Decimal("3.4"),
        Decimal("8.6"),
        Decimal("3.0"),
        Decimal("4.2"),
    ]


def test_a_point_lost_in_a_column_of_one_place_figures() -> None:
    """N値表: OCR dropped the point of 3.0 (``30``) and read the point of 4.0 as a comma (``4,0``) in
    a column whose every other figure prints one decimal place. Read 3.0 and 4.0, named (info) and
    left unconfirmed; a figure a digit too long (``934`` for 3.4) is no lost point and stays."""
    out = normalize_document(
        _column_of(
            ["3.0", "1.5", "30", "3.4", "4,0", "2.3", "3.6", "934", "3.0", "8.4", "8.6", "4.2"], "N値"
        ),
        NormalizeSettings(),
    )
    t = out.tables[0]
    assert [t.cell(r, 1).value for r in range(1, 9)] == [
        Decimal("3.0"), Decimal("1.5"), Decimal("3.0"), Decimal("3.4"),
        Decimal("4.0"), Decimal("2.3"), Decimal("3.6"), Decimal(934),
    ]  # fmt: skip
    assert "ocr-point-lost" in t.cell(3, 1).provenance.transforms
    named = [f for f in out.findings if f.code == "ocr-candidate"]
    assert len(named) == 2 and all(f.severity is Severity.INFO for f in named)


def test_whole_figures_beside_a_few_decimals_are_whole() -> None:
    """A column of counts with a few figures in decimals is no column of decimals: 30 stays 30."""
    out = normalize_document(_column_of(["30", "12", "3.5", "45", "8", "17"], "人数"), NormalizeSettings())
    assert out.tables[0].cell(1, 1).value == Decimal(30)
