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


def share_cores(workers: int) -> None:
    """One OCR thread per worker when several workers share the cores (OCRmyPDF does the same);
    all cores to the OCR of one document when there is one worker. An explicit setting wins."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract
    threads = 1 if workers > 1 else _cores()
    os.environ.setdefault("CHOHYO_OCR_THREADS", str(threads))  # RapidOCR and the per-page strip pool
    _lean_malloc()


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _lean_malloc() -> None:
    """glibc keeps freed memory: per-thread arenas, and big blocks (OCR tensors) that go to the heap
    once its dynamic mmap threshold has grown. Two arenas and a fixed 1 MB threshold (big blocks are
    mapped and unmapped) measured on budget_borderless_200.pdf, one OCR thread: peak 476 → 348 MB."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        m_arena_max, m_mmap_threshold = -8, -3
        libc.mallopt(m_arena_max, 2)
        libc.mallopt(m_mmap_threshold, 1024 * 1024)
