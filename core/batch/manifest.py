"""The batch manifest: one SQLite row per input, each committed in its own transaction.

WAL mode, ``synchronous=FULL``: a row that was committed survives SIGKILL and power loss. Rows are
written only by the process that runs the batch (never by workers), after the document's outputs
were renamed into place, so a committed ``done`` row always has complete outputs behind it.

Paths are stored relative to OUT (a copied or moved OUT resumes), and each done row lists its output
files with their size and SHA-256: a rerun converts again a document whose outputs were removed or
changed. A copy of each done row is kept beside the outputs (``<doc folder>/.chohyo-batch.json``), so a
damaged or lost manifest is rebuilt from the outputs on disk.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from chohyo.atomic import atomic_file
from chohyo.batch.inputs import hash_outputs
from chohyo.batch.names import text_of
from chohyo.batch.outcome import DONE, FAILED, Outcome
from chohyo.errors import ChohyoError, ManifestError, OutputWriteError

SIDECAR = ".chohyo-batch.json"
LOCK_TIMEOUT = 5.0  # seconds to wait for another program's lock on the manifest

# Failures of OUT itself, not of the document: a plain rerun converts these again.
RETRIED_CODES = frozenset({"output-write"})
# The same failures as older versions recorded them (output-error or internal-error with the OS's words).
_OUT_FAULT_WORDS = ("No space left on device", "Disk quota exceeded", "Read-only file system")


def _out_fault(row: Row) -> bool:
    return row.error_code in RETRIED_CODES or (
        row.error_code in ("output-error", "internal-error")
        and any(w in row.error_message for w in _OUT_FAULT_WORDS)
    )


SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    key           TEXT PRIMARY KEY,   -- input path relative to the batch root ('/'-separated)
    input         TEXT NOT NULL,      -- the input's absolute path when it was converted
    sha256        TEXT NOT NULL,      -- content hash ('' when the file could not be read)
    status        TEXT NOT NULL CHECK (status IN ('done', 'failed', 'skipped')),
    doc_status    TEXT NOT NULL DEFAULT '',  -- success | partial | failure
    error_code    TEXT NOT NULL DEFAULT '',
    error_message TEXT NOT NULL DEFAULT '',
    exit_code     INTEGER NOT NULL DEFAULT 0,
    pages         INTEGER NOT NULL DEFAULT 0,
    tables        INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,   -- findings of severity error
    warnings      INTEGER NOT NULL DEFAULT 0,   -- findings of severity warning
    seconds       REAL NOT NULL DEFAULT 0,
    output_dir    TEXT NOT NULL DEFAULT '',     -- relative to OUT ('/'-separated)
    version       TEXT NOT NULL,      -- chohyo version
    settings      TEXT NOT NULL,      -- Settings.fingerprint()
    started       TEXT NOT NULL,      -- UTC ISO timestamps
    finished      TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 1,
    outputs       TEXT NOT NULL DEFAULT ''      -- JSON {file relative to output_dir: [size, sha256, mtime_ns]}
)
"""


