"""The readings of a scanned table's cells → the model's Table: cell kinds, signs told by their
shape, specks dropped, column paths, row levels from the labels' indent."""

from __future__ import annotations

import re
from dataclasses import replace

from chohyo.extract.ocr.cell_boxes import CellBox, PixelFrame
from chohyo.extract.ocr.cell_text import clean_label, number_text, parse_digits
from chohyo.extract.ocr.engines import Reading
from chohyo.extract.ocr.engines.registry import FALLBACK
from chohyo.extract.ocr.signs import APART
from chohyo.japanese.numbers import looks_numeric
from chohyo.japanese.numbers import parse_ocr_number as parse_number
from chohyo.model import OCR_AGREED as AGREED
from chohyo.model import Cell, CellKind, Column, NullReason, Provenance, Row, Table

_TRAILING_SPECK = re.compile(r"(?<=\d)[\-−－.．·・'`]+$")
_LEADING_SPECK = re.compile(r"^[.．·・'`,]+(?=[△▲\d])")


def assemble(
    boxes: list[CellBox],
    inks: dict[CellBox, tuple[int, int, int, int] | None],
    readings: dict[tuple[int, int], tuple[Reading, bool, str]],
    header_rows: int,
    frame: PixelFrame,
    page: int,
    table_id: str,
    method: str,
    dpi: float,
    signs: dict[tuple[int, int], str | None] | None = None,
    alternatives: dict[tuple[int, int], tuple[str, ...]] | None = None,
    dates: set[tuple[int, int]] | None = None,
    numbering: dict[int, str] | None = None,
    mixed: set[tuple[int, int]] | None = None,
) -> Table:
    """``alternatives``: other readings of label cells (label_variants), kept as the cells' candidates.
    ``dates``: cells under a 年月日 header read as a date's parts (date_parts.py), never amounts.
    ``numbering``: row -> its item number read apart from its label (item_numbers.py).
    ``mixed``: cells read as a whole number and a fraction (``6 1/4``, mixed_numbers.py), never amounts."""
    dates = dates or set()
    mixed = mixed or set()
    signs = signs or {}
    alternatives = alternatives or {}
    cells: list[Cell] = []
    n_cols = max((b.col + b.col_span for b in boxes), default=0)
    label_x: dict[int, int] = {}
    marked = _group_labelled(readings)
    for b in boxes:
        transforms: tuple[str, ...] = ()
        candidates: tuple[str, ...] = ()
        reading, numeric, reader = readings.get(
            (b.row, b.col), (Reading(), False, FALLBACK.name)
        )  # no ink: nothing read
        raw = reading.text.strip()
        confs = reading.char_confidences[: len(raw)] if raw else ()
        if len(reading.text) != len(reading.text.lstrip()):
            lead = len(reading.text) - len(reading.text.lstrip())
            confs = reading.char_confidences[lead : lead + len(raw)]
        text = " ".join(raw.split())
        value = None
        null_reason = None
        if b.row < header_rows:
            kind = CellKind.HEADER
        elif not raw:
            kind = CellKind.EMPTY
            null_reason = NullReason.BLANK
        elif b.col == 0:
            kind = CellKind.LABEL
            text = clean_label(raw)
            ink = inks.get(b)
            if ink is not None:
                label_x[b.row] = ink[0] - b.x0
            others = (clean_label(t) for t in alternatives.get((b.row, b.col), ()) if t.strip())
            candidates = tuple(dict.fromkeys(t for t in others if t != text))
        elif (b.row, b.col) in dates:
            kind = CellKind.TEXT  # 5 10 2 under 年月日: a date's parts, no sum runs through them
            transforms = ("ocr-date-parts", AGREED) if reading.agreed else ("ocr-date-parts",)
        elif (b.row, b.col) in mixed:
            kind = CellKind.TEXT  # 6 1/4 persons: no sum runs through it
            transforms = ("ocr-mixed-number",)
            candidates = (reading.alternative,) if reading.alternative else ()
        elif numeric or looks_numeric(raw, ocr=True):
            kind = CellKind.NUMBER
            sign = signs.get((b.row, b.col))
            raw_for_value = raw
            dotted = _dot_for_comma(raw)
            if dotted != raw:  # a whole-number column: a dot between groups of three is a comma misread
                raw = raw_for_value = text = dotted
                transforms = ("ocr-dot-for-comma",)
            in_parens = sign == "()" or bool(re.fullmatch(r"[(（][^()（）]*\d[^()（）]*[)）]", raw))
            if in_parens and (b.row, b.col) in marked and any(ch.isdigit() for ch in raw):
                # (12,012,337) on a row labelled (有形固定資産): a subgroup's subtotal mark, as
                # 【…】 marks a group's; the negative stays a candidate for the arithmetic to choose
                raw = raw_for_value = text = raw.strip("()（） ").lstrip("AΔ△▲-")
                transforms = (*transforms, "ocr-group-parentheses")
                candidates = ("-" + raw_for_value.replace(",", ""),)
            elif sign == "()" and any(ch.isdigit() for ch in raw):
                # the digits were read inside the parentheses: the cell reads as printed
                raw, raw_for_value = f"({raw})", "-" + raw.lstrip("AΔ△▲-")
                text = raw
            elif sign in ("△", "▲") and _triangle_left_out(raw, reading.alternative):
                # the second engine left the triangle out, the first read it as a glyph: the shape holds
                raw = raw_for_value = sign + raw
                text = raw
            elif sign and sign.startswith(APART) and raw[:1].isdigit():
                # a △ printed apart from its amount (its own glyph, seen by shape): the cell reads as printed
                raw = raw_for_value = sign[len(APART) :] + raw
                text = raw
            elif sign == "speck" and raw[:1] in "AΔ△▲-" and len(raw) > 1:
                raw_for_value, sign = raw[1:], None
            elif sign in ("△", "▲") and raw[:1] in "4AΔ△▲" and len(raw) > 1:  # jpn reads ▲ as 4 and △ as A
                # the glyph's shape is part of the reading: the cell reads as printed (△/▲)
                raw = raw_for_value = sign + raw[1:]
                text = raw
            elif raw[:1] in "AΔ△▲" and len(raw) > 1:
                # No triangle on the page: a confident A is still a △ the shape test missed; a doubtful
                # one is a speck read as a letter, and is dropped.
                if reading.char_confidences[:1] and reading.char_confidences[0] >= 0.6:
                    raw_for_value = "△" + raw[1:]
                else:
                    raw_for_value = raw[1:]
            if "ocr-group-parentheses" in transforms:
                pass
            elif sign == "()" and raw[:1] == "(":
                transforms = ("ocr-parentheses-shape",)
            elif (sign in ("△", "▲") and raw[:1] == sign) or (
                sign and sign.startswith(APART) and raw[:1] in "△▲"
            ):
                transforms = ("ocr-triangle-shape",)
            elif raw_for_value != raw and "ocr-dot-for-comma" not in transforms:
                if sign and sign != "speck":
                    transforms = ("ocr-triangle-shape",)
                elif raw_for_value.startswith("△"):
                    transforms = ("ocr-triangle-A",)
                else:
                    transforms = ("ocr-dropped-speck",)
            # a dot of dust before the number or after its last digit, read as a point or a dash
            # (.△1,450 / 11,926-)
            unspecked = _TRAILING_SPECK.sub("", _LEADING_SPECK.sub("", raw_for_value))
            if len(unspecked) >= 1 and unspecked != raw_for_value and any(ch.isdigit() for ch in unspecked):
                raw_for_value = unspecked
                transforms = tuple(dict.fromkeys((*transforms, "ocr-dropped-speck")))
            value, null_reason = parse_number(raw_for_value)
            if value is None and null_reason is NullReason.UNPARSEABLE:
                value = parse_digits(raw_for_value)
                null_reason = None if value is not None else null_reason
            if value is not None:
                text = number_text(value)
                plain, _ = parse_number(raw)
                if plain != value and not candidates:  # what the shape/speck checks say, for the validator
                    candidates = (str(value),)
            if reading.agreed and value is not None:
                transforms = (*transforms, AGREED)
            other = parse_digits(reading.alternative.lstrip("A")) if reading.alternative else None
            if other is not None and other != value:  # the other engine's reading
                candidates = (*candidates, str(other))
        else:
            kind = CellKind.TEXT
            candidates = tuple(
                t
                for t in dict.fromkeys(" ".join(x.split()) for x in alternatives.get((b.row, b.col), ()))
                if t and t != text
            )
        cells.append(
            Cell(
                row=b.row,
                col=b.col,
                raw_text=raw,
                text=text,
                kind=kind,
                value=value,
                null_reason=null_reason,
                row_span=b.row_span,
                col_span=b.col_span,
                page=page,
                bbox=frame.bbox(b.x0, b.y0, b.x1, b.y1),
                confidence=reading.confidence if raw else 1.0,
                provenance=Provenance(reader, method).with_transforms(*transforms),
                char_confidences=tuple(confs),
                candidates=candidates,
            )
        )
    cells.sort(key=lambda c: (c.row, c.col))
    columns = _columns(cells, header_rows, n_cols)
    rows = _rows(cells, header_rows, label_x, dpi, page)
    if numbering:
        rows = tuple(replace(r, numbering=numbering.get(r.index, r.numbering)) for r in rows)
    x0 = min(b.x0 for b in boxes)
    y0 = min(b.y0 for b in boxes)
    x1 = max(b.x1 for b in boxes)
    y1 = max(b.y1 for b in boxes)
    conf = min((c.confidence for c in cells if c.raw_text), default=1.0)
    return Table(
        id=table_id,
        pages=(page,),
        columns=columns,
        cells=tuple(cells),
        header_rows=header_rows,
        rows=rows,
        bbox=frame.bbox(x0, y0, x1, y1),
        method=method,
        confidence=conf,
    )


