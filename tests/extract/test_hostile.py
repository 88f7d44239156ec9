"""Hostile inputs (issue 19), from the corpus fixtures/generate/hostile.py writes at test time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
from chohyo.errors import InputFileError, ResourceLimitError
from chohyo.extract import extract_document
from chohyo.extract.streams import check_streams
from chohyo.model import Severity, Status
from chohyo.settings import ExtractSettings, Settings

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("hostile", ROOT / "fixtures/generate/hostile.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    out = tmp_path_factory.mktemp("hostile")
    return out, _generator().generate(out)


def test_the_corpus_has_at_least_100_inputs(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    out, cases = corpus
    assert len(cases) >= 100
    assert all((out / name).exists() or (out / name).is_symlink() for name in cases)


def test_every_bit_flipped_stream_is_found(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    out, cases = corpus
    flips = [n for n in cases if n.startswith("flip")]
    assert len(flips) == 50  # 40 seeds of 20 bytes, 10 single bytes (flip1_09 in an ASCII85 layer)
    missed = [n for n in flips if not check_streams((out / n).read_bytes(), ExtractSettings(), n)]
    assert missed == []


def test_a_damaged_stream_makes_the_document_partial(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    from chohyo.pipeline import run

    out, _ = corpus
    doc = run(out / "flip20_s00.pdf", Settings().with_(extract={"ocr": "never"}))
    damaged = [f for f in doc.findings if f.code == "damaged-stream"]
    assert damaged and damaged[0].severity is Severity.ERROR and "object 6" in damaged[0].message
    # named by the pages a reader can look at: a font (6) both pages use, page 2's own content (17)
    assert damaged[0].message.startswith("object 6 of the PDF (used on pages 1-2) is damaged")
    assert damaged[0].page == 1
    assert any(f.message.startswith("page 2's content (object 17 of the PDF) is damaged") for f in damaged)
    assert doc.status is Status.PARTIAL


def test_a_decompression_bomb_is_refused(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    out, _ = corpus
    with pytest.raises(ResourceLimitError, match="max_stream_bytes") as info:
        extract_document(out / "content_bomb.pdf", ExtractSettings())
    assert "content_bomb.pdf" in str(info.value)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="FIFOs, devices and sparse files")
@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("fifo.pdf", InputFileError, "not a regular file"),
        ("dev_zero.pdf", InputFileError, "not a regular file"),
        ("sparse_6g.pdf", ResourceLimitError, "max_file_bytes"),
        ("truncated.png", InputFileError, "cannot be decoded"),
        ("bad_crc.png", InputFileError, "image"),
    ],
)
def test_files_that_cannot_be_read_whole(
    corpus: tuple[Path, dict[str, dict[str, str]]], name: str, error: type[Exception], words: str
) -> None:
    out, _ = corpus
    with pytest.raises(error, match=words):
        extract_document(out / name, ExtractSettings())


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
def test_no_damaged_stream_reported_on_real_documents() -> None:
    for pdf in sorted(REAL.glob("*.pdf")):
        assert check_streams(pdf.read_bytes(), ExtractSettings(), str(pdf)) == [], pdf.name


def _fetched(folder: str) -> Path | None:
    spec = importlib.util.spec_from_file_location("realdocs", ROOT / "bench/realdocs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    path = Path(mod.FETCHED) / folder
    return path if path.is_dir() else None


def test_no_false_alarm_on_188_council_pdfs() -> None:
    """南国市 council papers 2022-2026 (budgets, settlements, scans, charts): no stream reported damaged,
    no form nesting near max_form_drawings (the most any of them draws is 330)."""
    folder = _fetched("nankoku")
    if folder is None:
        pytest.skip("the fetched 南国市 PDFs are absent (CHOHYO_FETCHED/nankoku, see bench/realdocs.py)")
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) >= 100
    flagged = [
        p.name for p in pdfs if check_streams(p.read_bytes(), ExtractSettings(max_form_drawings=1000), "")
    ]
    assert flagged == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("page_200000pt.pdf", "max_page_points"),
        ("image_12000_jpeg.pdf", "12000×12000 pixels"),
        ("image_200000.pdf", "max_page_pixels"),
        ("too_many_pages.pdf", "max_pages"),
        ("frames_5001.tif", "more than 5000 frames"),
        ("nested_forms.pdf", "max_form_drawings"),
        ("scan_huge.png", "image too large"),
    ],
)
def test_bounds_by_default(corpus: tuple[Path, dict[str, dict[str, str]]], name: str, words: str) -> None:
    out, _ = corpus
    with pytest.raises(ResourceLimitError, match=words) as info:
        extract_document(out / name, ExtractSettings())
    assert name in str(info.value) and info.value.exit_code == 11


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file names as raw bytes")
def test_a_file_name_that_is_not_utf8_converts(tmp_path: Path) -> None:
    import os

    from chohyo.pipeline import convert

    raw = os.fsencode(tmp_path) + b"/latin1-\xe9t\xe9.pdf"
    with open(raw, "wb") as fh:
        fh.write((ROOT / "fixtures/budget_ruled.pdf").read_bytes())
    result = convert(os.fsdecode(raw), tmp_path / "out", Settings().with_(extract={"ocr": "never"}))
    assert result.error is None, result.error
    assert result.document is not None and result.document.source.endswith("latin1-\\xe9t\\xe9.pdf")
    assert (tmp_path / "out" / "latin1-\\xe9t\\xe9" / "report.json").is_file()


def test_a_page_that_draws_a_form_too_often_is_refused(tmp_path: Path) -> None:
    """Each form alone draws 501 things; the page draws the outer one 500 times (250,500 drawings)."""
    gen = _generator()
    page = gen.pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Outer 5 0 R >> >> >>",
            gen.stream(b"/Outer Do " * 500),
            gen.stream(
                b"/Inner Do " * 500,
                b"/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources << /XObject << /Inner 6 0 R >> >>",
            ),
            gen.stream(b"0 0 m 9 9 l S", b"/Type /XObject /Subtype /Form /BBox [0 0 9 9]"),
        ]
    )
    path = tmp_path / "fan.pdf"
    path.write_bytes(page)
    with pytest.raises(ResourceLimitError, match=r"object 4 draws .*max_form_drawings"):
        extract_document(path, ExtractSettings())
    doc = extract_document(path, ExtractSettings(ocr="never", max_form_drawings=300_000))
    assert len(doc.pages) == 1


@pytest.mark.parametrize("name", ["nested_forms_small.pdf", "form_loop.pdf"])
def test_forms_within_bounds_still_convert(corpus: tuple[Path, dict[str, dict[str, str]]], name: str) -> None:
    out, _ = corpus
    assert len(extract_document(out / name, ExtractSettings(ocr="never")).pages) == 1


def test_damage_in_an_ascii85_layer_is_found() -> None:
    """budget_ruled.pdf's font (object 17) is ASCII85 over Flate: a byte outside the alphabet."""
    good = (ROOT / "fixtures/budget_ruled.pdf").read_bytes()
    assert check_streams(good, ExtractSettings(), "good") == []
    at = good.index(b"17 0 obj")
    at = good.index(b"stream", at) + 100
    bad = good[:at] + b"\x8c" + good[at + 1 :]
    found = check_streams(bad, ExtractSettings(), "bad")
    assert [d.obj for d in found] == [17] and "ASCII85" in found[0].reason


