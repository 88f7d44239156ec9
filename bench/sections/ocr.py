"""Scanned pages: chohyo against img2table (Tesseract jpn) and OCRmyPDF + camelot, on the same scans.

Every tool reads the scans in fixtures/scanned/ (made by fixtures/generate/make_scans.py from the
born-digital budgets); tables are scored by ``bench.score`` against the born-digital truth.
chohyo runs its whole pipeline (OCR → normalize → validate with arithmetic repair). A *silent
wrong cell* is a value that differs from the truth and that no finding names (neither in its
cells nor among its suspects): the worst outcome. Seconds per page are wall time on this machine
(2 cores, shared with other jobs: wall time varies with their load), including every tool's own
start-up; CPU s/page adds the CPU time of this process and its tesseract children (2 cores
give at most 2 CPU s per wall second).

A second table measures the OCR engines per cell kind on the ruled scans (same cell crops):
Tesseract ``jpn`` (numbers with a digit whitelist) against RapidOCR (PP-OCR ONNX, recognition
only), which decided who reads what.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from chohyo.normalize.lexicon import edit_distance  # plain Levenshtein

from bench.score import (
    FIXTURES,
    Score,
    clean_label,
    clean_value,
    load_truth,
    rows_from_document,
    score_frames,
    score_tables,
)

TITLE = "Scanned pages (chohyo vs img2table and OCRmyPDF + camelot)"
ORDER = 40
SCANNED = FIXTURES / "scanned"
PEER_CASES = ("budget_ruled_200", "budget_ruled_150", "budget_borderless_200")  # peers are slow: a subset


def scanned_cases() -> list[Path]:
    out = []
    for p in sorted(SCANNED.glob("*.truth.json")):
        truth = json.loads(p.read_text(encoding="utf-8"))
        name = p.name[: -len(".truth.json")]
        files = [f for f in SCANNED.glob(f"{name}.*") if not f.name.endswith(".json")]
        if truth.get("tables") and files:
            out.append(files[0])
    return out


def _truth(path: Path) -> dict[str, Any]:
    return load_truth(path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json"))


def _pages(path: Path) -> int:
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        return len(pdfium.PdfDocument(path))
    from PIL import Image

    with Image.open(path) as im:
        return getattr(im, "n_frames", 1)


# --- chohyo -------------------------------------------------------------------------------------


def chohyo_run(path: Path) -> Any:
    from chohyo.pipeline import run

    return run(path)


def silent_wrong(truth: dict[str, Any], doc: Any) -> tuple[int, int]:
    """(wrong value cells, of which no finding names) for the document's best-aligned rows."""
    flagged: set[tuple[str | None, int, int]] = set()
    for f in doc.findings:
        for c in f.cells:
            flagged.add((c.table, c.row, c.col))
        for s in f.suspects:
            flagged.add((f.table, s.row, s.col))
    # rows in order, with where each came from
    located: list[tuple[str, int, list[Any]]] = []
    for table in doc.tables:
        rows = rows_from_document(type("D", (), {"tables": [table]})())[0]
        body = sorted({c.row for c in table.body_cells()})
        located.extend((table.id, r, row) for r, row in zip(body, rows, strict=False))
    wrong = silent = 0
    pos = 0
    for tt in truth.get("tables", []):
        for tr in tt["rows"]:
            label = clean_label(tr["label"])
            hit = next(
                (
                    k
                    for k in range(pos, min(pos + 12, len(located)))
                    if clean_label(located[k][2][0]) == label
                ),
                None,
            )
            if hit is None:
                hit = next(
                    (
                        k
                        for k in range(pos, min(pos + 3, len(located)))
                        if [clean_value(v) for v in located[k][2][1:]] == tr["values"]
                    ),
                    None,
                )
            if hit is None:  # a misread label (クラウドサーピス) still holds its row's values
                hit = next(
                    (
                        k
                        for k in range(pos, min(pos + 3, len(located)))
                        if difflib.SequenceMatcher(None, clean_label(located[k][2][0]), label).ratio() >= 0.8
                    ),
                    None,
                )
            if hit is None:
                continue
            pos = hit + 1
            tid, r, row = located[hit]
            for col, (got, want) in enumerate(
                zip([clean_value(v) for v in row[1:]], tr["values"], strict=False), start=1
            ):
                if got != want:
                    wrong += 1
                    silent += (tid, r, col) not in flagged
    return wrong, silent


# --- peers ----------------------------------------------------------------------------------------