_GROUPS_WITH_DOT = re.compile(r"[【〔(（]?[△▲\-]?\d{1,3}([.,]\d{3})+[】〕)）]?")
_BRACKETED_LABEL = re.compile(r"^\s*[(（].*[^\s)）].*[)）]\s*$")


def _dot_for_comma(raw: str) -> str:
    """``20.384,610`` or ``1.350.000``: groups of three parted by a dot, which in a whole number
    is a comma misread (one dot alone, 1.350, may be a decimal point: left as read)."""
    t = raw.replace(" ", "")
    if "." not in t or not _GROUPS_WITH_DOT.fullmatch(t) or ("," not in t and t.count(".") < 2):
        return raw
    return t.replace(".", ",")


def _group_labelled(readings: dict[tuple[int, int], tuple[Reading, bool, str]]) -> set[tuple[int, int]]:
    """Number cells whose row label, the nearest words to their left, is itself in parentheses
    ((有形固定資産)): a balance sheet's subgroup, whose amount's parentheses are its mark."""
    out = set()
    for (r, c), (reading, numeric, _) in readings.items():
        if c == 0 or not (numeric or looks_numeric(reading.text.strip(), ocr=True)):
            continue
        for k in range(c - 1, -1, -1):
            left = readings.get((r, k))
            if left is None or not left[0].text.strip():
                continue
            words = left[0].text.strip()
            if not left[1] and not looks_numeric(words, ocr=True):
                if _BRACKETED_LABEL.match(words):
                    out.add((r, c))
                break
    return out


