"""What the pipeline saw on one page, drawn over the page image (pdfplumber's visual debugging).

``page_overlay(doc, n)`` lists the boxes (JSON-ready, PDF points, top-left origin);
``draw_overlay(image, overlay)`` draws them with Pillow on a render of the page as displayed.
The image may be at any resolution: boxes are scaled by ``image.width / page width``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from chohyo.model import BBox, Cell, CellKind, Document, Page, Table
from PIL import Image, ImageDraw, ImageFont

# Pure red is kept for error findings only (tests look for it); nothing else comes near it.
RED = (255, 0, 0, 255)
WARNING = (235, 190, 0, 255)  # amber: a warning names the cell
INFO = (0, 175, 215, 255)  # cyan: an info note names the cell (never drawn as an error)
SEVERITY_COLOURS = {"error": RED, "warning": WARNING, "info": INFO}
_RANK = {"error": 0, "warning": 1, "info": 2}
ORANGE = (255, 140, 0, 255)
NUMBER = (30, 90, 220, 200)  # blue
LABEL = (0, 150, 70, 200)  # green
OTHER = (150, 150, 150, 160)  # text / empty cells
HEADER_FILL = (255, 215, 0, 70)  # translucent yellow
TEXT_BLOCK = (140, 60, 200, 230)  # purple
TABLE_COLOURS = [
    (0, 170, 190, 255),
    (200, 0, 200, 255),
    (110, 110, 0, 255),
    (0, 90, 160, 255),
    (90, 40, 0, 255),
]


def _box(b: BBox | None) -> list[float] | None:
    return None if b is None else [round(b.x0, 2), round(b.top, 2), round(b.x1, 2), round(b.bottom, 2)]


def _union(boxes: Iterable[BBox]) -> BBox | None:
    out: BBox | None = None
    for b in boxes:
        out = b if out is None else out.union(b)
    return out


def _table_bbox(t: Table, page: int) -> BBox | None:
    """Table.bbox is on the first page only; a continued table's box elsewhere is its cells'."""
    if t.bbox is not None and page == t.pages[0]:
        return t.bbox
    return _union(c.bbox for c in t.cells if c.page == page and c.bbox is not None)


def _worse(a: str | None, b: str) -> str:
    return b if a is None or _RANK[b] < _RANK[a] else a


Flags = dict[tuple[str, int, int], dict[str, Any]]


def _flagged(doc: Document, page: int) -> tuple[Flags, Flags]:
    """Cells named by findings ({codes, severity}) and suspect cells (with the proposed value), by
    (table, row, col); ``severity`` is the worst of the findings that name the cell."""
    tables = {t.id: t for t in doc.tables}
    named: Flags = {}
    suspects: Flags = {}
    for f in doc.findings:
        if f.table is None or f.table not in tables:
            continue
        for ref in f.cells:
            entry = named.setdefault((f.table, ref.row, ref.col), {"codes": [], "severity": None})
            if f.code not in entry["codes"]:
                entry["codes"].append(f.code)
            entry["severity"] = _worse(entry["severity"], f.severity.value)
        for s in f.suspects:
            key = (f.table, s.row, s.col)
            proposed = s.proposed_text if s.proposed_text is not None else s.proposed
            sus = suspects.setdefault(
                key,
                {
                    "found": None if s.found is None else str(s.found),
                    "proposed": None if proposed is None else str(proposed),
                    "codes": [],
                    "severity": None,
                },
            )
            if f.code not in sus["codes"]:
                sus["codes"].append(f.code)
            sus["severity"] = _worse(sus["severity"], f.severity.value)

    # A cell named by an ambiguous-correction is one of several candidate sets: its value there is
    # a candidate, not a proposal (drawn "candidate? N", never "-> N").
    for key, sus in suspects.items():
        if "ambiguous-correction" in named.get(key, {}).get("codes", ()):
            sus["candidate"] = True

    # Keep only cells drawn on this page.
    def on_page(key: tuple[str, int, int]) -> bool:
        c = tables[key[0]].cell(key[1], key[2])
        return c is not None and c.page == page and c.bbox is not None

    return ({k: v for k, v in named.items() if on_page(k)}, {k: v for k, v in suspects.items() if on_page(k)})


def _cell_entry(t: Table, c: Cell, named: Flags, suspects: Flags) -> dict[str, Any]:
    key = (t.id, c.row, c.col)
    entry: dict[str, Any] = {
        "table": t.id,
        "row": c.row,
        "col": c.col,
        "bbox": _box(c.bbox),
        "kind": c.kind.value,
        "text": c.text,
    }
    if c.corrected_from is not None:
        entry["corrected_from"] = c.corrected_from
    if key in named:
        entry["findings"] = named[key]["codes"]
        entry["severity"] = named[key]["severity"]
    if key in suspects:
        entry["suspect"] = suspects[key]
    return entry


def page_overlay(doc: Document, number: int) -> dict[str, Any]:
    """Every box drawn on page ``number``: tables, cells (with kinds and findings), text blocks."""
    page = _page(doc, number)
    named, suspects = _flagged(doc, number)
    tables = [t for p in doc.pages for t in p.tables if number in t.pages]
    out_tables = []
    cells = []
    for t in tables:
        out_tables.append(
            {
                "id": t.id,
                "method": t.method,
                "bbox": _box(_table_bbox(t, number)),
                "title": t.title,
                "pages": list(t.pages),
                "header_rows": t.header_rows,
            }
        )
        cells += [
            _cell_entry(t, c, named, suspects) for c in t.cells if c.page == number and c.bbox is not None
        ]
    blocks = [
        {"order": b.order, "role": b.role.value, "bbox": _box(b.bbox), "text": b.text}
        for b in sorted(page.text_blocks, key=lambda b: b.order)
        if b.bbox is not None
    ]
    return {
        "source": doc.source,
        "page": number,
        "width": page.width,
        "height": page.height,
        "kind": page.kind.value,
        "rotation": page.rotation,
        "notes": list(page.notes),
        "tables": out_tables,
        "cells": cells,
        "text_blocks": blocks,
    }


def _page(doc: Document, number: int) -> Page:
    for p in doc.pages:
        if p.number == number:
            return p
    raise ValueError(f"the document has no page {number} (it has {len(doc.pages)})")


# Japanese system fonts, for labels that quote the page ("was 貨借料"); Pillow's own font has no kanji.
CJK_FONTS = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
)


@lru_cache(maxsize=16)
def _font(size: int, cjk: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if cjk:
        for path in CJK_FONTS:
            if Path(path).is_file():
                try:
                    return ImageFont.truetype(path, size)
                except OSError:
                    continue
    try:
        return ImageFont.load_default(size=size)  # Pillow's bundled font: no system font needed
    except (TypeError, OSError):  # Pillow without FreeType
        return ImageFont.load_default()


def _has_cjk_font() -> bool:
    return any(Path(p).is_file() for p in CJK_FONTS)


def _label(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    colour: tuple[int, ...],
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    above: bool = True,
) -> None:
    """Text on a white chip, placed just above (or at) ``xy`` and kept inside the image."""
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=font)
    w, h = x1 - x0 + 4, y1 - y0 + 4
    width, height = draw.im.size
    x = min(max(0.0, xy[0]), max(0.0, width - w))
    y = xy[1] - h if above else xy[1]
    y = min(max(0.0, y), max(0.0, height - h))
    draw.rectangle((x, y, x + w, y + h), fill=(255, 255, 255, 225), outline=colour)
    draw.text((x + 2 - x0, y + 2 - y0), text, fill=colour, font=font)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _proposal(proposed: str | None, candidate: bool = False) -> str:
    if proposed is None:
        return "suspect"
    lead = "candidate?" if candidate else "->"
    try:
        return f"{lead} {int(proposed):,}"  # as printed in the table, with separators
    except ValueError:
        return f"{lead} {proposed}"


def _text_width(box: tuple[float, float, float, float], cell: dict[str, Any]) -> float:
    """About how wide a cell's printed text is: a digit half the row height, a kanji a whole one."""
    per = (box[3] - box[1]) * (0.5 if cell["kind"] == CellKind.NUMBER.value else 0.9)
    return min(box[2] - box[0], per * len(cell["text"]))


