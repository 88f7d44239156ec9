"""A plot's graph paper is no table (charts.plot_area) and the ticks across a column rule are the
rule's (rule_ticks), on drawings made here: the real N値表 scan is tests/real/test_held_out_scans.py."""

from __future__ import annotations

import cv2
import numpy as np
from chohyo.extract.ocr.charts import plot_area
from chohyo.extract.ocr.rule_ticks import rule_ticks
from chohyo.extract.ocr.ruled_grid import rule_masks

DPI = 300.0


def _lattice(rows: int, cols: int, step: tuple[int, int]) -> np.ndarray:
    img = np.zeros((rows * step[0] + 40, cols * step[1] + 40), np.uint8)
    for r in range(rows + 1):
        cv2.line(img, (20, 20 + r * step[0]), (20 + cols * step[1], 20 + r * step[0]), 255, 4)
    for c in range(cols + 1):
        cv2.line(img, (20 + c * step[1], 20), (20 + c * step[1], 20 + rows * step[0]), 255, 4)
    return img


def _text(img: np.ndarray) -> np.ndarray:
    horiz, vert = rule_masks(img, DPI)
    rules = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((3, 3), np.uint8))
    return cv2.bitwise_and(img, cv2.bitwise_not(rules))


def test_graph_paper_with_a_curve_is_a_plot() -> None:
    img = _lattice(8, 5, (200, 240))
    pts = np.array([(60, 20), (90, 420), (300, 700), (120, 1000), (140, 1620)], np.int32)
    cv2.polylines(img, [pts], False, 255, 4)
    horiz, vert = rule_masks(img, DPI)
    assert plot_area(horiz, vert, _text(img), DPI)


def test_a_ruled_table_of_figures_is_no_plot() -> None:
    """The same lattice with a figure in every cell: a table, however even its rules."""
    img = _lattice(8, 5, (200, 240))
    for r in range(8):
        for c in range(5):
            cv2.putText(img, "3.4", (60 + c * 240, 140 + r * 200), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 255, 5)
    horiz, vert = rule_masks(img, DPI)
    assert not plot_area(horiz, vert, _text(img), DPI)


def _ticked_rule(n: int, arms: tuple[int, int]) -> np.ndarray:
    img = np.zeros((n * 50 + 100, 300), np.uint8)
    cv2.line(img, (150, 20), (150, n * 50 + 80), 255, 4)
    for k in range(n):
        y = 50 + k * 50
        cv2.line(img, (150 - arms[0], y), (150 + arms[1], y), 255, 4)
        cv2.putText(img, "3.0", (40, y + 15), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 3)
    return img


def test_ticks_across_a_column_rule_are_found() -> None:
    img = _ticked_rule(10, (22, 22))
    ticks = rule_ticks(_text(img), 150, 20, img.shape[0] - 20, DPI)
    assert len(ticks) == 10 and all(x0 < 150 < x1 and x1 - x0 < 60 for x0, _, x1, _ in ticks), ticks


def test_strokes_reaching_a_rule_from_one_side_are_no_ticks() -> None:
    """A glyph's foot or a dash set against the rule reaches out on one side only."""
    img = _ticked_rule(10, (22, 3))
    assert rule_ticks(_text(img), 150, 20, img.shape[0] - 20, DPI) == []


def test_a_few_strokes_across_a_rule_are_no_ticks() -> None:
    img = _ticked_rule(3, (22, 22))
    assert rule_ticks(_text(img), 150, 20, img.shape[0] - 20, DPI) == []


def test_a_plot_under_a_table_in_one_frame_leaves_the_table_its_cells() -> None:
    """A frame holding a ruled table above a plot: the plot's band stops at the rule between them,
    so the table keeps its rows and the figures in them."""
    from chohyo.extract.ocr.ruled_grid import find_grids

    img = np.zeros((2600, 1500), np.uint8)
    cv2.rectangle(img, (50, 50), (1450, 2550), 255, 4)  # the frame
    for r in range(1, 6):  # the table: five rows of figures, ruled, three columns
        cv2.line(img, (50, 50 + r * 80), (1450, 50 + r * 80), 255, 4)
    for x in (500, 1000):
        cv2.line(img, (x, 50), (x, 450), 255, 4)
    for r in range(5):
        for c in range(3):
            cv2.putText(img, "1,234", (120 + c * 470, 110 + r * 80), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 255, 4)
    plot = _lattice(8, 5, (200, 240))  # graph paper with a curve, below the table in the frame
    pts = np.array([(60, 20), (90, 420), (300, 700), (120, 1000), (140, 1620)], np.int32)
    cv2.polylines(plot, [pts], False, 255, 4)
    img[600 : 600 + plot.shape[0], 100 : 100 + plot.shape[1]] |= plot
    (grid,) = [g for g in find_grids(img, DPI) if g.figures]
    (band,) = grid.figures
    assert band[1] >= 450, band  # the plot's band starts below the table's last rule
    assert len([y for y in grid.ys if y <= 450]) >= 6, grid.ys
