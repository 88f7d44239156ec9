"""Side-by-side halves of one ruled grid (a balance sheet's 資産の部 | 負債・純資産の部): where a
column of words stands between value columns, runs the whole height of the grid (no cell spans
across it) and each side ends in its own total, the grid is two tables. Read as one, the right
half's amounts take the left half's labels and indents, and every sum found there is false.
"""

from __future__ import annotations

from chohyo.extract.ocr.cell_boxes import CellBox
from chohyo.extract.ocr.engines import Reading
from chohyo.japanese.numbers import looks_numeric

MIN_LABELS = 4  # word cells a middle column needs to be a label column (not a stray remark)
LABEL_SHARE = 0.8  # of its filled body cells, at least this many are words
LABEL_WIDTH = 2  # grid columns a label column may take (its indent column and itself)


def _is_words(text: str) -> bool:
    t = "".join(text.split())
    return len(t) >= 2 and sum(ch.isalpha() for ch in t) >= 2 and not looks_numeric(t, ocr=True)


def _is_total(text: str) -> bool:
    return "計" in text


def half_starts(
    boxes: list[CellBox],
    readings: dict[tuple[int, int], tuple[Reading, bool, str]],
    header_rows: int,
) -> list[int]:
    """The first column of each half, left to right ([0] when the grid is one table)."""
    n_cols = max((b.col + b.col_span for b in boxes), default=0)
    crossing = {k for b in boxes for k in range(b.col + 1, b.col + b.col_span)}  # spans over k's left edge
    body = [b for b in boxes if b.row >= header_rows]

    def texts(col: int, width: int = 1) -> list[tuple[str, bool]]:
        """The body cells that start in columns [col, col + width) and end inside them."""
        out = []
        for b in body:
            if col <= b.col and b.col + b.col_span <= col + width and (b.row, b.col) in readings:
                reading, numeric, _ = readings[(b.row, b.col)]
                if reading.text.strip():
                    out.append((reading.text.strip(), numeric))
        return out

    def numeric(col: int) -> bool:
        cells = texts(col)
        return (
            len(cells) >= MIN_LABELS
            and sum(n or looks_numeric(t, ocr=True) for t, n in cells) > len(cells) / 2
        )

    def labels(col: int, width: int) -> list[str]:
        cells = texts(col, width)
        words = [t for t, n in cells if not n and _is_words(t)]
        return words if len(words) >= MIN_LABELS and len(words) >= LABEL_SHARE * len(cells) else []

    starts = [0]
    for k in range(2, n_cols - 1):
        if k in crossing or k - starts[-1] < 2:
            continue
        # a label column may come with an indent column beside it (収支の状況: 1 経常経費 across
        # both, (1) 人件費 in the inner one under a bracket rule): the two are one label column
        for width in (1, LABEL_WIDTH):
            if k + width >= n_cols:
                continue
            words = labels(k, width)
            left = [t for t, n in texts(starts[-1], LABEL_WIDTH) if not n]
            if (
                words
                and any(_is_total(t) for t in words)
                and any(_is_total(t) for t in left)
                and any(numeric(c) for c in range(starts[-1] + 1, k))
                and any(numeric(c) for c in range(k + width, n_cols))
            ):
                starts.append(k)
                break
    return starts
