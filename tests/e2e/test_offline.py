"""Offline for real (issue 19): a scan converted with OCR inside a network namespace that has no
network at all gives the golden CSV, and leaves nothing behind outside OUT (temp folder, home)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCAN = ROOT / "fixtures/scanned/budget_borderless_200.pdf"
GOLDEN = ROOT / "tests/golden/budget_borderless/tables/budget_borderless_t1.csv"


def _no_network_prefix() -> list[str] | None:
    """`unshare -n` (root) or `unshare -rn` (a user namespace): a namespace with only a down loopback."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
        if probe.returncode == 0:
            return prefix
    return None


@pytest.mark.slow
def test_a_scan_converts_without_network_and_leaves_nothing_behind(tmp_path: Path) -> None:
    prefix = _no_network_prefix()
    if prefix is None:
        pytest.skip("no network namespace here (unshare -n / -rn not permitted)")
    # the namespace really has no network: not even the loopback is up
    probe = subprocess.run([*prefix, "cat", "/proc/net/route"], capture_output=True, text=True, check=True)
    assert len(probe.stdout.strip().splitlines()) <= 1
    tmp, home, out = tmp_path / "tmp", tmp_path / "home", tmp_path / "out"
    tmp.mkdir()
    home.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    run = subprocess.run(
        [*prefix, sys.executable, "-m", "chohyo", "extract", str(SCAN), "-o", str(out), "--ocr", "always"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    written = out / SCAN.stem / "tables" / f"{SCAN.stem}_t1.csv"
    assert written.read_bytes() == GOLDEN.read_bytes()
    assert list(tmp.iterdir()) == [], "temp files left behind"
    assert list(home.rglob("*")) == [], "written into the home folder"
