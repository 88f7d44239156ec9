"""Borderless tables of text (member lists, 注意点 with leader dots): left-aligned columns repeated
over several lines. Leader dots (……) are layout and are dropped."""

from __future__ import annotations

import re

from chohyo.extract.tables.geometry import Line, Word
from chohyo.extract.tables.grid import Grid, GridCell, cell_text
from chohyo.extract.tables.stream import merge_spaced
from chohyo.model import BBox

LEADER = re.compile(r"^[…‥・.．·\-－—_=＝]{3,}$")
ALIGN_TOL = 4.0
MIN_ROWS = 3  # text lines align by chance more often than numbers do


def _cells(line: Line) -> list[Word]:
    return [w for w in merge_spaced(line.words) if not LEADER.match(w.text.replace(" ", ""))]


def _aligned(a: list[Word], b: list[Word]) -> bool:
    return len(a) == len(b) and all(abs(x.x0 - y.x0) <= ALIGN_TOL for x, y in zip(a, b, strict=True))


def find_text_tables(lines: list[Line], page: int, min_rows: int = 2, min_cols: int = 2) -> list[Grid]:
    grids = []
    i = 0
    while i < len(lines):
        first = _cells(lines[i])
        if len(first) < max(min_cols, 2):
            i += 1
            continue
        run = [lines[i]]
        ref = first
        j = i + 1
        while j < len(lines):
            ln = lines[j]
            prev = run[-1]
            height = max(prev.bottom - prev.top, 1.0)
            if ln.top - prev.bottom > 1.5 * height or not _aligned(ref, _cells(ln)):
                break
            run.append(ln)
            j += 1
        if len(run) >= max(MIN_ROWS, min_rows):
            grids.append(_grid(run, page))
            i = j
        else:
            i += 1
    return grids


def _grid(run: list[Line], page: int) -> Grid:
    cells: list[GridCell] = []
    used: set[int] = set()
    n_cols = len(_cells(run[0]))
    for r, ln in enumerate(run):
        for k, w in enumerate(_cells(ln)):
            cells.append(
                GridCell(
                    r, k, bbox=BBox(w.x0, w.top, w.x1, w.bottom), chars=list(w.chars), text=cell_text(w.chars)
                )
            )
        used.update(id(c) for c in ln.chars)
    bbox = BBox(min(ln.x0 for ln in run), run[0].top, max(ln.x1 for ln in run), run[-1].bottom)
    return Grid(page, len(run), n_cols, cells, bbox, "stream-text", header_rows=0, used=used)