def _beside(
    box: tuple[float, float, float, float],
    w: float,
    limit: float,
    row: list[tuple[tuple[float, float, float, float], dict[str, Any]]],
) -> float:
    """x of a label ``w`` wide right or left of ``box``: the side hiding less of the row's printed text.

    Text extents are estimated (numbers sit right in their cell, labels left)."""

    def hidden(x: float) -> float:
        total = 0.0
        for (x0, y0, x1, y1), o in row:
            tw = _text_width((x0, y0, x1, y1), o)
            t0, t1 = (x1 - tw, x1) if o["kind"] == CellKind.NUMBER.value else (x0, x0 + tw)
            total += max(0.0, min(t1, x + w) - max(t0, x))
        return total

    right, left = box[2] + 2, box[0] - 2 - w
    options = [x for x in (right, left) if 0 <= x and x + w <= limit] or [max(0.0, min(right, limit - w))]
    return min(options, key=hidden)  # ties: right


def _with_margin(page: Image.Image, overlay: dict[str, Any], s: float, font: Any) -> Image.Image:
    """The page with a white strip on the right when the proposals of suspect cells need one: they
    are written beside their table, never over a neighbouring cell."""
    measure = ImageDraw.Draw(page)
    rights = {t["id"]: t["bbox"][2] * s for t in overlay["tables"] if t["bbox"]}
    need = max(
        (
            rights.get(c["table"], c["bbox"][2] * s)
            + 3 * max(3, round(s * 2.2))
            + 4
            + measure.textlength(
                _proposal(c["suspect"]["proposed"], c["suspect"].get("candidate", False)), font=font
            )
            + 10
            for c in overlay["cells"]
            if "suspect" in c
        ),
        default=0.0,
    )
    if need <= page.width:
        return page
    wide = Image.new("RGBA", (int(need), page.height), (255, 255, 255, 255))
    wide.paste(page, (0, 0))
    return wide


