"""All or nothing: a failure mid-write never leaves a folder that looks complete."""

from __future__ import annotations

import os
from pathlib import Path

import chohyo.emit.outputs as outputs
import pytest
from chohyo.emit import write_outputs
from chohyo.errors import OutputError
from chohyo.model import Document
from chohyo.settings import EmitSettings


class Boom(RuntimeError):
    pass


def _fail_parquet(*args: object, **kwargs: object) -> Path:
    raise Boom("disk full while writing cells.parquet")


def test_failure_mid_write_leaves_no_folder(
    doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outputs, "write_parquet", _fail_parquet)  # the CSVs are written before it
    with pytest.raises(Boom):
        write_outputs(doc, tmp_path, EmitSettings())
    assert os.listdir(tmp_path) == []  # neither the folder nor its temporary twin


def test_failure_keeps_the_previous_complete_output(
    doc: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_outputs(doc, tmp_path, EmitSettings())
    before = {p: p.read_bytes() for p in first}
    monkeypatch.setattr(outputs, "write_parquet", _fail_parquet)
    with pytest.raises(Boom):
        write_outputs(doc, tmp_path, EmitSettings(encoding="cp932"))
    assert {p: p.read_bytes() for p in first} == before
    assert sorted(os.listdir(tmp_path)) == ["予算書"]


def test_rewrite_replaces_the_whole_folder(doc: Document, tmp_path: Path) -> None:
    write_outputs(doc, tmp_path, EmitSettings())
    stale = tmp_path / "予算書" / "tables" / "予算書_t9.csv"
    stale.write_text("old")
    paths = write_outputs(doc, tmp_path, EmitSettings())
    assert not stale.exists()
    assert all(p.is_file() for p in paths)
    assert sorted(os.listdir(tmp_path)) == ["予算書"]


def test_every_output_is_written(doc: Document, tmp_path: Path) -> None:
    paths = write_outputs(doc, tmp_path, EmitSettings())
    names = sorted(str(p.relative_to(tmp_path / "予算書")) for p in paths)
    assert names == sorted(
        [
            "tables/予算書_t1.csv",
            "cells.parquet",
            "document.json",
            "report.json",
            "text.md",
            "datapackage.json",
        ]
    )
    assert (
        sorted(
            str(p.relative_to(tmp_path / "予算書")) for p in (tmp_path / "予算書").rglob("*") if p.is_file()
        )
        == names
    )


def test_unwritable_output_is_an_output_error(doc: Document, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError) as err:
        write_outputs(doc, blocker, EmitSettings())
    assert "file" in str(err.value)


def test_document_json_round_trips(doc: Document, tmp_path: Path) -> None:
    from chohyo.serialize import from_json

    write_outputs(doc, tmp_path, EmitSettings())
    assert from_json((tmp_path / "予算書" / "document.json").read_text(encoding="utf-8")) == doc


def test_a_source_without_a_stem_never_replaces_the_output_folder(doc: Document, tmp_path: Path) -> None:
    from dataclasses import replace

    keep = tmp_path / "other.txt"
    keep.write_text("someone else's file")
    paths = write_outputs(replace(doc, source=""), tmp_path, EmitSettings())
    assert keep.read_text() == "someone else's file"
    assert all(p.parent.name in {"document", "tables"} for p in paths)


def test_outputs_get_the_usual_permissions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Temp names come from mkstemp/mkdtemp (0600/0700); renamed outputs must follow the umask."""
    import os

    from chohyo.atomic import atomic_dir, atomic_file

    old = os.umask(0o022)
    try:
        with atomic_file(tmp_path / "a.csv") as fh:
            fh.write(b"x")  # type: ignore[attr-defined]
        with atomic_dir(tmp_path / "doc") as d:
            (d / "t.csv").write_text("x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "doc").stat().st_mode & 0o777 == 0o755


def test_a_long_name_is_cut_and_every_output_fits_the_name_limit(doc: Document, tmp_path: Path) -> None:
    from dataclasses import replace

    from chohyo.outnames import MAX_STEM_BYTES, doc_stem

    long_source = "予" * 80 + ".pdf"  # 240 bytes: OUT/<stem>/<stem>.xlsx would pass NAME_MAX (255)
    paths = write_outputs(replace(doc, source=long_source), tmp_path, EmitSettings(xlsx=True, review=True))
    folder = tmp_path / doc_stem(long_source)
    assert folder.is_dir() and len(os.fsencode(folder.name)) <= MAX_STEM_BYTES
    assert folder.name.startswith("予" * 60) and folder.name != doc_stem("予" * 79 + "x.pdf")
    assert paths and all(len(os.fsencode(p.name)) <= 255 and folder in p.parents for p in paths)
    assert doc_stem("予算書.pdf") == "予算書"  # a short name is kept as it is
