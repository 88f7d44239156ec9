"""Repair of OCR readings, confirmed by arithmetic; born-digital cells are only flagged."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from chohyo.model import Cell, CellKind, NullReason, Provenance, Table
from chohyo.settings import ValidateSettings
from chohyo.validate.repair import readings
from chohyo.validate.rules_file import parse_rules
from chohyo.validate.table import validate_table
from validate_helpers import make_table

COLS = ["科目", "x", "y", "z", "計"]
ROWS = [
    ("A", [1200000, 2500000, 300000, 4000000]),
    ("B", [10335600, 1985, 12000, 10349585]),
    ("C", [700000, 66000, 1334, 767334]),
    ("D", [50000, 60000, 70000, 180000]),
    ("計", [12285600, 2627985, 383334, 15296919]),
]
OCR = Provenance("tesseract", "ocr-grid")


def ocr_cell(
    table: Table, row: int, col: int, text: str, value: Decimal | None = None, conf: tuple[float, ...] = ()
) -> Table:
    old = table.cell(row, col)
    assert old is not None
    cell = replace(
        old,
        raw_text=text,
        text=text,
        value=value,
        kind=CellKind.NUMBER,
        null_reason=None if value is not None else NullReason.UNPARSEABLE,
        provenance=OCR,
        char_confidences=conf,
    )
    # every cell of a scanned page is OCR'd
    others = {(c.row, c.col): replace(c, provenance=OCR) for c in table.cells if (c.row, c.col) != (row, col)}
    return table.with_cells({**others, (row, col): cell})


def errors(result) -> list:
    return [f for f in result.findings if f.severity.value == "error"]


def test_consistent_table() -> None:
    result = validate_table(make_table(COLS, ROWS), ValidateSettings())
    assert len(result.relations) == 2 and all(r.holds for r in result.relations)


def test_letters_read_for_digits_are_repaired() -> None:
    table = ocr_cell(make_table(COLS, ROWS), 2, 1, "1O,335,6OO")
    result = validate_table(table, ValidateSettings(fix="auto"))
    cell = result.table.cell(2, 1)
    assert cell.value == Decimal(10335600) and cell.text == "10335600"
    assert cell.corrected_from == "1O,335,6OO"
    assert "arithmetic-repair" in cell.provenance.transforms
    assert [f.code for f in result.findings] == ["corrected-cell"]
    assert all(r.holds for r in result.relations)


def test_long_vowel_mark_read_for_one() -> None:
    table = ocr_cell(make_table(COLS, ROWS), 2, 2, "ー985")
    result = validate_table(table, ValidateSettings())
    assert result.table.cell(2, 2).value == Decimal(1985)
    assert not errors(result)


def test_digit_confusion_weighted_by_confidence() -> None:
    # 1,334 read as 1,884: the two 8s are the doubtful characters
    table = ocr_cell(make_table(COLS, ROWS), 3, 3, "1,884", Decimal(1884), conf=(0.99, 0.99, 0.99, 0.4, 0.45))
    result = validate_table(table, ValidateSettings())
    cell = result.table.cell(3, 3)
    assert cell.value == Decimal(1334) and cell.corrected_from == "1,884"
    assert not errors(result)


def test_fix_never_only_proposes() -> None:
    table = ocr_cell(make_table(COLS, ROWS), 2, 1, "1O,335,6OO")
    result = validate_table(table, ValidateSettings(fix="never"))
    assert result.table.cell(2, 1).value is None
    suspects = {(s.row, s.col, s.proposed, s.proposed_text) for f in errors(result) for s in f.suspects}
    assert suspects == {(2, 1, Decimal(10335600), "10,335,600")}


def test_born_digital_cell_is_flagged_not_changed() -> None:
    table = make_table(COLS, ROWS)
    table = table.with_cells({(2, 2): replace(table.cell(2, 2), text="1,885", value=Decimal(1885))})
    result = validate_table(table, ValidateSettings(fix="auto"))
    assert result.table.cell(2, 2).value == Decimal(1885) and result.table.cell(2, 2).corrected_from is None
    assert {(s.row, s.col, s.found, s.proposed) for f in errors(result) for s in f.suspects} == {
        (2, 2, Decimal(1885), Decimal(1985))
    }
    assert "corrected-cell" not in {f.code for f in result.findings}


def test_no_fix_unless_every_relation_holds() -> None:
    # the row total needs 1986 but the column total needs 1985: no single reading fits both
    table = make_table(COLS, ROWS)
    table = table.with_cells({(2, 4): replace(table.cell(2, 4), text="10349586", value=Decimal(10349586))})
    table = ocr_cell(table, 2, 2, "ー986")
    # the row total of y is declared (two bad cells in row B hide it from discovery)
    rules = parse_rules({"relations": [{"target": "計", "terms": ["A", "B", "C", "D"]}]})
    result = validate_table(table, ValidateSettings(), rules)
    assert {r.description for r in result.relations} >= {"計 = x + y + z", "計 = A + B + C + D"}
    assert result.table.cell(2, 2).corrected_from is None
    assert errors(result)
    # with the row total undeclared, 1986 satisfies every relation known and is taken
    assert validate_table(table, ValidateSettings()).table.cell(2, 2).value == Decimal(1986)


def test_readings_try_letters_then_doubtful_digits() -> None:
    cell = Cell(1, 1, "1O,335,6OO", provenance=Provenance("tesseract"))
    texts = [t for t, _ in readings(cell)]
    assert texts[0] == "10,335,600"
    weak = Cell(1, 1, "188", char_confidences=(0.99, 0.3, 0.99), provenance=Provenance("tesseract"))
    ranked = [t for t, _ in readings(weak, max_changes=1)]
    assert ranked.index("138") < ranked.index("183")


def test_readings_for_signs_points_and_specks() -> None:
    def top(raw: str) -> str:
        return readings(Cell(1, 1, raw, provenance=OCR))[0][0]

    assert top("A11324,500") == "△11324,500"  # △ read as A
    assert top("2.156.000") == "2,156,000"  # commas read as points
    assert top("-861,900") == "861,900"  # a speck read as a minus
    assert "266365,100" in [t for t, _ in readings(Cell(1, 1, "8 266365,100", provenance=OCR))]


def test_several_unreadable_cells_on_one_check_are_read_together() -> None:
    cols = ["科目", "x", "y", "z", "計"]
    rows = [
        ("A", [-1200, -2500, 300, -3400]),
        ("B", [100, 200, 300, 600]),
        ("C", [10, 20, 30, 60]),
        ("計", [-1090, -2280, 630, -2740]),
    ]
    table = ocr_cell(make_table(cols, rows), 1, 1, "A1200")
    table = ocr_cell(table, 1, 2, "A2,5OO")
    result = validate_table(table, ValidateSettings())
    assert [result.table.cell(1, c).value for c in (1, 2)] == [Decimal(-1200), Decimal(-2500)]
    assert [f.code for f in result.findings] == ["corrected-cell", "corrected-cell"]