def img2table_frames(path: Path) -> list[Any]:
    from img2table.document import PDF, Image
    from img2table.ocr import TesseractOCR

    ocr = TesseractOCR(n_threads=2, lang="jpn")
    doc = PDF(str(path)) if path.suffix.lower() == ".pdf" else Image(str(path))
    found = doc.extract_tables(ocr=ocr, implicit_rows=True, borderless_tables=True, min_confidence=50)
    tables = found.values() if isinstance(found, dict) else [found]
    return [t.df for page in tables for t in page]


def ocrmypdf_camelot_frames(path: Path) -> list[Any]:
    import camelot
    import ocrmypdf

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ocr.pdf"
        ocrmypdf.ocr(
            path,
            out,
            language=["jpn"],
            force_ocr=True,
            deskew=True,
            rotate_pages=True,
            progress_bar=False,
            jobs=2,
            optimize=0,
            output_type="pdf",
        )
        frames: list[Any] = []
        best: list[Any] = []
        for flavor in ("lattice", "stream"):
            kwargs = {"backend": "pdfium"} if flavor == "lattice" else {}
            try:
                frames = [t.df for t in camelot.read_pdf(str(out), pages="all", flavor=flavor, **kwargs)]
            except Exception:  # a peer failing counts as finding nothing
                frames = []
            if sum(len(f) for f in frames) > sum(len(f) for f in best):
                best = frames
        return best


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


LAST_CPU = [0.0]  # CPU seconds (this process and its tesseract children) of the last timed call


def _timed(fn: Any, path: Path) -> tuple[Any, float, str | None]:
    start, cpu = time.perf_counter(), _cpu()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = fn(path)
        err = None
    except Exception as exc:  # report, do not crash the bench
        out, err = None, f"{type(exc).__name__}: {str(exc)[:80]}"
    LAST_CPU[0] = _cpu() - cpu
    return out, time.perf_counter() - start, err


# --- engines per cell kind ---------------------------------------------------------------------


def engines_per_kind(path: Path) -> dict[str, tuple[int, int, float]]:
    """On a ruled scan: labels and numbers read by each engine from the same crops: (right, total, s)."""
    import pypdfium2 as pdfium
    from chohyo.extract.ocr.cell_boxes import crop, grid_boxes, header_rows_of, ink_box, text_scale
    from chohyo.extract.ocr.engines import rapid, tesseract
    from chohyo.extract.ocr.images import page_image
    from chohyo.extract.ocr.orient import orientation
    from chohyo.extract.ocr.preprocess import prepare
    from chohyo.extract.ocr.rule_erasure import erase_rules
    from chohyo.extract.ocr.ruled_grid import find_grids, rule_masks
    from chohyo.settings import ExtractSettings

    truth_rows = _truth(path)["tables"][0]["rows"]
    pdf = pdfium.PdfDocument(path)
    out: dict[str, list[float]] = {}
    offset = 0
    for index in range(len(pdf)):
        img = page_image(pdf, index, ExtractSettings())
        prep = prepare(img.gray, img.dpi, orientation(img.gray, img.dpi))
        grids = find_grids(prep.binary, img.dpi)
        if not grids:
            continue
        h, v = rule_masks(prep.binary, img.dpi)
        gray, binary = erase_rules(prep.gray, prep.binary, h, v, img.dpi)
        boxes = grid_boxes(list(grids[0].cells))
        hdr = header_rows_of(boxes, binary, img.dpi)
        inked = [(b, ink_box(binary, b, img.dpi)) for b in boxes if b.row >= hdr]
        scale = text_scale(binary, [(b, i) for b, i in inked if i])
        labels = [(b, i) for b, i in inked if b.col == 0 and i]
        numbers = [(b, i) for b, i in inked if b.col > 0 and i]
        want_label = {
            b.row: clean_label(truth_rows[offset + b.row - hdr]["label"])
            for b, _ in labels
            if offset + b.row - hdr < len(truth_rows)
        }
        want_num = {
            (b.row, b.col): truth_rows[offset + b.row - hdr]["values"][b.col - 1]
            for b, _ in numbers
            if offset + b.row - hdr < len(truth_rows)
        }
        runs = {
            "labels/tesseract": (
                lambda cs: tesseract.read_strip(cs, numeric=False),
                labels,
                scale,
                want_label,
            ),
            "labels/rapidocr": (rapid.read_lines, labels, 1.0, want_label),
            "numbers/tesseract": (
                lambda cs: tesseract.read_strip(cs, numeric=True),
                numbers,
                scale,
                want_num,
            ),
            "numbers/rapidocr": (lambda cs: rapid.read_lines(cs, numbers=True), numbers, 1.0, want_num),
        }
        for name, (reader, items, f, want) in runs.items():
            crops = [crop(gray, i, f, 4) for _, i in items]
            start = time.perf_counter()
            got = reader(crops)
            dt = time.perf_counter() - start
            right = 0
            for (b, _), r in zip(items, got, strict=True):
                if name.startswith("labels"):
                    right += re.sub(r"\s", "", r.text) == want.get(b.row)
                else:
                    right += clean_value(r.text.replace(".", ",")) == want.get((b.row, b.col))
            acc = out.setdefault(name, [0, 0, 0.0])
            acc[0] += right
            acc[1] += len(items)
            acc[2] += dt
        offset += grids[0].n_rows - hdr
    return {k: (int(v[0]), int(v[1]), float(v[2])) for k, v in out.items()}


