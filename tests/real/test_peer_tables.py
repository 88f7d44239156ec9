"""Ordinary tables from camelot's own test PDFs (../shared/peers/camelot/, issue 16).

Each test reads one real file through the extract stage and checks what a reader sees on the
rendered page. Skipped, with the reason, when the shared folder is absent (a user's clone).
"""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest
from chohyo.extract import extract_document
from chohyo.model import Table
from chohyo.settings import ExtractSettings

PEERS = Path(__file__).resolve().parents[2] / ".." / "shared" / "peers" / "camelot"
TABULA = PEERS / "tabula"
US = PEERS / "tabula" / "icdar2013-dataset" / "competition-dataset-us"

pytestmark = pytest.mark.skipif(
    not PEERS.exists(), reason=f"camelot's test PDFs are not here: {PEERS} (a user's clone has none)"
)


def _tables(path: Path) -> list[Table]:
    return list(extract_document(path, ExtractSettings(ocr="never")).tables)


def _grid(table: Table) -> list[list[str]]:
    out = [[""] * len(table.columns) for _ in range(table.n_rows)]
    for c in table.cells:
        out[c.row][c.col] = c.raw_text
    return out


def test_us014_two_exhibits_stay_two_tables() -> None:
    tables = _tables(US / "us-014.pdf")
    titles = [t for t in tables if _grid(t)[0][0].startswith("Exhibit")]
    assert [t.pages for t in titles] == [(2,), (3,)]
    assert _grid(titles[0])[0][0].startswith("Exhibit 19")
    assert _grid(titles[1])[0][0].startswith("Exhibit 20")
    assert _grid(titles[1])[2] == [
        "Gives us a more complete picture of our effectiveness than a single accountability system",
        "69%",
        "65%",
    ]


def test_us027_page3_crime_table_has_its_ten_columns_and_names() -> None:
    (table,) = [t for t in _tables(US / "us-027.pdf") if t.pages == (3,)]
    assert len(table.columns) == 10  # not 30: the highlight boxes behind each line are no rules
    names = [c.name for c in table.columns]
    assert all(names), names
    assert names[1:4] == [
        # printed `Murder / Non-` / `Negligent Manslaughter`: a line ending in a hyphen keeps its
        # break (print cannot tell a compound's hyphen from a word broken over lines)
        "Murder / Non- Negligent Manslaughter",
        "Negligent Manslaughter",
        "Forcible Sex Offense",
    ]
    grid = _grid(table)
    assert grid[1] == ["2005", "28", "33", "3,583", "55", "5,432", "5,943", "37,800", "11,890", "1,219"]
    assert grid[-1][:3] == ["Total", "174", "46"]


def test_vertical_header_one_table_a_page_with_labels_totals_and_turned_names() -> None:
    tables = _tables(PEERS / "vertical_header.pdf")
    for page in (1, 2, 3, 4):  # no one-row table for the Totals box
        assert len([t for t in tables if t.pages == (page,)]) == 1, page
    (first,) = [t for t in tables if t.pages == (1,)]
    grid = _grid(first)
    labels = [r[0] for r in grid[first.header_rows :]]
    assert labels[:3] == ["Alcona", "Caledonia", "Curtis"]
    assert labels[-1] == "Totals"
    assert all(any(row) for row in grid)  # the grey bands between rows are no rows
    assert grid[first.header_rows][:4] == ["Alcona", "963", "439", "55"]
    assert grid[-1][2:5] == ["3396", "371", "373"]
    names = [c.name for c in first.columns]
    assert "Number of Registered voters" in names  # turned text, read up the page, word spaces kept
    assert "STATE/Governor/Brian Calley" in names
    (second,) = [t for t in tables if t.pages == (2,)]
    assert _grid(second)[-1][:3] == ["Totals", "132", "187"]


@pytest.mark.parametrize("name", ["clockwise_table_1.pdf", "anticlockwise_table_1.pdf"])
def test_ruled_table_set_sideways_reads_upright(name: str) -> None:
    """The glyphs are drawn turned a quarter (one file also has /Rotate 180): the page is read as a
    reader turns it, so rows run across and names read forwards (``Pooled``, not ``delooP``)."""
    (table,) = _tables(PEERS / name)
    grid = _grid(table)
    assert grid[2] == ["Kerala", "5738", "6633", "8864", "8297", "245", "2161", "3195", "1645", "2391"]
    assert grid[-1][:5] == ["Pooled", "38742", "53618", "60601", "86898"]
    assert grid[0][0] == "State"


