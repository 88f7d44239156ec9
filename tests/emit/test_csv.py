"""CSV bytes exactly as a spreadsheet or a script will read them (総務省 machine-readable rules)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from chohyo.emit import write_outputs
from chohyo.emit.grid import plain_number
from chohyo.errors import OutputError
from chohyo.model import Document
from chohyo.settings import EmitSettings
from emit_docs import budget_document, budget_table, label, num

EXPECTED = (
    "科目,公益事業/公益事業1(円),公益事業/小計(円),計(円)\n"
    "経常収益,1234,1234,2468\n"
    "(1)受取会費,-1000,,-1000\n"
    "2. 事業収益,2234,0,\n"
)


def _csv(doc: Document, tmp_path: Path, **settings: object) -> bytes:
    paths = write_outputs(doc, tmp_path, EmitSettings(**settings))  # type: ignore[arg-type]
    (csv_path,) = [p for p in paths if p.suffix == ".csv"]
    assert csv_path == tmp_path / "予算書" / "tables" / "予算書_t1.csv"
    return csv_path.read_bytes()


def test_utf8_csv_exact_bytes(doc: Document, tmp_path: Path) -> None:
    assert _csv(doc, tmp_path, encoding="utf-8") == EXPECTED.encode("utf-8")


def test_default_is_excel_utf8_sig_with_bom_and_crlf(doc: Document, tmp_path: Path) -> None:
    data = _csv(doc, tmp_path)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data == EXPECTED.replace("\n", "\r\n").encode("utf-8-sig")


def test_cp932_round_trips(doc: Document, tmp_path: Path) -> None:
    data = _csv(doc, tmp_path, encoding="cp932")
    assert data.decode("cp932") == EXPECTED.replace("\n", "\r\n")


def test_no_unit_in_header(doc: Document, tmp_path: Path) -> None:
    first = _csv(doc, tmp_path, unit_in_header=False).decode("utf-8-sig").splitlines()[0]
    assert first == "科目,公益事業/公益事業1,公益事業/小計,計"


def test_dependent_chars_kept_when_asked(doc: Document, tmp_path: Path) -> None:
    assert "①受取会費" in _csv(doc, tmp_path, write_dependent_chars=True).decode("utf-8-sig")


def _with_label(text: str) -> Document:
    """The budget with row 3's label (cell and Row) replaced."""
    t = budget_table()
    rows = tuple(replace(r, label=text) if r.index == 3 else r for r in t.rows)
    return budget_document(replace(t.with_cells({(3, 0): label(3, text)}), rows=rows))


def test_cp932_maps_jis_variants_it_cannot_round_trip(tmp_path: Path) -> None:
    # 〜 (U+301C) and − (U+2212) encode in cp932 but read back as ～ and －: write those instead.
    data = _csv(_with_label("1995〜2001年 −5"), tmp_path, encoding="cp932")
    assert "1995～2001年 －5" in data.decode("cp932")


def test_shift_jis_maps_the_other_way(tmp_path: Path) -> None:
    data = _csv(_with_label("1995～2001年"), tmp_path, encoding="shift_jis")
    assert "1995〜2001年" in data.decode("shift_jis")


@pytest.mark.parametrize(
    ("text", "encoding", "char"), [("受取😀会費", "cp932", "😀"), ("①受取会費", "shift_jis", "①")]
)
def test_unencodable_character_names_the_cell(tmp_path: Path, text: str, encoding: str, char: str) -> None:
    with pytest.raises(OutputError) as err:
        _csv(_with_label(text), tmp_path, encoding=encoding, write_dependent_chars=True)
    message = str(err.value)
    assert (
        "table t1" in message
        and repr(text) in message
        and "公益事業" not in message
        and repr(char) in message
    )
    assert not (tmp_path / "予算書").exists()


