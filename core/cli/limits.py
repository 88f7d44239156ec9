"""`--timeout` and `--memory-limit` for `extract` and `debug` (batch has its own, per worker)."""

from __future__ import annotations

import contextlib
import functools
import math
import os
import sys
import threading
import time
from collections.abc import Iterator

from chohyo.batch.isolation import cap_memory
from chohyo.errors import ExitCode, UsageError
from chohyo.settings import Settings

TIMEOUT_HELP = (
    "seconds allowed to read each document, checked before each page (exit 10); a page that never "
    "returns stops the run at twice the limit (at least 5 s more)"
)
MEMORY_HELP = "memory cap of this process in MB while it converts (exit 11 beyond it; 0: none)"
DEFAULT_TIMEOUT = 3600.0
DEFAULT_MEMORY_MB = 4096


def apply_limits(settings: Settings, timeout: float, memory_mb: int) -> Settings:
    """Checked values: ``--timeout nan`` or ``0`` and ``--memory-limit -5`` are usage errors (exit 2)."""
    if not (math.isfinite(timeout) and timeout > 0):
        raise UsageError(f"--timeout {timeout:g} cannot work: give the seconds allowed, above 0")
    if memory_mb < 0 or 0 < memory_mb < 256:
        raise UsageError(f"--memory-limit {memory_mb} cannot work: give megabytes, at least 256 (0: no cap)")
    return settings.with_(extract={"max_seconds": float(timeout)})


@contextlib.contextmanager
def memory_capped(memory_mb: int) -> Iterator[None]:
    """RLIMIT_AS while the documents convert (a runaway allocation raises MemoryError, exit 11), put
    back afterwards: the CLI also runs inside other programs (tests, notebooks)."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits
        yield
        return
    before = resource.getrlimit(resource.RLIMIT_AS)
    cap_memory(memory_mb)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, before)


class Watchdog:
    """The limit for a page that never returns. ``--timeout`` is checked between pages, and a stall
    inside PDFium or a decoder cannot be interrupted from Python: past ``2 x seconds`` (at least 5 s
    more) this thread says so and ends the process with exit 10. Outputs are written whole or not at
    all (atomic folders), and the next run sweeps the temporary files.

    Make it before ``memory_capped``: a thread started under RLIMIT_AS may fail to allocate its
    stack and never run, and ``Thread.start`` would wait for it for ever."""

    def __init__(self) -> None:
        self._cv = threading.Condition()
        self._until: float | None = None
        self._what = ""
        self._seconds = 0.0
        self._allowed = 0.0
        threading.Thread(target=self._watch, name="chohyo-deadline", daemon=True).start()

    @contextlib.contextmanager
    def deadline(self, seconds: float, what: str) -> Iterator[None]:
        with self._cv:
            self._allowed = seconds + max(seconds, 5.0)
            self._until = time.monotonic() + self._allowed
            self._what, self._seconds = what, seconds
            self._cv.notify()
        try:
            yield
        finally:
            with self._cv:
                self._until = None
                self._cv.notify()

    def _watch(self) -> None:
        with self._cv:
            while True:
                if self._until is None:
                    self._cv.wait()
                    continue
                left = self._until - time.monotonic()
                if left > 0:
                    self._cv.wait(left)
                    continue
                sys.stderr.write(
                    f"chohyo: error: {self._what}: one page was still being read {self._allowed:g} s after the "
                    f"start (--timeout {self._seconds:g} is checked between pages): stopped; nothing was "
                    "written for it. Convert its other pages with --pages, or raise --timeout.\n"
                )
                sys.stderr.flush()
                os._exit(int(ExitCode.TIMEOUT))


@functools.cache
def watchdog() -> Watchdog:
    """The process's one watchdog (a CLI run inside tests or a notebook calls the commands again)."""
    return Watchdog()
