"""datapackage.json describes each CSV so a Frictionless reader gets the numbers right."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from chohyo.emit import write_outputs
from chohyo.model import Document
from chohyo.settings import EmitSettings
from emit_docs import budget_document, budget_table, num


def _package(doc: Document, tmp_path: Path, **settings: object) -> dict:
    write_outputs(doc, tmp_path, EmitSettings(**settings))  # type: ignore[arg-type]
    return json.loads((tmp_path / "予算書" / "datapackage.json").read_text(encoding="utf-8"))


def test_fields_describe_the_csv_header(doc: Document, tmp_path: Path) -> None:
    (res,) = _package(doc, tmp_path)["resources"]
    path = tmp_path / "予算書" / res["path"]
    with path.open(encoding=res["encoding"], newline="") as fh:
        header = next(csv.reader(fh))
    fields = res["schema"]["fields"]
    assert [f["name"] for f in fields] == header
    assert [f["type"] for f in fields] == ["string", "integer", "integer", "integer"]
    assert (
        fields[1]["unit"] == "円"
        and fields[1]["scale"] == 1
        and fields[1]["path"] == ["公益事業", "公益事業1"]
    )


def test_bare_numbers_no_group_char(doc: Document, tmp_path: Path) -> None:
    text = json.dumps(_package(doc, tmp_path))
    assert "bareNumber" not in text and "groupChar" not in text  # defaults: bare numbers, no grouping


def test_names_are_valid_and_encoding_matches(doc: Document, tmp_path: Path) -> None:
    import re

    pkg = _package(doc, tmp_path, encoding="cp932")
    assert re.fullmatch(r"[a-z0-9._-]+", pkg["name"])
    (res,) = pkg["resources"]
    assert re.fullmatch(r"[a-z0-9._-]+", res["name"])
    assert res["encoding"] == "cp932" and res["dialect"]["lineTerminator"] == "\r\n"
    assert pkg["temporalCoverage"] == {"start": "2015-04-01", "end": "2016-03-31"}


def test_fractional_column_is_number_and_thousands_scale(tmp_path: Path) -> None:
    from decimal import Decimal

    from chohyo.model import Unit

    t = replace(
        budget_table().with_cells({(2, 3): num(2, 3, "102.6", "102.6")}), unit=Unit("千円", Decimal(1000))
    )
    fields = _package(budget_document(t), tmp_path)["resources"][0]["schema"]["fields"]
    assert [f["type"] for f in fields] == ["string", "integer", "integer", "number"]
    assert fields[3]["name"] == "計(千円)" and fields[3]["scale"] == 1000
