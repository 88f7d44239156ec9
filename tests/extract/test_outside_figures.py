"""Figures a table's reading left outside every table are warned, not dropped in silence (issue 15)."""

from __future__ import annotations

from chohyo.extract.unread_amounts import (
    amounts_outside_tables,
    figure_like,
    outside_figures,
    outside_note,
)
from chohyo.model import BBox, Page, PageKind

Words = list[tuple[str, BBox]]


def _line(y: float, *words: tuple[str, float]) -> Words:
    """Words of one line at height ``y``, each (text, right edge), 6 pt a character."""
    return [(t, BBox(x1 - 6 * len(t), y, x1, y + 8)) for t, x1 in words]


# 概算要求額総表 as the page reading gave it: the left columns inside the table found, the right
# ones (7年度 その他の経費, 計(B), 増減) outside it, condensed digits read as letters
TABLE = BBox(30, 100, 487, 322)
LOST = [
    _line(140 + 12 * i, ("東日本", 100), ("57263.734", 300), (a, 560), (b, 620), (c, 780), ("3", 800))
    for i, (a, b, c) in enumerate(
        [
            ("SSR5o9", "ORS29", "56365205"),
            ("o", "o", "5697ae28"),
            ("98S29", "89RS29", "BOB43"),
            ("1255", "1255", "o"),
            ("107.166", "107.166", "7531"),
        ]
    )
]


def test_what_ocr_makes_of_figures_is_figure_like() -> None:
    assert all(figure_like(t) for t in ["57,263,734", "SSR5o9", "5697ae28", "GOR43", "△7,531", "107.166"])
    # words, short numbers (row numbers, 頁数) and letters alone are not
    assert not any(figure_like(t) for t in ["3", "01", "HE", "igaosz", "東日本", "2024年", "Total"])


def test_the_lost_right_half_of_a_table_is_found_in_columns() -> None:
    columns = outside_figures(LOST, [TABLE])
    assert [len(c) for c in columns] == [4, 4, 4]  # "o" (0) and the 頁数 3 are too short to tell
    assert all(b.x0 > TABLE.x1 for c in columns for _, b in c)  # nothing inside the table counts
    note = outside_note(columns, 842.0, 595.0)
    assert note is not None and "12 figures in 3 columns" in note and "SSR5o9" in note
    page = Page(1, 842.0, 595.0, kind=PageKind.SCANNED, notes=(note,))
    found = amounts_outside_tables([page])
    assert [f.code for f in found] == ["amounts-outside-table"] and found[0].severity.value == "warning"
    assert found[0].page == 1 and "12 figures" in found[0].message


def test_a_whole_table_prose_and_dates_stay_quiet() -> None:
    # the same page with its table found whole
    assert outside_note(outside_figures(LOST, [BBox(30, 100, 810, 322)]), 842.0, 595.0) is None
    # prose citing amounts here and there: no column
    prose = [
        _line(400, ("歳入は", 100), ("23,340,000", 180), ("千円で", 230), ("490,000", 320)),
        _line(412, ("自主財源が", 120), ("8,618,194", 240), ("千円", 260)),
        _line(424, ("前年度比", 90), ("56,718", 330), ("千円の増", 380)),
    ]
    assert outside_figures(prose, []) == []
    # a date column in a letterhead: a year followed by 年 is no amount
    dates = [_line(20 + 12 * i, ("令和", 700), ("2024", 730), ("年", 740)) for i in range(4)]
    assert outside_figures(dates, []) == []
    # two short columns are not yet a table's part
    few = [_line(500 + 12 * i, ("1,000", 300), ("2,000", 400)) for i in range(2)]
    assert outside_note(outside_figures(few, []), 842.0, 595.0) is None


def test_figures_set_in_sentences_are_no_column() -> None:
    """道の駅 p4: three lines of prose whose figures happened to end at the same place (▲26,007千円,
    4,418千円, 242台), each set against its unit or the word before it: no column of a table."""

    def tight(y: float, before: str, figure: str, unit: str, x1: float) -> Words:
        return [
            (before, BBox(x1 - 6 * len(figure) - 1 - 8 * len(before), y, x1 - 6 * len(figure) - 1, y + 8)),
            (figure, BBox(x1 - 6 * len(figure), y, x1, y + 8)),
            (unit, BBox(x1 + 1, y, x1 + 1 + 8 * len(unit), y + 8)),
        ]

    prose = [
        tight(100, "目標額", "26,007", "千円を", 420),
        tight(112, "と", "4,418", "千円の", 421),
        tight(124, "期", "242", "台)、", 420),
        tight(136, "期", "1,904", "円)と", 421),
        tight(148, "数", "1,515", "人で", 420),
        tight(160, "計", "12,051", "個", 419),
    ]
    assert outside_figures(prose, []) == []
    # the same figures with a column gap on each side are a column (1,515人 stays a count of people)
    gapped = [
        [
            (
                t,
                BBox(
                    b.x0 + (40 if k == 2 else -40 if k == 0 else 0),
                    b.top,
                    b.x1 + (40 if k == 2 else -40 if k == 0 else 0),
                    b.bottom,
                ),
            )
            for k, (t, b) in enumerate(ln)
        ]
        for ln in prose
    ]
    assert [len(c) for c in outside_figures(gapped, [])] == [5]
