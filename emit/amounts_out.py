"""amounts.csv: sums of money and head counts printed in running text, one row each, with the
sentence they stand in, the page, and the 和暦 date or fiscal year printed beside them
(found by the normalize stage). Written only when the text holds such a figure.

``value`` is in yen or persons (``110,893千円`` → 110893000); ``unit`` is the unit as printed. An
empty ``value`` has its reason in ``note``; a figure read by OCR says there whether two readings
agree (confirmed) or not (then an ``ocr-unconfirmed`` warning names its row).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from chohyo.emit.textout import encodable, write_out
from chohyo.model import TextAmount
from chohyo.spreadsheet import formula_safe, line_terminator

FIELDS = (
    "page",
    "text",
    "value",
    "unit",
    "approximate",
    "date",
    "date_iso",
    "fiscal_year",
    "sentence",
    "note",
    "provenance",
)


def amount_row(a: TextAmount) -> list[object]:
    prov = "/".join(x for x in (a.provenance.extractor, a.provenance.method) if x)
    return [
        a.page,
        a.text,
        a.value,
        a.unit,
        "yes" if a.approximate else "",
        a.date,
        a.date_iso,
        a.fiscal_year,
        a.sentence,
        a.note,
        prov,
    ]


def _cell(v: object, encoding: str, where: str, keep: bool) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal | int):
        return str(v)
    text = str(v) if keep else write_out(str(v))
    return formula_safe(encodable(text, encoding, where))


def write_amounts_csv(
    amounts: tuple[TextAmount, ...], path: Path, encoding: str, keep_dependent: bool = False
) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=line_terminator(encoding))
    writer.writerow(FIELDS)
    for i, a in enumerate(amounts, 1):
        writer.writerow(
            [
                _cell(v, encoding, f"amounts.csv, row {i}, {FIELDS[j]}", keep_dependent)
                for j, v in enumerate(amount_row(a))
            ]
        )
    path.write_bytes(buf.getvalue().encode(encoding))
    return path
