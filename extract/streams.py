"""Decode every Flate (and ASCII85, ASCIIHex) stream of a PDF once, and walk every JPEG, bounded,
before PDFium reads it (issue 19).

PDFium keeps what it could decode of a damaged stream and says nothing: a bit flip in a page's
content stream drops rows silently. zlib does say (a bad code, a wrong checksum, a cut stream), and
so does an ASCII85 or hex layer over it (a character outside its alphabet), so
each damaged stream becomes a finding naming its object, and a stream that would inflate past
``max_stream_bytes`` (a decompression bomb) stops the document with exit 11 before PDFium allocates it.
"""

from __future__ import annotations

import binascii
import re
import zlib
from dataclasses import dataclass

from chohyo.errors import ResourceLimitError
from chohyo.extract.ascii85 import a85decode
from chohyo.extract.forms import FormGraph, most_drawings
from chohyo.extract.jpeg_check import jpeg_damage
from chohyo.extract.pagemap import describe, where_used
from chohyo.findings import FindingType, finding, register
from chohyo.model import Finding, Severity
from chohyo.settings import ExtractSettings

register(
    FindingType(
        "damaged-stream",
        Severity.ERROR,
        "Damaged stream",
        "{where} is damaged ({reason}); what it holds (page text, a font or an image) "
        "may be missing from the output: get a new copy of the file",
    )
)

_STREAM = re.compile(rb"(\d+)\s+(\d+)\s+obj\b(.{0,4096}?)\bstream(?:\r\n|\n|\r)", re.S)
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FILTERS = re.compile(rb"/Filter\s*(?:\[([^\]]*)\]|(/[A-Za-z0-9]+))")
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")
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


def _inflate(body: bytes, limit: int, keep: bool = False) -> tuple[int, str | None, bytes]:
    """(bytes inflated, why the stream is damaged or None, the data when ``keep``); stops past ``limit``."""
    d = zlib.decompressobj()
    total = 0
    parts: list[bytes] = []
    try:
        out = d.decompress(body, _CHUNK)
        while True:
            total += len(out)
            if total > limit:
                return total, None, b""
            if keep:
                parts.append(out)
            if not d.unconsumed_tail:
                break
            out = d.decompress(d.unconsumed_tail, _CHUNK)
    except zlib.error as err:
        return total, str(err), b"".join(parts)
    if not d.eof:
        out = d.flush()
        total += len(out)
        return total, "the stream ends before its compressed data does", b"".join(parts)
    return total, None, b"".join(parts)


