"""One batch at a time per OUT, and the leftovers of a killed run removed before the next one."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from chohyo.batch.names import display
from chohyo.errors import OutputError

LOCK = ".chohyo-batch.lock"
# chohyo.atomic's temporary names: .<name>.<random>.tmp (file or folder) and .<name>.old-<pid> (folder).
# (The random part is required: an input named '.x.tmp.pdf' gets a folder '.x.tmp' that must stay.)
_STALE = re.compile(r"^\..+(\.[A-Za-z0-9_]{4,}\.tmp|\.old-\d+)$")


@contextlib.contextmanager
def out_lock(out: Path) -> Iterator[None]:
    try:
        out.mkdir(parents=True, exist_ok=True)
        fh = open(out / LOCK, "a+")
    except OSError as err:
        raise OutputError(f"cannot write in {display(str(out))}: {err.strerror}") from err
    try:
        try:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no advisory lock
            pass
        except OSError as err:
            raise OutputError(
                f"another chohyo batch is writing to {display(str(out))}; wait for it or use another -o"
            ) from err
        yield
    finally:
        fh.close()  # releases the lock; the lock file itself stays (removing it would race)


def clean_stale_temps(out: Path) -> list[Path]:
    """Remove temporary files and folders a killed run left (we hold the lock: nobody is writing)."""
    removed: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(out):
        for name in list(dirnames):
            if _STALE.match(name):
                shutil.rmtree(Path(dirpath) / name, ignore_errors=True)
                dirnames.remove(name)
                removed.append(Path(dirpath) / name)
        for name in filenames:
            if _STALE.match(name):
                with contextlib.suppress(OSError):
                    (Path(dirpath) / name).unlink()
                removed.append(Path(dirpath) / name)
    return removed
