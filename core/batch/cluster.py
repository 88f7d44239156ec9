"""Run a batch on a Dask distributed cluster (``--cluster tcp://HOST:PORT``).

The client (the ``chohyo batch`` process) discovers inputs, reads and writes the manifest and the
summary; the cluster only converts. Each task runs its document in a child process of the Dask
worker (``chohyo.batch.child``) so a timeout, a crash or the memory cap costs one document, never
the worker. Inputs and OUT must be on a file system the workers see at the same paths.

Nothing is waited on forever: a scheduler that cannot be reached within ``wait`` seconds, or a
cluster that stays without a worker (or without its scheduler) for ``wait`` seconds, ends the batch
with a ClusterError (exit 12); the documents not finished stay pending for the next run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from chohyo.batch.inputs import Job
from chohyo.batch.names import display
from chohyo.batch.outcome import WORKER_DIED, Outcome, failed
from chohyo.batch.worker import Converter
from chohyo.errors import ClusterError, ExitCode, MissingDependencyError

POLL = 0.5  # seconds between checks of the cluster's health


def _task(
    converter: Any, key: str, path: str, out_base: str, settings: Any, timeout: float, memory_mb: int | None
) -> Outcome:
    from chohyo.batch.child import run_in_child

    return run_in_child(converter, key, path, out_base, settings, timeout=timeout, memory_mb=memory_mb)


def _connect(address: str, wait: float) -> Any:
    from distributed import Client

    try:
        return Client(address, set_as_default=False, timeout=wait)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as err:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {display(address)} within {wait:g} s "
            f"({type(err).__name__}: {display(str(err))}); check the address and that "
            "`dask scheduler` runs there"
        ) from err
    except ValueError as err:  # a malformed address
        raise ClusterError(
            f"--cluster {display(address)!r} is not a scheduler address "
            f"(e.g. tcp://HOST:8786): {display(str(err))}"
        ) from err


def _workers(client: Any) -> int | None:
    """How many workers the scheduler has; None when the scheduler cannot be asked."""
    if client.status != "running":
        return None
    try:
        info = client.scheduler_info()
    except Exception:
        return None
    return len(info.get("workers", {}))


def run_on_cluster(
    address: str,
    jobs: Iterable[Job],
    converter: Converter | None,
    settings: Any,
    *,
    timeout: float,
    memory_mb: int | None,
    on_start: Callable[[Job], None],
    on_done: Callable[[Job, Outcome], None],
    wait: float = 60.0,
) -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as err:
        raise MissingDependencyError(
            "--cluster needs dask.distributed: pip install 'chohyo[cluster]'"
        ) from err

    client = _connect(address, wait)
    futures: dict[Any, Job] = {}
    try:
        for job in jobs:
            fut = client.submit(
                _task,
                converter,
                job.key,
                str(job.path),
                str(job.out_base),
                settings,
                timeout,
                memory_mb,
                key=f"chohyo-{job.key}-{id(job)}",
                pure=False,
                retries=0,
            )
            futures[fut] = job
            on_start(job)
        pending = set(futures)
        healthy = time.monotonic()
        while pending:
            done = {f for f in pending if f.done()}  # local state: no call to the scheduler
            pending -= done
            if not done:
                time.sleep(POLL)
            for fut in sorted(done, key=lambda f: futures[f].key):  # a stable order
                job = futures[fut]
                try:
                    outcome = fut.result(timeout=wait)
                except Exception as err:  # the Dask worker itself was lost (KilledWorker, ...)
                    outcome = failed(
                        job.key,
                        WORKER_DIED,
                        f"the Dask task failed: {type(err).__name__}: {err}",
                        ExitCode.OTHER_ERROR,
                    )
                on_done(job, outcome)
            if done:
                healthy = time.monotonic()
                continue
            n = _workers(client)
            if n:
                healthy = time.monotonic()
            elif time.monotonic() - healthy > wait:
                what = "lost its scheduler" if n is None else "has no worker left"
                raise ClusterError(
                    f"the Dask cluster at {display(address)} {what} for more than {wait:g} s; "
                    f"{len(pending)} document(s) not converted: start workers "
                    "(`dask worker ...`) and rerun to convert them"
                )
    finally:
        try:
            client.cancel(list(futures))
        except Exception:
            pass
        try:
            client.close(timeout=min(wait, 10))
        except Exception:
            pass
