"""How heavy review.html is to open: size, crops, and first paint in headless Chromium.

    python -m bench.review_paint OUT/<stem> [--flag N] [--runs 3]

Reads the folder's document.json, writes review.html into a temporary folder (``--flag N`` first
marks N number cells spread over the document as unconfirmed OCR readings, warnings, to see what a
book with many flagged cells costs), opens it from disk in Debian's chromium over the DevTools
protocol (tests/review/cdp.py) and prints bytes, crops, first contentful paint and the time until
the page's script is ready (median of ``--runs`` cold loads). Skips with the reason when the folder
or chromium is absent.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path


def _flagged(doc, n: int):  # type: ignore[no-untyped-def]
    import chohyo.validate.unconfirmed  # noqa: F401  (registers ocr-unconfirmed)
    from chohyo.findings import finding
    from chohyo.model import CellRef

    cells = [(t, c) for t in doc.tables for c in t.cells if c.value is not None and c.bbox is not None]
    step = max(1, len(cells) // max(1, n))
    extra = [
        finding(
            "ocr-unconfirmed",
            page=c.page,
            table=t.id,
            cells=(CellRef(t.id, c.row, c.col, value=c.value, page=c.page),),
            where=f"table {t.id}",
            text=c.text,
            reason="bench",
        )
        for t, c in cells[::step][:n]
    ]
    return replace(doc, findings=doc.findings + tuple(extra))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--flag", type=int, default=0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    doc_json = args.folder / "document.json"
    if not doc_json.is_file():
        print(f"skipped: {doc_json} is absent (run chohyo extract with json among --formats first)")
        return 0
    from tests.review.cdp import Browser, chromium

    exe = chromium()
    if exe is None:
        print("skipped: chromium is not installed (Debian: apt-get install -y chromium)")
        return 0
    from chohyo.emit.grid import clean_table
    from chohyo.emit.review_html import review_page
    from chohyo.serialize import from_json
    from chohyo.settings import EmitSettings

    doc = from_json(doc_json.read_text(encoding="utf-8"))
    if args.flag:
        doc = _flagged(doc, args.flag)
    tables = [clean_table(t, EmitSettings()) for t in doc.tables]
    start = time.perf_counter()
    page = review_page(doc, tables)
    write_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "review.html"
        path.write_text(page, encoding="utf-8")
        size = path.stat().st_size
        paints, readies = [], []
        for run in range(args.runs):
            browser = Browser(exe, Path(tmp) / f"profile{run}")
            try:
                t0 = time.perf_counter()
                browser.open(path)
                readies.append(time.perf_counter() - t0)
                paints.append(
                    browser.eval(
                        "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || -1"
                    )
                )
            finally:
                browser.close()
    crops = page.count('class="crop"')
    crop_bytes = sum(len(m) for m in re.findall(r'src="(data:image/[^"]+)"', page))
    items = page.count('<article class="item')
    print(
        f"{args.folder.name}: {len(doc.pages)} pp., {items} flagged cells, {crops} crops "
        f"({crop_bytes / 1e6:.2f} MB), "
        f"review.html {size / 1e6:.2f} MB (built in {write_s:.1f} s); first contentful paint "
        f"{statistics.median(paints):.0f} ms, ready {statistics.median(readies) * 1000:.0f} ms "
        f"(median of {args.runs})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
