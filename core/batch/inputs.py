"""Find the inputs of a batch (recursive, sorted, deterministic) and where each one's outputs go."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from chohyo.errors import InputFileError

INPUT_SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


@dataclass(frozen=True)
class Job:
    key: str  # path relative to the batch root, '/'-separated: the manifest's key
    path: Path  # the input as found (may be a broken symlink: the extract stage reports it)
    out_base: Path  # the folder given to convert(); the document's outputs go to out_base/<stem>/


def _is_input(path: Path) -> bool:
    return path.suffix.lower() in INPUT_SUFFIXES


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        # A symlink to a folder is listed in dirnames; a broken one or a file link in filenames.
        found.extend(Path(dirpath) / f for f in filenames if not f.startswith(".") and _is_input(Path(f)))
    return found


def _root(inputs: list[Path]) -> Path:
    bases = [p if p.is_dir() else p.parent for p in inputs]
    return Path(os.path.commonpath([str(b) for b in bases]))


def discover(inputs: list[Path], out: Path) -> list[Job]:
    """Every PDF and image under ``inputs``; raises InputFileError for an input that does not exist."""
    absolute = [Path(os.path.abspath(p)) for p in inputs]
    for given, p in zip(inputs, absolute, strict=True):
        if not p.exists() and not p.is_symlink():
            raise InputFileError(f"no such file or folder: {given}", path=str(given))
    files: set[Path] = set()
    for p in absolute:
        if p.is_dir():
            files.update(_walk(p))
        else:
            files.add(p)  # named explicitly: taken whatever its suffix (extract says if it cannot read it)
    root = _root(absolute)
    out = Path(os.path.abspath(out))
    jobs: list[Job] = []
    taken: set[Path] = set()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        if out in path.parents:
            continue  # never convert our own outputs
        rel = path.relative_to(root)
        base = out / rel.parent
        if base / path.stem in taken:  # a.pdf beside a.png: the second one gets a folder of its own
            base = base / path.name
        taken.add(base / path.stem)
        jobs.append(Job(rel.as_posix(), path, base))
    return jobs


def sha256_of(path: Path) -> str:
    """Content hash; '' when the file cannot be read (the worker then reports why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()
