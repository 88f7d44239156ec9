"""The shared table geometry, used by both paths: chars/lines/words records, grids, borderless
tables from alignment, label folding, Grid → Table, continued tables. Imports neither the digital
room (``chohyo.extract.digital``) nor the OCR room (``chohyo.extract.ocr``)."""