@pytest.mark.parametrize("name", ["clockwise_table_2.pdf", "anticlockwise_table_2.pdf"])
def test_borderless_table_set_sideways_has_its_columns(name: str) -> None:
    """A stream table inside a frame of horizontal rules, set sideways: 17 columns once turned (the
    2-pt ends of the frame's bars are no column rules)."""
    table = max(_tables(PEERS / name), key=lambda t: t.n_rows)
    rows = {r[0]: r for r in _grid(table)}
    assert rows["Scheduled caste"] == [
        "Scheduled caste", "74.8", "55.8", "42.9", "0.9", "9.7", "0.0", "0.2", "2.2", "0.0",
        "19.0", "11.2", "7.4", "0.4", "25.2", "100.0", "1,363",
    ]  # fmt: skip
    assert rows["Highest"][-3:] == ["21.7", "100.0", "733"]


def test_rules_round_a_borderless_table_do_not_make_its_cells() -> None:
    """12s0324's Table 324: rules under the header groups (Total / Male / Female) but none between
    the columns. Read as ruled cells each held three figures run together (``467.969.1398.8``); the
    figures are read in their own columns, and the matrix-scaled text (pdfium reports size 1) keeps
    ``11,062.6`` whole."""
    first, second = sorted(_tables(TABULA / "12s0324.pdf"), key=lambda t: t.bbox.top)
    rows = {r[0].rstrip(" ."): r for r in _grid(first)}
    assert rows["Violent crime"][1:] == [
        "467.9",
        "69.1",
        "398.8",
        "380.2",
        "56.5",
        "323.7",
        "87.7",
        "12.6",
        "75.2",
    ]
    assert rows["Robbery"][1:] == ["102.1", "25.5", "76.6", "90.0", "22.9", "67.1", "12.1", "2.5", "9.5"]
    # Table 325 below it, ruled the same way
    rows = {r[0].rstrip(" ."): r for r in _grid(second)}
    assert rows["Violent crime"][1:] == ["456,965", "268,346", "177,766", "5,608", "5,245"]


def test_row_of_dashes_does_not_cut_a_borderless_table() -> None:
    """superscript.pdf: Chhattisgarh, Jharkhand and Uttaranchal report nothing (a dash in every
    column); the table goes on through them (it was cut in four there)."""
    table = max(_tables(PEERS / "superscript.pdf"), key=lambda t: t.n_rows)
    rows = {r[0]: r for r in _grid(table)}
    assert rows["Chhattisgarh"][1:11] == ["-"] * 10
    assert rows["Andhra Pradesh"][1:11] == [
        "48.11",
        "40.45",
        "-",
        "3.26",
        "4.4",
        "2.62",
        "-",
        "0.91",
        "-",
        "0.25",
    ]
    assert rows["West Bengal"][1:4] == ["34.23", "32.19", "-"]
    assert {"Jharkhand", "Uttaranchal", "Karnataka"} <= rows.keys()


def test_unshaded_row_between_shaded_bands_keeps_its_figures_apart() -> None:
    """health.pdf: shaded bands rule the columns of every other row; the rows between have no rules
    of their own. Their figures were one cell (``2,241,609107,549...``); each is its own cell now,
    in the same columns as the shaded rows' figures."""
    (table,) = _tables(PEERS / "health.pdf")
    rows = {next(c for c in r if c): [c for c in r if c] for r in _grid(table) if any(r)}
    assert rows["Arunachal Pradesh"][1:] == [
        "2,241,609",
        "107,549",
        "23,000",
        "0",
        "2,372,158",
        "86,336",
        "2,458,494",
    ]
    assert rows["Bihar"][1:3] == ["21,016,708", "4,332,141"]
    grid = _grid(table)
    arunachal = next(r for r in grid if "Arunachal Pradesh" in r)
    assam = next(r for r in grid if "Assam" in r)
    assert arunachal.index("2,241,609") == assam.index("14,874,821")


