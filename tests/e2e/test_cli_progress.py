"""`chohyo extract`'s page bar: on a terminal for a long document, never in a pipe or under --quiet."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest


def _pages(path: Path, n: int) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(n):
        c.drawString(72, 720, f"page {i + 1}")
        c.showPage()
    c.save()
    return path


def _extract(args: list[str], tty: bool) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal (tty) or a pipe; its stderr as text."""
    cmd = [sys.executable, "-m", "chohyo", "extract", *args]
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    if not tty:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        return done.returncode, done.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _pages(tmp_path_factory.mktemp("long") / "long.pdf", 30)


def test_bar_on_a_terminal(long_pdf: Path, tmp_path: Path) -> None:
    code, err = _extract([str(long_pdf), "-o", str(tmp_path), "--ocr", "never"], tty=True)
    assert code in (0, 1), err
    assert "long.pdf" in err and "30/30" in err and "pages" in err


def test_no_bar_in_a_pipe_or_when_quiet(long_pdf: Path, tmp_path: Path) -> None:
    _, piped = _extract([str(long_pdf), "-o", str(tmp_path / "a"), "--ocr", "never"], tty=False)
    assert "30/30" not in piped and "━" not in piped
    _, quiet = _extract([str(long_pdf), "-o", str(tmp_path / "b"), "--ocr", "never", "-q"], tty=True)
    assert "30/30" not in quiet and "━" not in quiet


def test_no_bar_for_a_short_document(tmp_path: Path) -> None:
    short = _pages(tmp_path / "short.pdf", 3)
    _, err = _extract([str(short), "-o", str(tmp_path / "out"), "--ocr", "never"], tty=True)
    assert "3/3" not in err and "━" not in err


def test_library_calls_back_after_each_page(long_pdf: Path) -> None:
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    seen: list[tuple[int, int]] = []
    run(long_pdf, Settings().with_(extract={"ocr": "never"}), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 30) for i in range(1, 31)]
