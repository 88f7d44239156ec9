"""Borderless text listings (議案一覧表): a wrapped last field is one cell, and a field padded to a
fixed width is one column only when a word covers both starts on two lines or more. Built from
glyph boxes as pdfium gives them, so the rules are checked apart from any one document."""

from __future__ import annotations

import pytest
from chohyo.extract.tables.geometry import Char
from chohyo.extract.tables.grid import Grid
from chohyo.extract.tables.layout import group_lines
from chohyo.extract.tables.text_table import find_text_tables

SIZE = 10.0
PITCH = 22.0  # line pitch: a gap of 12 pt, under 1.5 line heights


def _text(text: str, x: float, line: int) -> list[Char]:
    top = 100.0 + PITCH * line
    return [Char(ch, x + SIZE * k, top, x + SIZE * (k + 1), top + SIZE, SIZE) for k, ch in enumerate(text)]


def _listing(items: list[tuple[str, str, list[str]]]) -> list[Grid]:
    """Each item: the number field (a space where the padding gap is), its title, wrapped lines."""
    chars: list[Char] = []
    line = 0
    for number, title, wraps in items:
        head, _, tail = number.partition(" ")
        chars += _text(head, 85.0, line)
        if tail:  # ``議案第　１号``: the number set apart, flush right in the field
            chars += _text(tail, 156.0 - SIZE * len(tail), line)
        chars += _text(title, 170.0, line)
        for wrap in wraps:
            line += 1
            chars += _text(wrap, 170.0, line)
        line += 1
    return find_text_tables(group_lines(chars), 1)


def _rows(grid: Grid) -> list[list[str]]:
    rows: dict[int, dict[int, str]] = {}
    for c in grid.cells:
        rows.setdefault(c.row, {})[c.col] = c.text.replace(" ", "")
    return [[rows[r][k] for k in sorted(rows[r])] for r in sorted(rows)]


def test_wrapped_titles_and_padded_numbers_make_one_listing() -> None:
    grids = _listing(
        [
            ("議案第 1号", "補正予算", []),
            ("議案第 2号", "条例の一部を改正", ["する条例"]),
            ("議案第 3号", "市道の廃止", []),
            ("議案第10号", "契約の締結", []),
            ("議案第11号", "委員の推薦", []),
        ]
    )
    assert len(grids) == 1
    assert _rows(grids[0]) == [
        ["議案第1号", "補正予算"],
        ["議案第2号", "条例の一部を改正する条例"],
        ["議案第3号", "市道の廃止"],
        ["議案第10号", "契約の締結"],
        ["議案第11号", "委員の推薦"],
    ]


@pytest.mark.parametrize("wide", [0, 1])
def test_columns_stay_apart_without_two_covering_lines(wide: int) -> None:
    """Three aligned fields on every line: three columns. One word covering two starts once (a long
    name) is no evidence that they are one field: the listing is cut there, never joined."""
    items = [
        ("議案第 1号", "補正予算", []),
        ("議案第 2号", "市道の認定", []),
        ("議案第 3号", "市道の廃止", []),
    ]
    if wide:
        items.append(("議案第10号", "契約の締結", []))
    grids = _listing(items)
    assert grids and all(g.n_cols == 3 for g in grids)
    assert _rows(grids[0])[0] == ["議案第", "1号", "補正予算"]
