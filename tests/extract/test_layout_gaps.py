"""Three borderless layouts that used to break (fixtures/variants, made by make_variants.py):

- a row label wrapped onto two lines with its numbers on the first or the last line (not centred),
  next to group headings that are label-only lines too and must stay rows of their own;
- header cells printed on two lines in narrow columns (one cell, not a parent over a child) beside
  a real spanning header;
- three tables side by side on the same baselines (and two blocks of them, one under the other).

test_variants.py checks every row and column path of these files; the tests here name the
decisions the extractor has to get right in them.
"""

from __future__ import annotations

import itertools

import pytest
from chohyo.model import Table

from tests.extract.conftest import nospace, variant


def _rows(table: Table) -> dict[str, list[str]]:
    out = {}
    for r in table.rows:
        cells = {c.col: c.text for c in table.row_cells(r.index)}
        out[nospace(r.label)] = [nospace(cells.get(k)) for k in range(1, len(table.columns))]
    return out


@pytest.mark.parametrize(
    ("case", "label", "values"),
    [
        ("wrapped_first_line", "地域コミュニティ活性化推進事業費", ["48,200", "45,100", "3,100"]),
        ("wrapped_first_line", "公共施設長寿命化計画策定事業費", ["8,600", "", "8,600"]),
        (
            "wrapped_first_line",
            "主要事業の予算額合計(一般会計)",
            ["281,470", "262,480", "18,990"],
        ),  # the last row
        ("wrapped_indented", "子育て世代包括支援センター事業費", ["21,340", "19,870", "1,470"]),  # 字下げ
        ("wrapped_last_line", "技能講習及び資格試験受験料収益", ["291,875", "284,300", "7,575"]),
        (
            "wrapped_last_line",
            "3.基本財産運用益及び特定資産運用益",
            ["8,405", "8,960", "△555"],
        ),  # hanging indent
    ],
)
def test_wrapped_label_is_one_row_with_its_numbers(case: str, label: str, values: list[str]) -> None:
    rows = _rows(variant(case).tables[0])
    assert rows[label] == values
    assert not any(lab and label.endswith(lab) and lab != label for lab in rows)  # no tail left as a row


@pytest.mark.parametrize(
    ("case", "heading", "below"),
    [
        ("wrapped_first_line", "総務費", "地域コミュニティ活性化推進事業費"),
        (
            "wrapped_first_line",
            "児童福祉費",
            "子育て世代包括支援センター事業費",
        ),  # under a row that fills its line
        ("wrapped_first_line", "社会福祉費", "老人福祉施設整備費補助金"),
        ("wrapped_indented", "児童福祉費", "子育て世代包括支援センター事業費"),
        ("wrapped_first_line", "都市計画費", "1公園整備事業費"),  # numbered items at its own indent
        ("wrapped_indented", "都市計画費", "1公園整備事業費"),
        ("wrapped_last_line", "2.事業収益", "教育講習収益"),
        ("wrapped_last_line", "(2)経常費用", "1.事業費"),
    ],
)
def test_group_heading_stays_a_row_of_its_own(case: str, heading: str, below: str) -> None:
    table = variant(case).tables[0]
    labels = [nospace(r.label) for r in table.rows]
    i = labels.index(heading)
    assert labels[i + 1] == below
    assert _rows(table)[heading] == ["", "", ""]


@pytest.mark.parametrize("case", ["wrapped_first_line", "wrapped_indented"])
def test_full_row_above_a_heading_keeps_its_label(case: str) -> None:
    rows = _rows(variant(case).tables[0])
    assert rows["生活保護受給者就労支援費"] == ["4,210", "3,980", "230"]
    assert rows["道路橋りょう維持補修事業"] == ["5,120", "4,980", "140"]


def test_header_wrapped_in_its_cell_is_one_level() -> None:
    table = variant("header_wrapped").tables[0]
    paths = [tuple(nospace(p) for p in c.path) for c in table.columns]
    assert paths[1] == ("本年度予算額",) and paths[2] == ("前年度予算額",)
    assert paths[4] == ("財源内訳", "特定財源") and paths[5] == ("財源内訳", "一般財源")
    spanning = [c for c in table.cells if c.row < table.header_rows and nospace(c.text) == "財源内訳"]
    assert len(spanning) == 1 and spanning[0].col_span == 2
    joined = next(c for c in table.cells if c.row < table.header_rows and nospace(c.text) == "本年度予算額")
    assert joined.row_span == table.header_rows == 2


def test_three_tables_side_by_side_are_three_tables() -> None:
    doc = variant("three_tables")
    tables = doc.tables
    assert [nospace(t.title) for t in tables] == ["(1)基金の残高", "(2)市税の滞納状況", "(3)部局別職員数"]
    boxes = [t.bbox for t in tables]
    assert all(b is not None for b in boxes)
    assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes))  # type: ignore[union-attr]
    assert [len(t.columns) for t in tables] == [3, 3, 4]
    texts = [nospace(b.text) for p in doc.pages for b in p.text_blocks]
    assert any(t.startswith("基金の残高は") for t in texts)


def test_two_blocks_of_side_by_side_tables_stay_apart() -> None:
    tables = variant("side_by_side_blocks").tables
    assert [nospace(t.title) for t in tables] == [
        "1歳入の状況",
        "2歳出の状況",
        "3起債の件数",
        "4企業会計の職員数",
        "5学校数",
    ]
    assert [len(t.rows) for t in tables] == [4, 4, 2, 3, 3]