def test_text_listing_without_rules_has_its_columns() -> None:
    """m27.pdf (a register of licences, page /Rotate 90): no rules, no numeric columns, addresses
    wrapped onto lines of their own, fields set one space apart. Its ten columns are found from
    the gutters and the left edges the lines share (no table at all before)."""
    tables = [t for t in _tables(TABULA / "m27.pdf") if 1 in t.pages]
    (table,) = tables
    grid = _grid(table)[1:]  # under the header line LICENSE / PREMISE
    assert [c for c in grid[0] if c] == [
        "NUMBER", "TYPE", "DBA NAME", "LICENSEE NAME", "ADDRESS", "CITY", "ST", "ZIP", "PHONE NUMBER", "EXPIRES",
    ]  # fmt: skip
    assert [c for c in grid[1] if c] == [
        "648765", "AAA", "ALLEGIANT AIR", "ALLEGIANT AIR LLC", "7100 TERMINAL DRIVE", "OKLAHOMA CITY", "OK",
        "73159", "-", "2014/12/03",
    ]  # fmt: skip
    assert [c for c in grid[2] if c] == ["7777 EAST APACHE"]  # the address's first line, on a line of its own


def test_key_figures_one_table_with_its_year_header_dash_rows_and_negatives() -> None:
    """edge_tol.pdf: one borderless table of 21 rows (it came out as three tables: a `Direct
    result -` row cut the run, `(106,870)` made a column of its own, the per-unit block another)."""
    tables = _tables(PEERS / "edge_tol.pdf")
    assert len(tables) == 1
    t = tables[0]
    rows = _grid(t)
    assert len(t.columns) == 2 and t.header_rows == 1 and rows[0] == ["", "2016"]
    assert t.title == "Key figures" and "(all amounts in EUR)" in t.captions
    body = {r[0]: r[1] for r in rows[1:] if r[1]}
    labels = [r[0] for r in rows[1:]]
    assert len(labels) == 21 and labels.count("Investment result") == 1  # not run into the row above
    assert body["Costs"] in ("(106,870)", "(0.21)") and ["Costs", "(106,870)"] in rows
    assert ["Costs", "(0.21)"] in rows and ["Total investment result per unit", "3.78"] in rows
    assert ["Direct result", "-"] in rows


def test_dot_leaders_end_where_the_figure_starts() -> None:
    """12s0324.pdf Table 324: `Total ........11,062.6` (leaders set hard against the figure) put
    the figure in the label; `. 1,080.1` kept a leader dot in the value. Leaders are layout."""
    t = next(t for t in _tables(TABULA / "12s0324.pdf") if any(r[0] == "Larceny-theft" for r in _grid(t)))
    rows = {r[0]: r for r in _grid(t)}
    assert rows["Total"][1:3] == ["11,062.6", "1,540.0"]
    assert rows["Larceny-theft"][1] == "1,080.1" and rows["Drug abuse violations"][1] == "1,333.0"
    assert not [r[0] for r in _grid(t) if r[0].endswith(". . .") or r[0].endswith("...")]


def test_ruled_cell_keeps_latin_word_spaces_and_its_pin_code_line() -> None:
    """split_text_lattice.pdf: a word cut at a ruling lost its spaces (`Old No.14`), and a PIN code
    alone on the last line of an address cut the ruled row into one row a line."""
    (t,) = _tables(PEERS / "split_text_lattice.pdf")
    rows = _grid(t)
    cells = [x for r in rows for x in r]
    assert any(x.startswith("Old No. 14 (New No. 35)") for x in cells)
    assert "Edge Telecommunications Pvt. Ltd." in cells
    assert any(x.endswith("Shahdara, Delhi – 110032") for x in cells)


def test_ruled_row_with_two_stacked_phone_numbers_stays_one_row() -> None:
    """split_text_lattice.pdf row 7: two phone numbers stacked in one cell, the only figures of the
    ruled row, cut it into one row a line (`Room No. 309,` / `3rd Floor` in two rows)."""
    (t,) = _tables(PEERS / "split_text_lattice.pdf")
    rows = _grid(t)
    (row,) = [r for r in rows if r[0] == "7"]
    assert row[-2] == "09825145505 09940100119"
    assert (
        row[-3] == "Dhanlaxmi Building, Room No. 309, 3rd Floor, Near Central Bank, Navsari – 396445 Gujarat"
    )
    assert len(rows) == 45  # a header row and 44 numbered rows


