"""A document that hangs, crashes, segfaults, runs out of memory or hits a bug never stops the batch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from batch_converters import misbehaving_convert, threads_convert
from chohyo.batch import BatchOptions, run_batch
from chohyo.errors import ExitCode


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name in ["a", "exit", "b", "segv", "c", "oom", "d", "hang", "e", "bug", "f"]:
        (root / f"{name}.pdf").write_bytes(f"input {name}\n".encode())
    return root


def test_bad_documents_are_isolated_and_workers_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # One worker: every document after a death can only be converted by a replacement process.
    opts = BatchOptions(
        workers=1, timeout=8.0, memory_mb=1024, converter=misbehaving_convert, progress="quiet"
    )
    report = run_batch([_corpus(tmp_path)], out, opts)

    by = {k: o for k, o in report.outcomes.items()}
    for good in "abcdef":
        assert by[f"{good}.pdf"].status == "done", by[f"{good}.pdf"]
        assert (out / good / "sha256.txt").is_file()
    assert by["exit.pdf"].error_code == "worker-died" and "exited with code 3" in by["exit.pdf"].error_message
    assert by["segv.pdf"].error_code == "worker-died" and "SIGSEGV" in by["segv.pdf"].error_message
    assert by["oom.pdf"].error_code == "resource-limit" and "out of memory" in by["oom.pdf"].error_message
    assert by["hang.pdf"].error_code == "timeout" and by["hang.pdf"].exit_code == ExitCode.TIMEOUT
    assert by["bug.pdf"].error_code == "internal-error" and "ZeroDivisionError" in by["bug.pdf"].error_message
    assert report.exit_code is ExitCode.SOME_FAILED
    assert not (out / "exit").exists() and not (out / "hang").exists()


def test_hang_with_two_workers_does_not_block_the_others(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "0hang.pdf").write_bytes(b"x")
    for i in range(6):
        (root / f"ok{i}.pdf").write_bytes(b"y%d" % i)
    opts = BatchOptions(workers=2, timeout=8.0, converter=misbehaving_convert, progress="quiet")
    report = run_batch([root], tmp_path / "out", opts)
    assert report.outcomes["0hang.pdf"].error_code == "timeout"
    assert sorted(k for k, o in report.outcomes.items() if o.status == "done") == [
        f"ok{i}.pdf" for i in range(6)
    ]


def _threads_seen(tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    monkeypatch.delenv("CHOHYO_OCR_THREADS", raising=False)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    inputs = tmp_path / f"in{workers}"
    inputs.mkdir()
    for n in range(4):
        (inputs / f"doc{n}.pdf").write_bytes(b"%PDF-1.4 " + bytes([n]))
    out = tmp_path / f"out{workers}"
    report = run_batch(
        [inputs], out, BatchOptions(workers=workers, converter=threads_convert, progress="quiet")
    )
    assert len(report.of("done")) == 4
    return {p.read_text(encoding="utf-8") for p in out.rglob("threads.txt")}


def test_ocr_threads_follow_the_number_of_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cores = len(os.sched_getaffinity(0))
    assert _threads_seen(tmp_path, 1, monkeypatch) == {f"{cores} 1"}  # one worker: its OCR uses every core
    assert _threads_seen(tmp_path, 2, monkeypatch) == {"1 1"}  # two workers share the cores: one thread each
