"""Real corpus sweep: every PDF under ``FETCHED/nankoku`` (南国市 council papers) through the pipeline.

One child process per file (a crash, a hang or a memory blow-up costs that file, never the sweep),
``--ocr auto``, a per-file time limit. Per document: status, pages, tables, relations found / held /
failed (by source), findings by code and severity, seconds and the child's peak RSS. The per-document
rows go to ``SWEEP_OUT`` (JSON lines, default ``/tmp/chohyo-sweep.jsonl``) for triage; the section
itself is the summary. ``python -m bench.sections.sweep [OUT.jsonl] [NAME-FILTER]`` runs it alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.realdocs import FETCHED

TITLE = "Real corpus: 南国市 council papers (issues 14, 16, measured on branch h-sweep)"
ORDER = 95

CORPUS = FETCHED / "nankoku"
LIMIT_S = int(os.environ.get("SWEEP_LIMIT_S", "600"))  # per file; the 148-page budget book needs ~2 min
ROOT = Path(__file__).resolve().parents[2]

# The child: the library API on one file, one JSON line on stdout (never a stack trace as the result).
_CHILD = r"""
import json, resource, sys, time, traceback
from collections import Counter
t0 = time.perf_counter()
out = {"file": sys.argv[1]}
if len(sys.argv) > 3:  # a frozen copy of the source (the "before" run while the worktree changes)
    import importlib
    finder = importlib.import_module(sys.argv[2])
    finder.MAPPING.update({k: v.replace(sys.argv[3], sys.argv[4]) for k, v in finder.MAPPING.items()})
try:
    from chohyo.pipeline import run
    from chohyo.settings import Settings
    from chohyo.errors import ChohyoError
    try:
        doc = run(sys.argv[1], Settings().with_(extract={"ocr": "auto"}))
    except ChohyoError as err:
        out.update(status="failed", error=f"{type(err).__name__}: {err}")
    else:
        rel = Counter()
        for t in doc.tables:
            for r in t.relations:
                rel[(r.source or "?", "held" if r.holds else "failed" if r.holds is False else "unchecked")] += 1
        out.update(
            status=str(doc.status), pages=len(doc.pages), tables=len(doc.tables),
            relations={f"{s}:{h}": n for (s, h), n in rel.items()},
            findings=dict(Counter(f"{f.severity}:{f.code}" for f in doc.findings)),
            errors=[{"code": f.code, "page": f.page, "table": f.table, "message": f.message[:300]}
                    for f in doc.findings if str(f.severity) == "error"],
            warnings=[{"code": f.code, "page": f.page, "table": f.table, "message": f.message[:200]}
                      for f in doc.findings if str(f.severity) == "warning"][:40],
        )
except Exception:
    out.update(status="crash", error=traceback.format_exc()[-1500:])
out["seconds"] = time.perf_counter() - t0
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out, ensure_ascii=False))
"""


def _frozen_source() -> list[str]:
    """``SWEEP_SRC=/copy/of/checkout``: import chohyo from that copy instead of this worktree."""
    src = os.environ.get("SWEEP_SRC")
    if not src:
        return []
    finder = next(ROOT.joinpath(".venv").glob("lib/python*/site-packages/__editable___chohyo*_finder.py"))
    return [finder.stem, str(ROOT), src]


def sweep_one(path: Path) -> dict[str, object]:
    """Run one file in a child process under the time limit."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), *_frozen_source()],
            capture_output=True,
            text=True,
            timeout=LIMIT_S,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return {"file": str(path), "status": "timeout", "seconds": time.perf_counter() - start}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {
            "file": str(path),
            "status": "crash",
            "exit": proc.returncode,
            "error": proc.stderr[-1500:],
            "seconds": time.perf_counter() - start,
        }
    row: dict[str, object] = json.loads(lines[-1])
    row["exit"] = proc.returncode
    return row


def sweep(out: Path, name_filter: str = "") -> list[dict[str, object]]:
    rows = []
    with out.open("w", encoding="utf-8") as fh:
        for path in sorted(CORPUS.glob("*.pdf")):
            if name_filter and name_filter not in path.name:
                continue
            row = sweep_one(path)
            rows.append(row)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            print(f"{row['status']:8} {float(row['seconds']):6.1f}s {path.name}", file=sys.stderr, flush=True)
    return rows


