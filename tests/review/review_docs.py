"""A small document with hostile text in its labels and one flagged cell, for review tests."""

from __future__ import annotations

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
    return replace(budget_document(t), source=source)
