"""``table.to_image()`` / ``plot()``: the printed page with the table's cells and its flagged cells drawn."""

from __future__ import annotations

from pathlib import Path

import chohyo
import numpy as np
import pytest
from chohyo.notebook import NotebookTable

PDF = Path(__file__).resolve().parents[2] / "fixtures" / "budget_typos.pdf"


@pytest.fixture(scope="module")
def table() -> NotebookTable:
    return chohyo.read_pdf(PDF)[0]


def _red(img: np.ndarray) -> np.ndarray:
    return (img[..., 0] == 255) & (img[..., 1] == 0) & (img[..., 2] == 0)  # red is for errors only


def test_to_image_marks_the_suspect_cell_in_red(table: NotebookTable) -> None:
    suspects = [s for f in table.findings for s in f.suspects if f.severity.value == "error"]
    named = next(s for s in suspects if s.found == 41946600)  # 教育講習収益 / 公益事業1, printed 41,946,600
    assert named.proposed == 41940600
    im = table.to_image(resolution=144)
    page = table.document.pages[0]
    assert im.width >= round(page.width * 2) and im.height == round(page.height * 2)
    assert hasattr(im, "_repr_png_")  # a notebook shows it as it is
    px = np.asarray(im.convert("RGB"))
    cell = table.table.cell(named.row, named.col)
    assert cell is not None and cell.bbox is not None
    x0, y0, x1, y1 = (round(v * 2) for v in (cell.bbox.x0, cell.bbox.top, cell.bbox.x1, cell.bbox.bottom))
    assert _red(px[y0 - 4 : y1 + 4, x0 - 4 : x1 + 4]).sum() > 100  # its frame is drawn
    ok = table.table.cell(5, 1)  # a cell no finding names keeps no red
    assert ok is not None and ok.bbox is not None
    b = ok.bbox
    assert (
        _red(
            px[round(b.top * 2) + 6 : round(b.bottom * 2) - 6, round(b.x0 * 2) + 6 : round(b.x1 * 2) - 6]
        ).sum()
        == 0
    )


def test_plot_and_page_choice(table: NotebookTable) -> None:
    assert table.table.pages == (1, 2)
    assert table.plot(page=2, resolution=50).size == table.to_image(page=2, resolution=50).size
    with pytest.raises(ValueError, match="not 3"):
        table.to_image(page=3)


def test_repr_html_of_a_long_table_keeps_every_flagged_row(table: NotebookTable) -> None:
    page = table._repr_html_()
    assert table.shape[0] == 79 > 60
    shown = page.count("<tr>") - 1  # the header row
    assert 30 <= shown < 79 and "row(s) not shown" in page
    flagged = {s.row for f in table.findings if f.severity.value == "error" for s in f.suspects}
    assert flagged and all(
        f"{cell.text}</td>" in page for r in flagged for cell in table.table.row_cells(r) if cell.col == 0
    )
    assert page.count('data-severity="error"') >= len(flagged)


def test_review_crops_go_to_errors_first(
    table: NotebookTable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crops are capped; info cells of an earlier table must not take them from a later table's errors."""
    import re
    from dataclasses import replace

    from chohyo.emit import review_crops
    from chohyo.emit.grid import clean_table
    from chohyo.emit.review_html import review_page
    from chohyo.model import CellRef, Finding, Severity
    from chohyo.settings import EmitSettings

    doc = table.document
    first = replace(table.table, id="t0")
    notes = tuple(
        Finding(
            "unit-missing", Severity.INFO, "note", page=1, table="t0", cells=(CellRef("t0", r, 1, page=1),)
        )
        for r in (5, 6, 7, 8)
    )
    pages = (replace(doc.pages[0], tables=(first, *doc.pages[0].tables)), *doc.pages[1:])
    doc = replace(doc, pages=pages, findings=notes + doc.findings)
    errors = {(s.row, s.col) for f in doc.findings if f.severity is Severity.ERROR for s in f.suspects}
    monkeypatch.setattr(review_crops, "MAX_CROPS", len(errors))
    page = review_page(doc, [clean_table(t, EmitSettings()) for t in doc.tables])
    items = re.findall(r'<article class="item sev-(\w+)".*?</article>', page, re.S)
    arts = re.findall(r'(<article class="item sev-(\w+)".*?</article>)', page, re.S)
    assert items[0] == "info"  # t0 comes first on the page...
    assert all('class="crop"' in a for a, sev in arts if sev == "error")  # ...but errors got the crops
    assert not any('class="crop"' in a for a, sev in arts if sev == "info")


def test_table_list_html_is_one_line_per_table(table: NotebookTable) -> None:
    from chohyo.notebook import TableList

    tables = TableList(table.document)
    page = tables._repr_html_()
    assert page.count("<tr><td>") == len(tables) == 1
    errors = sum(1 for sev, _ in table._flagged().values() if sev.value == "error")
    assert errors > 0 and f"{errors} error" in page and "&lt;Table t1 p1-2 79×8 円" in page