def summary(rows: list[dict[str, object]]) -> str:
    status = Counter(str(r["status"]) for r in rows)
    codes: Counter[str] = Counter()
    rel: Counter[str] = Counter()
    for r in rows:
        codes.update(r.get("findings", {}))  # type: ignore[arg-type]
        rel.update(r.get("relations", {}))  # type: ignore[arg-type]
    pages = sum(int(r.get("pages", 0)) for r in rows)  # type: ignore[call-overload]
    secs = sum(float(r["seconds"]) for r in rows)  # type: ignore[arg-type]
    peak = max((float(r.get("rss_mb", 0)) for r in rows), default=0.0)  # type: ignore[arg-type]
    lines = [
        f"{len(rows)} PDFs, {pages} pages, {secs:.0f} s ({pages / secs if secs else 0:.1f} pages/s, "
        f"one child per file, load shared), peak RSS {peak:.0f} MB.",
        "",
        "| status | documents |",
        "|---|---:|",
        *(f"| {s} | {n} |" for s, n in status.most_common()),
        "",
        "| finding (severity:code) | count | documents |",
        "|---|---:|---:|",
        *(
            f"| {c} | {n} | {sum(1 for r in rows if c in r.get('findings', {}))} |"  # type: ignore[operator]
            for c, n in sorted(codes.items(), key=lambda kv: (not kv[0].startswith("error"), -kv[1]))
        ),
        "",
        "| relations (source:outcome) | count |",
        "|---|---:|",
        *(f"| {k} | {n} |" for k, n in sorted(rel.items())),
    ]
    return "\n".join(lines)


def _doc_type(name: str) -> str:
    """The kind of council paper, from its file name (for counting relations per type)."""
    for key, kind in (
        ("決算", "決算"),
        ("補正", "補正予算"),
        ("現在高", "現在高調書"),
        ("残高", "現在高調書"),
        ("予算", "予算"),
        ("繰越", "繰越明許費"),
        ("条例", "条例"),
    ):
        if key in name:
            return kind
    return "その他"


def _totals(rows: list[dict[str, object]]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {"status": Counter(), "findings": Counter(), "relations": Counter()}
    for r in rows:
        out["status"][str(r["status"])] += 1
        out["findings"].update(r.get("findings", {}))  # type: ignore[arg-type]
        kind = _doc_type(Path(str(r["file"])).name)
        for k, n in r.get("relations", {}).items():  # type: ignore[attr-defined]
            source, outcome = k.split(":")
            out["relations"][f"{kind} | {source} | {outcome}"] += n
    return out


def compare(before: list[dict[str, object]], after: list[dict[str, object]]) -> str:
    """Before → after on the documents present in both runs."""
    names = {str(r["file"]) for r in before} & {str(r["file"]) for r in after}
    b = [r for r in before if str(r["file"]) in names]
    a = [r for r in after if str(r["file"]) in names]
    tb, ta = _totals(b), _totals(a)

    def rate(rows: list[dict[str, object]]) -> str:
        pages = sum(int(r.get("pages", 0)) for r in rows)  # type: ignore[call-overload]
        secs = sum(float(r["seconds"]) for r in rows)  # type: ignore[arg-type]
        peak = max((float(r.get("rss_mb", 0)) for r in rows), default=0.0)  # type: ignore[arg-type]
        return f"{pages} pages in {secs:.0f} s ({pages / secs if secs else 0:.1f} pages/s), peak RSS {peak:.0f} MB"

    lines = [
        f"{len(names)} PDFs in both runs. Before: {rate(b)}. After: {rate(a)}.",
        "",
        "| status | before | after |",
        "|---|---:|---:|",
        *(f"| {k} | {tb['status'][k]} | {ta['status'][k]} |" for k in sorted(tb["status"] | ta["status"])),
        "",
        "| finding (severity:code) | before | after |",
        "|---|---:|---:|",
        *(
            f"| {k} | {tb['findings'][k]} | {ta['findings'][k]} |"
            for k in sorted(tb["findings"] | ta["findings"], key=lambda k: (not k.startswith("error"), k))
            if not k.startswith("info")
        ),
        "",
        "| document type (by file name) / source / outcome | relations before | after |",
        "|---|---:|---:|",
        *(
            f"| {k} | {tb['relations'][k]} | {ta['relations'][k]} |"
            for k in sorted(tb["relations"] | ta["relations"])
        ),
    ]
    return "\n".join(lines)


def _load(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run() -> str:
    if not CORPUS.is_dir():
        return f"Skipped: {CORPUS} is absent (fetched documents live under CHOHYO_FETCHED, never in the project)."
    out = Path(os.environ.get("SWEEP_OUT", "/tmp/chohyo-sweep.jsonl"))
    return summary(sweep(out))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:  # python -m bench.sections.sweep --compare BEFORE.jsonl AFTER.jsonl
        print(compare(_load(Path(sys.argv[2])), _load(Path(sys.argv[3]))))
        raise SystemExit(0)
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/chohyo-sweep.jsonl")
    print(summary(sweep(target, sys.argv[2] if len(sys.argv) > 2 else "")))
