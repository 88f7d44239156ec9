"""Tesseract processes, started ahead of their images.

A tesseract process spends its first ~0.09 CPU s loading its language model, before it looks at
any image. Started while a core is idle (the page being cleaned and its rules found), a process
waits with its model loaded; the image is handed over when it is ready, as a file named on the
process's standard input (tesseract reads a list of images there). The command is pytesseract's
with ``stdin stdout`` for the file names: the same reading, hOCR for hOCR (tests/ocr/
test_tesseract_procs.py). A process nobody took is stopped at the end of the page.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import tempfile
import threading

import numpy as np
from chohyo.errors import MissingDependencyError

WAITING_MAX = 4  # processes waiting at once at most (each holds ~100 MB once its model is loaded)

_LOCK = threading.Lock()
# the processes waiting, by command, each with the pid of the process that started it (a forked
# worker inherits this table: its parent's processes are never its own to take or stop)
_WAITING: dict[tuple[str, ...], list[tuple[int, subprocess.Popen[bytes]]]] = {}


def command(cmd: str, lang: str, psm: int, dpi: int, whitelist: str | None = None) -> tuple[str, ...]:
    """The tesseract command line of one hOCR reading, its image named on standard input."""
    args = [
        cmd,
        "stdin",
        "stdout",
        "-l",
        lang,
        "--psm",
        str(psm),
        "--dpi",
        str(dpi),
        "-c",
        "hocr_char_boxes=1",
    ]
    if whitelist:
        args += ["-c", f"tessedit_char_whitelist={whitelist}"]
    return (*args, "hocr")


def _spawned(args: tuple[str, ...], hint: str) -> subprocess.Popen[bytes]:
    try:
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError as err:
        raise MissingDependencyError(f"tesseract was not found ({args[0]!r}); {hint}") from err
    return proc


def start(args: tuple[str, ...], count: int, hint: str) -> None:
    """Start ``count`` processes of ``args`` (fewer when WAITING_MAX are already waiting)."""
    with _LOCK:
        room = WAITING_MAX - sum(len(v) for v in _WAITING.values())
        for _ in range(min(count, room)):
            _WAITING.setdefault(args, []).append((os.getpid(), _spawned(args, hint)))


def _taken(args: tuple[str, ...]) -> subprocess.Popen[bytes] | None:
    with _LOCK:
        waiting = _WAITING.get(args, [])
        while waiting:
            owner, proc = waiting.pop(0)
            if owner == os.getpid() and proc.poll() is None:  # this process's own, still waiting
                return proc
    return None


def hocr(args: tuple[str, ...], image: np.ndarray, hint: str) -> str:
    """The hOCR of ``image`` (grey, uint8) read by a process of ``args``: one started ahead if one
    waits, else a new one."""
    import pytesseract

    proc = _taken(args) or _spawned(args, hint)
    with tempfile.TemporaryDirectory(prefix="chohyo-tess-") as tmp:
        path = os.path.join(tmp, "page.pgm")
        with open(path, "wb") as f:  # PGM: no compression here and none to undo there
            f.write(b"P5\n%d %d\n255\n" % (image.shape[1], image.shape[0]))
            f.write(np.ascontiguousarray(image, dtype=np.uint8).tobytes())
        out, err = proc.communicate((path + "\n").encode())
    if proc.returncode:
        message = " ".join(err.decode("utf-8", "replace").splitlines()).strip()
        raise pytesseract.TesseractError(proc.returncode, message)
    return out.decode("utf-8", "replace")


def stop_waiting() -> None:
    """Stop the processes started ahead that nobody took (this process's own)."""
    with _LOCK:
        procs = [p for waiting in _WAITING.values() for owner, p in waiting if owner == os.getpid()]
        _WAITING.clear()
    for proc in procs:
        proc.kill()
        proc.communicate()  # reaped, its pipes closed


def waiting() -> int:
    """How many processes wait now (tests)."""
    with _LOCK:
        return sum(len(v) for v in _WAITING.values())


atexit.register(stop_waiting)