class _Objects:
    """Object n's dictionary text, from the file or from an object stream (for resource lookups)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.packed: dict[int, bytes] = {}
        self._offsets: dict[int, int] | None = None

    def add_object_stream(self, head: bytes, content: bytes) -> None:
        first = re.search(rb"/First\s+(\d+)", head)
        if first is None:
            return
        start = int(first.group(1))
        nums = [int(x) for x in content[:start].split()]
        pairs = list(zip(nums[0::2], nums[1::2], strict=False))
        for k, (obj, off) in enumerate(pairs):
            end = start + pairs[k + 1][1] if k + 1 < len(pairs) else len(content)
            self.packed[obj] = content[start + off : end]

    def __call__(self, obj: int) -> bytes:
        if obj in self.packed:
            return self.packed[obj]
        if self._offsets is None:
            self._offsets = {int(m.group(1)): m.end() for m in _OBJ.finditer(self.data)}
        at = self._offsets.get(obj)
        if at is None:
            return b""
        text = self.data[at : at + 65536]
        cut = min((i for i in (text.find(b"endobj"), text.find(b"stream")) if i >= 0), default=len(text))
        return text[:cut]


def _filters(head: bytes) -> list[bytes]:
    m = _FILTERS.search(head)
    if m is None:
        return []
    return re.findall(rb"/([A-Za-z0-9]+)", m.group(1) or m.group(2))


def _decode(
    body: bytes, filters: list[bytes], settings: ExtractSettings, keep: bool, obj: int, source: str
) -> tuple[bytes, str | None, bool]:
    """(the data as far as decoded, why it is damaged or None, whether every filter was undone).

    Flate, ASCII85 and ASCIIHex say when their data is wrong, and a JPEG when it is cut
    (jpeg_check.py); a filter chohyo cannot check here (LZW, RunLength, JBIG2, CCITT) is left to PDFium."""
    for k, name in enumerate(filters):
        last = k == len(filters) - 1
        if name in (b"FlateDecode", b"Fl"):
            total, why, body = _inflate(body, settings.max_stream_bytes, keep or not last)
            if total > settings.max_stream_bytes:
                raise ResourceLimitError(
                    f"object {obj} inflates to more than {settings.max_stream_bytes:,} bytes "
                    "(max_stream_bytes): a decompression bomb? Raise the limit if you trust the file.",
                    path=source,
                )
        elif name in (b"ASCII85Decode", b"A85"):
            body, why = _ascii85(body)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            body, why = _ascii_hex(body)
        elif name in (b"DCTDecode", b"DCT") and last:
            return body, jpeg_damage(body), False
        else:
            return body, None, False
        if why is not None:
            return body, why, False
    return body, None, True


def _ascii85(body: bytes) -> tuple[bytes, str | None]:
    text = bytes(body).strip()
    end = text.find(b"~>")
    if end < 0:
        return b"", "its ASCII85 data has no end mark (~>)"
    text = text[:end].removeprefix(b"<~")
    try:
        return a85decode(text), None
    except ValueError as err:
        return b"", f"its ASCII85 data is wrong: {err}"


def _ascii_hex(body: bytes) -> tuple[bytes, str | None]:
    text = bytes(body).split(b">", 1)[0]
    digits = bytes(c for c in text if c not in b" \t\n\r\f\x00")
    if len(digits) % 2:
        digits += b"0"  # the PDF rule: an odd last digit is followed by 0
    try:
        return binascii.unhexlify(digits), None
    except (binascii.Error, ValueError) as err:
        return b"", f"its ASCIIHex data is wrong: {err}"


def check_streams(data: bytes, settings: ExtractSettings, source: str) -> list[DamagedStream]:
    """The Flate streams zlib cannot inflate; raises ResourceLimitError for a decompression bomb, and
    for nested forms that would draw more than ``max_form_drawings`` (forms.py)."""
    damaged: list[DamagedStream] = []
    if re.search(rb"/Encrypt\s*\d+\s+\d+\s+R|/Encrypt\s*<<", data):
        return damaged  # encrypted streams are not zlib data until PDFium decrypts them
    graph = FormGraph()
    objects = _Objects(data)
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            break
        head, start = m.group(3), m.end()
        if b"obj" in head:  # this object has no stream: the match ran into the next object
            pos = m.start(3)
            continue
        end = _data_end(data, start, head)
        pos = max(end, start)
        obj = int(m.group(1))
        is_form, is_packed = bool(_FORM.search(head)), bool(_OBJSTM.search(head))
        keep = not _IMAGE.search(head)  # forms, pages' contents and object streams are searched
        content, why, whole = _decode(data[start:end], _filters(head), settings, keep, obj, source)
        if why is not None:
            damaged.append(DamagedStream(obj, why))
        if not whole:
            continue
        if is_packed:
            objects.add_object_stream(head, content)
        elif keep:
            graph.add(obj, head, content, is_form)
    _check_forms(graph, objects, settings, source)
    return damaged


def _check_forms(graph: FormGraph, objects: _Objects, settings: ExtractSettings, source: str) -> None:
    limit = settings.max_form_drawings
    obj, drawings = most_drawings(graph, objects, [objects.data, *objects.packed.values()], limit)
    if drawings > limit:
        raise ResourceLimitError(
            f"object {obj} draws forms nested in forms more than {limit:,} times (max_form_drawings): "
            "PDFium would need gigabytes. Raise the limit if you trust the file.",
            path=source,
        )


def stream_findings(data: bytes, settings: ExtractSettings, source: str) -> list[Finding]:
    """A ``damaged-stream`` error per damaged stream, named by the pages that use it (pagemap.py)."""
    damaged = check_streams(data, settings, source)
    if not damaged:
        return []
    used = where_used(data, _Objects(data), {d.obj for d in damaged})
    out = []
    for d in damaged:
        pages, content = used.get(d.obj, ([], False)) if used is not None else (None, False)
        where = describe(d.obj, pages, content)
        reason = d.reason.encode("ascii", "backslashreplace").decode()  # zlib quotes the bad byte
        out.append(finding("damaged-stream", page=pages[0] if pages else None, where=where, reason=reason))
    return out
