"""Find the inputs of a batch (recursive, sorted, deterministic) and where each one's outputs go."""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from chohyo.batch.names import display, text_of
from chohyo.errors import InputFileError
from chohyo.outnames import doc_stem

INPUT_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})

# Names the batch itself uses at the top of OUT (compared case-insensitively, for macOS and Windows):
# no document folder and no mirrored input folder may land on them.
RESERVED_PREFIXES = ("manifest.sqlite", "summary.csv", ".chohyo-batch")


@dataclass(frozen=True)
class Job:
    key: str  # path relative to the batch root, '/'-separated, valid Unicode: the manifest's key
    path: Path  # the input as found (may be a broken symlink: the extract stage reports it)
    out_base: Path  # the folder given to convert(); the document's outputs go to out_base/<stem>/
    not_regular: str = ""  # what the input is when it is not a regular file ('a FIFO'...): never opened

    @property
    def out_dir(self) -> Path:
        return self.out_base / doc_stem(self.path)


def reserved(name: str) -> bool:
    """True for a name no document folder may take at the top of OUT."""
    return name.lower().startswith(RESERVED_PREFIXES)


def _kind(path: Path) -> str:
    """'' for a regular file (or a symlink to one, or a broken symlink), else what it is."""
    try:
        mode = os.stat(path).st_mode  # follows symlinks; never opens, so a FIFO cannot block here
    except OSError:
        return ""  # broken symlink, no permission...: the worker says why it cannot be read
    if stat.S_ISREG(mode):
        return ""
    for test, what in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return what + (" (through a symlink)" if path.is_symlink() else "")
    return "not a regular file"


def _is_input(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in INPUT_SUFFIXES


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # A symlink to a folder is listed in dirnames; a broken one or a file link in filenames.
        found.extend(Path(dirpath) / f for f in filenames if not f.startswith(".") and _is_input(f))
    return found


def _root(inputs: list[Path]) -> Path:
    bases = [p if p.is_dir() else p.parent for p in inputs]
    return Path(os.path.commonpath([str(b) for b in bases]))


def _mirror(rel_parent: PurePosixPath) -> PurePosixPath:
    """The input folder's place under OUT: a top folder with a reserved name gets a leading '_'."""
    parts = list(rel_parent.parts)
    if parts and reserved(parts[0]):
        parts[0] = "_" + parts[0]
    return PurePosixPath(*parts) if parts else PurePosixPath()


def discover(inputs: list[Path], out: Path) -> list[Job]:
    """Every PDF and image under ``inputs``; raises InputFileError for an input that does not exist.

    Each document gets a folder of its own that is never the manifest, the summary, a folder that
    holds other documents' folders, or another document's folder."""
    absolute = [Path(os.path.abspath(p)) for p in inputs]
    for given, p in zip(inputs, absolute, strict=True):
        if not p.exists() and not p.is_symlink():
            raise InputFileError(f"no such file or folder: {display(str(given))}")
    files: set[Path] = set()
    for p in absolute:
        if p.is_dir():
            files.update(_walk(p))
        else:
            files.add(p)  # named explicitly: taken whatever its suffix (extract says if it cannot read it)
    root = _root(absolute)
    out = Path(os.path.abspath(out))
    ordered = sorted(
        (p for p in files if out not in p.parents),  # never convert our own outputs
        key=lambda p: text_of(p.relative_to(root).as_posix()),
    )
    rels = {p: PurePosixPath(p.relative_to(root).as_posix()) for p in ordered}
    # Every folder under OUT that will hold document folders: no document folder may take one.
    holders: set[PurePosixPath] = set()
    for rel in rels.values():
        d = _mirror(rel.parent)
        holders.update([d, *d.parents])
    jobs: list[Job] = []
    taken: set[PurePosixPath] = set()
    keys: set[str] = set()
    for path in ordered:
        rel = rels[path]
        base = _mirror(rel.parent)
        stem = doc_stem(path)
        name = text_of(path.name) if base.parts else "_" + text_of(path.name)  # '_': never a reserved name
        candidates = itertools.chain(
            [base, base / path.name, base / name], (base / f"{name}~{n}" for n in itertools.count(2))
        )
        for cand in candidates:
            folder = cand / stem
            if not (
                folder in taken
                or folder in holders
                or any(a in taken for a in folder.parents)
                or reserved(folder.parts[0])
            ):
                break
        taken.add(folder)
        holders.update(folder.parents)
        key = text_of(rel.as_posix())
        while key in keys:  # two names that differ only in bytes that are not UTF-8 (very rare)
            key += "~"
        keys.add(key)
        jobs.append(Job(key, path, out.joinpath(*cand.parts), _kind(path)))
    return jobs


class HashTimeout(Exception):
    pass


def sha256_of(path: Path, timeout: float | None = None) -> str:
    """Content hash; '' when the file cannot be read (the worker then reports why).

    Never opens anything but a regular file (O_NONBLOCK, then fstat: a FIFO swapped in after discovery
    is not read), reads at most the size it had when opened, and gives up after ``timeout`` seconds
    (HashTimeout: a hung network file system cannot stop the batch)."""
    result: list[str] = []
    stop = threading.Event()

    def work() -> None:
        result.append(_hash(path, stop))

    if timeout is None:
        return _hash(path, stop)
    t = threading.Thread(target=work, name="chohyo-hash", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        stop.set()  # the thread stops at its next chunk, or stays blocked in the kernel (daemon: harmless)
        raise HashTimeout(f"reading the input took longer than {timeout:g} s")
    return result[0] if result else ""


def _hash(path: Path, stop: threading.Event) -> str:
    h = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return ""
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return ""
        left = st.st_size
        while left > 0 and not stop.is_set():
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            h.update(chunk)
            left -= len(chunk)
        if stop.is_set():
            return ""
    except OSError:
        return ""
    finally:
        os.close(fd)
    return h.hexdigest()


def hash_outputs(folder: Path, skip: frozenset[str] = frozenset()) -> dict[str, list[object]]:
    """{relative path: [size, sha256, mtime_ns]} of every file under a document's output folder."""
    files: dict[str, list[object]] = {}
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            p = Path(dirpath) / name
            rel = text_of(p.relative_to(folder).as_posix())
            if rel in skip:
                continue
            st = p.stat()
            files[rel] = [st.st_size, _hash(p, threading.Event()), st.st_mtime_ns]
    return files
