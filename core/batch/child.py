"""One document in a fresh child process: ``python -m chohyo.batch.child`` (used on Dask workers).

Dask worker processes are daemons and may not fork multiprocessing children, and a task running
inside the worker could not be killed on timeout; a plain subprocess can, and a crash or the memory
cap takes down only the child. Reads a pickled (converter, key, path, out_base, settings, memory_mb)
on stdin, writes the pickled Outcome on the stdout it was given (the converter's prints go to stderr).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from chohyo.batch.outcome import WORKER_DIED, Outcome, failed
from chohyo.errors import ExitCode


def main() -> None:
    from chohyo.batch.isolation import cap_memory, die_with_parent, share_cores
    from chohyo.batch.worker import run_one

    die_with_parent()
    converter, key, path, out_base, settings, memory_mb = pickle.loads(sys.stdin.buffer.read())
    cap_memory(memory_mb)
    share_cores(2)  # a Dask worker runs one task per core: one OCR thread each
    result_fd = os.dup(1)
    os.dup2(2, 1)  # anything the converter prints must not corrupt the result
    from chohyo.runtime import private_tempdir

    with private_tempdir():  # a child killed on timeout leaves its temp files to the next one's sweep
        outcome = run_one(converter, key, Path(path), Path(out_base), settings)
    with os.fdopen(result_fd, "wb") as out:
        out.write(pickle.dumps(outcome))


def run_in_child(
    converter: Any,
    key: str,
    path: str,
    out_base: str,
    settings: Any,
    *,
    timeout: float,
    memory_mb: int | None,
) -> Outcome:
    """Run one document in a child process; a timeout kills it, a crash is reported as such."""
    from chohyo.batch.pool import death_reason, timeout_outcome

    payload = pickle.dumps((converter, key, path, out_base, settings, memory_mb))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # the task's own imports, tests' included
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "chohyo.batch.child"],
            input=payload,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return timeout_outcome(key, timeout)
    if proc.returncode == 0 and proc.stdout:
        try:
            outcome: Outcome = pickle.loads(proc.stdout)
            return outcome
        except Exception:
            pass
    tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    reason = death_reason(proc.returncode) + (f": {tail[0]}" if tail[0] else "")
    return failed(key, WORKER_DIED, reason, ExitCode.OTHER_ERROR, time.monotonic() - start)


if __name__ == "__main__":
    main()
