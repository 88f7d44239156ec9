"""Clean by construction: the share of truth cells a tool's output gets EXACTLY right as is.

"Exactly" means the string a plain CSV reader sees equals the truth: the label with its
letter-spacing removed (``給料手当``, ``1. 受取会費``) and numbers as plain integers (``-11324500``);
an empty cell counts as right only where the truth is empty. No cleaning is forgiven here (unlike
the extract section's scoring, which folds width, commas and minus signs before comparing): this
measures the post-processing a user would still have to write. Rows are aligned leniently (with
``bench.score``'s cleaning) so a tool is not punished twice for one misplaced row.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from bench.score import FIXTURES, clean_label, clean_value, load_truth

TITLE = "Clean cells with no post-processing (normalize)"
ORDER = 30
CASES = [
    "budget_ruled",
    "budget_borderless",
    "budget_fullwidth",
    "budget_typos",
    "branch_a3",
    "kyen_rounding",
    "council_text",
    "scanned/budget_ruled_200",
    "scanned/budget_borderless_200",
    "scanned/budget_fullwidth_200",
]

Rows = list[list[Any]]


def _plain(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    s = str(v)
    return s if s != "" else None


def strict_score(truth_table: dict[str, Any], rows: Rows) -> tuple[int, int]:
    """(cells exactly right, truth cells) for one truth table against one extracted table."""
    n_vals = len(truth_table["columns"]) - 1
    lenient = [
        (clean_label(_plain(r[0]) if r else ""), [clean_value(_plain(v)) for v in r[1:]]) for r in rows
    ]
    total = right = 0
    pos = 0
    for tr in truth_table["rows"]:
        total += 1 + n_vals
        label = clean_label(tr["label"])
        near = range(pos, min(pos + 4, len(rows)))  # rows come in order: look close by first
        hit = next((k for k in near if lenient[k][0] == label), None)
        if hit is None:
            hit = next(
                (
                    k
                    for k in near
                    if any(v is not None for v in tr["values"]) and lenient[k][1][:n_vals] == tr["values"]
                ),
                None,
            )
        if hit is None:
            hit = next((k for k in range(pos, len(rows)) if lenient[k][0] == label), None)
        if hit is None:
            continue
        pos = hit + 1
        row = [_plain(v) for v in rows[hit]] + [None] * (n_vals + 1)
        right += int(row[0] == tr["label"])
        right += sum(1 for got, want in zip(row[1 : n_vals + 1], tr["values"], strict=True) if got == want)
    return right, total


def best_score(truth: dict[str, Any], tables: list[Rows]) -> tuple[int, int]:
    pooled = [row for t in tables for row in t]
    right = total = 0
    for tt in truth.get("tables", []):
        scores = [strict_score(tt, rows) for rows in [*tables, pooled]] or [(0, 0)]
        best = max(scores)
        right += best[0]
        total += best[1] or (len(tt["rows"]) * len(tt["columns"]))
    return right, total


def chohyo_rows(path: Path, *, normalized: bool) -> list[Rows]:
    """What chohyo's CSV holds: Row.label, then each cell's text (plain numbers); or, with
    ``normalized=False``, the extracted raw text (what extraction alone would give)."""
    from chohyo.extract import extract_document
    from chohyo.normalize import normalize_document
    from chohyo.settings import Settings

    settings = Settings()  # OCR where a page has no usable text layer
    doc = extract_document(path, settings.extract)
    if normalized:
        doc = normalize_document(doc, settings.normalize)
    out = []
    for table in doc.tables:
        labels = {r.index: r.label for r in table.rows}
        grid: dict[int, dict[int, str]] = {}
        for c in table.body_cells():
            grid.setdefault(c.row, {})[c.col] = c.text if normalized else c.raw_text
        rows = []
        for r in sorted(grid):
            label = labels.get(r) if normalized else grid[r].get(0)
            rows.append([label] + [grid[r].get(k) for k in range(1, len(table.columns))])
        out.append(rows)
    return out


def camelot_rows(path: Path, flavor: str) -> list[Rows]:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(path), pages="all", flavor=flavor)
    return [t.df.values.tolist() for t in tables]


def pdfplumber_rows(path: Path) -> list[Rows]:
    import pdfplumber

    out: list[Rows] = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            out.extend(page.extract_tables())
    return out


TOOLS = {
    "chohyo": lambda p: chohyo_rows(p, normalized=True),
    "chohyo extract only": lambda p: chohyo_rows(p, normalized=False),
    "camelot lattice": lambda p: camelot_rows(p, "lattice"),
    "camelot stream": lambda p: camelot_rows(p, "stream"),
    "pdfplumber": pdfplumber_rows,
}


def measure(cases: list[str] | None = None) -> dict[str, dict[str, tuple[int, int]]]:
    results: dict[str, dict[str, tuple[int, int]]] = {}
    for case in cases or CASES:
        path = FIXTURES / f"{case}.pdf"
        if not path.exists():
            continue
        truth = load_truth(FIXTURES / f"{case}.truth.json")
        results[case] = {}
        for name, fn in TOOLS.items():
            try:
                results[case][name] = best_score(truth, fn(path))
            except Exception:  # a peer that crashes on a file scores nothing on it
                results[case][name] = (0, sum(len(t["rows"]) * len(t["columns"]) for t in truth["tables"]))
    return results


def run() -> str:
    results = measure()
    names = list(TOOLS)
    lines = [
        "Share of truth cells (labels and values) whose output string is exactly the truth, "
        "as a plain `csv` reader sees it: no width folding, no comma or △ handling, no "
        "letter-spacing repair. `chohyo extract only` is the same extraction before the normalize stage; "
        "`scanned/` fixtures are image-only PDFs read by OCR (the peers find no table in them).",
        "",
        "| fixture | cells | " + " | ".join(names) + " |",
        "|---|---:|" + "---:|" * len(names),
    ]
    totals = {n: [0, 0] for n in names}
    for case, by_tool in results.items():
        cells = next(iter(by_tool.values()))[1]
        row = [case, str(cells)]
        for n in names:
            right, total = by_tool[n]
            totals[n][0] += right
            totals[n][1] += total
            row.append(f"{right / total:.1%}" if total else "-")
        lines.append("| " + " | ".join(row) + " |")
    lines.append(
        "| **all** | "
        + str(next(iter(totals.values()))[1])
        + " | "
        + " | ".join(f"**{r / t:.1%}**" if t else "-" for r, t in totals.values())
        + " |"
    )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
