"""Held-out scans made from REAL born-digital layouts, scored against their own text layer.

Real scans with truth are scarce, so each page below — a born-digital table page of the 南国市
council papers (bench/realdocs.py ``FETCHED``, never copied into the project), chosen for varied
layouts and never used for tuning — is rendered at 300 dpi and degraded as an office copier
would (a slight skew, blur, noise, a JPEG round trip, a 1-bit threshold) into a temporary
image-only PDF (deleted after the run), which chohyo converts with ``--ocr always``.

The truth is automatic: every amount in the page's text layer (pdfplumber words that read as a
whole number: ``1,234``, ``△56``, ``789``) with its position. An amount is scored only where its
centre falls inside a cell chohyo wrote (its position maps to a cell); the others are counted as
*unmapped* (a table or a row not found). A mapped amount is *right* when the cell's value equals
it, *missing* when the cell has no value, *wrong* otherwise — *flagged* when an error or warning
names the cell (``ocr-unconfirmed`` included: it is the mark that says "check this"), *silent*
when nothing does. A right value named by an error or warning other than ``ocr-unconfirmed`` is a
*false alarm*.

``python -m bench.heldout_scans`` prints one line per page and the wrong cells on stderr.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.real_scans import alarmed_cells
from bench.realdocs import FETCHED, fetched

# (file under FETCHED, page, what it is): chosen for layout variety, not tuned on
PAGES: list[tuple[str, int, str]] = [
    ("nankoku/425_2022_03__benkyoukai__3gatsuhosei__Ｐ２　基金現在高調.pdf", 1, "基金現在高調 (landscape)"),
    (
        "nankoku/425_2022_03__benkyoukai__3gatsuhosei__Ｐ３　地方債現在高調書.pdf",
        1,
        "地方債現在高調書 (landscape, dense)",
    ),
    ("nankoku/425_2022_03__benkyoukai__4gatsutousho__Ｐ２　当初予算の概要.pdf", 1, "当初予算の概要"),
    ("nankoku/426_2022_06__benkyoukai__Ｐ4　R3決算.pdf", 1, "R3決算 (landscape)"),
    ("nankoku/425_2022_03__議案第１号：令和３年度一般会計補正予算.pdf", 14, "一般会計補正 歳入"),
    ("nankoku/425_2022_03__議案第１号：令和３年度一般会計補正予算.pdf", 25, "一般会計補正 給与費"),
    ("nankoku/425_2022_03__議案第16号：令和４年度水道事業会計予算.pdf", 7, "水道事業会計予算"),
    ("nankoku/444_2025_12__議案第２号：国民健康保険特別会計補正予算.pdf", 12, "国保特会補正"),
]
DPI = 300
_AMOUNT = re.compile(r"^[△▲\-−]?(\d{1,3}(,\d{3})+|\d+)$")
_WIDTH = str.maketrans("０１２３４５６７８９，－", "0123456789,-")


@dataclass
class Score:
    name: str
    amounts: int = 0
    unmapped: int = 0
    right: int = 0
    wrong: int = 0
    flagged: int = 0
    silent: int = 0
    missing: int = 0
    false_alarms: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"| {self.name} | {self.amounts} | {self.unmapped} | {self.right} | {self.wrong} | "
            f"{self.flagged} | {self.silent} | {self.missing} | {self.false_alarms} | {self.seconds:.1f} |"
        )


HEADER = (
    "| page | amounts | unmapped | right | wrong | flagged | silent | missing | false alarms | s |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def truth_amounts(pdf: Path, page: int) -> list[tuple[int, float, float]]:
    """(value, x, y) of every whole-number amount in the page's text layer (PDF points, top-left)."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[page - 1].extract_words(keep_blank_chars=False)
    for i, w in enumerate(words):
        t = w["text"].translate(_WIDTH)
        if not _AMOUNT.match(t):
            continue
        before = words[i - 1] if i else None
        # a △ set apart from its digits ("△ 1,409") is a word of its own: still the amount's sign
        if (
            before is not None
            and before["text"] in ("△", "▲")
            and abs(before["top"] - w["top"]) < 3
            and 0 <= w["x0"] - before["x1"] < 3 * (before["x1"] - before["x0"])
        ):
            t = "△" + t
        neg = t[0] in "△▲-−"
        v = int(t.lstrip("△▲-−").replace(",", ""))
        out.append((-v if neg else v, (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2))
    return out


def degraded_pdf(pdf: Path, page: int, folder: Path, seed: int) -> Path:
    """The page rendered at 300 dpi and degraded like a copier scan, alone in an image-only PDF."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    with pdfium.PdfDocument(str(pdf)) as doc:
        p = doc[page - 1]
        width, height = p.get_size()
        gray = np.array(p.render(scale=DPI / 72, grayscale=True).to_pil().convert("L"))
    h, w = gray.shape
    angle = float(rng.uniform(-0.6, 0.6))  # degrees: a sheet laid slightly askew
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(gray, m, (w, h), borderValue=255, flags=cv2.INTER_LINEAR)
    img = cv2.GaussianBlur(img, (0, 0), 0.8)
    img = np.clip(img.astype(np.float32) + rng.normal(0, 14, img.shape), 0, 255).astype(np.uint8)
    ok, jpg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 55])
    assert ok
    img = cv2.imdecode(jpg, cv2.IMREAD_GRAYSCALE)
    _, bw = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dest = folder / f"heldout_{seed}.pdf"
    buf = io.BytesIO()
    Image.fromarray(bw).convert("1").save(buf, "PDF", resolution=DPI)
    dest.write_bytes(buf.getvalue())
    assert abs(w * 72 / DPI - width) < 2 and abs(h * 72 / DPI - height) < 2
    return dest


def _cell_at(doc: Any, x: float, y: float) -> tuple[str, Any] | None:
    for t in doc.tables:
        for c in t.body_cells():
            b = c.bbox
            if b is not None and b.x0 <= x <= b.x1 and b.top <= y <= b.bottom:
                return t.id, c
    return None


def score(doc: Any, truth: list[tuple[int, float, float]], name: str) -> Score:
    from chohyo.model import Severity

    s = Score(name, amounts=len(truth))
    loud = [f for f in doc.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    named = {(c.table, c.row, c.col) for f in loud for c in f.cells}
    named |= {(f.table, x.row, x.col) for f in loud for x in f.suspects}
    alarms = alarmed_cells(doc)  # as bench.real_scans counts them (corrected-cell: a misread put right)
    for value, x, y in truth:
        hit = _cell_at(doc, x, y)
        if hit is None:
            s.unmapped += 1
            continue
        tid, c = hit
        key = (tid, c.row, c.col)
        got = c.value
        where = f"{tid} r{c.row} c{c.col} read {c.raw_text!r}: got {got} want {value}"
        if got is not None and got == value:
            s.right += 1
            if key in alarms:
                s.false_alarms += 1
                s.notes.append(where + " (FALSE ALARM)")
        elif got is None:
            s.missing += 1
        else:
            s.wrong += 1
            if key in named:
                s.flagged += 1
                s.notes.append(where + " (flagged)")
            else:
                s.silent += 1
                s.notes.append(where + " (SILENT)")
    return s


def run_page(rel: str, page: int, title: str, seed: int) -> Score | None:
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    src = fetched(rel)
    if src is None:
        return None
    settings = Settings().with_(extract={"ocr": "always"})
    with tempfile.TemporaryDirectory() as tmp:
        pdf = degraded_pdf(src, page, Path(tmp), seed)
        start = time.perf_counter()
        doc = run(pdf, settings)
        seconds = time.perf_counter() - start
    s = score(doc, truth_amounts(src, page), f"{title} p{page}")
    s.seconds = seconds
    return s


def main(argv: list[str]) -> int:
    chosen = [(i, p) for i, p in enumerate(PAGES) if not argv or str(i + 1) in argv]
    if not any(fetched(rel) for _, (rel, _, _) in chosen):
        print(
            f"skipped: the held-out pages' PDFs are absent under {FETCHED} (CHOHYO_FETCHED)", file=sys.stderr
        )
        return 1
    print(HEADER)
    total = Score("all")
    for i, (rel, page, title) in chosen:
        s = run_page(rel, page, title, seed=i + 1)
        if s is None:
            print(f"| {title} p{page} | absent: {FETCHED / rel} |")
            continue
        print(s.line(), flush=True)
        for n in s.notes:
            print(f"|   {s.name}: {n} |", file=sys.stderr, flush=True)
        for k in ("amounts", "unmapped", "right", "wrong", "flagged", "silent", "missing", "false_alarms"):
            setattr(total, k, getattr(total, k) + getattr(s, k))
        total.seconds += s.seconds
    print(total.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