class ManifestDamaged(Exception):
    """The manifest file is not a usable SQLite database (the runner rebuilds it)."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Row:
    key: str
    input: str
    sha256: str
    status: str
    doc_status: str
    error_code: str
    error_message: str
    exit_code: int
    pages: int
    tables: int
    errors: int
    warnings: int
    seconds: float
    output_dir: str
    version: str
    settings: str
    started: str
    finished: str
    attempts: int
    outputs: str = ""

    def outcome(self) -> Outcome:
        outputs = (self.output_dir + "/",) if self.output_dir else ()
        return Outcome(
            self.key,
            self.status,
            self.doc_status,
            self.error_code,
            self.error_message,
            self.exit_code,
            self.pages,
            self.tables,
            self.errors,
            self.warnings,
            self.seconds,
            outputs,
        )


def _fault(err: sqlite3.Error, path: Path, doing: str) -> ChohyoError | ManifestDamaged:
    text = str(err)
    code = getattr(err, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "disk is full" in text:
        return OutputWriteError(f"cannot {doing} the manifest: the disk is full ({text})", path=str(path))
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return ManifestError(
            f"the manifest is locked by another program for more than {LOCK_TIMEOUT:g} s "
            "(a database browser?): close it and rerun",
            path=str(path),
        )
    if (
        code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM)
        or "readonly" in text
        or "unable to open" in text
        or "disk I/O" in text
    ):
        return OutputWriteError(f"cannot {doing} the manifest: {text}", path=str(path))
    return ManifestDamaged(text)


class Manifest:
    def __init__(self, path: Path, out: Path | None = None) -> None:
        self.path = Path(path)
        self.out = Path(out) if out is not None else self.path.parent
        try:
            self.db = sqlite3.connect(
                self.path, isolation_level=None, timeout=LOCK_TIMEOUT
            )  # explicit BEGIN below
        except sqlite3.Error as err:
            raise _fault(err, self.path, "open") from err
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute(SCHEMA)
            cols = {r[1] for r in self.db.execute("PRAGMA table_info(documents)")}
            if "outputs" not in cols:  # a manifest from an older chohyo
                self.db.execute("ALTER TABLE documents ADD COLUMN outputs TEXT NOT NULL DEFAULT ''")
            check = self.db.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise ManifestDamaged(f"integrity check: {check[0] if check else 'no answer'}")
            self.db.execute("SELECT count(*) FROM documents").fetchone()
        except sqlite3.Error as err:
            self.db.close()
            raise _fault(err, self.path, "open") from err
        except ManifestDamaged:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, key: str) -> Row | None:
        try:
            row = self.db.execute("SELECT * FROM documents WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            fault = _fault(err, self.path, "read")
            raise (
                fault
                if isinstance(fault, ChohyoError)
                else ManifestError(
                    f"the manifest is damaged: {err}; rerun with --rebuild-manifest", path=str(self.path)
                )
            ) from err
        return None if row is None else Row(*row)

    def rows(self) -> Iterator[Row]:
        for row in self.db.execute("SELECT * FROM documents ORDER BY key"):
            yield Row(*row)

    def folder(self, output_dir: str) -> Path:
        """A stored output_dir as a path (relative to OUT; absolute in manifests of older versions)."""
        return self.out / output_dir

    def relative(self, folder: str) -> str:
        if not folder:
            return ""
        try:
            return Path(os.path.abspath(folder)).relative_to(self.out).as_posix()
        except ValueError:
            return folder  # outside OUT (a converter that ignores out_dir): kept as given

    def record(
        self, outcome: Outcome, *, input: str, sha256: str, version: str, settings: str, started: str
    ) -> Row:
        """Write one input's row in its own transaction (call only once its outputs are in place)."""
        assert outcome.status in (DONE, FAILED)
        prev = self.get(outcome.key)
        attempts = 1 if prev is None else prev.attempts + 1
        output_dir = self.relative(outcome.output_dir)
        listing = ""
        if outcome.status == DONE and output_dir:
            try:
                listing = json.dumps(
                    hash_outputs(self.folder(output_dir), frozenset({SIDECAR})),
                    ensure_ascii=False,
                    sort_keys=True,
                )
            except OSError:
                listing = ""
        row = Row(
            outcome.key,
            input,
            sha256,
            outcome.status,
            outcome.doc_status,
            outcome.error_code,
            outcome.error_message,
            outcome.exit_code,
            outcome.pages,
            outcome.tables,
            outcome.errors,
            outcome.warnings,
            round(outcome.seconds, 3),
            output_dir,
            version,
            settings,
            started,
            now(),
            attempts,
            listing,
        )
        if listing:
            self._write_sidecar(row)
        self._insert(row)
        return row

    def _write_sidecar(self, row: Row) -> None:
        try:
            with atomic_file(self.folder(row.output_dir) / SIDECAR, "w", encoding="utf-8") as fh:
                data = {k: text_of(v) if isinstance(v, str) else v for k, v in asdict(row).items()}
                fh.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")  # type: ignore[attr-defined]
        except OSError as err:
            raise OutputWriteError(
                f"cannot write in the output folder: {err.strerror or err}",
                path=str(self.folder(row.output_dir)),
            ) from err

    def _insert(self, row: Row) -> None:
        values = tuple(text_of(v) if isinstance(v, str) else v for v in asdict(row).values())
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.execute(
                    f"INSERT OR REPLACE INTO documents VALUES ({', '.join('?' * len(values))})", values
                )
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as err:
            fault = _fault(err, self.path, "write")
            raise (
                fault
                if isinstance(fault, ChohyoError)
                else ManifestError(
                    f"the manifest is damaged: {err}; rerun with --rebuild-manifest", path=str(self.path)
                )
            ) from err

    def outputs_problem(self, row: Row) -> str:
        """'' when the row's outputs are on disk as recorded, else what is wrong with them."""
        if not row.output_dir:
            return ""
        folder = self.folder(row.output_dir)
        if not folder.is_dir():
            return "its output folder is missing"
        if not row.outputs:  # a row from an older chohyo: only the folder can be checked
            return ""
        try:
            recorded = json.loads(row.outputs)
        except ValueError:
            return "its recorded outputs cannot be read"
        unsure = []  # same size, another modification time (a copied OUT, or an edit): compare the hashes
        for name, entry in sorted(recorded.items()):
            size, mtime = entry[0], entry[2] if len(entry) > 2 else None
            p = folder / name
            try:
                if not p.is_file():
                    return f"{name} is missing"
                st = p.stat()
            except OSError:
                return f"{name} cannot be read"
            if st.st_size != size:
                return f"{name} has changed"
            if st.st_mtime_ns != mtime:
                unsure.append(name)
        if unsure:
            on_disk = hash_outputs(folder, frozenset({SIDECAR}))
            for name in unsure:
                if on_disk.get(name, [None, None])[1] != recorded[name][1]:
                    return f"{name} has changed"
        return ""

    def reusable(self, key: str, sha256: str, settings: str, *, retry_failed: bool) -> tuple[Row | None, str]:
        """(the previous row, '') when this input need not be converted again, else (None, why: '' or a note)."""
        prev = self.get(key)
        if prev is None or not sha256 or prev.sha256 != sha256 or prev.settings != settings:
            return None, ""
        if prev.status == DONE:
            problem = self.outputs_problem(prev)
            return (prev, "") if not problem else (None, f"converted again: {problem}")
        if prev.status == FAILED and _out_fault(prev):
            return None, "converted again: it failed because the output could not be written"
        if prev.status == FAILED and not retry_failed:
            return prev, ""
        return None, ""

    def rebuild(self) -> int:
        """Insert the done rows kept beside the outputs (``SIDECAR``) whose outputs are intact; return how many."""
        names = {f.name for f in fields(Row)}
        n = 0
        for dirpath, dirnames, filenames in os.walk(self.out):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            if SIDECAR not in filenames:
                continue
            folder = Path(dirpath)
            try:
                data = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
                row = Row(**{k: v for k, v in data.items() if k in names})
            except (OSError, ValueError, TypeError):
                continue
            row = Row(**{**asdict(row), "output_dir": self.relative(str(folder))})  # where it is now
            if row.status != DONE or self.outputs_problem(row):
                continue
            prev = self.get(row.key)
            if prev is not None and prev.finished >= row.finished:
                continue
            self._insert(row)
            n += 1
        return n
