"""Manifest and summary: what a rerun skips, retries and redoes; one row per input; exit codes."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from batch_converters import copy_convert
from chohyo.batch import BatchOptions, discover, run_batch
from chohyo.errors import ExitCode
from chohyo.settings import Settings
from conftest import manifest_rows, run_cli


def _opts(**kw: object) -> BatchOptions:
    return BatchOptions(workers=2, converter=copy_convert, progress="quiet", **kw)  # type: ignore[arg-type]


def test_discovery_is_recursive_sorted_and_mirrors_folders(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for rel in ["z.pdf", "b/y.PDF", "b/x.tif", "b/x.png", "a/w.jpeg", "a/notes.txt", "a/.hidden.pdf"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    out = tmp_path / "out"
    jobs = discover([root], out)
    assert [j.key for j in jobs] == ["a/w.jpeg", "b/x.png", "b/x.tif", "b/y.PDF", "z.pdf"]
    bases = [j.out_base / j.path.stem for j in jobs]
    assert len(set(bases)) == len(bases)  # x.png and x.tif never share a folder
    assert bases[0] == out / "a" / "w" and bases[-1] == out / "z"


def test_rerun_skips_done_retries_failed_and_force_redoes(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for name in ["one", "two", "three"]:
        (root / f"{name}.pdf").write_bytes(name.encode())
    (root / "empty.pdf").write_bytes(b"")  # copy_convert refuses it: input-file
    out = tmp_path / "out"

    first = run_batch([root], out, _opts())
    assert first.exit_code is ExitCode.SOME_FAILED
    rows = manifest_rows(out)
    assert rows["empty.pdf"]["status"] == "failed" and rows["empty.pdf"]["error_code"] == "input-file"
    assert rows["one.pdf"]["status"] == "done" and rows["one.pdf"]["pages"] == 2
    assert rows["one.pdf"]["settings"] == Settings().fingerprint() and rows["one.pdf"]["version"]
    assert len(rows["one.pdf"]["sha256"]) == 64

    again = run_batch([root], out, _opts())
    assert {o.status for o in again.outcomes.values()} == {"skipped"}
    assert again.exit_code is ExitCode.SOME_FAILED  # the failed one is still failed

    (root / "empty.pdf").write_bytes(b"now it has content")  # changed content: converted again
    (root / "two.pdf").write_bytes(b"two, edited")
    changed = run_batch([root], out, _opts())
    assert changed.outcomes["two.pdf"].status == "done" and changed.outcomes["empty.pdf"].status == "done"
    assert changed.outcomes["one.pdf"].status == "skipped" and changed.exit_code is ExitCode.OK
    assert manifest_rows(out)["two.pdf"]["attempts"] == 2

    forced = run_batch([root], out, _opts(force=True))
    assert {o.status for o in forced.outcomes.values()} == {"done"}

    other = Settings().with_(emit={"encoding": "cp932"})
    resettled = run_batch([root], out, _opts(settings=other))
    assert {o.status for o in resettled.outcomes.values()} == {"done"}


def test_retry_failed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    run_batch([root], out, _opts())
    assert run_batch([root], out, _opts()).outcomes["empty.pdf"].status == "skipped"
    retried = run_batch([root], out, _opts(retry_failed=True))
    assert retried.outcomes["empty.pdf"].status == "failed"
    assert manifest_rows(out)["empty.pdf"]["attempts"] == 2


def test_outputs_removed_by_hand_are_redone(tmp_path: Path, inputs: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs], out, _opts())
    import shutil

    shutil.rmtree(out / "a" / "doc01")
    report = run_batch([inputs], out, _opts())
    assert [k for k, o in report.outcomes.items() if o.status == "done"] == ["a/doc01.pdf"]


def test_manifest_is_wal_and_summary_has_one_row_per_input(tmp_path: Path, inputs: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs], out, _opts())
    db = sqlite3.connect(out / "manifest.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 12 and {r["status"] for r in rows} == {"done"}
    assert "a/doc 05 予算.pdf" in {r["input"] for r in rows}
    assert (out / "a" / "doc 05 予算" / "copy.bin").is_file()


def test_cli_plain_lines_and_exit_code(tmp_path: Path, inputs: Path) -> None:
    (inputs / "empty.pdf").write_bytes(b"")
    result = run_cli(
        str(inputs), "-o", str(tmp_path / "out"), "-j", "2", "--converter", "batch_converters:copy_convert"
    )
    assert result.returncode == ExitCode.SOME_FAILED, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "chohyo batch: 13 input(s), 13 to convert, 0 skipped"
    assert sum(line.startswith("[") and "] done" in line for line in lines) == 12
    assert any("failed  empty.pdf: input-file: the file is empty" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.returncode == ExitCode.INPUT_FILE
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_summary_follows_the_encoding_and_is_formula_safe(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "=HYPERLINK(x)予算.pdf").write_bytes(b"one")
    out = tmp_path / "out"
    settings = Settings().with_(emit={"encoding": "cp932"})
    run_batch([root], out, _opts(settings=settings))
    data = (out / "summary.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("cp932").splitlines()))
    assert rows[1][0] == "'=HYPERLINK(x)予算.pdf"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
