"""`chohyo debug FILE [--page N ...] -o OUT_DIR [--dpi 100]`: draw what the pipeline saw on each page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from chohyo.cli.app import command, eprint, handled
from chohyo.cli.limits import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    MEMORY_HELP,
    TIMEOUT_HELP,
    apply_limits,
    memory_capped,
    watchdog,
)
from chohyo.cli.options import OCR_HELP, OcrMode
from chohyo.cli.output_opts import PAGES_HELP, with_output_options
from chohyo.emit.page_image import IMAGE_SUFFIXES as IMAGE_SUFFIXES  # shared with review.html
from chohyo.emit.page_image import ocr_skew, render_page
from chohyo.errors import ChohyoError, ExitCode, InputFileError
from chohyo.outnames import doc_stem
from chohyo.runtime import private_tempdir

if TYPE_CHECKING:
    from chohyo.model import Document
    from chohyo.settings import Settings

MAX_PAGES = 20


class UsageError(ChohyoError):
    """Bad command-line arguments."""

    exit_code = ExitCode.USAGE
    code = "usage"


def chosen_pages(doc: Document, pages: Sequence[int]) -> list[int]:
    have = [p.number for p in doc.pages]
    if not pages:
        return have[:MAX_PAGES]
    wanted = list(dict.fromkeys(pages))
    if len(wanted) > MAX_PAGES:
        raise UsageError(f"at most {MAX_PAGES} pages per run; you asked for {len(wanted)}")
    missing = [n for n in wanted if n not in have]
    if missing:
        raise UsageError(f"no page {', '.join(map(str, missing))}: the document has pages 1-{len(have)}")
    return wanted


def write_debug(
    path: Path, out_dir: Path, pages: Sequence[int] = (), dpi: float = 100.0, settings: Settings | None = None
) -> tuple[Document, list[Path]]:
    """Run the pipeline on ``path`` and write ``<stem>_p<N>.png`` and ``.json`` per page into ``out_dir``."""
    from chohyo.atomic import atomic_file
    from chohyo.emit.debug_png import draw_overlay, page_overlay
    from chohyo.pipeline import run
    from chohyo.settings import Settings

    if not path.is_file():
        raise InputFileError("no such file" if not path.exists() else "not a file", path=str(path))
    if not 10 <= dpi <= 600:
        raise UsageError(f"--dpi {dpi:g} is out of range; use 10 to 600")
    settings = settings or Settings()
    doc = run(path, settings)
    written: list[Path] = []
    stem = doc_stem(path)
    for n in chosen_pages(doc, pages):
        page = next(p for p in doc.pages if p.number == n)
        overlay = page_overlay(doc, n)
        img = draw_overlay(render_page(path, page, dpi, settings.extract.password), overlay, scale=dpi / 72.0)
        scan = page.kind.value != "digital"
        overlay["image"] = {
            "file": f"{stem}_p{n}.png",
            "dpi": dpi,
            "width": img.width,
            "height": img.height,
            "page_width": round(page.width * dpi / 72.0),
            "turned_upright_by": page.rotation if scan else 0,
            "deskewed_by": ocr_skew(page) if scan else 0.0,
        }
        png, js = out_dir / f"{stem}_p{n}.png", out_dir / f"{stem}_p{n}.json"
        with atomic_file(png) as fh:
            img.save(fh, format="PNG")  # type: ignore[arg-type]
        with atomic_file(js, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(overlay, ensure_ascii=False, indent=1))  # type: ignore[attr-defined]
        written += [png, js]
    return doc, written


@command
def debug(
    file: Annotated[Path, typer.Argument(help="PDF (or scan image) file", show_default=False)],
    page: Annotated[
        list[int] | None, typer.Option("--page", "-p", help="page number (repeat; default all, at most 20)")
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="folder for <stem>_p<N>.png and .json")] = Path(
        "debug"
    ),
    dpi: Annotated[float, typer.Option(help="resolution of the drawn pages")] = 100.0,
    ocr: Annotated[OcrMode, typer.Option(help=OCR_HELP)] = OcrMode.auto,
    password: Annotated[str | None, typer.Option(help="password of an encrypted PDF")] = None,
    pages: Annotated[
        str | None, typer.Option(help=f"{PAGES_HELP}; only these are read", metavar="<pages>")
    ] = None,
    timeout: Annotated[float, typer.Option(help=TIMEOUT_HELP)] = DEFAULT_TIMEOUT,
    memory_limit: Annotated[int, typer.Option(help=MEMORY_HELP)] = DEFAULT_MEMORY_MB,
) -> None:
    """Draw tables, cells, findings and text blocks over each page, as the pipeline saw them."""
    from chohyo.settings import Settings

    with handled():
        settings = Settings().with_(extract={"ocr": ocr.value, "password": password})
        settings = with_output_options(settings, pages=pages)
        settings = apply_limits(settings, timeout, memory_limit)
        page = [*(page or ()), *settings.extract.pages]
        dog = watchdog()  # before the memory cap (see Watchdog)
        with memory_capped(memory_limit), private_tempdir(), dog.deadline(timeout, str(file)):
            doc, written = write_debug(file, out, page, dpi, settings)
    if not page and len(doc.pages) > MAX_PAGES:
        eprint(f"chohyo: note: drew the first {MAX_PAGES} of {len(doc.pages)} pages; pick others with --page")
    for p in written:
        if p.suffix == ".png":
            print(p)
