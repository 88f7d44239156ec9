"""Inflate every Flate stream of a PDF once, bounded, before PDFium reads it (issue 19).

PDFium keeps what it could decode of a damaged stream and says nothing: a bit flip in a page's
content stream drops rows silently. zlib does say (a bad code, a wrong checksum, a cut stream), so
each damaged stream becomes a finding naming its object, and a stream that would inflate past
``max_stream_bytes`` (a decompression bomb) stops the document with exit 11 before PDFium allocates it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from chohyo.errors import ResourceLimitError
from chohyo.findings import FindingType, finding, register
from chohyo.model import Finding, Severity
from chohyo.settings import ExtractSettings

register(
    FindingType(
        "damaged-stream",
        Severity.ERROR,
        "Damaged stream",
        "object {obj} of the PDF is damaged ({reason}); what it holds (page text, a font or an image) "
        "may be missing from the output: get a new copy of the file",
    )
)

_STREAM = re.compile(rb"(\d+)\s+(\d+)\s+obj\b(.{0,4096}?)\bstream(?:\r\n|\n|\r)", re.S)
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FLATE_FIRST = re.compile(rb"/Filter\s*(?:\[\s*)?/(?:FlateDecode|Fl)\b")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class DamagedStream:
    obj: int
    reason: str


def _data_end(data: bytes, start: int, head: bytes) -> int:
    m = _LENGTH.search(head)
    if m:
        end = start + int(m.group(1))
        if data[end : end + 12].lstrip(b"\r\n ").startswith(b"endstream"):
            return end
    found = data.find(b"endstream", start)
    return len(data) if found < 0 else found


def _inflate(body: bytes, limit: int) -> tuple[int, str | None]:
    """(bytes inflated, why the stream is damaged or None); stops past ``limit``."""
    d = zlib.decompressobj()
    total = 0
    try:
        out = d.decompress(body, _CHUNK)
        while True:
            total += len(out)
            if total > limit:
                return total, None
            if not d.unconsumed_tail:
                break
            out = d.decompress(d.unconsumed_tail, _CHUNK)
    except zlib.error as err:
        return total, str(err)
    if not d.eof:
        out = d.flush()
        total += len(out)
        return total, "the stream ends before its compressed data does"
    return total, None


def check_streams(data: bytes, settings: ExtractSettings, source: str) -> list[DamagedStream]:
    """The Flate streams zlib cannot inflate; raises ResourceLimitError for a decompression bomb."""
    damaged: list[DamagedStream] = []
    if re.search(rb"/Encrypt\s*\d+\s+\d+\s+R|/Encrypt\s*<<", data):
        return damaged  # encrypted streams are not zlib data until PDFium decrypts them
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            return damaged
        head, start = m.group(3), m.end()
        if b"obj" in head:  # this object has no stream: the match ran into the next object
            pos = m.start(3)
            continue
        end = _data_end(data, start, head)
        pos = max(end, start)
        if not _FLATE_FIRST.search(head):
            continue
        total, why = _inflate(data[start:end], settings.max_stream_bytes)
        if total > settings.max_stream_bytes:
            raise ResourceLimitError(
                f"object {int(m.group(1))} inflates to more than {settings.max_stream_bytes:,} bytes "
                "(max_stream_bytes): a decompression bomb? Raise the limit if you trust the file.",
                path=source,
            )
        if why is not None:
            damaged.append(DamagedStream(int(m.group(1)), why))


def stream_findings(data: bytes, settings: ExtractSettings, source: str) -> list[Finding]:
    return [
        finding("damaged-stream", obj=d.obj, reason=d.reason) for d in check_streams(data, settings, source)
    ]