# --- text blocks ------------------------------------------------------------------------------

TEXT_CASES = (
    (
        "council_text.pdf (digital, reference)",
        FIXTURES / "council_text.pdf",
        FIXTURES / "council_text.truth.json",
    ),
    (
        "scanned/council_text_200.pdf",
        SCANNED / "council_text_200.pdf",
        SCANNED / "council_text_200.truth.json",
    ),
)


def text_scores(truth: dict[str, Any], doc: Any) -> tuple[int, int, float, int]:
    """(truth blocks, blocks found, character accuracy, truth blocks whose best match has the same role).

    Character accuracy = 1 - edit distance / truth length over all block texts joined in reading
    order, white space removed (as labels are scored); a block matches the found block of most
    similar text (difflib ratio >= 0.6)."""
    want = truth.get("text_blocks", [])
    got = list(doc.text_blocks)
    a = "".join(clean_label(b["text"]) for b in want)
    b = "".join(clean_label(x.text) for x in got)
    acc = 1 - edit_distance(a, b) / max(len(a), 1)
    roles = 0
    for w in want:
        wt = clean_label(w["text"])
        best = max(
            got, key=lambda x: difflib.SequenceMatcher(None, wt, clean_label(x.text)).ratio(), default=None
        )
        if best is not None and difflib.SequenceMatcher(None, wt, clean_label(best.text)).ratio() >= 0.6:
            roles += best.role.value == w["role"]
    return len(want), len(got), acc, roles


def text_table(docs: dict[Path, Any]) -> list[str]:
    out = [
        "| document | truth blocks | blocks found | character accuracy | roles matched | tables (rows exact) |",
        "|---|---|---|---|---|---|",
    ]
    for name, path, truth_path in TEXT_CASES:
        if not path.exists():
            continue
        doc = docs.get(path) or chohyo_run(path)
        truth = load_truth(truth_path)
        n, found, acc, roles = text_scores(truth, doc)
        score = score_tables(truth, rows_from_document(doc))
        titles = "; ".join(t.title or "(untitled)" for t in doc.tables)
        out.append(
            f"| {name} | {n} | {found} | {acc:.1%} | {roles}/{n} | {score.rows_exact}/{score.rows}: {titles} |"
        )
    return out


# --- report -----------------------------------------------------------------------------------


def _fmt(score: Score | None, secs: float, pages: int, err: str | None) -> str:
    if score is None:
        return f"failed ({err}) | | |"
    return f"{score.rows_exact}/{score.rows} ({score.row_rate:.0%}) | {score.cells_correct}/{score.cells} ({score.cell_rate:.1%}) | {secs / pages:.1f}"


