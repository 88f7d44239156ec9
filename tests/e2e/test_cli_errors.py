"""Bad inputs beside a good one: the good one converts, each bad one gets its own clear line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from chohyo.cli import app
from chohyo.errors import ExitCode
from truthcheck import FIXTURES, load_truth, truth_problems
from typer.testing import CliRunner

GOOD = FIXTURES / "budget_ruled.pdf"


def _encrypted(path: Path, password: str = "secret") -> Path:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption(password, ownerPassword="owner"))
    c.drawString(72, 720, "encrypted")
    c.save()
    return path


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.pdf"
    text.write_text("これはPDFではありません。\nplain text\n", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    truncated = tmp_path / "truncated.pdf"
    data = GOOD.read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    return {
        "text": text,
        "empty": empty,
        "truncated": truncated,
        "encrypted": _encrypted(tmp_path / "locked.pdf"),
    }


def test_bad_files_beside_a_good_one(tmp_path: Path, bad_files: dict[str, Path]) -> None:
    out = tmp_path / "out"
    files = [bad_files["text"], bad_files["empty"], GOOD, bad_files["truncated"], bad_files["encrypted"]]
    proc = subprocess.run(
        [sys.executable, "-m", "chohyo", "extract", *map(str, files), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == ExitCode.SOME_FAILED, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 4, proc.stderr
    for bad, line in zip(
        [bad_files[k] for k in ("text", "empty", "truncated", "encrypted")], lines, strict=True
    ):
        assert line.startswith("chohyo: error: ") and str(bad) in line
        assert "internal error" not in line
    assert "--password" in lines[3]
    # The good one converted completely and correctly; the bad ones left nothing behind.
    assert truth_problems(out / "budget_ruled", load_truth("budget_ruled")) == []
    assert sorted(p.name for p in out.iterdir()) == ["budget_ruled"]


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("text", ExitCode.INPUT_FILE),
        ("empty", ExitCode.INPUT_FILE),
        ("truncated", ExitCode.DAMAGED_PDF),
        ("encrypted", ExitCode.ENCRYPTED_PDF),
    ],
)
def test_one_bad_file_exits_with_its_own_code(
    tmp_path: Path, bad_files: dict[str, Path], kind: str, code: ExitCode
) -> None:
    result = CliRunner().invoke(app, ["extract", str(bad_files[kind]), "-o", str(tmp_path / "out")])
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nowhere.pdf"), "-o", str(tmp_path / "out")])
    assert result.exit_code == ExitCode.INPUT_FILE


def test_password_opens_the_encrypted_pdf(tmp_path: Path) -> None:
    pdf = _encrypted(tmp_path / "locked.pdf")
    result = CliRunner().invoke(
        app, ["extract", str(pdf), "--password", "secret", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == ExitCode.OK, result.output
    assert (tmp_path / "out" / "locked" / "report.json").is_file()


def test_bad_encoding_setting_is_a_config_error() -> None:
    """The command line refuses it as a usage error (exit 2); the library as a bad setting."""
    from chohyo.errors import ConfigError
    from chohyo.settings import Settings

    with pytest.raises(ConfigError) as err:
        Settings().with_(emit={"encoding": "latin-1"})
    assert err.value.exit_code == ExitCode.CONFIG_ERROR


def test_excel_encodings_carry_the_same_rows(tmp_path: Path) -> None:
    for enc in ("utf-8-sig", "cp932"):
        result = CliRunner().invoke(app, ["extract", str(GOOD), "--encoding", enc, "-o", str(tmp_path / enc)])
        assert result.exit_code == ExitCode.OK, result.output
        assert truth_problems(tmp_path / enc / "budget_ruled", load_truth("budget_ruled"), encoding=enc) == []


@pytest.mark.parametrize(
    "args",
    [
        ["extract", str(GOOD), "--ocr", "sometimes"],
        ["extract", str(GOOD), "--encoding", "latin-1"],
        ["batch", str(GOOD), "-o", "OUT", "--ocr", "maybe"],
        ["batch", str(GOOD), "-o", "OUT", "--encoding", "utf-16"],
        ["debug", str(GOOD), "--ocr", "yes"],
    ],
)
def test_bad_option_value_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "o")] if args[0] != "batch" else args)
    assert result.exit_code == ExitCode.USAGE == 2
    assert not (tmp_path / "o").exists() and not (tmp_path / "out").exists()
