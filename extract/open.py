"""Open and guard an input file: each way a file can be bad raises its own error with a way out."""

from __future__ import annotations

import hashlib
import stat
import warnings
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from chohyo.errors import DamagedPdfError, EncryptedPdfError, InputFileError, ResourceLimitError
from chohyo.settings import ExtractSettings

_EOF_WINDOW = 4096  # %%EOF must be near the end; some writers leave a little garbage after it


def read_bytes(path: Path, settings: ExtractSettings | None = None) -> bytes:
    """The file's bytes, or an InputFileError that says why they cannot be read."""
    p = str(path)
    settings = settings or ExtractSettings()
    if not path.exists():
        if path.is_symlink():
            raise InputFileError("cannot be read: it is a link to a file that does not exist.", path=p)
        raise InputFileError("file not found. Check the path.", path=p)
    if path.is_dir():
        raise InputFileError(
            "is a folder, not a file. Pass the PDF files inside it (or use `chohyo batch`).", path=p
        )
    try:
        info = path.stat()
    except OSError as err:
        raise InputFileError(f"cannot be read ({err.strerror or err}).", path=p) from None
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would be read forever
        raise InputFileError("is not a regular file (a FIFO, a device or a socket); skipped.", path=p)
    if info.st_size > settings.max_file_bytes:
        raise ResourceLimitError(
            f"the file is {info.st_size:,} bytes, more than the limit of {settings.max_file_bytes:,} "
            "(max_file_bytes). Raise it if you trust the file.",
            path=p,
        )
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputFileError(
            "cannot be read: permission denied. Check the file's permissions.", path=p
        ) from None
    except OSError as err:
        raise InputFileError(
            f"cannot be read ({err.strerror or err}). Check the file and the disk.", path=p
        ) from None
    if not data:
        raise InputFileError("the file is empty (0 bytes). Download or copy it again.", path=p)
    return data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_pdf(path: Path, data: bytes, settings: ExtractSettings) -> Any:
    """A ``pypdfium2.PdfDocument`` over ``data``; raises the specific ChohyoError for a bad file."""
    p = str(path)
    head = data[:1024]
    if b"%PDF-" not in head:
        kind = _sniff(head)
        raise InputFileError(f"is not a PDF ({kind}). Check that it is the right file.", path=p)
    try:
        pdf = pdfium.PdfDocument(data, password=settings.password)
    except pdfium.PdfiumError:
        code = _load_error(data, settings.password)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if settings.password:
                raise EncryptedPdfError(
                    "the PDF is encrypted and the password given is wrong. Check --password.", path=p
                ) from None
            raise EncryptedPdfError(
                "the PDF is encrypted. Pass its password with --password.", path=p
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedPdfError(
                "the PDF uses an encryption scheme chohyo cannot open. Decrypt it first (e.g. qpdf --decrypt).",
                path=p,
            ) from None
        if code == pdfium_c.FPDF_ERR_SUCCESS:
            raise DamagedPdfError(
                "the PDF has no pages (its page tree is empty). Check that it is the right file.", path=p
            ) from None
        raise DamagedPdfError(
            "the PDF is damaged and cannot be read. Try repairing it (qpdf --replace-input FILE) or get a new copy.",
            path=p,
        ) from None
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        pdf.close()
        raise DamagedPdfError(
            "the PDF is truncated (its end is missing). Download or copy it again; qpdf can sometimes repair it.",
            path=p,
        )
    if len(pdf) > settings.max_pages:
        n = len(pdf)
        if not _page_exists(pdf, n - 1):  # /Count says so, but the pages are not in the tree
            pdf.close()
            raise DamagedPdfError(
                f"the PDF's page tree claims {n} pages that are not there. Try repairing the file (qpdf) "
                "or get a new copy.",
                path=p,
            )
        pdf.close()
        raise ResourceLimitError(
            f"the PDF has {n} pages, more than the limit of {settings.max_pages}. Raise max_pages if you trust it.",
            path=p,
        )
    return pdf


def _page_exists(pdf: Any, index: int) -> bool:
    try:
        pdf[index].close()
    except Exception:  # pdfium: no such page object behind the count
        return False
    return True


def _load_error(data: bytes, password: str | None) -> int:
    """pdfium's own error for this file (re-loaded: the error pypdfium2 reports can be stale).

    ``FPDF_ERR_SUCCESS`` means the file loads but has no pages.
    """
    pw = None if password is None else (password + "\x00").encode("utf-8")
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), pw)
    if raw:
        pdfium_c.FPDF_CloseDocument(raw)
        return int(pdfium_c.FPDF_ERR_SUCCESS)
    return int(pdfium_c.FPDF_GetLastError())


def _sniff(head: bytes) -> str:
    magic = {
        b"\x89PNG": "a PNG image",
        b"\xff\xd8\xff": "a JPEG image",
        b"PK\x03\x04": "a ZIP archive or Office file",
        b"\xd0\xcf\x11\xe0": "an old Office file",
        b"II*\x00": "a TIFF image",
        b"MM\x00*": "a TIFF image",
        b"<!DOCTYPE html": "an HTML page",
        b"<html": "an HTML page",
    }
    for sig, name in magic.items():
        if head.lower().startswith(sig.lower()):
            return name
    text = head.decode("utf-8", errors="ignore")
    if text and sum(ch.isprintable() or ch.isspace() for ch in text) / len(text) > 0.95:
        return "it looks like a text file"
    return "unknown binary content"


def check_page_size(width: float, height: float, number: int, settings: ExtractSettings) -> None:
    """A page beyond the PDF maximum would be rendered (blank test, OCR) into gigabytes."""
    if not (0 < width <= settings.max_page_points and 0 < height <= settings.max_page_points):
        raise ResourceLimitError(
            f"page {number} is {width:g} x {height:g} pt, outside 0-{settings.max_page_points:g} pt "
            "(max_page_points). Raise it if you trust the file."
        )


def check_image_frames(path: Path, settings: ExtractSettings) -> None:
    """A multi-frame TIFF (or GIF, WebP) over max_pages is refused before its first frame is OCR'd:
    5,001 frames of 16 x 16 are a 400 KB file and hours of work. Seeking to frame max_pages walks
    only that many frame headers, however many more the file claims."""
    from PIL import Image

    try:
        with warnings.catch_warnings():  # a huge frame is image_file_pages' to refuse, by its own limit
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                if not getattr(img, "is_animated", False):
                    return
                try:
                    img.seek(settings.max_pages)
                except EOFError:
                    return
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return  # unreadable or too large: image_file_pages says why, with its own message and code
    raise ResourceLimitError(
        f"the image has more than {settings.max_pages} frames (pages), the limit max_pages. "
        "Raise it if you trust the file.",
        path=str(path),
    )
