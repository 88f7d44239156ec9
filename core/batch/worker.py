"""The per-document call and the loop of a local worker process."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from chohyo.batch.isolation import cap_memory, die_with_parent, ignore_interrupts, share_cores
from chohyo.batch.outcome import Outcome, from_error, from_result
from chohyo.runtime import private_tempdir

Converter = Callable[..., Any]  # (path, out_dir, settings) -> chohyo.pipeline.Result


def default_converter() -> Converter:
    from chohyo.pipeline import convert

    return convert


def exits_after(outcome: Outcome) -> bool:
    """A worker that ran out of memory may be in a bad state: it exits and is replaced."""
    return outcome.error_code == "resource-limit" and outcome.error_message.startswith("out of memory")


def run_one(converter: Converter | None, key: str, path: Path, out_base: Path, settings: Any) -> Outcome:
    """Convert one document; every exception becomes a failed Outcome (MemoryError included)."""
    start = time.perf_counter()
    try:
        result = (converter or default_converter())(path, out_base, settings)
    except Exception as err:  # a bug in a stage must not stop the batch: it is reported with its type
        return from_error(key, err, time.perf_counter() - start)
    return from_result(key, result)


def worker_main(
    conn: Connection, converter: Converter | None, settings: Any, memory_mb: int | None, workers: int = 2
) -> None:
    """Receive (key, path, out_base) jobs until None; send one Outcome per job.

    ``workers``: how many workers share the machine (sets the OCR threads of this one)."""
    die_with_parent()
    ignore_interrupts()
    cap_memory(memory_mb)
    share_cores(workers)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        key, path, out_base = job
        with private_tempdir():  # Tesseract's files go here; a worker killed on timeout is swept later
            outcome = run_one(converter, key, Path(path), Path(out_base), settings)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return
        if exits_after(outcome):
            os._exit(0)  # a process that ran out of memory may be in a bad state: let it be replaced
