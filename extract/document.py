"""Open a file, route each page (digital or scanned) and extract it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from chohyo.errors import ChohyoError, DamagedPdfError, InputFileError, UsageError
from chohyo.extract.digital.chars import page_origin, read_chars
from chohyo.extract.digital.digital_page import read_digital_page
from chohyo.extract.digital.reread import disagreements, reread
from chohyo.extract.digital.rotate import reading_turn, rotate_chars
from chohyo.extract.digital.superscripts import mark_superscripts
from chohyo.extract.digital.text import article_captions, join_across_pages, ordinance_titles, running_heads
from chohyo.extract.figures import figure_findings, picture_regions
from chohyo.extract.headings import nest_headings
from chohyo.extract.ocr import (
    IMAGE_SUFFIXES,
    doubtful_text,
    read_image_pages,
    read_scanned_page,
    text_layer_is_bad,
)
from chohyo.extract.open import check_image_frames, check_page_size, open_pdf, read_bytes, sha256
from chohyo.extract.photo_pages import is_photo, unread_photos
from chohyo.extract.route import FULL_PAGE, Route, blank_page, check_char_count, page_images, route_page
from chohyo.extract.streams import stream_findings
from chohyo.extract.tables.continued import merge_continued
from chohyo.extract.tables.spans import copy_span_text
from chohyo.extract.unread_amounts import amounts_outside_tables, amounts_without_table
from chohyo.findings import FindingType, finding, register
from chohyo.model import Document, Finding, Page, PageKind, Severity, Table
from chohyo.pages import missing_pages
from chohyo.runtime import Deadline, gc_paused, text_path
from chohyo.settings import ExtractSettings

register(
    FindingType(
        "ocr-skipped",
        Severity.WARNING,
        "Scanned page not read",
        "page {page} has no usable text layer ({reason}); OCR is turned off (ocr=never)",
    )
)


Progress = Callable[[int, int], None]  # (pages done, pages in the document), after each page


def extract_document(path: Path, settings: ExtractSettings, progress: Progress | None = None) -> Document:
    """``progress`` is called after each page is read; the library never prints (the CLI draws)."""
    with gc_paused():  # acyclic objects only: a full collection would walk every char of the book
        return _extract_document(Path(path), settings, progress)


def _extract_document(path: Path, settings: ExtractSettings, progress: Progress | None = None) -> Document:
    data = read_bytes(path, settings)
    digest = sha256(data)
    pages: list[Page] = []
    findings: list[Finding] = []
    meta: tuple[tuple[str, str], ...] = ()
    deadline = Deadline(settings.max_seconds, str(path))
    if path.suffix.lower() in IMAGE_SUFFIXES:
        check_image_frames(path, settings)
        try:
            for page in read_image_pages(path, settings):  # checks the selection itself
                pages.append(page)
                deadline.check(page.number + 1)
        except OSError as err:  # Pillow: a truncated frame, bad checksums, a codec error
            raise InputFileError(
                f"the image cannot be decoded ({err}). Check the file or scan it again.", path=str(path)
            ) from None
    else:
        pdf = open_pdf(path, data, settings)
        try:
            findings.extend(stream_findings(data, settings, str(path)))  # before PDFium inflates them
            _check_selection(settings.pages, len(pdf), path)
            numbers = settings.pages or range(1, len(pdf) + 1)
            total = len(numbers)
            # one page at a time: its chars and images are let go here
            for done, number in enumerate(numbers, 1):
                deadline.check(number)
                page, found = _read_page(pdf, number - 1, settings, str(path))
                pages.append(page)
                findings.extend(found)
                if progress is not None:
                    progress(done, total)
            meta = _meta(pdf)
        finally:
            pdf.close()
    if settings.merge_continued_tables:
        pages, _merged = merge_continued(pages)
    pages = _number_blocks(
        _number_tables(
            nest_headings(ordinance_titles(article_captions(join_across_pages(running_heads(pages)))))
        )
    )
    findings.extend(doubtful_text(pages))  # needs the final table ids
    findings.extend(figure_findings(pages))  # a figure left out of the text leaves a trace
    findings.extend(disagreements(pages))  # cells of a re-read page no other reading confirms
    # a scan full of amounts and no table says so; a photo's amounts outside tables say so louder
    findings.extend(amounts_without_table(p for p in pages if not is_photo(p)))
    findings.extend(unread_photos(pages))
    findings.extend(amounts_outside_tables(pages))  # figures a table's reading left out say so
    for t in (t for p in pages for t in p.tables if len(t.pages) > 1):
        findings.append(finding("table-continued", table=t.id, pages=", ".join(map(str, t.pages))))
    if not any(p.tables for p in pages) and all(p.kind is PageKind.DIGITAL for p in pages):
        findings.append(finding("no-tables"))
    title = next((t.title for p in pages for t in p.tables if t.title), "")
    return Document(
        source=text_path(path),
        sha256=digest,
        pages=tuple(pages),
        findings=tuple(findings),
        title=title,
        meta=meta,
    )


def _check_selection(selected: tuple[int, ...], count: int, path: Path) -> None:
    message = missing_pages(selected, count)
    if message is not None:
        raise UsageError(message, path=str(path))


def _read_page(pdf: Any, index: int, settings: ExtractSettings, source: str) -> tuple[Page, list[Finding]]:
    number = index + 1
    try:
        page = pdf[index]
        width, height = page.get_size()
        rotation = page.get_rotation()
        if rotation in (90, 270):  # chars are read in the unrotated space first, then turned (rotate.py)
            width, height = height, width
        textpage = page.get_textpage()
    except Exception as err:  # pdfium could open the file but not this page
        raise DamagedPdfError(
            f"page {number} is damaged and cannot be read ({err}). Try repairing the file (qpdf) or get a new copy.",
            path=source,
        ) from None
    try:
        check_page_size(width, height, number, settings)
        check_char_count(textpage, number, settings)
        left, bottom = page_origin(page)
        chars = read_chars(textpage, height, left, bottom)
        cover = page_images(page, width, height, settings, number)
        blank = blank_page(page, chars) if settings.ocr != "always" else None
        if blank is not None:  # a blank separator page: nothing to read, nothing to OCR
            return Page(
                number,
                width,
                height,
                PageKind.DIGITAL,
                notes=(f"blank page: {blank}; not OCR'd",),
                rotation=rotation,
            ), []
        route = route_page(chars, cover, settings)
        if not route.scanned and cover >= FULL_PAGE and settings.ocr == "auto":
            # an invisible text layer over a scan: only the OCR stage can tell if it matches the image
            bad = text_layer_is_bad(pdf, index, settings)
            if bad:
                route = Route(True, f"the text layer over the scan is unusable ({bad})", bad_layer=True)
        if not route.scanned:
            notes: tuple[str, ...] = (
                f"digital: {route.reason} ({sum(not c.is_space for c in chars)} characters)",
            )
            turn = reading_turn(textpage, rotation)
            if turn != rotation:  # the text itself is set sideways: read it as a reader turns the page
                notes += (
                    f"the text runs turned {turn}° (page /Rotate {rotation}°); "
                    "boxes are in the page turned so that it reads upright",
                )
            elif rotation in (90, 180, 270):
                notes += (
                    f"the page is displayed turned {rotation}°; boxes are in the displayed orientation",
                )
            if turn in (90, 180, 270):
                chars = rotate_chars(chars, turn, width, height)
            # pictures among the text (a chart pasted on a slide): only where some image is sizeable
            pictures = (
                picture_regions(page, width, height, left, bottom) if cover >= 0.02 and turn == 0 else []
            )
            chars = mark_superscripts(chars, settings.flag_size)  # ``24.91²``, never ``24.912``
            digital = read_digital_page(page, chars, number, width, height, settings, notes, turn, pictures)
            if settings.reread == "auto":  # other readers only where the page's own reading is in doubt
                digital, _why = reread(digital, source, chars)
            digital = copy_span_text(digital, settings.copy_text)
            return replace(digital, rotation=turn), []
        found: list[Finding] = []
        if settings.ocr == "never":
            found.append(finding("ocr-skipped", page=number, reason=route.reason))
            return Page(
                number, width, height, PageKind.SCANNED, notes=(f"scanned: {route.reason}; not OCR'd",)
            ), found
        if route.bad_layer:
            found.append(finding("bad-text-layer", page=number, reason=route.reason))
        elif settings.ocr != "always":
            found.append(finding("scanned-page", page=number, reason=route.reason))
        scanned, ocr_found = read_scanned_page(pdf, index, settings)
        scanned = replace(scanned, notes=(*scanned.notes, f"scanned: {route.reason}"))
        return scanned, found + list(ocr_found)
    except ChohyoError as err:
        err.path = err.path or source
        raise
    finally:
        textpage.close()
        page.close()


def _number_tables(pages: list[Page]) -> list[Page]:
    """Table ids t1, t2, ... in document order (ids given per page before merging are replaced)."""
    out = []
    n = 0
    for p in pages:
        tables: list[Table] = []
        for t in p.tables:
            n += 1
            tables.append(replace(t, id=f"t{n}"))
        out.append(replace(p, tables=tuple(tables)))
    return out


def _number_blocks(pages: list[Page]) -> list[Page]:
    """Text blocks numbered in document-wide reading order."""
    out, order = [], 0
    for p in pages:
        blocks = []
        for b in p.text_blocks:
            blocks.append(replace(b, order=order))
            order += 1
        out.append(replace(p, text_blocks=tuple(blocks)))
    return out


def _meta(pdf: Any) -> tuple[tuple[str, str], ...]:
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:
        info = {}
    return (
        *tuple((f"pdf_{k.lower()}", str(v)) for k, v in sorted(info.items())),
        ("extractor", "chohyo.extract (pdfium)"),
    )
