"""amounts.csv: the sums in running text, written beside the tables when there are any."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from chohyo.emit import write_outputs
from chohyo.model import Document, Page, Provenance, TextBlock
from chohyo.normalize.amounts import text_amounts
from chohyo.settings import EmitSettings

TEXT = "令和4年度の規模は、110,893千円の減額計上であります。①の費用は=12万3456円です。"


def _doc(text: str) -> Document:
    page = Page(1, 595, 842, text_blocks=(TextBlock(1, text, provenance=Provenance("pdfium", "text")),))
    doc = Document("/in/teian.pdf", "0" * 64, pages=(page,))
    return Document(doc.source, doc.sha256, doc.pages, amounts=text_amounts(doc))


def _rows(path: Path, encoding: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode(encoding))))


def test_rows_values_and_sentence(tmp_path: Path) -> None:
    write_outputs(_doc(TEXT), tmp_path, EmitSettings(encoding="utf-8", parquet=False))
    rows = _rows(tmp_path / "teian" / "amounts.csv", "utf-8")
    assert [(r["text"], r["value"], r["unit"], r["fiscal_year"]) for r in rows] == [
        ("110,893千円", "110893000", "千円", "2022"),
        ("12万3456円", "123456", "円", ""),
    ]
    assert rows[0]["sentence"] == "令和4年度の規模は、110,893千円の減額計上であります。"
    # ① written out, as in every CSV (総務省 2020); the sentence is not Excel formula text
    assert rows[1]["sentence"].startswith("(1)の費用は=") and Decimal(rows[1]["value"]) == 123456


def test_cp932_and_no_file_without_amounts(tmp_path: Path) -> None:
    write_outputs(_doc(TEXT), tmp_path / "a", EmitSettings(encoding="cp932", parquet=False))
    assert _rows(tmp_path / "a" / "teian" / "amounts.csv", "cp932")[0]["value"] == "110893000"
    write_outputs(_doc("金額の記載はありません。"), tmp_path / "b", EmitSettings(parquet=False))
    assert not (tmp_path / "b" / "teian" / "amounts.csv").exists()


def test_document_json_round_trips_amounts() -> None:
    from chohyo.serialize import from_json, to_json

    doc = _doc(TEXT)
    assert len(doc.amounts) == 2
    assert from_json(to_json(doc)).amounts == doc.amounts
