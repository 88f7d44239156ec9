"""Notes printed under a table (extract/digital/table_notes.py): which lines are the table's notes."""

from __future__ import annotations

from chohyo.extract.digital.table_notes import table_notes
from chohyo.extract.tables.geometry import Char, Line
from chohyo.model import BBox, Cell, CellKind, Table

BOX = BBox(50, 100, 400, 300)


def _line(text: str, top: float, x0: float = 50, size: float = 6.0) -> Line:
    w = size * 0.5
    chars = [Char(ch, x0 + i * w, top, x0 + (i + 1) * w, top + size, size) for i, ch in enumerate(text)]
    return Line(chars)


def _table(*labels: str) -> Table:
    cells = tuple(Cell(row=i, col=0, raw_text=text, kind=CellKind.LABEL) for i, text in enumerate(labels))
    return Table("t1", (1,), (), cells)


def _texts(lines: list[Line]) -> list[str]:
    return [ln.text for ln in lines]


def test_marked_lines_right_under_the_table_are_its_notes_until_a_larger_line() -> None:
    lines = [
        _line("1 Except forcible rape and prostitution.", 304),
        _line("Source: U.S. Department of Justice.", 310.5),
        _line("Table 325. Arrests by Race", 322, size=8.0),
    ]
    got = table_notes(lines, _table("Total", "Sex offenses 1"), BOX, 800, 6.0)
    assert _texts(got) == ["1 Except forcible rape and prostitution.", "Source: U.S. Department of Justice."]


def test_an_unmarked_line_or_a_folio_under_the_table_is_no_note() -> None:
    for text in ("The table shows arrests.", "- 135 -", "2 435"):
        assert table_notes([_line(text, 304)], _table("Total"), BOX, 800, 6.0) == []


def test_a_far_note_needs_its_mark_on_a_label_of_the_table() -> None:
    far = [_line("1 The results cover the period.", 390)]
    assert table_notes(far, _table("Total result"), BOX, 800, 6.0) == []
    assert _texts(table_notes(far, _table("Total result for the period1"), BOX, 800, 6.0)) == [
        "1 The results cover the period."
    ]
    # ... and no other text between them, nor a table
    between = [_line("Some text between.", 330), *far]
    assert table_notes(between, _table("Total result for the period1"), BOX, 800, 6.0) == []
    assert table_notes(far, _table("Total result for the period1"), BOX, 350, 6.0) == []


def test_japanese_note_marks() -> None:
    for text in ("※千円単位での表示のため", "（注）期末勤勉手当には、賞与引当金取崩額を含む。"):
        assert _texts(table_notes([_line(text, 304)], _table("合計"), BOX, 800, 9.0)) == [text]


def test_stray_letters_of_a_turned_chart_are_no_note() -> None:
    assert table_notes([_line("x a l,", 304), _line("c l 0 e", 310)], _table("Total"), BOX, 800, 6.0) == []


def test_an_ended_note_is_not_continued_by_unmarked_prose() -> None:
    lines = [
        _line("Source: OIG.", 304),
        _line("Air toxics emissions in urban areas can be of particular concern", 311),
    ]
    assert _texts(table_notes(lines, _table("Total"), BOX, 800, 6.0)) == ["Source: OIG."]
    wrapped = [  # a note running on (no full stop) and the next note, marked, go on
        _line("2 The result per unit is calculated using the number of units at the end of the", 304),
        _line("period.", 311),
        _line("3 Costs are rounded.", 318),
    ]
    assert len(table_notes(wrapped, _table("Total"), BOX, 800, 6.0)) == 3


def test_a_table_continued_on_the_next_page_keeps_the_notes_of_both_pages() -> None:
    from dataclasses import replace

    from chohyo.extract.tables.continued import merge

    first = replace(_table("Item", "Total"), notes=("* Estimated.",))
    second = replace(_table("Item", "Rest", "Total"), pages=(2,), notes=("* Estimated.", "Source: survey."))
    assert merge(first, second).notes == ("* Estimated.", "Source: survey.")
