"""Small runtime helpers shared by the pipeline and the stages."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path
from typing import Any

from chohyo.errors import DocumentTimeoutError


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic GC while a document is built: the model is acyclic frozen objects, yet every full
    collection walks the whole document (a quarter of a stage's time on a long book)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def text_path(path: str | PathLike[str]) -> str:
    """``path`` as text every output can hold: a file name that is not UTF-8 (a Shift_JIS name from an
    old zip) arrives with lone surrogates, which JSON, Parquet and the terminal refuse; its odd bytes
    are written as ``\\xe9`` instead, visible and unambiguous."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


class Deadline:
    """A document's wall-time budget (``max_seconds``), checked between pages: in the library, the CLI and
    each batch worker alike. A single page stuck inside PDFium is not interrupted (``batch --timeout``
    kills its worker for that)."""

    def __init__(self, seconds: float, source: str) -> None:
        self.seconds = seconds
        self.source = source
        self.end = time.monotonic() + seconds

    def check(self, page: int) -> None:
        if time.monotonic() > self.end:
            raise DocumentTimeoutError(
                f"reading it took longer than {self.seconds:g} s (max_seconds, --timeout); stopped before "
                f"page {page}. Raise the limit or read fewer pages (--pages).",
                path=self.source,
            )


def import_onnxruntime() -> Any:
    """onnxruntime, its telemetry off, with no trace left: its native module, the moment it is loaded
    (before ``disable_telemetry_events`` can run), writes a telemetry session file (``.ses``) into the
    temp folder and a device id and an event database under ~/.cache/Microsoft. It is loaded with
    TMPDIR, HOME and XDG_CACHE_HOME pointing at a private folder, removed right after."""
    if "onnxruntime" in sys.modules:
        return sys.modules["onnxruntime"]
    private = tempfile.mkdtemp(prefix="chohyo-ort-")
    names = ("TMPDIR", "HOME", "XDG_CACHE_HOME")
    before = {name: os.environ.get(name) for name in names}
    os.environ.update({"TMPDIR": private, "HOME": private, "XDG_CACHE_HOME": os.path.join(private, ".cache")})
    try:
        import onnxruntime

        onnxruntime.disable_telemetry_events()  # README promises nothing leaves the machine
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(private, ignore_errors=True)
    return onnxruntime


_TEMP_PREFIX = "chohyo-"


@contextmanager
def private_tempdir(base: Path | None = None) -> Iterator[Path]:
    """This process's own temp folder (TMPDIR for it and its children: Tesseract's image and text files),
    named with its pid and removed on the way out. A process killed with -9 cannot clean up, so each new
    one first removes the folders of chohyo processes that no longer exist (``sweep_stale_tempdirs``)."""
    root = Path(base or tempfile.gettempdir())
    sweep_stale_tempdirs(root)
    path = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", dir=root))
    env_before, module_before = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = str(path)
    try:
        yield path
    finally:
        tempfile.tempdir = module_before
        if env_before is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = env_before
        shutil.rmtree(path, ignore_errors=True)


def sweep_stale_tempdirs(root: Path) -> list[Path]:
    """Remove ``chohyo-<pid>-*`` folders in ``root`` whose process is gone (and that are ours)."""
    removed = []
    for path in root.glob(f"{_TEMP_PREFIX}*-*"):
        pid = path.name.split("-")[1]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            if not path.is_dir() or path.is_symlink() or path.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
