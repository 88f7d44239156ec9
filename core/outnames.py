"""The name of a document's output folder, OUT/<stem>/: one rule for emit, the CLI, batch and review."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# A file name holds at most 255 bytes (NAME_MAX). The folder's files add up to 25 bytes to the
# stem (`_t1234.csv`, `.decisions.json`), so a longer stem is cut and keeps a digest of the whole.
MAX_STEM_BYTES = 200
_CUT_BYTES = 180


def doc_stem(source: str | Path) -> str:
    """The folder name for a source file: its stem, 'document' when the stem is empty or '.'/'..',
    and a long stem cut on a character boundary with '-' and 8 hex digits of its digest."""
    stem = Path(source).stem.strip()
    if stem in {"", ".", ".."}:
        return "document"
    raw = os.fsencode(stem)
    if len(raw) <= MAX_STEM_BYTES:
        return stem
    cut, size = [], 0
    for ch in stem:
        n = len(os.fsencode(ch))
        if size + n > _CUT_BYTES:
            break
        cut.append(ch)
        size += n
    return "".join(cut).rstrip() + "-" + hashlib.sha256(raw).hexdigest()[:8]
