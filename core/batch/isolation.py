"""What a worker process does to itself so one bad document cannot take the batch down."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys


def cap_memory(limit_mb: int | None) -> None:
    """Cap the address space (RLIMIT_AS) where the OS allows: a runaway allocation raises MemoryError."""
    if not limit_mb:
        return
    try:
        import resource
    except ImportError:  # Windows: no rlimits
        return
    limit = int(limit_mb) * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent() -> None:
    """Linux: get SIGKILL when the batch process dies, so no orphan goes on writing after kill -9."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group; the batch process alone decides what to do."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def single_threaded_ocr() -> None:
    """One Tesseract thread per worker: the batch already runs one worker per core (OCRmyPDF does the same)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
