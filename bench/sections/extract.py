"""Born-digital extraction: chohyo against camelot (lattice, stream) and pdfplumber, side by side.

Every tool reads every digital fixture, then every variant of ``fixtures/variants/`` (layouts
chohyo was not tuned on, made by ``fixtures/generate/make_variants.py``); its tables are scored by
``bench.score`` (same light cleaning for all: white space, full-width digits, commas, △/▲ minus). chohyo is scored through
``chohyo.pipeline.run`` (numbers parsed by the normalize stage) when that works, else on its
extracted texts. Speed is pages per second of CPU time on one core, in this process, after a warm-up run.
"""

from __future__ import annotations

import json
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.score import FIXTURES, Score, load_truth, score_document, score_frames

TITLE = "Born-digital extraction (chohyo vs camelot and pdfplumber)"
ORDER = 10
REPEAT = 3  # chohyo is timed over several runs (it is fast); peers once after a warm-up
BOOK_PAGES = 100


VARIANTS = FIXTURES / "variants"  # layouts the extractor was not tuned on (make_variants.py)


def digital_cases(folder: Path = FIXTURES) -> list[str]:
    out = []
    for p in sorted(folder.glob("*.truth.json")):
        truth = json.loads(p.read_text(encoding="utf-8"))
        if truth.get("kind") == "digital" and (folder / f"{truth['case']}.pdf").exists():
            out.append(truth["case"])
    return out


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def chohyo_extract(path: Path) -> Any:
    from chohyo.extract import extract_document
    from chohyo.settings import ExtractSettings

    return extract_document(path, ExtractSettings(ocr="never"))


def chohyo_pipeline(path: Path) -> Any:
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    return run(path, Settings().with_(extract={"ocr": "never"}))


def camelot_frames(flavor: str) -> Callable[[Path], list[Any]]:
    def read(path: Path) -> list[Any]:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kwargs = {"backend": "pdfium"} if flavor == "lattice" else {}
            tables = camelot.read_pdf(str(path), pages="all", flavor=flavor, **kwargs)
        return [t.df for t in tables]

    return read


def pdfplumber_frames(path: Path) -> list[Any]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [t for page in pdf.pages for t in page.extract_tables()]


def _timed(fn: Callable[[Path], Any], path: Path, repeat: int) -> tuple[Any, float]:
    """(result, CPU seconds per run): CPU time of this process, so other jobs on a shared machine
    do not count against a tool (every tool here runs in-process, on one core)."""
    fn(path)  # warm-up: imports, font caches
    start = time.process_time()
    for _ in range(repeat):
        out = fn(path)
    return out, (time.process_time() - start) / repeat


def _book(cases: list[str], pages: int) -> Path:
    """A long document made of the fixture pages repeated (for a steadier pages-per-second figure)."""
    import pypdfium2 as pdfium

    book = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(FIXTURES / f"{c}.pdf") for c in cases]
    while len(book) < pages:
        for src in sources:
            if len(book) >= pages:
                break
            book.import_pages(src, list(range(min(len(src), pages - len(book)))))
    out = Path(tempfile.mkdtemp(prefix="chohyo-bench-")) / "book.pdf"
    book.save(out)
    return out


