"""`chohyo debug`: the drawn pages mark exactly the cells the report calls suspect, in red."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from chohyo.cli import app
from chohyo.cli.debug_cmd import write_debug
from chohyo.emit.report import build_report
from chohyo.errors import ExitCode
from chohyo.model import Document
from PIL import Image
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DPI = 100.0
S = DPI / 72.0


def _red(img: np.ndarray) -> np.ndarray:
    """Pure red, the colour kept for findings (the fixture pages are black and white)."""
    return (img[..., 0] > 200) & (img[..., 1] < 60) & (img[..., 2] < 60)


@pytest.fixture(scope="module")
def typos(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    out = tmp_path_factory.mktemp("debug")
    doc, written = write_debug(FIXTURES / "budget_typos.pdf", out, dpi=DPI)
    assert sorted(p.name for p in written) == [
        "budget_typos_p1.json",
        "budget_typos_p1.png",
        "budget_typos_p2.json",
        "budget_typos_p2.png",
    ]
    return doc, out


def test_pngs_have_the_page_size_at_the_dpi(typos: tuple[Document, Path]) -> None:
    doc, out = typos
    for page in doc.pages:
        with Image.open(out / f"budget_typos_p{page.number}.png") as im:
            assert im.format == "PNG"
            assert abs(im.height - page.height * S) <= 1
            # the page, widened on the right only where suspects' proposals need a margin
            data = json.loads((out / f"budget_typos_p{page.number}.json").read_text(encoding="utf-8"))
            assert abs(data["image"]["page_width"] - page.width * S) <= 1
            assert im.width == data["image"]["width"] >= data["image"]["page_width"]


def test_every_suspect_cell_of_the_report_is_red(typos: tuple[Document, Path]) -> None:
    doc, out = typos
    report = build_report(doc)
    tables = {t.id: t for t in doc.tables}
    suspects = {(f["table"], s["row"], s["col"]) for f in report["findings"] for s in f.get("suspects", [])}
    assert len(suspects) >= 5  # the fixture's five typos are all named
    named = {
        (f["table"], c["row"], c["col"]) for f in report["findings"] if f.get("table") for c in f["cells"]
    } - suspects
    images = {
        p.number: np.asarray(Image.open(out / f"budget_typos_p{p.number}.png").convert("RGB"))
        for p in doc.pages
    }

    def cell_box(key: tuple[str, int, int]) -> tuple[np.ndarray, int, int, int, int]:
        cell = tables[key[0]].cell(key[1], key[2])
        assert cell is not None and cell.bbox is not None
        b = cell.bbox
        return images[cell.page], round(b.x0 * S), round(b.top * S), round(b.x1 * S), round(b.bottom * S)

    def red_inside(key: tuple[str, int, int]) -> int:
        img, x0, y0, x1, y1 = cell_box(key)
        return int(_red(img[y0 + 1 : y1 - 1, x0 + 1 : x1 - 1]).sum())

    def edge_width(key: tuple[str, int, int]) -> int:
        """Red pixels across the cell's left edge, halfway down: how thick its outline is."""
        img, x0, y0, _, y1 = cell_box(key)
        return int(_red(img[(y0 + y1) // 2, x0 - 4 : x0 + 5]).sum())

    for key in suspects:
        assert red_inside(key) > 0, f"no red inside suspect cell {key}"
    assert named and all(red_inside(k) > 0 for k in named)  # cells of a failing relation: outlined...
    typical = float(np.median([edge_width(k) for k in named]))
    for key in suspects:  # ...a suspect clearly thicker
        assert edge_width(key) >= 1.5 * typical, f"suspect cell {key} is not marked thick red"


def test_json_lists_the_same_suspects_with_proposals(typos: tuple[Document, Path]) -> None:
    doc, out = typos
    report = build_report(doc)
    want = {(s["row"], s["col"], s["proposed"]) for f in report["findings"] for s in f.get("suspects", [])}
    got = set()
    for p in doc.pages:
        data = json.loads((out / f"budget_typos_p{p.number}.json").read_text(encoding="utf-8"))
        assert data["page"] == p.number and data["tables"][0]["id"] == "t1"
        got |= {(c["row"], c["col"], c["suspect"]["proposed"]) for c in data["cells"] if "suspect" in c}
    assert got == want


def test_a_clean_document_has_no_red(tmp_path: Path) -> None:
    doc, _ = write_debug(FIXTURES / "budget_ruled.pdf", tmp_path, dpi=DPI)
    assert not [f for f in doc.findings if f.cells]
    for p in doc.pages:
        img = np.asarray(Image.open(tmp_path / f"budget_ruled_p{p.number}.png").convert("RGB"))
        assert not _red(img).any()
        # ...yet the overlay is there: the table's own colour frames its box.
        assert (np.abs(img.astype(int) - (0, 170, 190)).sum(axis=2) < 30).sum() > 1000


def test_rotated_page_is_drawn_as_displayed(tmp_path: Path) -> None:
    doc, _ = write_debug(FIXTURES / "variants" / "rotated_page.pdf", tmp_path, dpi=72)
    page = doc.pages[0]
    assert page.rotation == 90
    with Image.open(tmp_path / "rotated_page_p1.png") as im:
        assert im.width > im.height  # shown landscape, as the boxes are
        assert abs(im.width - page.width) <= 1


def test_cli_writes_chosen_page_and_refuses_missing_one(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app, ["debug", str(FIXTURES / "budget_ruled.pdf"), "--page", "2", "-o", str(tmp_path)]
    )
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget_ruled_p2.json", "budget_ruled_p2.png"]
    res = runner.invoke(
        app, ["debug", str(FIXTURES / "budget_ruled.pdf"), "--page", "9", "-o", str(tmp_path)]
    )
    assert res.exit_code == ExitCode.USAGE
    assert "no page 9" in res.output


def test_corrected_cells_are_orange_and_text_blocks_numbered(tmp_path: Path) -> None:
    from dataclasses import replace

    from chohyo.emit.debug_png import ORANGE, TEXT_BLOCK, draw_overlay, page_overlay
    from chohyo.pipeline import run

    doc = run(FIXTURES / "budget_ruled.pdf")
    table = doc.tables[0]
    cell = next(c for c in table.body_cells() if c.is_number and c.page == 1)
    fixed = doc.map_tables(
        lambda t: t.with_cells({(cell.row, cell.col): replace(cell, corrected_from="1,2OO")})
    )
    overlay = page_overlay(fixed, 1)
    assert [c["corrected_from"] for c in overlay["cells"] if "corrected_from" in c] == ["1,2OO"]
    assert [b["order"] for b in overlay["text_blocks"]] == sorted(b.order for b in doc.pages[0].text_blocks)
    blank = Image.new("RGB", (round(doc.pages[0].width), round(doc.pages[0].height)), "white")
    img = np.asarray(draw_overlay(blank, overlay)).astype(int)

    def near(colour: tuple[int, ...], part: np.ndarray) -> int:
        return int((np.abs(part - colour[:3]).sum(axis=2) < 40).sum())

    assert cell.bbox is not None
    b = cell.bbox
    assert near(ORANGE, img[round(b.top) : round(b.bottom), round(b.x0) : round(b.x1)]) > 0
    assert near(ORANGE, img) < near(ORANGE, img[round(b.top) - 20 : round(b.bottom) + 20]) + 1  # only there
    heading = doc.pages[0].text_blocks[0].bbox
    assert heading is not None
    around = img[max(0, round(heading.top) - 20) : round(heading.bottom) + 3, :]
    assert near(TEXT_BLOCK, around) > 0


def test_info_and_warning_notes_are_not_drawn_as_errors(tmp_path: Path) -> None:
    from dataclasses import replace

    from chohyo.emit.debug_png import INFO, draw_overlay, page_overlay
    from chohyo.findings import finding
    from chohyo.model import CellRef
    from chohyo.pipeline import run

    doc = run(FIXTURES / "budget_ruled.pdf")
    t = doc.tables[0]
    cells = [c for c in t.body_cells() if c.page == 1 and c.bbox is not None and c.value is not None][:30]
    notes = [
        finding("rounding-only", table=t.id, page=1, cells=(CellRef(t.id, c.row, c.col, "", "", c.value, 1),))
        for c in cells
    ]
    assert all(n.severity.value == "info" for n in notes)
    doc = replace(doc, findings=tuple(notes))
    overlay = page_overlay(doc, 1)
    assert sum(c.get("severity") == "info" for c in overlay["cells"]) == len(cells)
    page = Image.new("RGB", (round(overlay["width"] * S), round(overlay["height"] * S)), "white")
    img = np.asarray(draw_overlay(page, overlay, scale=S))
    assert not _red(img).any()
    assert (np.abs(img.astype(int) - np.array(INFO[:3])).sum(axis=2) < 30).sum() > 30 * 8
