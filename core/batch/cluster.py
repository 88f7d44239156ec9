"""Run a batch on a Dask distributed cluster (``--cluster tcp://HOST:PORT``).

The client (the ``chohyo batch`` process) discovers inputs, reads and writes the manifest and the
summary; the cluster only converts. Each task runs its document in a child process of the Dask
worker (``chohyo.batch.child``) so a timeout, a crash or the memory cap costs one document, never
the worker. Inputs and OUT must be on a file system the workers see at the same paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from chohyo.batch.inputs import Job
from chohyo.batch.outcome import WORKER_DIED, Outcome, failed
from chohyo.batch.worker import Converter
from chohyo.errors import ExitCode, MissingDependencyError


def _task(converter: Any, key: str, path: str, out_base: str, settings: Any, timeout: float,
          memory_mb: int | None) -> Outcome:
    from chohyo.batch.child import run_in_child

    return run_in_child(converter, key, path, out_base, settings, timeout=timeout, memory_mb=memory_mb)


def run_on_cluster(address: str, jobs: Iterable[Job], converter: Converter | None, settings: Any, *,
                   timeout: float, memory_mb: int | None, on_start: Callable[[Job], None],
                   on_done: Callable[[Job, Outcome], None]) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError as err:
        raise MissingDependencyError("--cluster needs dask.distributed: pip install 'chohyo[cluster]'") from err

    with Client(address, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        futures = {}
        for job in jobs:
            fut = client.submit(_task, converter, job.key, str(job.path), str(job.out_base), settings,
                                timeout, memory_mb, key=f"chohyo-{job.key}-{id(job)}", pure=False, retries=0)
            futures[fut] = job
            on_start(job)
        try:
            with client.as_current():  # as_completed looks for the current client
                done = as_completed(futures)  # type: ignore[no-untyped-call]
            for fut in done:
                job = futures[fut]
                try:
                    outcome = fut.result()
                except Exception as err:  # the Dask worker itself was lost (KilledWorker, ...)
                    outcome = failed(job.key, WORKER_DIED, f"the Dask task failed: {type(err).__name__}: {err}",
                                     ExitCode.OTHER_ERROR)
                on_done(job, outcome)
        finally:
            client.cancel(list(futures))
