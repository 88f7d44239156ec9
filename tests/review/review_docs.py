"""A small document with hostile text in its labels and one flagged cell, for review tests."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "emit"))

from chohyo.model import Document, Table
from emit_docs import budget_document, budget_table

FORMULA = "=cmd|' /C calc'!A0"
SCRIPT = '<script>document.title="pwned"</script><img src=x onerror="document.title=1">'


def hostile_document(source: str = "/data/予算書.pdf") -> Document:
    t: Table = budget_table()
    cells = {
        (3, 0): replace(t.cell(3, 0), text=FORMULA),  # type: ignore[type-var]
        (4, 0): replace(t.cell(4, 0), text=SCRIPT),  # type: ignore[type-var]
    }
    rows = tuple(
        replace(r, label=FORMULA if r.index == 3 else SCRIPT if r.index == 4 else r.label) for r in t.rows
    )
    t = replace(t.with_cells(cells), rows=rows, title=SCRIPT)
    # a document of its own per source: review.html keeps a clerk's decisions by the document's sha256,
    # and a test's page must never open on the decisions another test's page wrote (the browser is shared)
    sha = hashlib.sha256(source.encode()).hexdigest()
    return replace(budget_document(t), source=source, sha256=sha)


def misprint_document(source: str = "/data/予算書.pdf") -> Document:
    """A printed misprint found by the validate stage itself: 事業収益 / 公益事業1 reads 2,334 where
    both its row (計) and its column (経常収益) need 2,234; the two relations come from a rules file."""
    from chohyo.settings import ValidateSettings
    from chohyo.validate.rules_file import parse_rules
    from chohyo.validate.table import validate_table
    from emit_docs import num

    t = budget_table()
    t = t.with_cells(
        {
            (2, 2): num(2, 2, "0", "0"),
            (2, 3): num(2, 3, "1,234", "1234"),
            (3, 2): num(3, 2, "0", "0"),
            (4, 1): num(4, 1, "2,334", "2334"),
            (4, 3): num(4, 3, "2,234", "2234"),
        }
    )
    rules = parse_rules(
        {
            "relations": [
                {"target": "経常収益", "terms": ["①受取会費", "2. 事業収益"]},
                {"axis": "col", "target": "計", "terms": ["公益事業/公益事業1", "公益事業/小計"]},
            ]
        }
    )
    result = validate_table(replace(t, relations=()), ValidateSettings(discover=False), rules)
    doc = budget_document(result.table)
    return replace(doc, source=source, findings=tuple(result.findings))