def test_listing_field_set_off_its_column_is_cut_at_the_nearest_space() -> None:
    """m27.pdf: `AMERICAN AIRLINES INC 7100 TERMINAL DRIVE` is a licensee and an address."""
    (t,) = [t for t in _tables(TABULA / "m27.pdf") if len(t.columns) >= 8]
    rows = _grid(t)
    assert any("AMERICAN AIRLINES INC" in r and "7100 TERMINAL DRIVE" in r for r in rows)
    assert not any("AMERICAN AIRLINES INC 7100" in x for r in rows for x in r)


def test_listing_header_lines_are_its_header_rows() -> None:
    """mexican_towns.pdf: `Clave` / `Entidad` over each code column, `Nombre Entidad` set between
    the two lines over each name column: two header rows (they were read as captions)."""
    (t,) = _tables(PEERS / "mexican_towns.pdf")
    rows = _grid(t)
    assert t.header_rows == 2
    assert rows[0] == ["Clave", "Nombre Entidad", "Clave", "Nombre Municipio", "Clave", "Nombre Localidad"]
    assert rows[1] == ["Entidad", "", "Municipio", "", "Localidad", ""]
    assert rows[2][:2] == ["01", "Aguascalientes"]


def test_prices_printed_with_their_currency_are_values() -> None:
    """detect_vertical_false.pdf: the wine list's prices `8 €` were text, each an unparseable
    number; they are values in a column whose unit is €."""
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    doc = run(PEERS / "detect_vertical_false.pdf", Settings().with_(extract={"ocr": "never"}))
    (t,) = [t for p in doc.pages for t in p.tables]
    prices = [c for c in t.cells if c.raw_text.endswith("€")]
    # the whole list of 20 is the re-read page's (camelot, the `reread` extra); chohyo's own reading
    # (CI has no camelot) holds 5 of them: each is a value either way
    assert len(prices) == (20 if importlib.util.find_spec("camelot") else 5)
    assert all(c.value == Decimal(c.raw_text[:-1]) for c in prices)
    assert t.columns[1].unit is not None and t.columns[1].unit.name == "€"


def test_a_line_ending_in_a_hyphen_keeps_its_break() -> None:
    """A Latin line ending in a hyphen: print cannot tell a word broken over lines (`Preva-` /
    `lence`) from a compound's hyphen (`Secunderabad-` / `500017`), so the break stays a space,
    as camelot keeps its newline; neither a hyphen nor a word is guessed away."""
    (t,) = _tables(PEERS / "column_span_2.pdf")
    assert "Preva- lence" in _grid(t)[0]
    (t,) = _tables(PEERS / "split_text_lattice.pdf")
    texts = [x for r in _grid(t) for x in r]
    assert any(x.endswith("Secunderabad- 500017") for x in texts)
    assert "Mr. Virender Singh Thakur, Manager- Legal" in texts


def test_ruled_cell_keeps_the_space_printed_inside_a_pin_code() -> None:
    """split_text_lattice.pdf: `Hyderabad-500 004` and `New Delhi – 110 003.` are printed with a
    space that the word split took as a gap between two figures; inside one ruled cell of Latin
    text it stays (a Japanese cell's figures are untouched)."""
    (t,) = _tables(PEERS / "split_text_lattice.pdf")
    texts = [x for r in _grid(t) for x in r]
    assert any(x.endswith("Saifabad, Hyderabad-500 004") for x in texts)
    assert any(x.endswith("Lodi road, New Delhi – 110 003.") for x in texts)


def test_stacked_latin_header_one_row_a_line_split_into_its_columns() -> None:
    """12s0324.pdf Table 325: `American` / `Indian/Alaskan` / `Native` and `Asian Pacific` /
    `Islander` are two columns' names, each three or two lines set flush right; the middle line
    ran together (`Indian/Alaskan Asian Pacific`). The header is one row a printed line (as camelot
    writes it) and the columns are named by their lines joined."""
    t = next(t for t in _tables(TABULA / "12s0324.pdf") if len(t.columns) == 6)
    rows = _grid(t)
    assert t.header_rows == 3
    assert rows[0] == ["", "", "", "", "American", ""]
    assert rows[1] == ["Offense charged", "", "", "", "Indian/Alaskan", "Asian Pacific"]
    assert rows[2] == ["", "Total", "White", "Black", "Native", "Islander"]
    assert [c.name for c in t.columns][4:] == ["American Indian/Alaskan Native", "Asian Pacific Islander"]


