"""Run a batch: discover, skip what is already done, convert the rest, record each result."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from chohyo.batch.housekeeping import clean_stale_temps, out_lock
from chohyo.batch.inputs import HashTimeout, Job, discover, sha256_of
from chohyo.batch.manifest import Manifest, ManifestDamaged, now
from chohyo.batch.names import text_of
from chohyo.batch.outcome import DONE, FAILED, IGNORED, SKIPPED, Outcome, failed
from chohyo.batch.progress import Reporter, reporter
from chohyo.batch.worker import Converter
from chohyo.errors import ChohyoError, DocumentTimeoutError, ExitCode, OutputWriteError, UsageError
from chohyo.settings import Settings

MANIFEST = "manifest.sqlite"
SUMMARY = "summary.csv"
NOT_REGULAR = "not-regular-file"


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@dataclass(frozen=True)
class BatchOptions:
    workers: int | None = None  # None: one per core
    timeout: float = 600.0  # seconds per document
    memory_mb: int | None = 4096  # address-space cap per worker (RLIMIT_AS); None or 0: no cap
    retry_failed: bool = False
    force: bool = False
    settings: Settings = field(default_factory=Settings)
    cluster: str | None = None  # tcp://HOST:PORT of a Dask scheduler
    converter: Converter | None = None  # None: chohyo.pipeline.convert
    progress: str = "auto"  # auto | bar | plain | quiet
    rebuild_manifest: bool = False  # set the manifest aside and rebuild it from the outputs on disk
    cluster_wait: float = 60.0  # seconds the cluster may stay unreachable or without workers

    def __post_init__(self) -> None:
        """Values that cannot work are refused (UsageError, exit 2) before anything is written."""
        if (
            isinstance(self.timeout, bool)
            or not isinstance(self.timeout, int | float)
            or not math.isfinite(self.timeout)
            or self.timeout <= 0
        ):
            raise UsageError(f"--timeout must be a number of seconds above 0, not {self.timeout!r}")
        if self.memory_mb is not None and (not isinstance(self.memory_mb, int) or self.memory_mb < 0):
            raise UsageError(
                f"--memory-limit must be a number of MB, 0 or more (0: no cap), not {self.memory_mb!r}"
            )
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise UsageError(f"-j/--jobs must be at least 1, not {self.workers!r}")
        if (
            not isinstance(self.cluster_wait, int | float)
            or not math.isfinite(self.cluster_wait)
            or self.cluster_wait <= 0
        ):
            raise UsageError(f"--cluster-wait must be a number of seconds above 0, not {self.cluster_wait!r}")


@dataclass
class BatchReport:
    out: Path
    jobs: list[Job]
    outcomes: dict[str, Outcome]  # by Job.key; inputs not reached (interrupted) are missing
    seconds: float = 0.0
    interrupted: bool = False
    fault: ChohyoError | None = None  # what stopped the batch (OUT unwritable, cluster lost...)
    notes: list[str] = field(default_factory=list)  # what the run decided on its own (redone, rebuilt)

    def of(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes.values() if o.status == status]

    @property
    def pages_converted(self) -> int:
        return sum(o.pages for o in self.of(DONE))

    @property
    def pages_per_second(self) -> float:
        return self.pages_converted / self.seconds if self.seconds else 0.0

    def still_failed(self) -> list[Outcome]:
        """Failed now, skipped because they failed before (rerun with --retry-failed), or not files."""
        return [
            o
            for o in self.outcomes.values()
            if o.status in (FAILED, IGNORED) or (o.status == SKIPPED and o.error_code)
        ]

    @property
    def exit_code(self) -> ExitCode:
        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.fault is not None:
            return self.fault.exit_code
        if self.still_failed():
            return ExitCode.SOME_FAILED
        if any(o.errors for o in self.outcomes.values()):
            return ExitCode.VALIDATION_ERRORS
        return ExitCode.OK


def _skipped(prev_outcome: Outcome) -> Outcome:
    from dataclasses import replace

    return replace(prev_outcome, status=SKIPPED)


def _set_aside(path: Path, why: str) -> Path:
    """Rename the manifest (and its WAL files) out of the way; return the new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.{why}-{stamp}")
    for suffix in ("", "-wal", "-shm", "-journal"):
        src = path.with_name(path.name + suffix)
        if src.exists():
            try:
                os.replace(src, aside.with_name(aside.name + suffix))
            except OSError as err:
                raise OutputWriteError(
                    f"cannot set the manifest aside: {err.strerror or err}", path=str(src)
                ) from err
    return aside


def _clear_reserved(out: Path) -> list[str]:
    """A folder where the manifest or the summary belongs (an older chohyo put a document there, from an
    input named e.g. summary.csv.pdf) is renamed out of the way; its document is converted again."""
    notes = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for name in (MANIFEST, SUMMARY):
        path = out / name
        if path.is_dir() and not path.is_symlink():
            aside = out / f"{name}.folder-{stamp}"
            try:
                os.replace(path, aside)
            except OSError as err:
                raise OutputWriteError(
                    f"{name} is a folder and cannot be moved away: {err.strerror or err}", path=str(path)
                ) from err
            notes.append(
                f"{name} was a folder (a document's outputs, from an older chohyo): moved to {aside.name}"
            )
    return notes


