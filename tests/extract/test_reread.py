"""Re-reading a page whose own reading fails its checks (extract/digital/reread.py, issue 16),
camelot's copy_text (extract/tables/spans.py) and right-to-left text in logical order
(extract/tables/bidi.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chohyo.extract import extract_document
from chohyo.extract.digital import reread as R
from chohyo.extract.tables.bidi import visual_to_logical
from chohyo.extract.tables.geometry import Char
from chohyo.extract.tables.spans import COPIED, copy_span_text
from chohyo.model import Cell, CellKind, Column, Page, Provenance, Table
from chohyo.settings import ExtractSettings

PEERS = Path(__file__).resolve().parents[2] / ".." / "shared" / "peers" / "camelot"


def _table(rows: list[list[str]], extractor: str = "pdfium") -> Table:
    cells = tuple(
        Cell(r, k, raw_text=x, text=x, kind=CellKind.TEXT, provenance=Provenance(extractor, "stream"))
        for r, row in enumerate(rows)
        for k, x in enumerate(row)
        if x
    )
    return Table("p1t1", (1,), tuple(Column(k, (f"c{k}",)) for k in range(len(rows[0]))), cells)


def _chars(text: str) -> list[Char]:
    return [Char(ch, 10.0 * k, 10.0, 10.0 * k + 8, 20.0, 10.0) for k, ch in enumerate(text)]


CLEAN = [
    ["Item", "2015", "2016"],
    ["Wine", "1,200", "1,350"],
    ["Beer", "800", "950"],
    ["Total", "2,000", "2,300"],
]


@pytest.mark.parametrize(
    ("rows", "faulty"),
    [
        (CLEAN, 0),
        # a numeric column holding a label: a row read into the wrong column
        ([*CLEAN[:2], ["Beer", "Cider", "950"], CLEAN[3]], len("Cider")),
        # two figures in one cell (columns run together)
        ([*CLEAN[:2], ["Beer", "800 950", ""], CLEAN[3]], len("800950")),
        ([*CLEAN[:2], ["Beer", "8009,50", ""], CLEAN[3]], len("8009,50")),
        # an ordinal is no figure: an address (`Room No. 309, 3rd Floor`) is no two figures
        ([*CLEAN, ["Room No. 309, 3rd Floor", "", ""]], 0),
        ([*CLEAN, ["Rooms 309, 310 Floor", "", ""]], len("Rooms309,310Floor")),
        # several columns' header lines read into one cell: words said twice in a row
        ([["Item", "Loans from Loans from", "2016"], *CLEAN[1:]], len("LoansfromLoansfrom")),
        # one filled cell between rows of several: the column count changes
        ([*CLEAN[:2], ["Beer and cider", "", ""], CLEAN[2], CLEAN[3]], len("Beerandcider")),
    ],
)
def test_faults_name_the_faulty_cells(rows: list[list[str]], faulty: int) -> None:
    assert R.faults(tuple(tuple(r) for r in rows))[1] == faulty


def _fake(grids: list[list[list[str]]], calls: list[int]) -> Any:
    def reader(path: str, number: int) -> list[R.Reading]:
        calls.append(number)
        return [R.Reading("camelot-stream", tuple(tuple(tuple(r) for r in g) for g in grids))]

    return reader


def test_a_page_failing_its_checks_keeps_the_consistent_reading_and_names_it() -> None:
    bad = [CLEAN[0], ["Wine", "1,2001,350", ""], ["Beer", "800950", ""], CLEAN[3]]
    page = Page(1, 600, 800, tables=(_table(bad),))
    calls: list[int] = []
    out, note = R.reread(page, "x.pdf", _chars("Wine 1,2001,350"), _fake([CLEAN], calls))
    assert calls == [1] and "kept the camelot-stream reading" in note
    (table,) = out.tables
    assert R.table_rows(table)[1] == ("Wine", "1,200", "1,350")
    assert {c.provenance.extractor for c in table.cells} == {"camelot-stream"}
    # figures no other reading holds, as a cell or a word (chohyo's own ran them together), are flagged
    flagged = {c.raw_text for c in table.cells if R.DISAGREE in c.provenance.transforms}
    assert flagged == {"1,200", "1,350", "800", "950"}
    assert len(R.disagreements([out])) == 4


def test_the_own_reading_is_kept_when_it_is_the_more_consistent() -> None:
    bad = [CLEAN[0], ["Wine", "1,200", "1,350"], ["Beer", "Cider", "950"], CLEAN[3]]
    page = Page(1, 600, 800, tables=(_table(bad),))
    worse = [[CLEAN[0][0], " ".join(CLEAN[0][1:])], ["Wine", "1,200 1,350"], ["Beer", "800 950"]]
    out, note = R.reread(page, "x.pdf", _chars("Wine"), _fake([worse], []))
    assert "kept the pdfium reading" in note
    assert R.table_rows(out.tables[0]) == R.table_rows(page.tables[0])


def test_a_page_passing_its_checks_or_set_in_japanese_is_not_read_again() -> None:
    calls: list[int] = []
    page = Page(1, 600, 800, tables=(_table(CLEAN),))
    assert R.reread(page, "x.pdf", _chars("Wine"), _fake([CLEAN], calls)) == (page, "")
    bad = Page(
        1, 600, 800, tables=(_table([CLEAN[0], ["給料", "1,200 1,350", ""], ["手当", "800 950", ""]]),)
    )
    assert R.reread(bad, "x.pdf", _chars("給料手当 1,200 1,350 800 950"), _fake([CLEAN], calls)) == (bad, "")
    assert calls == []


def test_copy_text_writes_a_spanning_cell_into_the_rows_it_covers() -> None:
    t = _table([["Plan", "County"], ["GMC", "Sacramento"], ["", "San Diego"], ["", "Fresno"]])
    t = Table(
        t.id,
        t.pages,
        t.columns,
        tuple(Cell(**{**_fields(c), "row_span": 3}) if c.raw_text == "GMC" else c for c in t.cells),
    )
    page = Page(1, 600, 800, tables=(t,))
    assert copy_span_text(page, "") is page
    (out,) = copy_span_text(page, "v").tables
    assert [r[0] for r in R.table_rows(out)] == ["Plan", "GMC", "GMC", "GMC"]
    copies = [c for c in out.cells if COPIED in c.provenance.transforms]
    assert [(c.row, c.col, c.row_span) for c in copies] == [(2, 0, 1), (3, 0, 1)]


def test_a_latin_cells_wrapped_lines_keep_a_word_space() -> None:
    from chohyo.extract.tables.grid import cell_text

    def line(text: str, top: float) -> list[Char]:
        return [Char(ch, 6.0 * k, top, 6.0 * k + 5, top + 9, 9.0) for k, ch in enumerate(text)]

    # `–` is no ASCII: the lines were joined without a space (`Nagar,Nanthanam`, `Delhi –110032`)
    assert (
        cell_text(line("CIT Nagar,", 0) + line("Nanthanam – 600035", 12)) == "CIT Nagar, Nanthanam – 600035"
    )
    assert cell_text(line("歳入", 0) + line("合計", 12)) == "歳入合計"  # Japanese lines: no space
    assert cell_text(line("1,000", 0) + line("△200", 12)) == "1,000△200"  # figures: as before


def _fields(c: Cell) -> dict[str, Any]:
    return {f: getattr(c, f) for f in c.__dataclass_fields__}


@pytest.mark.parametrize(
    ("drawn", "read"),
    [
        ("ناطلس يمسا", "اسمي سلطان"),  # right to left: read from the right end
        ("ططق 47 يدنع", "عندي 47 قطط"),  # a figure inside keeps its digits' order
        ("Jeremy is يمرج in Arabic", "Jeremy is جرمي in Arabic"),  # a Latin line: only the Arabic run turns
        ("Total 1,234", "Total 1,234"),  # no right-to-left letter: as drawn
    ],
)
def test_right_to_left_text_in_logical_order(drawn: str, read: str) -> None:
    assert "".join(visual_to_logical(list(drawn))) == read


needs_peers = pytest.mark.skipif(not PEERS.exists(), reason=f"camelot's test PDFs are not here: {PEERS}")


def _grid(table: Table) -> list[tuple[str, ...]]:
    return list(R.table_rows(table))


@needs_peers
def test_arabic_cells_read_in_logical_order() -> None:
    (table,) = extract_document(PEERS / "tabula" / "arabic.pdf", ExtractSettings(ocr="never")).tables
    texts = {x for row in _grid(table) for x in row}
    assert {"اسمي سلطان", "عندي 47 قطط", "اسمي Jeremy في الانجليزية", "Jeremy is جرمي in Arabic"} <= texts


@needs_peers
def test_row_span_copied_down_on_request() -> None:
    path = PEERS / "row_span_1.pdf"
    (once,) = extract_document(path, ExtractSettings(ocr="never")).tables
    (down,) = extract_document(path, ExtractSettings(ocr="never", copy_text="v")).tables
    assert [r[0] for r in _grid(down)[1:11]] == ["GMC"] * 10
    assert [r[0] for r in _grid(once)[1:11]].count("GMC") == 1


@needs_peers
def test_a_wine_list_chohyo_misses_is_read_again_by_camelot() -> None:
    pytest.importorskip("camelot")
    doc = extract_document(PEERS / "detect_vertical_false.pdf", ExtractSettings(ocr="never"))
    (page,) = doc.pages
    assert any(n.startswith("re-read:") for n in page.notes)
    rows = [r for t in page.tables for r in _grid(t)]
    assert len(rows) >= 30  # chohyo's own finders kept 5 rows of the 37
    assert all(c.provenance.extractor.startswith("camelot-") for t in page.tables for c in t.cells)
    never = extract_document(
        PEERS / "detect_vertical_false.pdf", ExtractSettings(ocr="never", reread="never")
    )
    assert sum(len(_grid(t)) for t in never.tables) < 10


def test_a_doubtful_page_no_other_reader_can_read_is_reported_not_passed_over() -> None:
    bad = [CLEAN[0], ["Wine", "1,2001,350", ""], ["Beer", "800950", ""], CLEAN[3]]
    page = Page(3, 600, 800, tables=(_table(bad),))
    out, note = R.reread(page, "x.pdf", _chars("Wine 1,2001,350"), lambda path, number: [])
    assert out.tables == page.tables and note.startswith(R.UNAVAILABLE)
    (f,) = R.disagreements([out])
    assert f.code == "reread-unavailable" and f.page == 3 and "fails its checks" in f.message
    # a page that passed its checks says nothing
    clean = Page(3, 600, 800, tables=(_table(CLEAN),))
    assert R.disagreements([R.reread(clean, "x.pdf", _chars("Wine"), lambda p, n: [])[0]]) == ()


PROSE = "the employee tax rate for social security is 4.2%."


@pytest.mark.parametrize(
    ("rows", "good", "bad"),
    [
        # a page's two text columns read as a table: prose, no table data, neither good nor faulty
        (
            [
                ["expires on December 31, 2010. Individuals who received", "the wages of nonresident alien"],
                ["advance payments of EIC in 2010 must file a 2010", "services within the United States."],
                [
                    "federal income tax return. Individuals eligible for EIC in",
                    "on the next page in addition to",
                ],
            ],
            0,
            0,
        ),
        # one long note among short names (split_text_lattice.pdf) is a real cell: counted as before
        (
            [
                ["Name", "Licence"],
                ["Hathway", "1,200"],
                ["IndusInd Media; after that the name has been changed to Oneott", "800"],
                ["Den Networks", "950"],
            ],
            len(
                "NameLicenceHathway1,200IndusIndMedia;afterthatthenamehasbeenchangedtoOneott800DenNetworks950"
            ),
            0,
        ),
    ],
)
def test_prose_read_as_a_table_is_no_table_data(rows: list[list[str]], good: int, bad: int) -> None:
    assert R.faults(tuple(tuple(r) for r in rows)) == (good, bad)


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        (PROSE, True),
        ("limit is $106,800. In 2011, the Medicare tax rate is 1.45%", True),
        ("Daily or Miscellaneous", False),  # a label
        ("Test of Phonological Processing (CTOPPP Elision)", False),  # a capitalised label
        ("一般会計歳入歳出予算の補正について説明します", False),  # Japanese prints no word spaces
    ],
)
def test_running_prose_is_told_from_a_label(text: str, prose: bool) -> None:
    from chohyo.extract.tables.cells import is_prose

    assert is_prose(text) is prose


@needs_peers
def test_a_table_beside_a_column_of_prose_keeps_the_prose_out_of_its_cells() -> None:
    # us-007: a two-column notice, the table in the right column; its label cells took the left
    # column's lines (`Social security ... For 2011, Weekly the employee tax rate ...`)
    doc = extract_document(PEERS / "tabula" / "us-007.pdf", ExtractSettings(ocr="never", reread="never"))
    rows = [r for t in doc.pages[0].tables for r in _grid(t) if "308.33" in r]
    assert rows == [("Monthly", "308.33")]
    (table,) = [t for t in doc.pages[0].tables if any("308.33" in r for r in _grid(t))]
    labels = [r[0] for r in _grid(table) if any(x[:1].isdigit() or x[:1] == "$" for x in r[1:])]
    assert labels[:3] == ["Weekly", "Biweekly", "Semimonthly"] and labels[-1] == "Daily or Miscellaneous"
