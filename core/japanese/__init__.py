"""Japanese text and number rules shared by every stage (rules.md §1-3).

Stages may not import each other, so the rules they all need live here, below them, one module
per rule: ``widths`` (full-width folding), ``signs`` (minus signs, negative notations, null
dashes), ``numbers`` (grouping, ``parse_number``, ``looks_numeric``), ``kanji_numerals``,
``numbering`` (item numbering tokens), ``units`` (unit marks and their scale), ``confusions``
(characters OCR reads for digits), ``scripts`` (kana tests),
``accounts`` (the label lexicon: known 勘定科目 and table words). Where call sites deliberately differ (an OCR reading, a strict validator), the
difference is an explicit parameter or a named set, never a silent change.
"""
