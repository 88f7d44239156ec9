"""Peers on the real scans, scored against the same hand truth as chohyo (bench/real_scans.py):
img2table (its Tesseract OCR, jpn) on each page's image as chohyo composes it (the copier's text
masks over the background: given the raw PDF, img2table reads its 150 dpi background only), and
OCRmyPDF + camelot on the one-page PDF (the peer functions of bench/sections/ocr.py).

Each peer's tables become the model's Tables (every cell text as read, no value parsed: the
scorer reads the numbers in the text), so the same row match and column vote apply.
``python -m bench.real_scan_peers`` prints the table.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.real_scans import HEADER, PageScore, score_page, source_of, truth_pages


def _doc(tables: list[list[list[str]]], page: int) -> Any:
    from types import SimpleNamespace

    from chohyo.model import Cell, CellKind, Column, Row, Table

    out = []
    for k, grid in enumerate(tables, start=1):
        n = max((len(r) for r in grid), default=0)
        cells = tuple(
            Cell(r, c, raw_text=t, text=t, kind=CellKind.TEXT if t else CellKind.EMPTY, page=page)
            for r, row in enumerate(grid)
            for c, t in enumerate(row)
        )
        rows = tuple(Row(r, grid[r][0] if grid[r] else "", page) for r in range(len(grid)))
        columns = tuple(Column(i, (f"col{i}",)) for i in range(n))
        out.append(Table(f"t{k}", (page,), columns, cells, header_rows=0, rows=rows))
    return SimpleNamespace(tables=out, findings=[])


def frames_to_grids(frames: list[Any]) -> list[list[list[str]]]:
    return [
        [["" if v is None or str(v) == "nan" else str(v) for v in row] for row in df.itertuples(index=False)]
        for df in frames
    ]


def page_png(truth: dict[str, Any], folder: Path) -> Path:
    """The page as chohyo composes it (layers, turned upright), written to ``folder``."""
    import pypdfium2 as pdfium
    from chohyo.extract.ocr.images import page_image
    from chohyo.extract.ocr.orient import orientation
    from chohyo.settings import ExtractSettings
    from PIL import Image

    img = page_image(pdfium.PdfDocument(str(source_of(truth))), truth["page"] - 1, ExtractSettings())
    turn = orientation(img.gray, img.dpi)
    im = Image.fromarray(img.gray)
    if turn:
        im = im.rotate(-turn, expand=True)
    dest = folder / f"p{truth['page']}.png"
    im.save(dest, dpi=(round(img.dpi), round(img.dpi)))
    return dest


def main(argv: list[str]) -> int:
    from bench.real_scans import FETCHED_STEMS, one_page_pdf
    from bench.sections.ocr import _timed, img2table_frames, ocrmypdf_camelot_frames

    stem = argv[0] if argv else "nankoku_michinoeki_agm_scan"
    stems = FETCHED_STEMS if stem == "fetched" else (stem,)
    pages = [t for s in stems for t in truth_pages(s) if source_of(t).exists()]
    for name, fn, on_image in (
        ("img2table (Tesseract jpn)", img2table_frames, True),
        ("OCRmyPDF + camelot", ocrmypdf_camelot_frames, False),
    ):
        print(f"\n{name}:\n\n{HEADER}")
        total = PageScore(0, "all")
        with tempfile.TemporaryDirectory() as tmp:
            for truth in pages:
                path = (
                    page_png(truth, Path(tmp))
                    if on_image
                    else one_page_pdf(source_of(truth), truth["page"], Path(tmp))
                )
                frames, seconds, err = _timed(fn, path)
                s = score_page(truth, _doc(frames_to_grids(frames or []), truth["page"]))
                s.seconds = seconds
                print(s.line() + (f" failed: {err} |" if err else ""), flush=True)
                total.add(s)
        print(total.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
