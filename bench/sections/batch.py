"""Batch throughput: pages per second with -j 1 and -j 2, the speedup, and peak memory per worker.

Each measurement runs ``chohyo.batch.run_batch`` in a fresh Python process (so the children's peak
RSS, ``getrusage(RUSAGE_CHILDREN).ru_maxrss``, belongs to that run alone: the largest worker, or the
largest Tesseract it started). Wall time includes starting the workers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TITLE = "Batch: pages per second, -j 1 vs -j 2, memory per worker"
ORDER = 60

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
DIGITAL_COPIES = 8  # the born-digital fixtures are small: repeat them so worker start-up does not dominate
SCANNED = ["budget_ruled_200.pdf", "budget_borderless_200.pdf", "budget_mixed.pdf", "budget_ruled_p1.png"]

_MEASURE = """
import json, resource, sys, time
from pathlib import Path
from chohyo.batch import BatchOptions, run_batch
inputs, out, jobs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
t0 = time.perf_counter()
report = run_batch([inputs], out, BatchOptions(workers=jobs, timeout=1800, progress="quiet"))
wall = time.perf_counter() - t0
print(json.dumps({"wall": wall, "pages": report.pages_converted, "docs": len(report.of("done")),
                  "failed": len(report.of("failed")),
                  "cpu": (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_CHILDREN)),
                  "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def _measure(inputs: Path, jobs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="chohyo-bench-batch-") as out:
        proc = subprocess.run([sys.executable, "-c", _MEASURE, str(inputs), out, str(jobs)], capture_output=True,
                              text=True, check=True, cwd=ROOT)
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _corpus(tmp: Path, name: str, files: list[Path], copies: int) -> Path:
    folder = tmp / name
    for c in range(copies):
        sub = folder / f"copy{c}"
        sub.mkdir(parents=True)
        for f in files:
            os.symlink(f, sub / f.name)
    return folder


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def run() -> str:
    rows = []
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="chohyo-bench-in-") as tmpdir:
        tmp = Path(tmpdir)
        sets = []
        digital = sorted(FIXTURES.glob("*.pdf"))
        if digital:
            sets.append((f"born-digital ({len(digital)} fixtures x {DIGITAL_COPIES})",
                         _corpus(tmp, "digital", digital, DIGITAL_COPIES)))
        scanned = [FIXTURES / "scanned" / n for n in SCANNED if (FIXTURES / "scanned" / n).exists()]
        if scanned:
            sets.append((f"scanned ({', '.join(p.name for p in scanned)})", _corpus(tmp, "scanned", scanned, 1)))
        for label, folder in sets:
            one, two = _measure(folder, 1), _measure(folder, 2)
            r1, r2 = one["pages"] / one["wall"], two["pages"] / two["wall"]
            c1, c2 = one["pages"] / one["cpu"], two["pages"] / two["cpu"]
            hours = 100_000 / c2 / 3600
            rows.append(f"| {label} | {int(one['pages'])} | {int(one['failed'] + two['failed'])} | {r1:.1f} | "
                        f"{r2:.1f} | {r2 / r1:.2f}x | {c1:.1f} | {c2:.1f} | {hours:.1f} | {one['rss_mb']:.0f} | "
                        f"{two['rss_mb']:.0f} |")
    head = ("| corpus | pages | failed | pages/s -j 1 | pages/s -j 2 | speedup (target >= 1.8x) | "
            "pages per CPU-s -j 1 | pages per CPU-s -j 2 | worker-hours per 100,000 pages | "
            "peak RSS MB -j 1 | peak RSS MB -j 2 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    note = (f"\n\nMachine: {len(os.sched_getaffinity(0))} cores, load average {load_before} before and "
            f"{_load()} after (other work on the same cores lowers the -j 2 figure: the speedup is a "
            "lower bound). Wall time includes spawning the workers and importing the stages in each. "
            "Tesseract runs single-threaded inside each worker (OMP_THREAD_LIMIT=1). Pages per CPU-second "
            "counts the workers' (and their Tesseract children's) user+system time: it does not depend on "
            "other load, and equal figures at -j 1 and -j 2 mean the batch scales with free cores; "
            "worker-hours per 100,000 pages = 100,000 / (pages per CPU-s at -j 2) / 3600, one worker per core. "
            "Peak RSS is the largest single worker process (or Tesseract child) of the run; target under "
            "500 MB on the scanned budget.")
    return head + "\n" + "\n".join(rows) + note