def test_values_are_bare_numbers_and_parse_back(doc: Document, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(_csv(doc, tmp_path, encoding="utf-8").decode())))
    numbers = [v for r in rows[1:] for v in r[1:] if v]
    assert numbers == ["1234", "1234", "2468", "-1000", "-1000", "2234", "0"]
    assert [int(v) for v in numbers]  # every value is a plain integer


def test_quoting_of_commas_and_quotes(tmp_path: Path) -> None:
    data = _csv(_with_label('受取会費,"寄付"'), tmp_path, encoding="utf-8").decode()
    assert '"受取会費,""寄付""",-1000' in data
    assert list(csv.reader(io.StringIO(data)))[2][0] == '受取会費,"寄付"'


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("-0", "0"),
        ("1E+3", "1000"),
        ("50.5", "50.5"),
        ("-11324500", "-11324500"),
        ("0.10", "0.10"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
    ],
)
def test_plain_number(value: str, text: str) -> None:
    assert plain_number(Decimal(value)) == text


def test_fractional_column_written_as_printed(tmp_path: Path) -> None:
    t = budget_table()
    t = t.with_cells({(2, 3): num(2, 3, "102.6", "102.6")})
    assert "経常収益,1234,1234,102.6" in _csv(budget_document(t), tmp_path, encoding="utf-8").decode()


def test_wrapped_cell_lines_join_and_headerless_columns_are_numbered(tmp_path: Path) -> None:
    from chohyo.model import Cell, CellKind, Column, Table

    cells = (
        Cell(0, 0, "クラウド\nサービス", "クラウド\nサービス", CellKind.LABEL),
        Cell(0, 1, "", "・導入を進めるべき。\n・セキュリティ対策が重要。\nSee the\nguide", CellKind.TEXT),
        Cell(1, 0, "委員長", "委員長", CellKind.LABEL),
        Cell(1, 1, "", "山浦英太", CellKind.TEXT),
    )
    table = Table("t1", (1,), (Column(0, ()), Column(1, ())), cells, header_rows=0)
    doc = replace(budget_document(), pages=(replace(budget_document().pages[0], tables=(table,)),))
    assert _csv(doc, tmp_path, encoding="utf-8").decode() == (
        "列1,列2\n"
        "クラウドサービス,・導入を進めるべき。・セキュリティ対策が重要。See the guide\n"
        "委員長,山浦英太\n"
    )


def test_header_with_its_own_unit_keeps_it(tmp_path: Path) -> None:
    t = budget_table()
    t = replace(t, columns=(*t.columns[:3], replace(t.columns[3], path=("遂行率(%)",))))
    t = t.with_cells({(2, 3): num(2, 3, "102.6", "102.6")})
    paths = write_outputs(budget_document(t), tmp_path, EmitSettings())
    assert (
        _csv(budget_document(t), tmp_path, encoding="utf-8").decode().splitlines()[0]
        == "科目,公益事業/公益事業1(円),公益事業/小計(円),遂行率(%)"
    )
    import json

    fields = json.loads(next(p for p in paths if p.name == "datapackage.json").read_text())["resources"][0][
        "schema"
    ]["fields"]
    assert (fields[3]["type"], fields[3]["unit"], fields[3]["scale"]) == ("number", "%", 1)


@pytest.mark.parametrize(
    ("label", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("@IMPORTXML(x)", "'@IMPORTXML(x)"),
        ("-2+3", "'-2+3"),
        ("受取会費", "受取会費"),
        ("1. 受取会費", "1. 受取会費"),
    ],
)
def test_text_that_would_start_a_formula_is_written_as_text(tmp_path: Path, label: str, written: str) -> None:
    data = _csv(_with_label(label), tmp_path, encoding="utf-8").decode()
    labels = [row[0] for row in csv.reader(io.StringIO(data))]
    assert written in labels
    assert label == written or label not in labels


def test_negative_numbers_stay_numbers(doc: Document, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(_csv(doc, tmp_path, encoding="utf-8").decode())))
    assert rows[2][1] == "-1000"