def run() -> str:
    cases = digital_cases()
    pipeline_ok = True
    try:
        chohyo_pipeline(FIXTURES / f"{cases[0]}.pdf")
    except Exception as err:  # the later stages are optional here: fall back to texts
        pipeline_ok = False
        pipeline_error = f"{type(err).__name__}: {err}"
    tools: list[tuple[str, Callable[[Path], Any], bool, int]] = [
        ("chohyo", chohyo_pipeline if pipeline_ok else chohyo_extract, True, REPEAT),
        ("camelot lattice", camelot_frames("lattice"), False, 1),
        ("camelot stream", camelot_frames("stream"), False, 1),
        ("pdfplumber", pdfplumber_frames, False, 1),
    ]
    lines, totals, best_peer_fail = _compare(tools, [(c, FIXTURES) for c in cases])
    lines += [
        "",
        "**All digital fixtures**",
        "",
        "| tool | rows exact | cells correct | pages/s (CPU) | chohyo speed ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    ours_rate = totals["chohyo"][2] / totals["chohyo"][1] if "chohyo" in totals else 0.0
    for name, (s, secs, pages) in totals.items():
        rate = pages / secs
        ratio = "1.0×" if name == "chohyo" else f"{ours_rate / rate:.1f}×"
        lines.append(
            f"| {name} | {s.rows_exact}/{s.rows} ({s.row_rate:.1%}) | {s.cells_correct}/{s.cells} ({s.cell_rate:.1%}) "
            f"| {rate:.1f} | {ratio} |"
        )
    lines += _variants(tools)
    lines += ["", _book_speed(cases), ""]
    if pipeline_ok:
        lines.append(
            "chohyo is scored through `chohyo.pipeline.run` (extract → normalize → validate; values parsed)."
        )
    else:
        lines.append(f"chohyo is scored on extracted texts: the pipeline failed ({pipeline_error}).")
    lines.append(
        "Peers: camelot 2.x (`flavor=lattice`, pdfium backend; `flavor=stream`) and pdfplumber "
        "`extract_tables()` with default settings, every page. Continued tables count as one when a tool "
        "returns them as pieces (the rows of all its tables are pooled and the best match is kept)."
    )
    lines.append(
        "Accuracy: "
        + (
            "chohyo is at least as accurate as every peer on every fixture."
            if not best_peer_fail
            else "; ".join(best_peer_fail)
        )
    )
    return "\n".join(lines)


def _compare(
    tools: list[tuple[str, Callable[[Path], Any], bool, int]], cases: list[tuple[str, Path]]
) -> tuple[list[str], dict[str, tuple[Score, float, int]], list[str]]:
    """Every tool on every case: the per-fixture table lines, totals per tool, and peer wins."""
    lines = [
        "| fixture | pages | tool | tables | rows exact | cells correct | pages/s (CPU) |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    totals: dict[str, tuple[Score, float, int]] = {}
    best_peer_fail: list[str] = []
    for case, folder in cases:
        path = folder / f"{case}.pdf"
        truth = load_truth(folder / f"{case}.truth.json")
        n_pages = _pages(path)
        scores: dict[str, Score] = {}
        for name, fn, is_doc, repeat in tools:
            try:
                out, secs = _timed(fn, path, repeat)
                score = score_document(truth, out) if is_doc else score_frames(truth, out)
            except Exception as err:
                lines.append(f"| {case} | {n_pages} | {name} | error: {type(err).__name__} | | | |")
                continue
            scores[name] = score
            s, t, p = totals.get(name, (Score(), 0.0, 0))
            s.add(score)
            totals[name] = (s, t + secs, p + n_pages)
            lines.append(
                f"| {case} | {n_pages} | {name} | {score.tables} | {score.rows_exact}/{score.rows} "
                f"({score.row_rate:.0%}) | {score.cells_correct}/{score.cells} ({score.cell_rate:.1%}) "
                f"| {n_pages / secs:.1f} |"
            )
        ours = scores.get("chohyo")
        for name, s in scores.items():
            if (
                name != "chohyo"
                and ours is not None
                and (s.rows_exact, s.cells_correct) > (ours.rows_exact, ours.cells_correct)
            ):
                best_peer_fail.append(f"{case}: {name} beats chohyo")
    return lines, totals, best_peer_fail


def _variants(tools: list[tuple[str, Callable[[Path], Any], bool, int]]) -> list[str]:
    cases = digital_cases(VARIANTS)
    if not cases:
        return []
    lines, totals, fails = _compare(tools, [(c, VARIANTS) for c in cases])
    out = [
        "",
        "**Variants** (`fixtures/variants/`, made by `make_variants.py`: layouts chohyo was not tuned on)",
        "",
        *lines,
        "",
        "| tool | rows exact (variants) | cells correct (variants) |",
        "|---|---:|---:|",
    ]
    for name, (s, _secs, _pages) in totals.items():
        out.append(
            f"| {name} | {s.rows_exact}/{s.rows} ({s.row_rate:.1%}) | {s.cells_correct}/{s.cells} ({s.cell_rate:.1%}) |"
        )
    out.append(
        "Variants: "
        + (
            "chohyo is at least as accurate as every peer on every variant."
            if not fails
            else "; ".join(fails)
        )
    )
    return out


def _book_speed(cases: list[str]) -> str:
    book = _book(cases, BOOK_PAGES)
    rows = [
        "| tool (100-page book of the fixture pages, one core) | CPU seconds | pages/s |",
        "|---|---:|---:|",
    ]
    for name, fn in [
        ("chohyo extract", chohyo_extract),
        ("chohyo extract → normalize → validate", chohyo_pipeline),
        ("pdfplumber extract_tables", pdfplumber_frames),
        ("pypdfium2 chars only (ceiling)", _pdfium_chars),
    ]:
        try:
            _, secs = _timed(fn, book, 1)
        except Exception as err:
            rows.append(f"| {name} | error: {type(err).__name__} | |")
            continue
        rows.append(f"| {name} | {secs:.2f} | {BOOK_PAGES / secs:.1f} |")
    return "\n".join(rows)


def _pdfium_chars(path: Path) -> int:
    import pypdfium2 as pdfium
    from chohyo.extract.digital.chars import read_chars

    pdf = pdfium.PdfDocument(path)
    n = 0
    for page in pdf:
        tp = page.get_textpage()
        n += len(read_chars(tp, page.get_size()[1]))
        tp.close()
        page.close()
    pdf.close()
    return n
