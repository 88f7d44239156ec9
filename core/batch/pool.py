"""A small pool of worker processes that we manage ourselves, so a hung one can be killed.

(``ProcessPoolExecutor`` cannot kill one task, and marks the whole pool broken when a worker dies.)
Each worker is a long-lived spawned process that converts one document at a time; the parent
watches its pipe and its sentinel: a result, a death (replaced, document failed) or a timeout
(killed, replaced, document failed).
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from chohyo.batch.inputs import Job
from chohyo.batch.outcome import WORKER_DIED, Outcome, failed
from chohyo.batch.worker import Converter, exits_after, worker_main
from chohyo.errors import DocumentTimeoutError, ExitCode

_CTX = multiprocessing.get_context("spawn")  # no fork: the parent has threads (progress display)


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    job: Job | None = None
    started: float = 0.0


def death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (possibly the system's out-of-memory killer)" if name == "SIGKILL" else ""
        return f"the worker process died while converting this document: killed by {name}{hint}"
    return f"the worker process died while converting this document: it exited with code {exitcode}"


def timeout_outcome(key: str, timeout: float) -> Outcome:
    err = DocumentTimeoutError(
        f"the document took longer than {timeout:g} s; its worker was stopped "
        "(raise --timeout or split the document)"
    )
    return failed(key, err.code, err.message, err.exit_code, timeout)


class LocalPool:
    def __init__(
        self,
        workers: int,
        converter: Converter | None,
        settings: Any,
        *,
        timeout: float,
        memory_mb: int | None,
    ) -> None:
        self.size = max(1, workers)
        self.converter = converter
        self.settings = settings
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.workers: list[_Worker] = []
        self.sharing = self.size  # workers running at once (sets each one's OCR threads)

    def _spawn(self) -> _Worker:
        parent, child = _CTX.Pipe()
        proc = _CTX.Process(
            target=worker_main,
            args=(child, self.converter, self.settings, self.memory_mb, self.sharing),
            name="chohyo-batch-worker",
            daemon=True,
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _retire(self, w: _Worker) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(5)
        w.conn.close()
        self.workers.remove(w)

    def run(
        self, jobs: Iterable[Job], on_start: Callable[[Job], None], on_done: Callable[[Job, Outcome], None]
    ) -> None:
        pending = deque(jobs)
        try:
            self.sharing = min(self.size, len(pending))
            self.workers = [self._spawn() for _ in range(self.sharing)]
            while True:
                self._assign(pending, on_start)
                busy = [w for w in self.workers if w.job is not None]
                if not busy:
                    return
                now = time.monotonic()
                next_deadline = min(w.started + self.timeout for w in busy)
                ready = wait(
                    [w.conn for w in busy] + [w.proc.sentinel for w in busy],
                    timeout=max(0.0, min(next_deadline - now, 1.0)),
                )
                if ready or time.monotonic() >= next_deadline:
                    self._collect(busy, bool(pending), on_done)
        finally:
            for w in list(self.workers):
                self._retire(w)

    def _assign(self, pending: deque[Job], on_start: Callable[[Job], None]) -> None:
        for w in list(self.workers):
            if w.job is not None or not pending:
                continue
            job = pending[0]
            try:
                w.conn.send((job.key, str(job.path), str(job.out_base)))
            except (BrokenPipeError, OSError):  # died while idle: replace, try again next round
                self._retire(w)
                self.workers.append(self._spawn())
                continue
            pending.popleft()
            w.job, w.started = job, time.monotonic()
            on_start(job)

    def _collect(self, busy: list[_Worker], more: bool, on_done: Callable[[Job, Outcome], None]) -> None:
        for w in busy:
            job = w.job
            assert job is not None
            outcome: Outcome | None = None
            if w.conn.poll():
                try:
                    outcome = w.conn.recv()
                except (EOFError, OSError):
                    outcome = None
            if outcome is not None:
                w.job = None
                on_done(job, outcome)
                if exits_after(outcome):  # it exits by itself: replace it now, never send it a job
                    self._retire(w)
                    if more:
                        self.workers.append(self._spawn())
                continue
            if not w.proc.is_alive():
                w.proc.join()
                on_done(
                    job,
                    failed(
                        job.key,
                        WORKER_DIED,
                        death_reason(w.proc.exitcode),
                        ExitCode.OTHER_ERROR,
                        time.monotonic() - w.started,
                    ),
                )
                self._retire(w)
                if more:
                    self.workers.append(self._spawn())
            elif time.monotonic() - w.started >= self.timeout:
                self._retire(w)
                on_done(job, timeout_outcome(job.key, self.timeout))
                if more:
                    self.workers.append(self._spawn())
