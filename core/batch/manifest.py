"""The batch manifest: one SQLite row per input, each committed in its own transaction.

WAL mode, ``synchronous=FULL``: a row that was committed survives SIGKILL and power loss. Rows are
written only by the process that runs the batch (never by workers), after the document's outputs
were renamed into place, so a committed ``done`` row always has complete outputs behind it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from chohyo.batch.outcome import DONE, FAILED, Outcome

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
    output_dir    TEXT NOT NULL DEFAULT '',
    version       TEXT NOT NULL,      -- chohyo version
    settings      TEXT NOT NULL,      -- Settings.fingerprint()
    started       TEXT NOT NULL,      -- UTC ISO timestamps
    finished      TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 1
)
"""


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

    def outcome(self) -> Outcome:
        outputs = (self.output_dir + "/",) if self.output_dir else ()
        return Outcome(self.key, self.status, self.doc_status, self.error_code, self.error_message,
                       self.exit_code, self.pages, self.tables, self.errors, self.warnings, self.seconds,
                       outputs)


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None)  # autocommit; explicit BEGIN below
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, key: str) -> Row | None:
        cur = self.db.execute("SELECT * FROM documents WHERE key = ?", (key,))
        row = cur.fetchone()
        return None if row is None else Row(*row)

    def rows(self) -> Iterator[Row]:
        for row in self.db.execute("SELECT * FROM documents ORDER BY key"):
            yield Row(*row)

    def record(self, outcome: Outcome, *, input: str, sha256: str, version: str, settings: str,
               started: str) -> None:
        """Write one input's row in its own transaction (call only once its outputs are in place)."""
        assert outcome.status in (DONE, FAILED)
        prev = self.get(outcome.key)
        attempts = 1 if prev is None else prev.attempts + 1
        values = (outcome.key, input, sha256, outcome.status, outcome.doc_status, outcome.error_code,
                  outcome.error_message, outcome.exit_code, outcome.pages, outcome.tables, outcome.errors,
                  outcome.warnings, round(outcome.seconds, 3), outcome.output_dir, version, settings,
                  started, now(), attempts)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute(f"INSERT OR REPLACE INTO documents VALUES ({', '.join('?' * len(values))})", values)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def reusable(self, key: str, sha256: str, settings: str, *, retry_failed: bool) -> Row | None:
        """The previous row when this input need not be converted again, else None."""
        prev = self.get(key)
        if prev is None or not sha256 or prev.sha256 != sha256 or prev.settings != settings:
            return None
        if prev.status == DONE:
            # Outputs removed by hand since: convert again.
            return prev if not prev.output_dir or Path(prev.output_dir).is_dir() else None
        if prev.status == FAILED and not retry_failed:
            return prev
        return None
