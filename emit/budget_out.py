"""budget.csv / budget.parquet: a budget book's 事項別明細書 as one long table (``chohyo.budget``).

One row per printed 節/説明 line, each carrying its 目 (number, name, 本年度, 前年度, 比較, 財源内訳),
its 項 and its 款; a 目 with no such line has one row of its own. Amounts are the printed integers
in the book's unit (``単位``); item numbers have their own fields. Written only when the document
has such a statement.
"""

from __future__ import annotations

import codecs
import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from chohyo.budget import Budget, BudgetLine
from chohyo.emit.arrow_table import table_from_columns
from chohyo.emit.textout import encodable, write_out
from chohyo.spreadsheet import formula_safe, line_terminator

# (field, is an amount)
FIELDS: tuple[tuple[str, bool], ...] = (
    ("区分", False),
    ("款番号", False),
    ("款", False),
    ("款金額", True),
    ("項番号", False),
    ("項", False),
    ("項金額", True),
    ("目番号", False),
    ("目", False),
    ("本年度", True),
    ("前年度", True),
    ("比較", True),
    ("国県支出金", True),
    ("地方債", True),
    ("その他", True),
    ("一般財源", True),
    ("節番号", False),
    ("節", False),
    ("節金額", True),
    ("細節", False),
    ("細節金額", True),
    ("説明", False),
    ("説明金額", True),
    ("説明区分", False),  # 事業 / 細事業 where the 説明 prints them by number, with their totals
    ("単位", False),
    ("page", False),
    ("table", False),
)


def line_values(line: BudgetLine, unit: str) -> list[Any]:
    s = line.sources
    return [
        line.division,
        line.kan.number,
        line.kan.name,
        line.kan.current,
        line.kou.number,
        line.kou.name,
        line.kou.current,
        line.moku.number,
        line.moku.name,
        line.moku.current,
        line.moku.previous,
        line.moku.change,
        s.national_prefectural,
        s.bonds,
        s.other,
        s.general,
        line.setsu_number,
        line.setsu_name,
        line.setsu_amount,
        line.sub_name,
        line.sub_amount,
        line.note,
        line.note_amount,
        line.note_level,
        unit,
        line.page,
        line.table,
    ]


def _csv_cell(v: Any, encoding: str, row: int, field: int, keep: bool, utf: bool) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal | int):
        return str(v)
    text = v if keep else write_out(v)
    if not utf:  # a UTF encoding writes every character: nothing to check, no place to name
        text = encodable(text, encoding, f"budget.csv, row {row}, {FIELDS[field][0]}")
    return formula_safe(text)


def write_budget_csv(budget: Budget, path: Path, encoding: str, keep_dependent: bool = False) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=line_terminator(encoding))
    writer.writerow([name for name, _ in FIELDS])
    utf = codecs.lookup(encoding).name.startswith("utf")  # as ``encodable`` tells it
    for i, line in enumerate(budget.lines, 1):
        values = line_values(line, budget.unit)
        writer.writerow([_csv_cell(v, encoding, i, j, keep_dependent, utf) for j, v in enumerate(values)])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_budget_parquet(budget: Budget, path: Path, keep_dependent: bool = False) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [line_values(line, budget.unit) for line in budget.lines]
    columns: dict[str, list[Any]] = {}
    types = []
    for j, (name, amount) in enumerate(FIELDS):
        col = [r[j] for r in rows]
        if amount:  # printed integers: exact, summable without a cast
            columns[name], kind = [None if v is None else int(v) for v in col], pa.int64()
        elif name == "page":
            columns[name], kind = col, pa.int32()
        else:
            columns[name], kind = [v if keep_dependent else write_out(v) for v in col], pa.string()
        types.append((name, kind))
    table = table_from_columns(columns, pa.schema(types))
    pq.write_table(table, path)
    return path
