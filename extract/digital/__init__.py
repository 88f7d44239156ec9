"""The digital room: born-digital pages read from their text layer and vector paths (pdfium chars,
rulings, ruled tables, vertical headers, captions, text blocks). Uses the shared table geometry
(``chohyo.extract.tables``), never the OCR room."""
