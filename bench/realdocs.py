r"""Where the real documents live (never inside the project; tests and bench sections skip without them).

- ``SHARED_REAL``: ``../shared/real/`` beside the checkout (CI has it too).
- ``FETCHED``: public documents an engineer fetched for local work (``CHOHYO_FETCHED``, by default
  ``/work/realx``; e.g. ``nankoku/`` holds the PDFs of nankokushigikai/gikai_nankokushi_portal with
  their folders joined by ``__``). CI does not have it: whatever reads it skips with the reason.
  To refill it on a new machine, fetch the repository (the session's ``fetch`` tool), then in its
  git directory::

      git -c core.quotepath=off ls-tree -r --name-only HEAD | grep -i '\.pdf$' | while IFS= read -r f; do
        git show "HEAD:$f" > "/work/realx/nankoku/$(echo "$f" | sed 's#^gian/##; s#/#__#g')"; done
  ``fuji_r8/`` holds 富士市 令和8年度 一般会計予算書 cut by 款 and printed two-up on landscape sheets
  (kotto5/fujishi_ippannkaikei_yosansho, ``R8/分割/``; the 款 files its snapshot stores, 31 of 36)::

      git -c core.quotepath=off ls-tree -r --name-only HEAD 'R8/分割/' | grep '款_.*\.pdf$' | while IFS= read -r f; do
        git show "HEAD:$f" > "/work/realx/fuji_r8/$(basename "$f")" 2>/dev/null || rm "/work/realx/fuji_r8/$(basename "$f")"; done
Truth made by hand for either lives in ``fixtures/real/<stem>/`` and names its source.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_REAL = ROOT.parent / "shared" / "real"
FETCHED = Path(os.environ.get("CHOHYO_FETCHED", "/work/realx"))


def fetched(relative: str) -> Path | None:
    """The fetched document at ``FETCHED/relative``, or None when this machine does not have it."""
    path = FETCHED / relative
    return path if path.is_file() else None


def missing_reason(path: Path) -> str:
    """The skip reason for a real document that is not on this machine."""
    where = (
        "../shared/real/ beside the checkout"
        if path.is_relative_to(SHARED_REAL)
        else f"{FETCHED} (CHOHYO_FETCHED)"
    )
    return f"{path} is absent: real documents are read from {where}, never copied into the project"
