"""Scanned layout variants: the born-digital variants (fixtures/variants/) against their 200 dpi scans.

Each scan in fixtures/scanned/variants/ (made by fixtures/generate/make_scans.py) is read by the
whole pipeline and scored against the born-digital truth with ``bench.score``, as the digital PDF
it was printed from is: the gap between the two columns is what the OCR layout loses. Wrong and
silent wrong values are counted as in the scanned-pages section (``bench.sections.ocr``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.score import FIXTURES, Score, load_truth, score_document, score_tables
from bench.sections.ocr import _pages, _timed, chohyo_run, silent_wrong

TITLE = "Scanned layout variants"
ORDER = 41  # just after the scanned-pages section (40)
VARIANTS = FIXTURES / "variants"
SCANS = FIXTURES / "scanned" / "variants"


def layout(description: str, width: int = 64) -> str:
    """The start of a truth description, cut at a word near ``width`` characters (no table pipes)."""
    text = " ".join(description.replace("|", "/").split())
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip(" ,;:") + "…"


def variant_scans() -> list[tuple[str, Path, Path]]:
    """(variant name, digital PDF, scan PDF) for every variant that has a committed scan."""
    out = []
    for pdf in sorted(VARIANTS.glob("*.pdf")):
        scan = SCANS / f"{pdf.stem}_200.pdf"
        if scan.exists():
            out.append((pdf.stem, pdf, scan))
    return out


def _rows(score: Score | None) -> str:
    return "failed" if score is None else f"{score.rows_exact}/{score.rows}"


def run() -> str:
    lines = [
        "| variant | layout | pages | digital rows exact | scan rows exact | scan cells correct | wrong values | silent wrong | s/page (wall) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    dig_total, scan_total = Score(), Score()
    wrong_total = silent_total = pages_total = 0
    secs_total = 0.0
    failed: list[str] = []
    for name, pdf, scan in variant_scans():
        truth: dict[str, Any] = load_truth(pdf.with_name(f"{name}.truth.json"))
        what = layout(truth.get("description", ""))
        digital_doc, _, _ = _timed(chohyo_run, pdf)
        digital = score_document(truth, digital_doc) if digital_doc is not None else None
        dig_total.add(digital or score_tables(truth, []))  # a failure counts its rows as lost
        pages = _pages(scan)
        doc, secs, err = _timed(chohyo_run, scan)
        pages_total += pages
        secs_total += secs
        if doc is None:
            failed.append(name)
            scan_total.add(score_tables(truth, []))
            lines.append(
                f"| {name} | {what} | {pages} | {_rows(digital)} | failed ({err}) | | | | {secs / pages:.1f} |"
            )
            continue
        score = score_document(truth, doc)
        scan_total.add(score)
        wrong, silent = silent_wrong(truth, doc)
        wrong_total += wrong
        silent_total += silent
        lines.append(
            f"| {name} | {what} | {pages} | {_rows(digital)} | {score.rows_exact}/{score.rows} ({score.row_rate:.0%}) | "
            f"{score.cells_correct}/{score.cells} ({score.cell_rate:.1%}) | {wrong} | {silent} | {secs / pages:.1f} |"
        )
    lines.append(
        f"| **total** ({len(lines) - 2} variants) | | {pages_total} | {dig_total.rows_exact}/{dig_total.rows} | "
        f"**{scan_total.rows_exact}/{scan_total.rows} ({scan_total.row_rate:.0%})** | "
        f"{scan_total.cells_correct}/{scan_total.cells} ({scan_total.cell_rate:.1%}) | {wrong_total} | {silent_total} | "
        f"{secs_total / max(pages_total, 1):.1f} |"
    )
    note = f"\nThe pipeline failed on: {', '.join(failed)} (counted as no rows).\n" if failed else ""
    return (
        "\n".join(
            [
                "Each born-digital layout variant (fixtures/variants/) and its 200 dpi scan "
                "(fixtures/scanned/variants/: skew 0.6°/−0.8°, light blur and noise, specks, JPEG q65) through the whole "
                "pipeline, scored against the same truth. Rows exact = label and every value right; cells = label + values. "
                "Wrong values = value cells of the scan still wrong after validation's repair; silent = of those, named by no "
                "finding (cells or suspects). s/page is the scan's wall time on this machine (2 cores, shared: it varies with "
                "the load).\n",
                *lines,
                note,
            ]
        )
        + "\n"
    )
