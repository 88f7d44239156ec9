"""Two typos on one relation line: the pair is named when it is the only least correction, every
candidate is reported when it is not, and only OCR'd cells are ever changed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.model import Severity, Table
from chohyo.pipeline import run
from chohyo.settings import Settings, ValidateSettings
from chohyo.validate.table import validate_table
from chohyo.validate.truth import load_truth, table_from_truth
from chohyo.validate.view import column_name
from test_validate_repair import ocr_cell
from validate_helpers import FIXTURES, candidates, fixture_path, make_table, named, truth_tables, typo_cells

AMBIGUOUS = FIXTURES / "typos" / "budget_typos_ambiguous"


@pytest.mark.parametrize("flat", [False, True], ids=["with-hierarchy", "values-only"])
def test_two_typos_in_a_row_and_two_in_a_column_are_named(flat: bool) -> None:
    (table,) = truth_tables("typos/budget_typos2", flat=flat)
    typos = load_truth(fixture_path("typos/budget_typos2"))["typos"]
    result = validate_table(table, ValidateSettings())
    assert len(typos) == 4
    assert named(result.findings) == typo_cells(table, typos)
    assert candidates(result.findings) == set()
    assert len(result.relations) == 25


def by_position(table: Table, typos: list[dict]) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Typo cells by the truth's row position (the extracted row tree may differ from the truth's)."""
    assert len(table.rows) == len(load_truth(fixture_path("budget_ruled"))["tables"][0]["rows"])
    cols = {column_name(table, c.index): c.index for c in table.columns}
    out = {}
    for t in typos:
        row = table.rows[t["row_index"]]
        assert row.label == t["row_label"]
        out[(row.index, cols[t["column"]])] = (Decimal(t["printed"]), Decimal(t["correct"]))
    return out


def test_pairs_named_from_the_pdf() -> None:
    doc = run(fixture_path("typos/budget_typos2", ".pdf"), Settings())
    (table,) = doc.tables
    typos = by_position(table, load_truth(fixture_path("typos/budget_typos2"))["typos"])
    assert named(doc.findings) == typos
    assert not [f for f in doc.findings if f.code == "ambiguous-correction"]
    for (r, c), (printed, _) in typos.items():
        assert table.cell(r, c).value == printed  # born-digital: flagged, never changed


def test_ambiguous_pairs_name_every_candidate_and_nobody_else() -> None:
    path = AMBIGUOUS.with_suffix(".pdf")
    if not path.exists():
        pytest.skip("fixtures/typos/ not generated")
    truth = load_truth(AMBIGUOUS.with_suffix(".truth.json"))
    doc = run(path, Settings())
    (table,) = doc.tables
    errors = [f for f in doc.findings if f.severity is Severity.ERROR]
    assert errors and not any(f.suspects for f in errors)  # nobody is picked
    sets = candidates(doc.findings)
    assert len(sets) == 6  # rectangle: 2 pairs; cancelling in one column: 4 pairs (one per column)
    assert all(len(s) == 2 for s in sets)
    truth_cells = {(r, c, correct) for (r, c), (_, correct) in by_position(table, truth["typos"]).items()}
    # each true pair is among the candidates, with its correct values
    assert sum(s <= truth_cells for s in sets) == 2
    by_rows = {frozenset(r for r, _, _ in s) for s in sets}
    assert len(by_rows) == 2  # every candidate set lies on the two rows of one of the pairs
    assert all(
        cell.value == cell_before
        for cell, cell_before in (
            (table.cell(r, c), printed) for (r, c), (printed, _) in by_position(table, truth["typos"]).items()
        )
    )


def test_same_pairs_from_the_truth_table_page_two_row() -> None:
    """Two typos in a 管理費 row (法人会計, 計: its only nonzero columns) are still placed: the 諸給
    relation repeats the one under 事業費, so discovery keeps it though it holds nowhere."""
    spec = load_truth(fixture_path("budget_ruled"))["tables"][0]
    rows = [dict(r, values=list(r["values"])) for r in spec["rows"]]
    i = next(k for k, r in enumerate(rows) if r["label"] == "給料手当" and "2. 管理費" in r["parents"])
    rows[i]["values"][5], rows[i]["values"][6] = "39188800", "39183300"
    table = table_from_truth({**spec, "rows": rows})
    result = validate_table(table, ValidateSettings())
    grid = i + 1
    assert named(result.findings) == {
        (grid, 6): (Decimal(39188800), Decimal(39183800)),
        (grid, 7): (Decimal(39183300), Decimal(39183800)),
    }


# a heading, three items under it and its 計 row (the row tree backs 収益計 = A + B + C)
GRID = [
    ("収益", [None, None, None, None]),
    ("A", [1200, 2500, 3000, 6700], ["収益"]),
    ("B", [4100, 5200, 6300, 15600], ["収益"]),
    ("C", [7000, 8800, 9100, 24900], ["収益"]),
    ("収益計", [12300, 16500, 18400, 47200], ["収益"]),
]
COLS = ["科目", "x", "y", "z", "計"]