def test_a_document_past_its_time_stops_with_exit_10(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    from chohyo.errors import DocumentTimeoutError

    out, _ = corpus
    with pytest.raises(DocumentTimeoutError, match="max_seconds") as info:
        extract_document(out / "many_pages.pdf", ExtractSettings(ocr="never", max_seconds=1e-6))
    assert info.value.exit_code == 10 and "many_pages.pdf" in str(info.value)
    assert len(extract_document(out / "many_pages.pdf", ExtractSettings(ocr="never")).pages) == 300


@pytest.mark.parametrize("seconds", [0, -1, float("nan"), float("inf")])
def test_a_time_limit_that_cannot_work_is_refused(seconds: float) -> None:
    from chohyo.errors import ConfigError

    with pytest.raises(ConfigError, match="max_seconds"):
        ExtractSettings(max_seconds=seconds)


@pytest.mark.parametrize(
    "args",
    [["--timeout", "nan"], ["--timeout", "0"], ["--memory-limit", "-5"], ["--memory-limit", "10"]],
)
@pytest.mark.parametrize("command", ["extract", "debug"])
def test_cli_limits_are_checked(tmp_path: Path, command: str, args: list[str]) -> None:
    from chohyo.cli import app
    from typer.testing import CliRunner

    good = str(ROOT / "fixtures/budget_ruled.pdf")
    result = CliRunner().invoke(app, [command, good, "-o", str(tmp_path), *args])
    assert result.exit_code == 2, result.output
    assert args[0] in result.output and not list(tmp_path.iterdir())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS")
def test_the_cli_memory_cap_is_put_back(tmp_path: Path) -> None:
    """The cap holds while documents convert, then the process gets its old limit back."""
    import resource

    from chohyo.cli import app
    from typer.testing import CliRunner

    before = resource.getrlimit(resource.RLIMIT_AS)
    seen: list[int] = []
    import chohyo.cli.extract_cmd as cmd

    real = cmd.convert

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(resource.getrlimit(resource.RLIMIT_AS)[0])
        return real(*args, **kwargs)

    cmd.convert = spy  # type: ignore[assignment]
    try:
        good = str(ROOT / "fixtures/budget_ruled.pdf")
        result = CliRunner().invoke(
            app, ["extract", good, "-o", str(tmp_path), "--ocr", "never", "--memory-limit", "3000"]
        )
    finally:
        cmd.convert = real  # type: ignore[assignment]
    assert result.exit_code == 0, result.output
    assert seen == [3000 << 20]
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_a_page_count_that_lies_is_damage_not_a_limit(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    """/Count 100000 over no kids: the file is damaged; a real 5,001-page file stays a resource limit."""
    from chohyo.errors import DamagedPdfError

    out, _ = corpus
    with pytest.raises(DamagedPdfError, match="claims 100000 pages"):
        extract_document(out / "count_lies.pdf", ExtractSettings())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kill -9 and /proc")
def test_temp_files_of_a_killed_run_are_swept_by_the_next(tmp_path: Path) -> None:
    """A process killed with -9 (a batch timeout) leaves its private temp folder; the next one removes it,
    never the folder of a process still running."""
    import subprocess

    from chohyo.runtime import private_tempdir, sweep_stale_tempdirs

    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from chohyo.runtime import private_tempdir\n"
        "with private_tempdir(Path(sys.argv[1])) as d:\n"
        "    (d / 'tess_page.png').write_bytes(b'x')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=False)
    assert killed.returncode == -9
    left = list(tmp_path.glob("chohyo-*"))
    assert len(left) == 1 and (left[0] / "tess_page.png").exists()
    with private_tempdir(tmp_path) as mine:
        assert not left[0].exists()
        assert sweep_stale_tempdirs(tmp_path) == [] and mine.is_dir()  # its own folder is kept
    assert list(tmp_path.iterdir()) == []


def test_a_cut_jpeg_is_found_and_a_whole_one_is_not(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    """A scanned page cut short in transfer: PDFium draws its top half and says nothing."""
    out, _ = corpus
    cut = check_streams((out / "scan_jpeg_cut.pdf").read_bytes(), ExtractSettings(), "cut")
    assert [d.obj for d in cut] == [5] and "JPEG" in cut[0].reason
    whole = (out / "scan_jpeg_cut.pdf").read_bytes()
    start = whole.index(b"stream\n", whole.index(b"/DCTDecode")) + 7
    assert whole[start : start + 2] == b"\xff\xd8"  # the cut file's JPEG starts whole: only its end is gone


def test_a_cut_scan_is_partial_with_its_page_named(corpus: tuple[Path, dict[str, dict[str, str]]]) -> None:
    from chohyo.pipeline import run

    out, _ = corpus
    doc = run(out / "scan_jpeg_cut.pdf", Settings().with_(extract={"ocr": "never"}))
    damaged = [f for f in doc.findings if f.code == "damaged-stream"]
    assert len(damaged) == 1 and damaged[0].page == 1 and "JPEG" in damaged[0].message
    assert doc.status is Status.PARTIAL


def test_a_page_that_never_returns_stops_at_twice_the_timeout(tmp_path: Path) -> None:
    """A stall inside PDFium cannot be interrupted between pages: the CLI's watchdog ends the run with
    exit 10 and a message, and leaves no output folder that looks complete."""
    import subprocess
    import time

    stall = (
        "import sys, time\n"
        "import chohyo.cli.extract_cmd as cmd\n"
        "def convert(*a, **k):\n"
        "    time.sleep(600)  # a page that never returns\n"
        "cmd.convert = convert\n"
        "from chohyo.cli import app\n"
        "sys.argv = ['chohyo'] + sys.argv[1:]\n"
        "app()\n"
    )
    good = str(ROOT / "fixtures/budget_ruled.pdf")
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", stall, "extract", good, "-o", str(tmp_path / "out"), "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    took = time.monotonic() - start
    assert done.returncode == 10, done.stderr
    assert "still being read 6 s after the start" in done.stderr and "--timeout" in done.stderr
    assert took < 60  # stopped by the watchdog, not by the sleep
    assert not (tmp_path / "out" / "budget_ruled").exists()