def draw_overlay(image: Image.Image, overlay: dict[str, Any], scale: float | None = None) -> Image.Image:
    """``image``: the page as displayed; ``scale``: pixels per point (default: image width / page width).
    Returns a new RGB image with the boxes drawn: the page, widened on the right by a margin for the
    proposed values when the page has no room beside its tables."""
    s = scale or image.width / overlay["width"]
    big = _font(max(10, round(8 * s)))
    base = _with_margin(image.convert("RGBA"), overlay, s, big)
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    small_size = max(9, round(7 * s))
    small = _font(small_size)
    cjk = _has_cjk_font()
    thin = max(1, round(s * 0.6))
    thick = max(3, round(s * 2.2))
    mark = max(4, round(s * 2.8))  # suspects and corrections: mostly inside the cell, one pixel out

    def px(b: list[float], inset: float = 0.0) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = (v * s for v in b)
        return (x0 + inset, y0 + inset, max(x0 + inset, x1 - inset), max(y0 + inset, y1 - inset))

    colours = {t["id"]: TABLE_COLOURS[k % len(TABLE_COLOURS)] for k, t in enumerate(overlay["tables"])}
    for c in overlay["cells"]:
        kind = c["kind"]
        box = px(c["bbox"], inset=thin)
        if kind == CellKind.HEADER.value:
            draw.rectangle(box, fill=HEADER_FILL)
        colour = NUMBER if kind == CellKind.NUMBER.value else LABEL if kind == CellKind.LABEL.value else OTHER
        draw.rectangle(box, outline=colour, width=thin)
    taken = [px(o["bbox"]) for o in overlay["text_blocks"]] + [
        px(t["bbox"]) for t in overlay["tables"] if t["bbox"]
    ]
    for b in overlay["text_blocks"]:
        box = px(b["bbox"], inset=-2)
        draw.rectangle(box, outline=TEXT_BLOCK, width=thin + 1)
        note = f"#{b['order']} {b['role']}"
        # In the margin to the left when that is free, else just above (over the line before).
        x0, y0, x1, y1 = draw.textbbox((0, 0), note, font=small)
        chip = (box[0] - (x1 - x0) - 8, box[1], box[0] - 2, box[1] + y1 - y0 + 4)
        if chip[0] >= 0 and not any(_overlaps(chip, o) for o in taken):
            _label(draw, (chip[0], chip[1]), note, TEXT_BLOCK, small, above=False)
        else:
            _label(draw, (box[0], box[1]), note, TEXT_BLOCK, small)
    for t in overlay["tables"]:
        if t["bbox"] is not None:
            box = px(t["bbox"], inset=-thick - 1)
            draw.rectangle(box, outline=colours[t["id"]], width=thick)
            note = f"{t['id']} {t['method']}" + (
                f" (pages {t['pages'][0]}-{t['pages'][-1]})" if len(t["pages"]) > 1 else ""
            )
            _label(draw, (box[0], box[1]), note, colours[t["id"]], _font(max(10, round(9 * s))))

    def row_of(c: dict[str, Any]) -> list[tuple[tuple[float, float, float, float], dict[str, Any]]]:
        return [
            (px(o["bbox"]), o)
            for o in overlay["cells"]
            if o["row"] == c["row"] and o["table"] == c["table"] and o is not c
        ]

    # Findings last, so nothing hides them; suspects thickest and labelled with the proposed value.
    for c in overlay["cells"]:
        if "corrected_from" in c:
            draw.rectangle(px(c["bbox"], inset=-(mark // 4)), outline=ORANGE, width=mark)
            was = f"was {c['corrected_from']}" if cjk or c["corrected_from"].isascii() else "corrected"
            font = _font(small_size, cjk)
            box = px(c["bbox"])
            w = draw.textlength(was, font=font) + 6
            # Inside the cell, on the side its text leaves free (numbers sit right, labels left)...
            text_w = _text_width(box, c)
            if w + text_w + 2 * mark <= box[2] - box[0]:
                x = box[0] + mark if c["kind"] == CellKind.NUMBER.value else box[2] - mark - w
            else:  # ...else beside it, where less is hidden
                x = _beside(box, w, image.width, row_of(c))
            _label(draw, (x, box[1] + mark / 2), was, ORANGE, font, above=False)
    for c in overlay["cells"]:
        if "findings" in c and "suspect" not in c:
            colour = SEVERITY_COLOURS[c.get("severity") or "error"]
            draw.rectangle(px(c["bbox"], inset=thin), outline=colour, width=thin + 1)
    table_right = {t["id"]: px(t["bbox"])[2] for t in overlay["tables"] if t["bbox"]}
    notes: list[tuple[float, float, float, float]] = []
    for c in sorted((c for c in overlay["cells"] if "suspect" in c), key=lambda c: c["bbox"][1]):
        colour = SEVERITY_COLOURS[c["suspect"].get("severity") or "error"]
        # Astride the cell's edge: the value stays readable, the colour still marks the inside.
        box = px(c["bbox"], inset=-(mark // 4))
        draw.rectangle(box, outline=colour, width=mark)
        note = _proposal(c["suspect"]["proposed"], c["suspect"].get("candidate", False))
        w = draw.textlength(note, font=big) + 6
        h = big.size + 6 if isinstance(big, ImageFont.FreeTypeFont) else 16
        # In the margin right of the table (widened when the page has none), level with the cell
        # (below the last note there), with a leader line: never over a neighbouring cell.
        x = table_right.get(c["table"], box[2]) + 2 * thick + 4
        y = max([box[1]] + [n[3] + 1 for n in notes if n[0] == x])
        if x + w <= base.width:
            # along the cell's bottom rule, so the leader hides no printed figure of the row
            draw.line(
                [(box[2], box[3]), (x - 2, box[3]), (x - 2, y + h / 2), (x, y + h / 2)],
                fill=colour,
                width=thin,
            )
            notes.append((x, y, x + w, y + h))
        else:
            x, y = _beside(box, w, image.width, row_of(c)), box[1]
        _label(draw, (x, y), note, colour, big, above=False)
    return Image.alpha_composite(base, layer).convert("RGB")


__all__ = ["draw_overlay", "page_overlay"]