def test_latin_header_words_of_several_columns_on_a_line_are_cut_apart() -> None:
    """superscript.pdf: `WMA Loans Loans Loans` (four columns' first lines, a wide gap apart) was
    one header cell; each column now has its name, line by line."""
    (t,) = _tables(PEERS / "superscript.pdf")
    assert _grid(t)[0] == ["States", "Total", "Market", "NSSF", "WMA", "Loans", "Loans", "Loans", "Loans",
                           "Loans", "Loans"]  # fmt: skip
    names = [c.name for c in t.columns]
    assert names[1:5] == ["Total Internal Debt", "Market Loans", "NSSF", "WMA from RBI"]
    assert names[9] == "Loans from SBI & Other Banks"


def test_header_of_two_lines_in_one_column_is_one_name() -> None:
    """us-007.pdf: `One Withholding` / `Allowance` is one column's name on two lines; `$ 71.15` is
    printed with its sign set apart and keeps that space (still a value)."""
    (t,) = [t for t in _tables(TABULA / "us-007.pdf") if t.pages == (1,) and any(
        c.raw_text == "Weekly" for c in t.cells)]  # fmt: skip
    assert t.columns[1].name.endswith("One Withholding Allowance")
    (weekly,) = [
        c for c in t.cells if c.row == next(x.row for x in t.cells if x.raw_text == "Weekly") and c.col == 1
    ]
    assert weekly.raw_text == "$ 71.15"


def test_listing_lines_over_its_column_names_are_header_rows() -> None:
    """m27.pdf: `LICENSE` over `NUMBER` and `PREMISE` over `ADDRESS`: a header row of its own (it
    was dropped) and columns named `LICENSE NUMBER`, `PREMISE ADDRESS`; a city set a little left of
    its column is cut from the address before it (`7831 EAST 71ST STREET` / `TULSA`)."""
    (t,) = [t for t in _tables(TABULA / "m27.pdf") if len(t.columns) >= 8]
    rows = _grid(t)
    assert t.header_rows == 2
    assert rows[0] == ["LICENSE", "", "", "", "PREMISE", "", "", "", "", ""]
    assert [c.name for c in t.columns][:5] == ["LICENSE NUMBER", "TYPE", "DBA NAME", "LICENSEE NAME",
                                               "PREMISE ADDRESS"]  # fmt: skip
    assert any(r[4:6] == ["7831 EAST 71ST STREET", "TULSA"] for r in rows)
    assert any(r[4:6] == ["37808 OLD HIGHWAY 270", "SHAWNEE"] for r in rows)


def test_figure_left_of_a_totals_box_is_on_the_totals_row() -> None:
    """vertical_header.pdf: `Totals 9237` printed left of the Totals box, under the empty band
    between the table and the box: 9237 is the Totals row's, not a row of its own."""
    tables = _tables(PEERS / "vertical_header.pdf")
    (first,) = [t for t in tables if t.pages == (1,)]
    grid = _grid(first)
    assert grid[-1][:4] == ["Totals", "9237", "3396", "371"]
    assert not any(r[1] == "9237" for r in grid[:-1])


def test_leader_dot_set_apart_keeps_its_space() -> None:
    """12s0324.pdf: `Weapons; carrying, possessing, etc. .` — a leader dot a word space after
    `etc.` is printed apart (it was `etc..`)."""
    t = next(t for t in _tables(TABULA / "12s0324.pdf") if len(t.columns) == 10)
    labels = [r[0] for r in _grid(t)]
    assert "Weapons; carrying, possessing, etc. ." in labels


@pytest.mark.skipif(
    not importlib.util.find_spec("camelot"), reason="re-reading needs camelot (the reread extra)"
)
def test_reread_cells_take_chohyos_word_spaces() -> None:
    """detect_vertical_false.pdf is re-read and camelot's reading kept; camelot's text layer wrote
    `L es Blancs`, the cell now reads `Les Blancs` as printed (chohyo's spaces for the same glyphs),
    and the letter-spaced title stays as camelot wrote it."""
    (t,) = [t for t in _tables(PEERS / "detect_vertical_false.pdf")]
    texts = [x for r in _grid(t) for x in r]
    assert {"Les Blancs", "Les Rosés", "Les Rouges"} <= set(texts)
    assert not any(x.startswith("L es") for x in texts)
    assert "V i n s a u V e r r e" in texts


