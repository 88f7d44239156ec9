"""Run every hostile input (fixtures/generate/hostile.py) through ``chohyo extract``, each in its own
process under a time and an address-space limit, and say how each one ended (issue 19).

``python -m bench.hostile [--jobs 2] [--limit 60] [--tsv FILE] [--launcher SCRIPT]``

Per input: exit code (or the signal, or ``timeout``), wall seconds, peak memory (the child's
ru_maxrss), the last line of stderr, whether report.json has a ``damaged-stream`` finding, and a
verdict against what the generator expects. A bit-flipped copy that ends ``success`` (exit 0) is
``silent`` when its CSV rows differ from the clean file's. ``--launcher`` runs a script instead of
``-m chohyo`` (to measure an older checkout with the same venv).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_CODE = {
    "input-file": {3},
    "damaged-pdf": {5},
    "resource-limit": {11},
    "encrypted-pdf": {4},
    "output-error": {7},
}
DOCUMENTED = {0, 1, 3, 4, 5, 7, 10, 11}
MEMORY_CAP = 6 << 30


@dataclass
class Outcome:
    name: str
    expect: str
    code: str  # "0".."15", "SIGABRT", "timeout"
    seconds: float
    peak_mb: float
    message: str
    damaged: bool
    verdict: str  # ok | silent | wrong-code | internal | crash | timeout


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("hostile", ROOT / "fixtures/generate/hostile.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _command(path: Path, out: Path, launcher: str | None) -> list[str]:
    head = [sys.executable, launcher] if launcher else [sys.executable, "-m", "chohyo"]
    return [*head, "extract", str(path), "-o", str(out)]


def _run(path: Path, out: Path, limit: float, launcher: str | None) -> tuple[str, float, float, str]:
    """(exit code or signal or timeout, seconds, peak MB, last stderr line)."""
    err_file = out.with_suffix(".stderr")
    start = time.perf_counter()
    with open(err_file, "wb") as err:
        proc = subprocess.Popen(
            _command(path, out, launcher),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=_limit_memory,
            start_new_session=True,
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(limit, kill)
        timer.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = 0  # reaped here (wait4 gives the child's own peak memory)
    seconds = time.perf_counter() - start
    lines = err_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    message = lines[-1] if lines else ""
    if timed_out.is_set():
        code = "timeout"
    elif os.WIFSIGNALED(status):
        code = signal.Signals(os.WTERMSIG(status)).name
    else:
        code = str(os.WEXITSTATUS(status))
    return code, seconds, usage.ru_maxrss / 1024, message


def _rows(folder: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    for f in sorted(folder.glob("**/*.csv")):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            rows += list(csv.reader(fh))
    return rows


def _folders(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if p.is_dir()] if out.is_dir() else []


def _verdict(name: str, expect: str, code: str, out: Path, clean_rows: list[list[str]]) -> str:
    if code == "timeout":
        return "timeout"
    if not code.isdigit():
        return "crash"
    n = int(code)
    if n == 15:
        return "internal"
    if expect in EXPECTED_CODE:
        return "ok" if n in EXPECTED_CODE[expect] else "wrong-code"
    if expect == "done":
        return "ok" if n in (0, 1) else "wrong-code"
    if expect == "damaged-stream":  # converts, and says what it lost: partial with the finding
        return "ok" if n == 1 and _damaged(out) else "silent" if n == 0 else "wrong-code"
    if n not in DOCUMENTED:
        return "wrong-code"
    if n == 0 and name.startswith("flip"):
        folders = _folders(out)
        if folders and _rows(folders[0]) != clean_rows:
            return "silent"
    return "ok"


def _damaged(out: Path) -> bool:
    for report in out.glob("*/report.json"):
        data = json.loads(report.read_text(encoding="utf-8"))
        if "damaged-stream" in json.dumps(data.get("findings", [])):
            return True
    return False


def run(jobs: int = 1, limit: float = 60.0, launcher: str | None = None) -> list[Outcome]:
    work = Path(tempfile.mkdtemp(prefix="chohyo-hostile-"))
    corpus = work / "corpus"
    cases = _generator().generate(corpus)
    clean_out = work / "clean"
    _run(ROOT / "fixtures/budget_ruled.pdf", clean_out, limit, launcher)
    clean_rows = _rows(_folders(clean_out)[0]) if _folders(clean_out) else []

    def one(k: int, name: str) -> Outcome:
        out = work / f"out{k:03d}"
        code, seconds, peak, message = _run(corpus / name, out, limit, launcher)
        expect = cases[name]["expect"]
        verdict = _verdict(name, expect, code, out, clean_rows)
        return Outcome(name, expect, code, seconds, peak, message, _damaged(out), verdict)

    try:
        with ThreadPoolExecutor(jobs) as pool:
            return list(pool.map(lambda kn: one(*kn), enumerate(sorted(cases))))
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the corpus holds a 6 GiB sparse file


def summary(outcomes: list[Outcome]) -> str:
    codes = Counter(o.code for o in outcomes)
    verdicts = Counter(o.verdict for o in outcomes)
    slow = max(outcomes, key=lambda o: o.seconds)
    big = max(outcomes, key=lambda o: o.peak_mb)
    lines = [
        f"{len(outcomes)} inputs; exit codes: " + ", ".join(f"{c}: {n}" for c, n in sorted(codes.items())),
        "verdicts: " + ", ".join(f"{v}: {n}" for v, n in sorted(verdicts.items())),
        f"damaged-stream reported on {sum(o.damaged for o in outcomes)}",
        f"slowest {slow.name} {slow.seconds:.1f} s; most memory {big.name} {big.peak_mb:.0f} MB; "
        f"total {sum(o.seconds for o in outcomes):.0f} s",
    ]
    lines += [
        f"  {o.verdict}: {o.name} exit {o.code}: {o.message[:160]}" for o in outcomes if o.verdict != "ok"
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per input")
    ap.add_argument("--tsv", type=Path, help="write one line per input here")
    ap.add_argument("--launcher", help="a script run instead of -m chohyo")
    args = ap.parse_args(argv)
    outcomes = run(args.jobs, args.limit, args.launcher)
    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(["name", "expect", "code", "seconds", "peak_mb", "damaged", "verdict", "message"])
            for o in outcomes:
                w.writerow(
                    [
                        o.name.encode("unicode_escape").decode(),
                        o.expect,
                        o.code,
                        f"{o.seconds:.2f}",
                        f"{o.peak_mb:.0f}",
                        int(o.damaged),
                        o.verdict,
                        o.message,
                    ]
                )
    print(summary(outcomes))
    return 0 if all(o.verdict == "ok" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
