"""kill -9 in the middle, then rerun: every document done exactly once, nothing half-written."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

from conftest import batch_cmd, batch_env, manifest_rows, run_cli, temp_leftovers


def _done_rows(out: Path) -> dict[str, dict[str, object]]:
    if not (out / "manifest.sqlite").exists():
        return {}
    try:
        return {k: r for k, r in manifest_rows(out).items() if r["status"] == "done"}
    except Exception:  # the table may not exist yet
        return {}


def _complete(folder: Path, source: Path) -> bool:
    sha = folder / "sha256.txt"
    return sha.is_file() and sha.read_text() == hashlib.sha256(source.read_bytes()).hexdigest()


def test_kill_9_then_resume(tmp_path: Path, inputs: Path) -> None:
    out = tmp_path / "out"
    log1, log2 = tmp_path / "run1.log", tmp_path / "run2.log"
    args = (str(inputs), "-o", str(out), "-j", "2", "--converter", "batch_converters:slow_convert")
    proc = subprocess.Popen(
        batch_cmd(*args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=batch_env(CHOHYO_TEST_CONVERT_LOG=str(log1)),
    )
    deadline = time.monotonic() + 60
    while len(_done_rows(out)) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.5)  # the workers die with their parent (PR_SET_PDEATHSIG)

    first = _done_rows(out)
    assert 4 <= len(first) < 12, "the kill must land in the middle of the batch"
    for key, row in first.items():  # a committed row always has complete outputs behind it
        assert _complete(out / str(row["output_dir"]), inputs / key)

    rerun = run_cli(*args, CHOHYO_TEST_CONVERT_LOG=str(log2))
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    rows = manifest_rows(out)
    assert len(rows) == 12 and all(r["status"] == "done" and r["attempts"] == 1 for r in rows.values())
    redone = {Path(p).relative_to(inputs).as_posix() for p in log2.read_text().splitlines()}
    assert not redone & set(first), "the rerun converted documents already recorded as done"
    assert redone | set(first) == set(rows)
    folders = sorted(p.parent for p in out.rglob("sha256.txt"))
    assert len(folders) == 12 == len(set(folders))
    for key, row in rows.items():
        assert _complete(out / str(row["output_dir"]), inputs / key)
    assert temp_leftovers(out) == []

    third = run_cli(*args, "--quiet", CHOHYO_TEST_CONVERT_LOG=str(tmp_path / "run3.log"))
    assert third.returncode == 0 and not (tmp_path / "run3.log").exists()  # everything skipped
    assert all(r["attempts"] == 1 for r in manifest_rows(out).values())


def test_stale_temp_dirs_are_cleaned(tmp_path: Path, inputs: Path) -> None:
    out = tmp_path / "out"
    stale = out / "a" / ".doc01.k3j2.tmp"
    stale.mkdir(parents=True)
    (stale / "copy.bin").write_bytes(b"half")
    old = out / ".doc00.old-4242"
    old.mkdir()
    result = run_cli(str(inputs), "-o", str(out), "--converter", "batch_converters:copy_convert", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not stale.exists() and not old.exists() and temp_leftovers(out) == []


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path: Path, inputs: Path) -> None:
    out = tmp_path / "out"
    args = (str(inputs), "-o", str(out), "-j", "1", "--converter", "batch_converters:slow_convert")
    # Ctrl-C as at a terminal: a child inherits an ignored SIGINT (a background job, an xdist worker),
    # and Python then never raises KeyboardInterrupt; the batch is started as a shell's foreground job.
    proc = subprocess.Popen(
        batch_cmd(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=batch_env(),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while len(_done_rows(out)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stdout + stderr
    assert "Run the same command again" in stdout
    done = _done_rows(out)
    assert 2 <= len(done) < 12
    summary = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(summary) == 13 and sum(",pending," in line for line in summary) == 12 - len(done)
    assert temp_leftovers(out) == []
