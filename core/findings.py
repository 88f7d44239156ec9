"""The catalogue of data findings (frictionless' pattern): stable slugs, severities, message templates.

A stage creates findings with ``finding(code, **fields)``; the template is filled from the fields,
so messages are uniform and a report flattens to rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chohyo.model import CellRef, Finding, Severity, Suspect


@dataclass(frozen=True)
class FindingType:
    code: str
    severity: Severity
    title: str
    template: str  # str.format over the keyword fields given to ``finding``


_TYPES = [
    # extraction
    FindingType(
        "scanned-page",
        Severity.INFO,
        "Scanned page",
        "page {page} has no usable text layer ({reason}); it is read by OCR",
    ),
    FindingType("ocr-unavailable", Severity.ERROR, "OCR not run", "page {page} needs OCR but {reason}"),
    FindingType(
        "bad-text-layer",
        Severity.WARNING,
        "Unusable text layer",
        "page {page}: the text layer is unusable ({reason}); the page was OCR'd instead",
    ),
    FindingType("no-tables", Severity.INFO, "No tables", "no table was found in the document"),
    FindingType(
        "photo-not-read",
        Severity.ERROR,  # a warning where some of the photo's amounts were read into tables
        "Photo not read as a table",
        "page {page} is a photo, not a scan, and {what} ({examples}, …): no sum checks them. "
        "Scan the paper flat (or photograph it square-on, evenly lit, filling the frame) and convert "
        "it again, or compare the amounts with the paper",
    ),
    FindingType(
        "table-continued", Severity.INFO, "Table continued", "table {table} continues over pages {pages}"
    ),
    FindingType(
        "figure-not-text",
        Severity.INFO,
        "Figure left out of the text",
        "page {page}: {what} is a figure, left out of the text (see the page)",
    ),
    # normalization
    FindingType(
        "unparseable-number",
        Severity.WARNING,
        "Unparseable number",
        "{where}: {text!r} looks like a number but is not one ({reason})",
    ),
    FindingType(
        "bad-grouping",
        Severity.WARNING,
        "Bad digit grouping",
        "{where}: {text!r} has thousands separators that do not form groups of three",
    ),
    FindingType(
        "ocr-candidate", Severity.INFO, "OCR reading doubtful", "{where}: {text!r} may be {candidates}"
    ),
    FindingType(
        "blank-date",
        Severity.WARNING,
        "Blank form date",
        "{text!r} is a blank form date: only the year ({year}) is known",
    ),
    FindingType("invalid-date", Severity.WARNING, "Invalid date", "{text!r} is not a valid date ({reason})"),
    FindingType("unit-missing", Severity.INFO, "Unit not stated", "table {table}: no unit (単位) was found"),
    # validation
    FindingType(
        "sum-mismatch",
        Severity.ERROR,
        "Sum mismatch",
        "{where}: expected {expected} (= {formula}), found {found}",
    ),
    FindingType(
        "difference-mismatch",
        Severity.ERROR,
        "Difference mismatch",
        "{where}: expected {expected} (= {formula}), found {found}",
    ),
    FindingType(
        "balance-mismatch",
        Severity.ERROR,
        "Balance mismatch",
        "{where}: expected {expected} (= {formula}), found {found}",
    ),
    FindingType(
        "rounding-only",
        Severity.INFO,
        "Differs by rounding only",
        "{where}: {found} vs {expected} (= {formula}) differ within rounding of the unit",
    ),
    FindingType(
        "corrected-cell",
        Severity.WARNING,
        "OCR reading corrected",
        "{where}: OCR read {original!r}, corrected to {text!r} because {reason}",
    ),
    FindingType(
        "unreconciled-cell",
        Severity.ERROR,
        "Cell could not be reconciled",
        "{where}: {found} breaks {count} relation(s); no single correction makes them all hold",
    ),
    FindingType("rule-not-found", Severity.WARNING, "Rule target not found", "rule {rule!r}: {reason}"),
]

CATALOGUE: dict[str, FindingType] = {t.code: t for t in _TYPES}


def finding(
    code: str,
    *,
    page: int | None = None,
    table: str | None = None,
    cells: tuple[CellRef, ...] = (),
    expected: Decimal | None = None,
    found: Decimal | None = None,
    suspects: tuple[Suspect, ...] = (),
    relation: str | None = None,
    severity: Severity | None = None,
    **fields: Any,
) -> Finding:
    """Make a Finding from the catalogue; unknown codes are a programming error."""
    kind = CATALOGUE[code]
    values = {"page": page, "table": table, "expected": expected, "found": found, **fields}
    try:
        message = kind.template.format(**values)
    except (KeyError, IndexError) as err:  # a missing field must not hide the finding
        message = f"{kind.title} ({err})"
    return Finding(
        code=code,
        severity=severity or kind.severity,
        message=message,
        page=page,
        table=table,
        cells=cells,
        expected=expected,
        found=found,
        suspects=suspects,
        relation=relation,
    )


def register(kind: FindingType) -> None:
    """Stages may add their own codes at import time (code must be new)."""
    if kind.code in CATALOGUE and CATALOGUE[kind.code] != kind:
        raise ValueError(f"finding code {kind.code!r} is already registered")
    CATALOGUE[kind.code] = kind
