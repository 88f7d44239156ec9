"""One conversion of each fixture per test session, shared by every test module and xdist worker.

The OCR tests read the same committed scans in several modules (the 150 dpi budget in test_labels
and test_scanned_documents, the council scan in three modules, five layout-variant scans in
test_ruled_variants and test_scanned_variants, the 200 dpi budget twice in test_norm_scanned...).
Each of them used to run the whole pipeline again in its own module cache, and under pytest-xdist
once more in every worker that picked up one of its tests. Here a result is computed once per
session and kept, pickled, in the session's temporary folder; a worker that wants a result another
is computing waits for it (a file lock) instead of computing it again.

The key is what the result depends on: the function, the file's bytes (sha256) and the settings'
repr (frozen dataclasses: every field). Nothing outlives the session (the folder is pytest's
basetemp), so a code change can never be served a stale result. Every caller gets its own
unpickled copy, as each module had its own before. Results are what the real functions return:
``pipeline.run``, ``extract_document``, ``read_scanned_page`` are called as they are, never
composed here.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

try:  # POSIX; elsewhere workers may compute a result twice, never read a half-written one
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")
_DIR: Path | None = None


def configure(folder: Path | None) -> None:
    """Set by tests/conftest.py at session start: where results are kept (None: in this process only)."""
    global _DIR
    _DIR = folder
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    _memo.clear()


_memo: dict[str, bytes] = {}


@cache
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key(what: str, path: str | Path, *args: Any) -> str:
    p = Path(path).resolve()
    st = p.stat()
    text = "|".join([what, str(p), _file_digest(p, st.st_size, st.st_mtime_ns), *map(repr, args)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@contextmanager
def _locked(lock: Path):
    with open(lock, "a+") as fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_UN)


def shared(what: str, path: str | Path, args: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()`` once per session for (what, the file's bytes, args); a fresh copy for every caller."""
    key = _key(what, path, *args)
    if _DIR is None:  # no session folder (a helper called outside a test): this process only
        if key not in _memo:
            _memo[key] = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
        return pickle.loads(_memo[key])
    stored = _DIR / f"{key}.pickle"
    with _locked(_DIR / f"{key}.lock"):
        if stored.exists():
            return pickle.loads(stored.read_bytes())
        value = compute()
        tmp = stored.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, stored)  # whole or absent: a reader never sees half a file
        return value


# ---- the conversions the tests share -------------------------------------------------------


def run(path: str | Path, settings: Any = None) -> Any:
    """``chohyo.pipeline.run(path, settings)``, once per session (``None`` is ``Settings()``, as in run).

    The real ``run`` composes the stages; only its call of ``chohyo.extract.extract_document`` (the
    OCR, nearly all of the time) is answered from ``extract``'s session cache, so a test that reads
    a scan's extraction and another that runs the whole pipeline on it share one OCR of it.
    """
    import chohyo.extract
    from chohyo.pipeline import run as pipeline_run
    from chohyo.settings import Settings

    settings = settings or Settings()
    real = chohyo.extract.extract_document

    def compute() -> Any:
        chohyo.extract.extract_document = lambda p, s, progress=None: _extract(real, p, s)  # type: ignore[assignment]
        try:
            return pipeline_run(path, settings)
        finally:
            chohyo.extract.extract_document = real  # type: ignore[assignment]

    return shared("pipeline.run", path, (settings,), compute)


def extract(path: str | Path, settings: Any = None) -> Any:
    """``chohyo.extract.extract_document(path, settings)``, once per session."""
    import chohyo.extract
    from chohyo.settings import ExtractSettings

    return _extract(chohyo.extract.extract_document, path, settings or ExtractSettings())


def _extract(extract_document: Callable[[Path, Any], T], path: str | Path, settings: Any) -> T:
    return shared("extract_document", path, (settings,), lambda: extract_document(Path(path), settings))


def scanned_page(path: str | Path, index: int, settings: Any = None) -> Any:
    """``chohyo.extract.ocr.read_scanned_page`` of one page (0-based), once per session: (page, findings)."""
    import pypdfium2 as pdfium
    from chohyo.extract.ocr import read_scanned_page
    from chohyo.settings import ExtractSettings

    settings = settings or ExtractSettings()

    def compute() -> Any:
        pdf = pdfium.PdfDocument(path)
        try:
            return read_scanned_page(pdf, index, settings)
        finally:
            pdf.close()

    return shared("read_scanned_page", path, (index, settings), compute)


def group(name: str) -> Any:
    """The xdist_group of the tests that read one shared conversion: one worker does it, once, and
    runs them one after another (`make test` uses --dist loadgroup), so no worker waits for another."""
    import pytest

    return pytest.mark.xdist_group(f"doc:{name}")