def test_notes_printed_under_a_table_are_its_notes_not_its_rows() -> None:
    """12s0324: each table's footnote line and source are ``Table.notes``; its rows stay data."""
    t324, t325 = sorted(_tables(TABULA / "12s0324.pdf"), key=lambda t: t.bbox.top if t.bbox else 0)
    assert t324.notes[0].startswith("– Represents zero. X Not applicable. 1 Buying, receiving")
    assert t324.notes[1].startswith("Source: U.S. Department of Justice")
    assert len(t324.notes) == 2  # Table 325's title, set larger, ends them
    assert t325.notes[0] == "1 Except forcible rape and prostitution."
    assert t325.notes[-1] == "<http://www.fbi.gov/ucr/cius2009/arrests/index.html>."
    for t in (t324, t325):
        assert not any(c.raw_text.startswith(("Source", "1 Except", "–  Represents")) for c in t.cells)


def test_a_footnote_far_below_is_the_tables_when_a_label_carries_its_mark() -> None:
    """edge_tol: the two footnotes lie 90 pt under the table with only white space between; the
    labels `...for the period1` and `...per unit2` carry their marks."""
    (table,) = _tables(PEERS / "edge_tol.pdf")
    assert table.notes == (
        "1 The results cover the period from inception of the Fund at 8 April 2016 through 31 December 2016.",
        "2 The result per unit is calculated using the total number of outstanding unit as per the end of the",
        "period.",
    )


def test_table_notes_go_out_with_the_table(tmp_path: Path) -> None:
    """A notebook user gets the notes beside the data: ``df.attrs['notes']`` and the Markdown file."""
    from chohyo.api import read_pdf

    (table,) = read_pdf(PEERS / "edge_tol.pdf", extract={"ocr": "never"})
    assert table.df.attrs["notes"][-1] == "period."
    text = table.to_markdown(tmp_path / "t.md").read_text(encoding="utf-8")
    assert text.index("| ") < text.index("1 The results cover the period from inception of the Fund")


def test_a_superscript_note_mark_never_runs_into_the_figure() -> None:
    """superscript.pdf: `24.91` with a small raised `2` was read `24.912`; it is `24.91²` (value
    24.91, the mark kept), and with camelot's flag_size `24.91<s>2</s>`."""
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    path = PEERS / "superscript.pdf"
    for flag, printed in ((False, "24.91²"), (True, "24.91<s>2</s>")):
        doc = run(path, Settings().with_(extract={"ocr": "never", "flag_size": flag}))
        (cell,) = [c for t in doc.tables for c in t.cells if c.raw_text.startswith("24.91")]
        assert cell.raw_text == printed
        assert cell.value == Decimal("24.91")


def test_a_bracketed_headnote_is_one_caption_however_many_lines() -> None:
    """12s0324: Table 324's headnote `[In thousands ... source]` wraps over four lines; the title
    above it is still the table's title (the four lines used up the captions it may have)."""
    t324, t325 = sorted(_tables(TABULA / "12s0324.pdf"), key=lambda t: t.bbox.top if t.bbox else 0)
    assert t324.title == "Table 324. Arrests by Sex and Age: 2009"
    assert len(t324.captions) == 4 and t324.captions[0].startswith("[In thousands")
    assert t325.title == "Table 325. Arrests by Race: 2009"


def test_the_sentence_leading_into_a_table_is_no_header_row() -> None:
    """us-007: `... amounts by payroll period have` / `changed. For 2011, they are:` over the
    withholding table were its first two header rows."""
    (table,) = [
        t
        for t in _tables(TABULA / "us-007.pdf")
        if t.pages == (1,) and any(c.raw_text == "Weekly" for c in t.cells)
    ]
    grid = _grid(table)
    assert grid[0][1] == "One Withholding" and grid[1] == ["Payroll Period", "Allowance"]
    assert not any("they are:" in c.raw_text for c in table.cells)
