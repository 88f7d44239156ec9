"""`--timeout` and `--memory-limit` for `extract` and `debug` (batch has its own, per worker)."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

from chohyo.batch.isolation import cap_memory
from chohyo.errors import UsageError
from chohyo.settings import Settings

TIMEOUT_HELP = "seconds allowed to read each document, checked before each page (exit 10)"
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