def _triangle_left_out(raw: str, first: str) -> bool:
    """``raw`` (the second engine's reading) has every digit of ``first`` (the first engine's) but
    its leading 4 or A: the triangle the first read as a glyph is missing from it."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    rest = "".join(ch for ch in first[1:] if ch.isdigit())
    return bool(raw[:1].isdigit() and first[:1] and first[0] in "4AΔ△▲" and digits == rest)


def _columns(cells: list[Cell], header_rows: int, n_cols: int) -> tuple[Column, ...]:
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for r in range(header_rows):
        for c in cells:
            if c.row != r:
                continue
            name = "".join(c.raw_text.split())
            for k in range(c.col, min(n_cols, c.col + c.col_span)):
                if name and (not paths[k] or paths[k][-1] != name or c.row_span == 1):
                    if not (paths[k] and paths[k][-1] == name):
                        paths[k].append(name)
    return tuple(Column(i, tuple(p) if p else (f"col{i}",) if i else ("科目",)) for i, p in enumerate(paths))


def _rows(
    cells: list[Cell], header_rows: int, label_x: dict[int, int], dpi: float, page: int
) -> tuple[Row, ...]:
    labels = {c.row: c.text for c in cells if c.col == 0 and c.row >= header_rows}
    body = sorted({c.row for c in cells if c.row >= header_rows})
    base = min(label_x.values(), default=0)
    step = max(1.0, dpi * 7 / 72)  # one indent ≈ one character of ~7 pt
    out = []
    for r in body:
        level = round((label_x.get(r, base) - base) / step) if r in label_x else 0
        out.append(Row(index=r, label=labels.get(r, ""), page=page, level=level))
    return tuple(out)
