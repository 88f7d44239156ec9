"""Per-document functions for batch tests: real processes, real files, chosen behaviour.

They stand in for ``chohyo.pipeline.convert`` (same signature, same Result) so the batch machinery
(kill, resume, timeouts, dying workers) is tested without depending on the stages.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

from chohyo.atomic import atomic_dir
from chohyo.errors import InputFileError
from chohyo.model import Document, Page
from chohyo.pipeline import Result
from chohyo.settings import Settings

LOG_ENV = "CHOHYO_TEST_CONVERT_LOG"  # every finished conversion appends its input here


def _write(path: Path, out_dir: Path, delay: float) -> Result:
    start = time.perf_counter()
    data = Path(path).read_bytes()
    if not data:
        raise InputFileError("the file is empty", path=str(path))
    with atomic_dir(Path(out_dir) / Path(path).stem) as tmp:
        (tmp / "copy.bin").write_bytes(data)
        time.sleep(delay)  # a kill lands here often: the folder is still under its temporary name
        (tmp / "sha256.txt").write_text(hashlib.sha256(data).hexdigest(), encoding="utf-8")
    log = os.environ.get(LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{path}\n")
    doc = Document(
        source=str(path), sha256=hashlib.sha256(data).hexdigest(), pages=(Page(1, 595.0, 842.0),) * 2
    )
    final = Path(out_dir) / Path(path).stem
    return Result(
        str(path),
        doc.status,
        doc,
        (final / "copy.bin", final / "sha256.txt"),
        seconds=time.perf_counter() - start,
    )


def copy_convert(path: Path, out_dir: Path, settings: Settings | None = None) -> Result:
    """Copies the input into OUT/<stem>/ (two 'pages' per document)."""
    return _write(path, out_dir, 0.0)


def slow_convert(path: Path, out_dir: Path, settings: Settings | None = None) -> Result:
    """Like copy_convert but takes ~0.4 s per document, so a kill -9 lands mid-batch."""
    return _write(path, out_dir, 0.4)


def misbehaving_convert(path: Path, out_dir: Path, settings: Settings | None = None) -> Result:
    """Hangs, crashes, segfaults or runs out of memory when the file name says so."""
    name = Path(path).stem
    if "hang" in name:
        time.sleep(3600)
    if "exit" in name:
        os._exit(3)
    if "segv" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "oom" in name:
        hog = bytearray(8 * 1024**3)  # far over the test's memory cap: MemoryError, not a dead machine
        del hog
    if "bug" in name:
        raise ZeroDivisionError("division by zero")
    return _write(path, out_dir, 0.0)


def threads_convert(path: Path, out_dir: Path, settings: Settings | None = None) -> Result:
    """Like copy_convert, and records the OCR thread settings the worker gave itself."""
    result = _write(path, out_dir, 0.2)  # long enough that two workers both get a document
    seen = f"{os.environ.get('CHOHYO_OCR_THREADS')} {os.environ.get('OMP_THREAD_LIMIT')}"
    (Path(out_dir) / Path(path).stem / "sha256.txt").with_name("threads.txt").write_text(
        seen, encoding="utf-8"
    )
    return result


FULL_ENV = "CHOHYO_TEST_DISK_FULL"  # while the file it names exists, writing an output fails: disk full


def full_disk_convert(path: Path, out_dir: Path, settings: Settings | None = None) -> Result:
    """Like copy_convert, but the disk is full (ENOSPC, as the OS reports it) while FULL_ENV's file exists."""
    flag = os.environ.get(FULL_ENV)
    if flag and os.path.exists(flag):
        import errno

        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(Path(out_dir) / Path(path).stem))
    return _write(path, out_dir, 0.0)
