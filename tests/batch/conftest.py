"""Shared helpers for the batch tests (real worker processes, real files)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "fixtures"
BAD = FIXTURES / "bad"


def manifest_rows(out: Path) -> dict[str, dict[str, object]]:
    db = sqlite3.connect(out / "manifest.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return {r["key"]: dict(r) for r in db.execute("SELECT * FROM documents")}
    finally:
        db.close()


def temp_leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp") or ".old-" in p.name]


def batch_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "chohyo", "batch", *args]


def batch_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def run_cli(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        batch_cmd(*args), capture_output=True, text=True, env=batch_env(**extra), timeout=300, check=False
    )


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Twelve small inputs in nested folders, one with spaces and non-ASCII in its name."""
    root = tmp_path / "in"
    for i in range(12):
        folder = root / ("a" if i % 2 else "b/c")
        folder.mkdir(parents=True, exist_ok=True)
        name = f"doc {i:02d} 予算.pdf" if i == 5 else f"doc{i:02d}.pdf"
        (folder / name).write_bytes(f"%PDF-1.4 document {i}\n".encode() * 50)
    return root
