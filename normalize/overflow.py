"""Figures that overflow their cell (issue 14 part 8), split by digit grouping, never blanked.

- A text cell ending in a worked formula glued to its amount (``1号分494,130×1／2247,065``): split
  at the cut the formula confirms (``…×1／2 247,065``); the printed text stays in ``raw_text``.
  When several cuts fit, the largest amount is taken and a warning names the others; when none
  fits, the text stays as printed and a warning names the readings.
- A number cell holding two grouped figures (``54,306,600306,373,500``) beside an empty cell: when
  the grouping allows one cut only, the first figure stays and the second goes to the empty cell
  (the table's arithmetic then checks both); otherwise a warning names the readings.

The rule itself (readings and their arithmetic) lives in ``chohyo.japanese.overflow``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from decimal import Decimal

from chohyo.findings import FindingType, finding, register
from chohyo.japanese.overflow import Overflow, formula_overflow, glued_numbers
from chohyo.model import Cell, CellKind, CellRef, Finding, NullReason, Provenance, Severity, Table

register(
    FindingType(
        "overflow-split",
        Severity.INFO,
        "Overflowing figures split",
        "{where}: {text!r} is two figures run together; read as {reading} ({reason})",
    )
)
register(
    FindingType(
        "overflow-ambiguous",
        Severity.WARNING,
        "Overflowing figures: two readings fit",
        "{where}: {text!r} is two figures run together; read as {reading}, but {others} fits the "
        "formula too (check the printed page)",
    )
)
register(
    FindingType(
        "overflow-unconfirmed",
        Severity.WARNING,
        "Overflowing figures not split",
        "{where}: {text!r} looks like figures run together; nothing confirms one reading of {readings}, "
        "so it is kept as printed",
    )
)


def _ref(t: Table, c: Cell) -> tuple[CellRef, str]:
    label = next((r.label for r in t.rows if r.index == c.row), "")
    column = t.columns[c.col].name if c.col < len(t.columns) else ""
    where = f"table {t.id}, row {label or c.row}, column {column or c.col}"
    return CellRef(t.id, c.row, c.col, label, column, None, c.page), where


def _readings(o: Overflow) -> str:
    return " or ".join(f"{r.left} | {r.right}" for r in o.readings)


def _unconfirmed(table: str, c: Cell, ref: CellRef, where: str, o: Overflow) -> Finding:
    """Nothing confirms any reading of a run-together cell: kept as printed, flagged."""
    return finding(
        "overflow-unconfirmed",
        page=c.page,
        table=table,
        cells=(ref,),
        where=where,
        text=c.raw_text,
        readings=_readings(o),
    )


def _transformed(prov: Provenance, name: str) -> Provenance:
    return replace(prov, transforms=(*prov.transforms, name))


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def split_overflows(t: Table, label_col: int = 0) -> tuple[Table, list[Finding], set[tuple[int, int]]]:
    """The table with its overflowing figures split, the findings, and the cells it settled."""
    found: list[Finding] = []
    changed: dict[tuple[int, int], Cell] = {}
    for c in t.cells:
        if c.row < t.header_rows or c.col == label_col or c.is_ocr:
            continue
        if c.kind is CellKind.TEXT:
            o = formula_overflow(c.raw_text)
            if o is None:
                continue
            ref, where = _ref(t, c)
            r = o.likeliest
            if r is None:
                found.append(_unconfirmed(t.id, c, ref, where, o))
                continue
            text = formula_overflow(c.text)
            split = text.split_text if text is not None else None
            changed[(c.row, c.col)] = replace(
                c,
                text=split or o.split_text or c.text,
                provenance=_transformed(c.provenance, "overflow-split"),
            )
            others = [x for x in o.readings if x.confirmed and x is not r]
            found.append(
                finding(
                    "overflow-ambiguous" if others else "overflow-split",
                    page=c.page,
                    table=t.id,
                    cells=(ref,),
                    where=where,
                    text=c.raw_text,
                    reading=f"{r.left} | {r.right}",
                    others=" or ".join(f"{x.left} | {x.right}" for x in others),
                    reason=f"the formula gives {r.formula_value:.2f}",
                )
            )
        elif c.kind is CellKind.NUMBER and c.value is None and c.null_reason is NullReason.UNPARSEABLE:
            o = glued_numbers(c.raw_text)
            if o is None or not any("," in _folded(r.right) for r in o.readings):
                continue  # ``1,2345``: a grouping slip, not two figures (bad-grouping says so)
            ref, where = _ref(t, c)
            one = o.readings[0] if len(o.readings) == 1 else None
            # the empty cell the other figure belongs in: the next one (this figure ran right), or
            # else the one before (the figure before this one was set into this cell)
            nxt, prv = t.cell(c.row, c.col + 1), t.cell(c.row, c.col - 1)
            into_next = nxt is not None and nxt.kind is CellKind.EMPTY
            into_prev = c.col - 1 != label_col and prv is not None and prv.kind is CellKind.EMPTY
            if one is not None and "," in _folded(one.right) and (into_next or into_prev):
                left = _folded(one.left).replace(",", "")
                first, second = (c, nxt) if into_next else (prv, c)
                assert first is not None and second is not None
                changed[(first.row, first.col)] = replace(
                    first,
                    text=left,
                    kind=CellKind.NUMBER,
                    value=Decimal(left),
                    null_reason=None,
                    candidates=(),
                    bbox=first.bbox or c.bbox,
                    provenance=_transformed(c.provenance, "overflow-split"),
                )
                changed[(second.row, second.col)] = replace(
                    second,
                    text=format(one.amount, "f"),
                    kind=CellKind.NUMBER,
                    value=one.amount,
                    null_reason=None,
                    candidates=(),
                    bbox=second.bbox or c.bbox,
                    provenance=_transformed(c.provenance, "overflow-split"),
                )
                found.append(
                    finding(
                        "overflow-split",
                        page=c.page,
                        table=t.id,
                        cells=(ref,),
                        where=where,
                        text=c.raw_text,
                        reading=f"{one.left} | {one.right}",
                        reason="the only cut into two grouped figures; one goes to the empty cell "
                        "beside it, and the table's arithmetic checks both",
                    )
                )
            else:
                found.append(_unconfirmed(t.id, c, ref, where, o))
        else:
            continue
        changed.setdefault((c.row, c.col), c)  # settled: no second finding for it
    return (t.with_cells(changed) if changed else t), found, set(changed)
