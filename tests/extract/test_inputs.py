"""Bad inputs: each raises its own ChohyoError with a message that says what to do; routing of pages."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from chohyo.errors import DamagedPdfError, EncryptedPdfError, InputFileError, ResourceLimitError
from chohyo.extract import extract_document
from chohyo.model import PageKind
from chohyo.settings import ExtractSettings

from tests.extract.conftest import FIXTURES

GOOD = FIXTURES / "budget_ruled.pdf"
FONT = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"


def _minimal_pdf(kids: str = "", count: int = 0) -> bytes:
    """A hand-written PDF with a correct xref: its page tree holds ``kids``."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _reportlab_pdf(path: Path, draw, **kwargs) -> Path:  # type: ignore[no-untyped-def]
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "G" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("G", FONT))
    c = canvas.Canvas(str(path), **kwargs)
    draw(c)
    c.showPage()
    c.save()
    return path


def _extract(path: Path, **settings: object):  # type: ignore[no-untyped-def]
    return extract_document(path, ExtractSettings(**settings))  # type: ignore[arg-type]


def test_text_file_named_pdf(tmp_path: Path) -> None:
    p = tmp_path / "notes.pdf"
    p.write_text("これはPDFではありません。\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="not a PDF"):
        _extract(p)


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(InputFileError, match="empty"):
        _extract(p)


@pytest.mark.parametrize("fraction", [0.02, 0.5, 0.97])
def test_truncated_pdf(tmp_path: Path, fraction: float) -> None:
    data = GOOD.read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(DamagedPdfError) as info:
        _extract(p)
    assert "qpdf" in str(info.value) or "again" in str(info.value)


def test_bit_flipped_pdf(tmp_path: Path) -> None:
    data = bytearray(GOOD.read_bytes())
    for i in range(0, len(data), 7):
        data[i] ^= 0x10
    p = tmp_path / "flipped.pdf"
    p.write_bytes(
        b"%PDF-1.4\n" + bytes(data[9:])
    )  # keep the header: it must fail as damaged, not as "not a PDF"
    with pytest.raises(DamagedPdfError):
        _extract(p)


def test_encrypted_pdf_needs_its_password(tmp_path: Path) -> None:
    p = _reportlab_pdf(
        tmp_path / "locked.pdf", lambda c: c.drawString(72, 720, "secret 1,234"), encrypt="pw-123"
    )
    with pytest.raises(EncryptedPdfError, match="--password"):
        _extract(p)
    with pytest.raises(EncryptedPdfError, match="wrong"):
        _extract(p, password="nope")
    doc = _extract(p, password="pw-123")
    assert doc.pages[0].kind is PageKind.DIGITAL


def test_zero_pages(tmp_path: Path) -> None:
    p = tmp_path / "zero.pdf"
    p.write_bytes(_minimal_pdf())
    with pytest.raises(DamagedPdfError, match="no pages"):
        _extract(p)


def test_unreadable_file(tmp_path: Path) -> None:
    link = tmp_path / "gone.pdf"
    link.symlink_to(tmp_path / "missing.pdf")
    with pytest.raises(InputFileError, match="cannot be read"):
        _extract(link)
    with pytest.raises(InputFileError, match="folder"):
        _extract(tmp_path)


def test_too_many_characters_on_a_page() -> None:
    with pytest.raises(ResourceLimitError, match="max_chars_per_page"):
        _extract(GOOD, max_chars_per_page=100)


def test_too_many_pages() -> None:
    with pytest.raises(ResourceLimitError, match="max_pages"):
        _extract(GOOD, max_pages=1)


def test_errors_name_the_file(tmp_path: Path) -> None:
    p = tmp_path / "予算書 2015.pdf"
    p.write_bytes(b"")
    with pytest.raises(InputFileError) as info:
        _extract(p)
    assert str(p) in str(info.value)


def test_good_document_hash_and_meta() -> None:
    doc = _extract(GOOD)
    assert doc.sha256 == hashlib.sha256(GOOD.read_bytes()).hexdigest()
    assert doc.source == str(GOOD)
    assert all(p.notes and p.notes[0].startswith("digital") for p in doc.pages)


def test_page_without_text_is_routed_to_ocr(tmp_path: Path) -> None:
    from PIL import Image

    img = tmp_path / "scan.png"
    sheet = Image.new("L", (400, 560), 255)
    for x in range(60, 200, 14):  # a few glyph-sized blots: a scan with something on it
        sheet.paste(0, (x, 80, x + 9, 92))
    sheet.save(img)
    p = _reportlab_pdf(tmp_path / "scan.pdf", lambda c: c.drawImage(str(img), 0, 0, 595, 842))
    doc = _extract(p, ocr="never")
    assert doc.pages[0].kind is PageKind.SCANNED
    assert "full-page image" in doc.pages[0].notes[0]
    assert [f.code for f in doc.findings] == ["ocr-skipped"]


def test_blank_sheet_is_not_sent_to_ocr(tmp_path: Path) -> None:
    from PIL import Image

    img = tmp_path / "blank.png"
    Image.new("L", (400, 560), 255).save(img)
    p = _reportlab_pdf(tmp_path / "blank.pdf", lambda c: c.drawImage(str(img), 0, 0, 595, 842))
    doc = _extract(p, ocr="never")
    assert doc.pages[0].kind is not PageKind.SCANNED
    assert any("blank" in n for n in doc.pages[0].notes)
    assert "ocr-skipped" not in [f.code for f in doc.findings]


def _text_page(text: str):  # type: ignore[no-untyped-def]
    def draw(c) -> None:  # type: ignore[no-untyped-def]
        c.setFont("G", 10)
        for k in range(5):
            c.drawString(72, 720 - 14 * k, text)

    return draw


def test_cid_glyphs_make_the_text_layer_unusable(tmp_path: Path) -> None:
    p = _reportlab_pdf(tmp_path / "cid.pdf", _text_page("(cid:1234)(cid:88)(cid:907)"))
    doc = _extract(p, ocr="never")
    assert doc.pages[0].kind is PageKind.SCANNED and "cid" in doc.pages[0].notes[0]


def test_private_use_code_points_make_the_text_layer_unusable() -> None:
    from chohyo.extract.route import route_page
    from chohyo.extract.tables.geometry import Char

    pua = [Char(chr(0xE000 + k), 10.0 * k, 0, 10.0 * k + 9, 10, 10) for k in range(40)]
    route = route_page(pua, 0.0, ExtractSettings())
    assert route.scanned and route.bad_layer and "private-use" in route.reason
    mostly_fine = [Char("予", 10.0 * k, 0, 10.0 * k + 9, 10, 10) for k in range(40)] + pua[:3]
    assert not route_page(mostly_fine, 0.0, ExtractSettings()).scanned


def test_ocr_always_routes_every_page_to_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    import chohyo.extract.document as document_module

    seen: list[int] = []

    def fake_ocr(pdf, index, settings):  # type: ignore[no-untyped-def]
        from chohyo.model import Page

        seen.append(index)
        w, h = pdf[index].get_size()
        return Page(index + 1, w, h, PageKind.SCANNED), ()

    monkeypatch.setattr(document_module, "read_scanned_page", fake_ocr)
    doc = _extract(GOOD, ocr="always")
    assert seen == [0, 1] and all(p.kind is PageKind.SCANNED for p in doc.pages)
    assert all("ocr=always" in p.notes[-1] for p in doc.pages)


def test_import_pulls_in_no_other_stage() -> None:
    code = (
        "import sys, chohyo.extract;"
        "bad=[m for m in sys.modules if m.startswith(('chohyo.normalize','chohyo.validate','chohyo.emit'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