def grid(changes: dict[tuple[int, int], int]) -> Table:
    """GRID with body cells (grid row, col) replaced."""
    rows = [(r[0], list(r[1]), *r[2:]) for r in GRID]
    for (r, c), v in changes.items():
        rows[r - 1][1][c - 1] = v
    return make_table(COLS, rows)


B = 3  # grid row of B


def test_two_ocr_misreadings_in_one_row_are_repaired() -> None:
    table = grid({})
    table = ocr_cell(table, B, 1, "4,700", Decimal(4700))  # 4,100: 1 read as 7
    table = ocr_cell(table, B, 3, "8,300", Decimal(8300))  # 6,300: 6 read as 8
    result = validate_table(table, ValidateSettings())
    assert result.table.cell(B, 1).value == Decimal(4100) and result.table.cell(B, 3).value == Decimal(6300)
    assert result.table.cell(B, 1).corrected_from == "4,700"
    assert [f.code for f in result.findings] == ["corrected-cell", "corrected-cell"]
    assert all(r.holds for r in result.relations)
    never = validate_table(table, ValidateSettings(fix="never"))
    assert never.table.cell(B, 1).value == Decimal(4700)
    assert named(never.findings) == {
        (B, 1): (Decimal(4700), Decimal(4100)),
        (B, 3): (Decimal(8300), Decimal(6300)),
    }


def test_arithmetic_alone_does_not_rewrite_an_ocr_reading() -> None:
    """The pair is certain, but 5,200 read as 9,900 is no OCR confusion: proposed, not applied."""
    table = ocr_cell(ocr_cell(grid({}), B, 1, "4,700", Decimal(4700)), B, 2, "9,900", Decimal(9900))
    result = validate_table(table, ValidateSettings())
    assert result.table.cell(B, 2).value == Decimal(9900) and result.table.cell(B, 1).value == Decimal(4700)
    assert named(result.findings) == {
        (B, 1): (Decimal(4700), Decimal(4100)),
        (B, 2): (Decimal(9900), Decimal(5200)),
    }


def test_born_digital_pair_is_proposed_not_applied() -> None:
    result = validate_table(grid({(B, 1): 4700, (B, 3): 8300}), ValidateSettings())
    assert result.table.cell(B, 1).value == Decimal(4700)
    assert named(result.findings) == {
        (B, 1): (Decimal(4700), Decimal(4100)),
        (B, 3): (Decimal(8300), Decimal(6300)),
    }
    assert not [f for f in result.findings if f.code == "corrected-cell"]


def test_three_typos_in_one_row_of_a_small_table() -> None:
    cols = ["科目", "x", "y", "z", "w", "v", "計"]
    rows = [
        ("収益", [None] * 6),
        ("A", [1, 2, 3, 4, 5, 15], ["収益"]),
        ("B", [10, 20, 30, 40, 50, 150], ["収益"]),
        ("C", [7, 7, 7, 7, 7, 35], ["収益"]),
        ("収益計", [18, 29, 40, 51, 62, 200], ["収益"]),
    ]
    bad = [(r[0], list(r[1]), *r[2:]) for r in rows]
    bad[2][1][0], bad[2][1][1], bad[2][1][3] = 16, 29, 48  # B: x, y, w
    result = validate_table(make_table(cols, bad), ValidateSettings())
    assert named(result.findings) == {
        (B, 1): (Decimal(16), Decimal(10)),
        (B, 2): (Decimal(29), Decimal(20)),
        (B, 4): (Decimal(48), Decimal(40)),
    }


def budget_with(changes: dict[tuple[str, str, int], int]) -> tuple[Table, dict[tuple[int, int], int]]:
    """The budget truth table with cells (label, parent, value index) misprinted; grid cell → correct."""
    spec = load_truth(fixture_path("budget_ruled"))["tables"][0]
    rows = [dict(r, values=list(r["values"])) for r in spec["rows"]]
    correct = {}
    for (label, parent, col), value in changes.items():
        i = next(k for k, r in enumerate(rows) if r["label"] == label and parent in r["parents"])
        correct[(i + 1, col + 1)] = int(rows[i]["values"][col])
        rows[i]["values"][col] = str(value)
    return table_from_truth({**spec, "rows": rows}), correct


def test_rectangle_with_equal_errors_is_ambiguous() -> None:
    # 法定福利費/公益事業2 and 旅費交通費/公益事業3 both +6,000: the other two corners +6,000 fit as well
    table, correct = budget_with(
        {("法定福利費", "1. 事業費", 1): 12310200, ("旅費交通費", "1. 事業費", 2): 120800}
    )
    result = validate_table(table, ValidateSettings())
    assert named(result.findings) == {}
    (a, b) = sorted(correct)
    truth = frozenset((r, c, Decimal(v)) for (r, c), v in correct.items())
    other = frozenset({(a[0], b[1], Decimal(1580600 - 6000)), (b[0], a[1], Decimal(656500 - 6000))})
    assert candidates(result.findings) == {truth, other}
