"""What an unlucky operator does to a batch (issue 19): odd inputs, odd names, a full disk, a broken or
locked manifest, a copied OUT, bad option values. The batch never hangs and never shows a traceback."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from batch_converters import FULL_ENV, copy_convert, full_disk_convert
from chohyo.batch import BatchOptions, run_batch
from chohyo.batch.inputs import sha256_of
from chohyo.errors import ExitCode
from conftest import batch_cmd, batch_env, manifest_rows, run_cli


def _opts(**kw: object) -> BatchOptions:
    return BatchOptions(workers=1, converter=copy_convert, progress="quiet", **kw)  # type: ignore[arg-type]


def _docs(root: Path, *names: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(f"%PDF-1.4 {name}\n".encode())
    return root


def _cli(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[bytes]:
    """The CLI with raw bytes out (names that are not UTF-8, escape sequences) and a hard time limit."""
    return subprocess.run(
        batch_cmd(*args), capture_output=True, env=batch_env(**env), timeout=timeout, check=False
    )


# 1. Only regular files are inputs; hashing cannot hang.


def test_fifo_and_device_are_ignored_never_opened(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf", "b.pdf")
    os.mkfifo(root / "pipe.pdf")
    os.symlink("/dev/zero", root / "zero.pdf")
    out = tmp_path / "out"
    result = _cli(
        str(root), "-o", str(out), "--converter", "batch_converters:copy_convert", "--timeout", "30"
    )
    text = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == ExitCode.SOME_FAILED, text
    assert "Traceback" not in text
    assert any("ignored" in line and "pipe.pdf" in line and "FIFO" in line for line in text.splitlines()), (
        text
    )
    assert any("ignored" in line and "zero.pdf" in line and "device" in line for line in text.splitlines()), (
        text
    )
    rows = manifest_rows(out)
    assert rows["a.pdf"]["status"] == rows["b.pdf"]["status"] == "done"
    assert "pipe.pdf" not in rows and "zero.pdf" not in rows  # never opened, never recorded
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as fh:
        summary = {r["input"]: r for r in csv.DictReader(fh)}
    assert (
        summary["pipe.pdf"]["status"] == "ignored" and summary["pipe.pdf"]["error_code"] == "not-regular-file"
    )


def test_hashing_never_opens_a_fifo_and_is_bounded(tmp_path: Path) -> None:
    fifo = tmp_path / "late.pdf"
    os.mkfifo(fifo)  # a FIFO swapped in after discovery: not read, no hang
    start = time.monotonic()
    assert sha256_of(fifo, timeout=5.0) == ""
    assert time.monotonic() - start < 5.0
    (tmp_path / "x.pdf").write_bytes(b"abc")
    assert sha256_of(tmp_path / "x.pdf", timeout=5.0) == sha256_of(tmp_path / "x.pdf")


def test_an_input_that_cannot_be_read_in_time_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from chohyo.batch import inputs as inputs_mod

    real_hash = inputs_mod._hash

    def stuck(path: Path, stop: threading.Event) -> str:  # a hung network file system
        if Path(path).name == "stuck.pdf":
            stop.wait(30)
            return ""
        return real_hash(path, stop)

    monkeypatch.setattr(inputs_mod, "_hash", stuck)
    root = _docs(tmp_path / "in", "a.pdf", "stuck.pdf", "z.pdf")
    start = time.monotonic()
    # the allowance is the hung read's, not a conversion's: wide enough for a loaded machine
    report = run_batch([root], tmp_path / "out", _opts(timeout=6.0))
    assert time.monotonic() - start < 28
    assert report.outcomes["stuck.pdf"].error_code == "timeout"
    assert "reading the input took longer" in report.outcomes["stuck.pdf"].error_message
    assert report.outcomes["a.pdf"].status == report.outcomes["z.pdf"].status == "done"


# 2. No output folder can land on the manifest, the summary or another document's folder.


def test_inputs_named_like_the_manifest_and_summary(tmp_path: Path) -> None:
    root = _docs(
        tmp_path / "in",
        "manifest.sqlite.pdf",
        "summary.csv.pdf",
        "Summary.CSV.png",
        "manifest.sqlite/inner.pdf",
        "a.pdf",
        "a/b.pdf",
    )
    out = tmp_path / "out"
    first = run_batch([root], out, _opts())
    assert first.exit_code is ExitCode.OK and len(first.outcomes) == 6
    assert (out / "manifest.sqlite").is_file() and (out / "summary.csv").is_file()
    rows = manifest_rows(out)
    folders = {out / str(r["output_dir"]) for r in rows.values()}
    assert len(folders) == 6 and all((f / "copy.bin").is_file() for f in folders)
    assert not any(a in folders for f in folders for a in f.parents)  # no document folder inside another
    again = run_batch([root], out, _opts())
    assert again.exit_code is ExitCode.OK and {o.status for o in again.outcomes.values()} == {"skipped"}


def test_a_folder_left_on_the_summary_by_an_older_version_is_moved(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf")
    out = tmp_path / "out"
    (out / "summary.csv").mkdir(parents=True)  # what an input summary.csv.pdf used to leave
    (out / "summary.csv" / "copy.bin").write_bytes(b"old")
    report = run_batch([root], out, _opts())
    assert report.exit_code is ExitCode.OK and (out / "summary.csv").is_file()
    assert any("summary.csv was a folder" in n for n in report.notes)
    assert [p.name for p in out.glob("summary.csv.folder-*")]


# 3. Disk full, manifest locked or damaged, cluster: exit codes and messages, never a traceback.


def test_disk_full_exits_7_and_a_plain_rerun_retries(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
    out, flag = tmp_path / "out", tmp_path / "full"
    flag.write_text("x")
    args = (str(root), "-o", str(out), "-j", "1", "--converter", "batch_converters:full_disk_convert")
    full = _cli(*args, **{FULL_ENV: str(flag)})
    text = full.stdout.decode() + full.stderr.decode()
    assert full.returncode == ExitCode.OUTPUT_ERROR, text
    assert "No space left on device" in full.stderr.decode() and "Traceback" not in text
    assert manifest_rows(out)["a.pdf"]["error_code"] == "output-write"
    flag.unlink()  # the disk was grown
    report = run_batch([root], out, BatchOptions(workers=1, converter=full_disk_convert, progress="quiet"))
    assert report.exit_code is ExitCode.OK
    assert {k: o.status for k, o in report.outcomes.items()} == {
        "a.pdf": "done",
        "b.pdf": "done",
        "c.pdf": "done",
    }


def test_disk_full_failures_recorded_by_older_versions_are_retried(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf")
    out = tmp_path / "out"
    run_batch([root], out, _opts())
    db = sqlite3.connect(out / "manifest.sqlite")
    db.execute(
        "UPDATE documents SET status='failed', error_code='internal-error', "
        "error_message='unexpected error (a bug, please report it): OSError: [Errno 28] No space left on device'"
    )
    db.commit()
    db.close()
    assert run_batch([root], out, _opts()).outcomes["a.pdf"].status == "done"


def test_manifest_on_a_full_disk_stops_with_7_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _docs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
    out = tmp_path / "out"
    real_connect = sqlite3.connect
    inserts = {"n": 0}

    class FullDisk(sqlite3.Connection):
        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:  # type: ignore[override]
            if sql.startswith("INSERT"):
                inserts["n"] += 1
                if inserts["n"] >= 2:
                    raise sqlite3.OperationalError("database or disk is full")
            return super().execute(sql, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=FullDisk, **k))
    report = run_batch([root], out, _opts())
    assert report.exit_code is ExitCode.OUTPUT_ERROR and "disk is full" in str(report.fault)
    assert report.outcomes["a.pdf"].status == "done" and "c.pdf" not in report.outcomes
    monkeypatch.setattr(sqlite3, "connect", real_connect)
    again = run_batch([root], out, _opts())
    assert again.exit_code is ExitCode.OK
    assert again.outcomes["a.pdf"].status == "skipped" and again.outcomes["c.pdf"].status == "done"


def test_locked_manifest_is_a_clear_error(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf")
    out = tmp_path / "out"
    run_batch([root], out, _opts())
    db = sqlite3.connect(out / "manifest.sqlite", isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")  # a database browser with a write in progress
    try:
        result = _cli(str(root), "-o", str(out), "--force", "--converter", "batch_converters:copy_convert")
    finally:
        db.execute("ROLLBACK")
        db.close()
    text = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == ExitCode.OUTPUT_ERROR, text
    assert "locked" in result.stderr.decode() and "Traceback" not in text


def test_damaged_manifest_is_rebuilt_from_the_outputs(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf", "b/c.pdf", "d.pdf")
    out = tmp_path / "out"
    run_batch([root], out, _opts())
    for extra in ("-wal", "-shm"):
        Path(f"{out / 'manifest.sqlite'}{extra}").unlink(missing_ok=True)
    (out / "manifest.sqlite").write_bytes(b"this is not a database" * 100)
    result = _cli(
        str(root),
        "-o",
        str(out),
        "--converter",
        "batch_converters:copy_convert",
        CHOHYO_TEST_CONVERT_LOG=str(tmp_path / "log"),
    )
    text = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 0, text
    assert "damaged" in text and "Traceback" not in text
    assert not (tmp_path / "log").exists()  # every document recovered from its folder: nothing converted
    assert list(out.glob("manifest.sqlite.damaged-*"))
    assert {r["status"] for r in manifest_rows(out).values()} == {"done"}


def test_rebuild_manifest_flag(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf", "b.pdf")
    out = tmp_path / "out"
    run_batch([root], out, _opts())
    shutil.rmtree(out / "b")
    report = run_batch([root], out, _opts(rebuild_manifest=True))
    assert report.outcomes["a.pdf"].status == "skipped" and report.outcomes["b.pdf"].status == "done"
    assert any("rebuilt" in n for n in report.notes)


# 4. Reruns trust the disk; paths relative to OUT.


def test_changed_or_missing_outputs_are_redone_and_said(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
    out = tmp_path / "out"
    run_batch([root], out, _opts())
    data = (out / "a" / "copy.bin").read_bytes()
    (out / "a" / "copy.bin").write_bytes(data[::-1])  # same size, other content
    (out / "b" / "sha256.txt").unlink()
    result = run_cli(str(root), "-o", str(out), "--converter", "batch_converters:copy_convert")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "a.pdf: converted again: copy.bin has changed" in result.stdout
    assert "b.pdf: converted again: sha256.txt is missing" in result.stdout
    rows = manifest_rows(out)
    assert rows["a.pdf"]["attempts"] == rows["b.pdf"]["attempts"] == 2 and rows["c.pdf"]["attempts"] == 1
    assert (out / "a" / "copy.bin").read_bytes() == data


def test_copied_out_resumes(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "a.pdf", "sub/b.pdf")
    first = tmp_path / "first"
    run_batch([root], first, _opts())
    moved = tmp_path / "elsewhere" / "out"
    shutil.copytree(first, moved)
    shutil.rmtree(first)
    rows = manifest_rows(moved)
    assert {r["output_dir"] for r in rows.values()} == {"a", "sub/b"}
    report = run_batch([root], moved, _opts())
    assert {o.status for o in report.outcomes.values()} == {"skipped"}
    with open(moved / "summary.csv", encoding="utf-8-sig", newline="") as fh:
        assert {r["output_dir"] for r in csv.DictReader(fh)} == {"a", "sub/b"}


# 5. Names that are not UTF-8, names with escape sequences.


def test_non_utf8_and_escape_names(tmp_path: Path) -> None:
    root = _docs(tmp_path / "in", "ok.pdf")
    bad = os.fsencode(root) + b"/bad\xff\xfe.pdf"
    with open(bad, "wb") as fh:
        fh.write(b"%PDF-1.4 latin-1 name")
    os.mkdir(os.fsencode(root) + b"/dir\xe9")
    with open(os.fsencode(root) + b"/dir\xe9/inner.pdf", "wb") as fh:
        fh.write(b"%PDF-1.4 inner")
    (root / "red\x1b[31m\x07name.pdf").write_bytes(b"%PDF-1.4 escape")
    (root / "empty\x1b]0;owned\x07.pdf").write_bytes(b"")  # fails: its message carries the name too
    out = tmp_path / "out"
    result = _cli(str(root), "-o", str(out), "--converter", "batch_converters:copy_convert")
    raw = result.stdout + result.stderr
    assert result.returncode == ExitCode.SOME_FAILED, raw
    assert b"Traceback" not in raw
    assert not any(c in raw for c in (b"\x1b", b"\x07"))  # no control character reaches the terminal
    assert b"bad\\xff\\xfe.pdf" in raw and b"red\\x1b[31m\\x07name.pdf" in raw
    rows = manifest_rows(out)
    assert rows["bad\\xff\\xfe.pdf"]["status"] == rows["dir\\xe9/inner.pdf"]["status"] == "done"
    assert os.path.isfile(os.fsencode(out) + b"/bad\xff\xfe/copy.bin")  # the real name on disk


# 6. Option values.


@pytest.mark.parametrize(
    "args",
    [
        ("--timeout", "0"),
        ("--timeout", "nan"),
        ("--timeout", "inf"),
        ("--timeout", "-1"),
        ("--memory-limit", "-5"),
        ("-j", "0"),
        ("--cluster-wait", "0"),
    ],
)
def test_bad_option_values_are_usage_errors(tmp_path: Path, args: tuple[str, str]) -> None:
    root = _docs(tmp_path / "in", "a.pdf")
    result = _cli(
        str(root), "-o", str(tmp_path / "out"), *args, "--converter", "batch_converters:copy_convert"
    )
    text = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == ExitCode.USAGE, text
    assert args[0].lstrip("-") in text and "Traceback" not in text
    assert not (tmp_path / "out" / "manifest.sqlite").exists()
