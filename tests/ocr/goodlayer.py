"""Build a scan whose invisible text layer is right (text and places from the born-digital page)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium

FONT = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"


def make_good_layer_pdf(src: Path, dest: Path, dpi: int = 150) -> Path:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdf = pdfium.PdfDocument(src)
    page = pdf[0]
    w, h = page.get_size()
    buf = io.BytesIO()
    page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L").save(buf, format="JPEG", quality=60)
    buf.seek(0)
    pdfmetrics.registerFont(TTFont("IPAexG", FONT))
    c = canvas.Canvas(str(dest), pagesize=(w, h))
    c.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
    tp = page.get_textpage()
    t = c.beginText()
    t.setTextRenderMode(3)
    for i in range(tp.count_chars()):
        ch = tp.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, _right, top = tp.get_charbox(i)
        t.setFont("IPAexG", max(4.0, (top - bottom) * 1.2))
        t.setTextOrigin(left, bottom)
        t.textOut(ch)
    c.drawText(t)
    c.showPage()
    c.save()
    return dest
