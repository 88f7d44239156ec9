"""How many threads the OCR of one document may use: one place, the environment variable CHOHYO_OCR_THREADS.

Default: every core this process may run on. A batch with several workers sets it to 1 in each
worker (one worker per core already fills the machine; more threads only oversubscribe it).
Used for onnxruntime's intra-op threads (RapidOCR) and the per-page pool of cell strips.
"""

from __future__ import annotations

import os

ENV = "CHOHYO_OCR_THREADS"


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def ocr_threads() -> int:
    value = os.environ.get(ENV, "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            pass  # a typo must not stop OCR: fall back to the default
    return cores()