def _cold_and_warm(path: Path) -> tuple[float, float]:
    """Seconds for the first and the second reading of ``path`` in a fresh Python process."""
    import subprocess
    import sys

    code = (
        "import sys, time; from chohyo.pipeline import run\n"
        "t = time.perf_counter(); run(sys.argv[1]); a = time.perf_counter() - t\n"
        "t = time.perf_counter(); run(sys.argv[1]); print(a, time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    ).stdout
    cold, warm = (float(x) for x in out.split()[-2:])
    return cold, warm


TARGET_CASE = "budget_ruled_300.pdf"  # the dense A4 page at 300 dpi (46 rows x 8 columns)
TARGET_S = 3.0  # wall seconds a page at most on 2 cores (issue 15, must-show 5)
TARGET_RUNS = 5


def _target_line() -> str:
    """The speed target, on more than one reading: one reading's wall time moves by ±0.2 s with
    the machine, so the page is read TARGET_RUNS more times in this process (warm) and the median
    is reported, with the spread and the CPU seconds."""
    path = SCANNED / TARGET_CASE
    if not path.exists():
        return ""
    walls, cpus = [], []
    for _ in range(TARGET_RUNS):
        _, secs, err = _timed(chohyo_run, path)
        if err:
            return f"\n**Speed target**: {TARGET_CASE} failed ({err}).\n"
        walls.append(secs)
        cpus.append(LAST_CPU[0])
    walls.sort()
    median, cpu = walls[len(walls) // 2], sorted(cpus)[len(cpus) // 2]
    verdict = "met" if median <= TARGET_S else "missed"
    return (
        f"\n**Speed target** (issue 15: at most {TARGET_S:.0f} s wall a dense A4 page at 300 dpi on 2 cores): "
        f"{TARGET_CASE} read {TARGET_RUNS} more times in this process, **median {median:.2f} s wall** "
        f"({walls[0]:.2f}-{walls[-1]:.2f}), {cpu:.2f} CPU s: {verdict}. (The table's single reading varies with the machine.)\n"
    )


def run() -> str:
    from chohyo.extract.ocr.engines import rapid

    cases = scanned_cases()
    lines = [
        "| scan | pages | chohyo rows exact | chohyo cells correct | wrong values | silent wrong | s/page (wall) | CPU s/page |",
        "|---|---|---|---|---|---|---|---|",
    ]
    peers = [
        "| scan | tool | rows exact | cells correct | s/page |",
        "|---|---|---|---|---|",
    ]
    docs: dict[Path, Any] = {}
    # The engines' models load on a process's first page; a batch pays that once, so the table
    # times pages after it (the first case is read once before) and a fresh process's first and
    # second reading of that case are reported on their own line.
    cold, warm = _cold_and_warm(cases[0]) if cases else (0.0, 0.0)
    if cases:
        _timed(chohyo_run, cases[0])
    for path in cases:
        truth = _truth(path)
        pages = _pages(path)
        doc, secs, err = _timed(chohyo_run, path)
        docs[path] = doc
        cpu = LAST_CPU[0]
        if doc is None:
            lines.append(f"| {path.name} | {pages} | failed ({err}) | | | | |")
            continue
        score = score_tables(truth, rows_from_document(doc))
        wrong, silent = silent_wrong(truth, doc)
        lines.append(
            f"| {path.name} | {pages} | {score.rows_exact}/{score.rows} ({score.row_rate:.0%}) | "
            f"{score.cells_correct}/{score.cells} ({score.cell_rate:.1%}) | {wrong} | {silent} | {secs / pages:.1f} | {cpu / pages:.1f} |"
        )
        if path.stem in PEER_CASES:
            peers.append(f"| {path.name} | chohyo | {_fmt(score, secs, pages, None)} |")
            for name, fn in (
                ("img2table (Tesseract jpn)", img2table_frames),
                ("OCRmyPDF + camelot", ocrmypdf_camelot_frames),
            ):
                frames, psecs, perr = _timed(fn, path)
                pscore = score_frames(truth, frames) if frames is not None else None
                peers.append(f"| {path.name} | {name} | {_fmt(pscore, psecs, pages, perr)} |")
    engines = [
        "| scan | cells | engine | read right | s (this kind, this page set) |",
        "|---|---|---|---|---|",
    ]
    if rapid.available():
        for name in ("budget_ruled_200.pdf", "budget_ruled_150.pdf"):
            path = SCANNED / name
            if path.exists():
                for kind, (right, total, secs) in engines_per_kind(path).items():
                    cells, engine = kind.split("/")
                    engines.append(
                        f"| {name} | {cells} | {engine} | {right}/{total} ({right / max(total, 1):.1%}) | {secs:.1f} |"
                    )
    else:
        engines.append("| (rapidocr not installed: `pip install -e '.[ocr]'`) | | | | |")
    target = _target_line()
    return (
        "\n".join(
            [
                "chohyo: whole pipeline (OCR, normalize, validate with arithmetic repair of OCR'd cells). "
                "Rows exact = label and every value right; cells = label + values. "
                "Wrong values = value cells still wrong after repair; silent = of those, named by no finding. "
                f"Times are for a process that has read a page before: a fresh process also loads the OCR "
                f"models on its first page ({cases[0].name if cases else '-'} in a fresh process: {cold:.1f} s the first "
                f"time, {warm:.1f} s the second).\n",
                *lines,
                target,
                "\nPeers on a subset of the scans (same scoring):\n",
                *peers,
                "\nOCR engines per cell kind, on the same cell crops of the ruled scans (before any repair); "
                "RapidOCR's simplified forms are mapped to Japanese ones first:\n",
                *engines,
                "\nText outside tables on the council report, against its truth `text_blocks`: character accuracy = "
                "1 - edit distance / length over all block texts joined in reading order (white space removed); "
                "a truth block's role counts when the found block of most similar text has the same role. "
                "The born-digital report is the reference:\n",
                *text_table(docs),
            ]
        )
        + "\n"
    )
