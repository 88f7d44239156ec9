"""Run a batch: discover, skip what is already done, convert the rest, record each result."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from chohyo.batch.housekeeping import clean_stale_temps, out_lock
from chohyo.batch.inputs import Job, discover, sha256_of
from chohyo.batch.manifest import Manifest, now
from chohyo.batch.outcome import DONE, FAILED, SKIPPED, Outcome
from chohyo.batch.progress import Reporter, reporter
from chohyo.batch.worker import Converter
from chohyo.errors import ExitCode
from chohyo.settings import Settings

MANIFEST = "manifest.sqlite"
SUMMARY = "summary.csv"


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass(frozen=True)
class BatchOptions:
    workers: int | None = None  # None: one per core
    timeout: float = 600.0  # seconds per document
    memory_mb: int | None = 4096  # address-space cap per worker (RLIMIT_AS); None: no cap
    retry_failed: bool = False
    force: bool = False
    settings: Settings = field(default_factory=Settings)
    cluster: str | None = None  # tcp://HOST:PORT of a Dask scheduler
    converter: Converter | None = None  # None: chohyo.pipeline.convert
    progress: str = "auto"  # auto | bar | plain | quiet


@dataclass
class BatchReport:
    out: Path
    jobs: list[Job]
    outcomes: dict[str, Outcome]  # by Job.key; inputs not reached (interrupted) are missing
    seconds: float = 0.0
    interrupted: bool = False

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes.values() if o.status == status]

    @property
    def pages_converted(self) -> int:
        return sum(o.pages for o in self.of(DONE))

    @property
    def pages_per_second(self) -> float:
        return self.pages_converted / self.seconds if self.seconds else 0.0

    def still_failed(self) -> list[Outcome]:
        """Failed now, or skipped because they failed before (rerun with --retry-failed)."""
        return [o for o in self.outcomes.values() if o.status == FAILED or (o.status == SKIPPED and o.error_code)]

    @property
    def exit_code(self) -> ExitCode:
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.still_failed():
            return ExitCode.SOME_FAILED
        if any(o.errors for o in self.outcomes.values()):
            return ExitCode.VALIDATION_ERRORS
        return ExitCode.OK


def _skipped(prev_outcome: Outcome) -> Outcome:
    from dataclasses import replace

    return replace(prev_outcome, status=SKIPPED)


def run_batch(inputs: list[Path], out: Path, options: BatchOptions | None = None,
              show: Reporter | None = None) -> BatchReport:
    """Convert every input under ``inputs`` into ``out``; never raises for a bad document."""
    opts = options or BatchOptions()
    from chohyo import __version__

    out = Path(os.path.abspath(out))
    t0 = time.perf_counter()
    with out_lock(out):
        clean_stale_temps(out)
        jobs = discover(inputs, out)
        fingerprint = opts.settings.fingerprint()
        report = BatchReport(out, jobs, {})
        show = show or reporter(opts.progress)
        with Manifest(out / MANIFEST) as manifest:
            todo: list[Job] = []
            hashes: dict[str, str] = {}
            for job in jobs:
                hashes[job.key] = sha = sha256_of(job.path)
                prev = None if opts.force else manifest.reusable(job.key, sha, fingerprint,
                                                                 retry_failed=opts.retry_failed)
                if prev is None:
                    todo.append(job)
                else:
                    report.outcomes[job.key] = _skipped(prev.outcome())
            started: dict[str, str] = {}

            def on_start(job: Job) -> None:
                started[job.key] = now()

            def on_done(job: Job, outcome: Outcome) -> None:
                # The outputs were renamed into place before the worker answered: the row goes last.
                manifest.record(outcome, input=str(job.path), sha256=hashes[job.key], version=__version__,
                                settings=fingerprint, started=started.get(job.key, now()))
                report.outcomes[job.key] = outcome
                show.done(job, outcome)

            show.start(len(jobs), len(todo))
            try:
                _convert(todo, opts, on_start, on_done)
            except KeyboardInterrupt:
                report.interrupted = True
            finally:
                show.close()
                clean_stale_temps(out)  # workers stopped mid-document (Ctrl-C) leave temporary folders
                report.seconds = time.perf_counter() - t0
        from chohyo.batch.summary import write_csv

        write_csv(report, out / SUMMARY, opts.settings.emit.encoding)
    return report


def _convert(todo: list[Job], opts: BatchOptions, on_start: Callable[[Job], None],
             on_done: Callable[[Job, Outcome], None]) -> None:
    if not todo:
        return
    if opts.cluster:
        from chohyo.batch.cluster import run_on_cluster

        run_on_cluster(opts.cluster, todo, opts.converter, opts.settings, timeout=opts.timeout,
                       memory_mb=opts.memory_mb, on_start=on_start, on_done=on_done)
        return
    from chohyo.batch.pool import LocalPool

    pool = LocalPool(opts.workers or default_workers(), opts.converter, opts.settings, timeout=opts.timeout,
                     memory_mb=opts.memory_mb)
    pool.run(todo, on_start, on_done)
