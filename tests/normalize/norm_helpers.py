"""Build model Tables the way an extractor prints them, from the fixture truth files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from chohyo.model import BBox, Cell, CellKind, Column, Document, Page, Provenance, Row, Table, TextBlock

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
FULLWIDTH = str.maketrans("0123456789,", "０１２３４５６７８９，")


def truth(case: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{case}.truth.json").read_text(encoding="utf-8"))


def truth_cases() -> list[str]:
    return sorted(p.name.removesuffix(".truth.json") for p in FIXTURES.glob("*.truth.json"))


def printed_number(value: str | None, neg: str = "△", fullwidth: bool = False) -> str:
    if value is None:
        return ""
    n = int(value)
    s = f"{abs(n):,}"
    s = (neg + s) if n < 0 else s
    return s.translate(FULLWIDTH) if fullwidth else s


def spaced(label: str) -> str:
    """``2. 管理費`` → ``2. 管 理 費`` (numbering kept tight, as the fixtures print it)."""
    head, _, rest = label.partition(" ")
    if (rest and head.endswith((".", ")"))) or head in {"Ⅰ", "Ⅱ", "Ⅲ"}:
        return head + " " + " ".join(rest)
    return " ".join(label)


def printed_table(
    tab: dict[str, Any],
    *,
    neg: str = "△",
    fullwidth: bool = False,
    spaced_rows: bool = True,
    indent: bool = False,
    extractor: str = "pdfium-words",
) -> Table:
    """A Table as an extractor returns it: raw text only, two header rows, letter-spaced labels
    on the second half, the label cell's box either the grid cell (lattice) or the text (indent)."""
    columns = tab["columns"]
    prov = Provenance(extractor, "lattice")
    cells: list[Cell] = []
    n_cols = len(columns)
    tops = [c.split("/")[0] for c in columns]
    subs = [c.split("/")[1] if "/" in c else "" for c in columns]
    header = 2 if any(subs) else 1
    col = 0
    while col < n_cols:  # row 0: spanning group names, letter-spaced as printed
        span = 1
        while (
            header == 2
            and col + span < n_cols
            and subs[col]
            and tops[col + span] == tops[col]
            and subs[col + span]
        ):
            span += 1
        rs = 2 if header == 2 and not subs[col] else 1
        cells.append(
            Cell(
                0,
                col,
                " ".join(tops[col]) if len(tops[col]) > 1 and col <= 1 else tops[col],
                kind=CellKind.HEADER,
                row_span=rs,
                col_span=span,
                provenance=prov,
            )
        )
        col += span
    if header == 2:
        cells += [
            Cell(1, c, subs[c], kind=CellKind.HEADER, provenance=prov) for c in range(n_cols) if subs[c]
        ]
    rows = []
    half = len(tab["rows"]) // 2
    for i, r in enumerate(tab["rows"]):
        g = header + i
        page = 1 if i < half else 2
        label = spaced(r["label"]) if spaced_rows and i >= half else r["label"]
        x0 = 40.0 + (8.0 * r["level"] if indent else 0.0)
        cells.append(
            Cell(g, 0, label, page=page, bbox=BBox(x0, 100 + 12 * i, x0 + 60, 110 + 12 * i), provenance=prov)
        )
        for c, v in enumerate(r["values"], start=1):
            cells.append(Cell(g, c, printed_number(v, neg, fullwidth), page=page, provenance=prov))
        rows.append(Row(index=g, label=label, page=page))
    cols = tuple(
        Column(i, (" ".join(c) if i == 0 else c,) if "/" not in c else tuple(c.split("/")))
        for i, c in enumerate(columns)
    )
    title = tab["title"].replace("年度", " 年度").replace("平成", "平成 ")
    return Table(
        "t1",
        tuple(tab["pages"]),
        cols,
        tuple(cells),
        header_rows=header,
        rows=tuple(rows),
        title=title,
        captions=("(単位:円)" if tab["unit"]["name"] == "円" else f"(単位:{tab['unit']['name']})",),
    )


def printed_document(case: str, **kw: Any) -> Document:
    t = truth(case)
    tables = tuple(printed_table(tab, **kw) for tab in t["tables"])
    blocks = tuple(TextBlock(1, b["text"], order=i) for i, b in enumerate(t.get("text_blocks", [])))
    return Document(f"{case}.pdf", "0" * 64, (Page(1, 842, 595, tables=tables, text_blocks=blocks),))


def value_of(cell: Cell | None) -> str | None:
    if cell is None or cell.value is None:
        return None
    assert isinstance(cell.value, Decimal)
    return str(cell.value)
