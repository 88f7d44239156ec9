"""Batch conversion: many inputs, worker processes (or a Dask cluster), a durable manifest.

Entry point: ``run_batch(inputs, out, options) -> BatchReport``. Each document goes through a
per-document function, ``chohyo.pipeline.convert`` unless another is passed (tests do).
"""

from __future__ import annotations

from chohyo.batch.inputs import INPUT_SUFFIXES, Job, discover
from chohyo.batch.manifest import Manifest
from chohyo.batch.outcome import Outcome
from chohyo.batch.runner import BatchOptions, BatchReport, run_batch

__all__ = [
    "INPUT_SUFFIXES",
    "BatchOptions",
    "BatchReport",
    "Job",
    "Manifest",
    "Outcome",
    "discover",
    "run_batch",
]
