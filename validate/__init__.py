"""Validate stage: discover each table's arithmetic, check it, locate and repair.

Entry point: ``validate_document(doc, settings) -> Document`` (per table: ``table.validate_table``).

Modules: ``numeric`` (the body as an integer matrix with XBRL-style rounding intervals), ``view``
(rows or columns as lines), ``formulas`` (formulas in labels), ``discover`` (sums, differences,
balances nobody declared), ``check`` (line checks → findings), ``explain`` (the least sets of
cells whose change makes every failing check hold: one, two or three cells; all candidates when
several fit), ``locate`` (suspects and ambiguous candidates from them),
``repair`` (OCR confusions confirmed by arithmetic), ``rules_file`` (user rules), ``csv_table``
(``chohyo validate TABLE.csv``), ``truth`` (tables from fixture truth JSON).
"""

from __future__ import annotations

from chohyo.validate.document import validate_document

__all__ = ["validate_document"]