def open_manifest(out: Path, *, rebuild: bool) -> tuple[Manifest, list[str]]:
    """The manifest, rebuilt from the outputs on disk when asked, when damaged, or when it is missing."""
    path = out / MANIFEST
    notes = _clear_reserved(out)
    fresh = not path.exists()
    if rebuild and not fresh:
        aside = _set_aside(path, "old")
        notes.append(f"--rebuild-manifest: the old manifest was kept as {aside.name}")
        fresh = True
    try:
        manifest = Manifest(path, out)
    except ManifestDamaged as err:
        aside = _set_aside(path, "damaged")
        notes.append(
            f"the manifest was damaged ({err}); it was kept as {aside.name} and rebuilt "
            "from the outputs on disk"
        )
        manifest, fresh = Manifest(path, out), True
    if fresh:
        n = manifest.rebuild()
        if n or rebuild or notes:
            notes.append(
                f"manifest rebuilt from the outputs on disk: {n} finished document(s) recovered "
                "(the others are converted)"
            )
    return manifest, notes


def run_batch(
    inputs: list[Path], out: Path, options: BatchOptions | None = None, show: Reporter | None = None
) -> BatchReport:
    """Convert every input under ``inputs`` into ``out``; never raises for a bad document.

    Raises ChohyoError before any conversion (missing input, OUT unwritable or in use, manifest
    locked); a fault during the batch (disk full, cluster lost) ends it with ``report.fault`` set."""
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
        manifest, report.notes = open_manifest(out, rebuild=opts.rebuild_manifest)
        with manifest:
            todo: list[Job] = []
            hashes: dict[str, str] = {}
            started: dict[str, str] = {}

            def record(job: Job, outcome: Outcome) -> None:
                manifest.record(
                    outcome,
                    input=text_of(str(job.path)),
                    sha256=hashes.get(job.key, ""),
                    version=__version__,
                    settings=fingerprint,
                    started=started.get(job.key, now()),
                )
                report.outcomes[job.key] = outcome

            early: list[tuple[Job, Outcome]] = []
            for job in jobs:
                if job.not_regular:  # never opened: a FIFO or a device would block or never end
                    o = Outcome(
                        job.key,
                        IGNORED,
                        "",
                        NOT_REGULAR,
                        f"{job.not_regular}, not a regular file: not opened",
                        int(ExitCode.INPUT_FILE),
                    )
                    report.outcomes[job.key] = o
                    early.append((job, o))
                    continue
                try:
                    hashes[job.key] = sha = sha256_of(job.path, timeout=opts.timeout)
                except HashTimeout as err:
                    e = DocumentTimeoutError(f"{err} (raise --timeout, or check the file system)")
                    o = failed(job.key, e.code, e.message, e.exit_code, opts.timeout)
                    record(job, o)
                    early.append((job, o))
                    continue
                prev, why = (
                    (None, "")
                    if opts.force
                    else manifest.reusable(job.key, sha, fingerprint, retry_failed=opts.retry_failed)
                )
                if why:
                    report.notes.append(f"{job.key}: {why}")
                if prev is None:
                    todo.append(job)
                else:
                    report.outcomes[job.key] = _skipped(prev.outcome())

            def on_start(job: Job) -> None:
                started[job.key] = now()

            def on_done(job: Job, outcome: Outcome) -> None:
                # The outputs were renamed into place before the worker answered: the row goes last.
                record(job, outcome)
                show.done(job, outcome)
                if outcome.error_code == OutputWriteError.code:  # OUT itself: every next document would fail
                    raise OutputWriteError(
                        f"{outcome.error_message}; free space or fix the output folder, then "
                        "rerun: the documents not finished are converted then",
                        path=str(out),
                    )

            show.start(len(jobs), len(todo))
            note = getattr(show, "note", None)
            if note is not None:
                for text in report.notes:
                    note(f"note: {text}")
                for _job, o in early:
                    note(f"{o.status:<7} {o.key}: {o.error_code}: {o.error_message}")
            try:
                _convert(todo, opts, on_start, on_done)
            except KeyboardInterrupt:
                report.interrupted = True
            except ChohyoError as err:
                report.fault = err
            finally:
                show.close()
                clean_stale_temps(out)  # workers stopped mid-document (Ctrl-C) leave temporary folders
                report.seconds = time.perf_counter() - t0
        from chohyo.batch.summary import write_csv

        try:
            write_csv(report, out / SUMMARY, opts.settings.emit.encoding)
        except ChohyoError as err:
            report.fault = report.fault or err
    return report


def _convert(
    todo: list[Job],
    opts: BatchOptions,
    on_start: Callable[[Job], None],
    on_done: Callable[[Job, Outcome], None],
) -> None:
    if not todo:
        return
    if opts.cluster:
        from chohyo.batch.cluster import run_on_cluster

        run_on_cluster(
            opts.cluster,
            todo,
            opts.converter,
            opts.settings,
            timeout=opts.timeout,
            memory_mb=opts.memory_mb or None,
            on_start=on_start,
            on_done=on_done,
            wait=opts.cluster_wait,
        )
        return
    from chohyo.batch.pool import LocalPool

    pool = LocalPool(
        opts.workers or default_workers(),
        opts.converter,
        opts.settings,
        timeout=opts.timeout,
        memory_mb=opts.memory_mb or None,
    )
    pool.run(todo, on_start, on_done)
