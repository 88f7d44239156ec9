"""What one document's conversion came to, as a small picklable record (crosses process boundaries)."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from typing import Any

from chohyo.errors import ChohyoError, ExitCode, OutputError, OutputWriteError
from chohyo.model import Severity, Status

DONE = "done"
FAILED = "failed"
SKIPPED = "skipped"
IGNORED = "ignored"  # not a regular file (FIFO, device...): never opened, never in the manifest

# Failures found by the batch itself, not by a stage (a stage failure carries its own error's code).
WORKER_DIED = "worker-died"
INTERNAL_ERROR = "internal-error"


@dataclass(frozen=True)
class Outcome:
    key: str  # the input's path relative to the batch root
    status: str  # done | failed | skipped
    doc_status: str = ""  # success | partial | failure (the pipeline's Status)
    error_code: str = ""
    error_message: str = ""
    exit_code: int = 0
    pages: int = 0
    tables: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    outputs: tuple[str, ...] = field(default=())

    @property
    def output_dir(self) -> str:
        """The document's own output folder (parent of its outputs), '' when none was written."""
        from os.path import commonpath, dirname

        if not self.outputs:
            return ""
        dirs = [dirname(p) for p in self.outputs]
        return commonpath(dirs) if len(dirs) > 1 else dirs[0]


def failed(key: str, code: str, message: str, exit_code: int, seconds: float = 0.0) -> Outcome:
    return Outcome(key, FAILED, Status.FAILURE.value, code, message, int(exit_code), seconds=seconds)


# errno values that mean OUT itself cannot be written (not this document's fault).
_OUT_ERRNOS = frozenset(
    getattr(errno, n)
    for n in ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO", "EFBIG")
    if hasattr(errno, n)
)
_FULL_ERRNOS = frozenset(
    getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EROFS", "EFBIG") if hasattr(errno, n)
)


def write_fault(err: BaseException) -> OSError | None:
    """The OSError behind ``err`` when it means the output cannot be written (disk full, read-only...)."""
    seen = 0
    cur: BaseException | None = err
    while cur is not None and seen < 5:
        if isinstance(cur, OSError) and cur.errno in _OUT_ERRNOS:
            return cur
        cur = cur.__cause__ or cur.__context__
        seen += 1
    return None


def from_error(key: str, err: BaseException, seconds: float = 0.0) -> Outcome:
    """An exception raised by the per-document function (a ChohyoError, or a bug)."""
    fault = write_fault(err)
    if fault is not None and not isinstance(err, OutputError) and fault.errno not in _FULL_ERRNOS:
        fault = None  # e.g. no permission to read the input: the document's problem, not OUT's
    if fault is not None and (isinstance(err, OutputError) or not isinstance(err, ChohyoError)):
        where = f" ({fault.filename})" if fault.filename else ""
        out = OutputWriteError(f"cannot write the output: {fault.strerror or fault}{where}")
        return failed(key, out.code, out.message, out.exit_code, seconds)
    if isinstance(err, ChohyoError):
        return failed(key, err.code, err.message, err.exit_code, seconds)
    if isinstance(err, MemoryError):
        return failed(
            key,
            "resource-limit",
            "out of memory: the document needs more than the worker's "
            "memory cap (raise --memory-limit if you trust it)",
            ExitCode.RESOURCE_LIMIT,
            seconds,
        )
    text = f"{type(err).__name__}: {err}".strip()
    return failed(
        key,
        INTERNAL_ERROR,
        f"unexpected error (a bug, please report it): {text}",
        ExitCode.OTHER_ERROR,
        seconds,
    )


def from_result(key: str, result: Any) -> Outcome:
    """A ``chohyo.pipeline.Result`` turned into an Outcome."""
    if result.status is Status.FAILURE or result.document is None:
        err = result.error
        if err is None:
            return failed(
                key,
                INTERNAL_ERROR,
                "the conversion failed without saying why",
                ExitCode.OTHER_ERROR,
                result.seconds,
            )
        return from_error(key, err, result.seconds)
    doc = result.document
    findings = doc.findings
    return Outcome(
        key=key,
        status=DONE,
        doc_status=result.status.value,
        pages=len(doc.pages),
        tables=len(doc.tables),
        errors=sum(f.severity is Severity.ERROR for f in findings),
        warnings=sum(f.severity is Severity.WARNING for f in findings),
        seconds=result.seconds,
        outputs=tuple(str(p) for p in result.outputs),
    )
