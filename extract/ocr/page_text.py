"""Text outside tables on a scanned page → TextBlocks in reading order; titles and captions tied to tables.

Roles as on a digital page (``chohyo.extract.digital.text``): headings are set bolder or larger than the
body (measured on the ink: stroke width and ink density of the line against the page's median
line), list items start with a bullet or a number, wrapped lines of a paragraph are joined.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from statistics import median

import cv2
import numpy as np
from chohyo.extract.ocr.cell_boxes import PixelFrame
from chohyo.extract.ocr.engines.base import Line, join_words
from chohyo.extract.tables.layout import heading_level
from chohyo.japanese.numbering import OCR_LIST_ITEM
from chohyo.japanese.spacing import ends_sentence, is_japanese_char, join_wrapped, merge_line_spacing
from chohyo.japanese.widths import fold_number
from chohyo.model import OCR_AGREED, BBox, Provenance, Table, TextBlock, TextRole

BULLET = OCR_LIST_ITEM
# a section number opening a heading (1, 5.1, (2)), followed by the heading's words
SECTION = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2})*(?=[^\s\d.,．、。)）年月日回号条項%％])|[(（]\d{1,2}[)）](?=[^\s]))"
)
CAPTION_GAP = 2.5  # line heights between a table and the caption lines above it
MAX_CAPTIONS = 4
TITLE_MIN_CONFIDENCE = 0.5
INK = 160
# Against the page's median line: bold (gothic headings over mincho body) or larger type.
# Measured on the council scan: body lines density 0.13-0.19, stroke 2.1-2.3 px at 200 dpi;
# headings density ≥ 0.25, stroke ≥ 2.4 px.
HEADING_DENSITY = 1.4
HEADING_STROKE = 1.15
HEADING_HEIGHT = 1.3
HEADING_MAX_CHARS = 40


@dataclass(frozen=True)
class _Item:
    box: BBox
    px: tuple[int, int, int, int]
    text: str
    confidence: float
    heading: bool = False
    size: float = 0.0  # line height, pixels
    level: int = 0  # heading level by ink height against the body lines (as digital: by font size)
    other: str = ""  # the line as the other engine read it (Tesseract, when RapidOCR read the text)


def _inside(b: BBox, t: BBox) -> bool:
    cx, cy = (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2
    return t.x0 - 2 <= cx <= t.x1 + 2 and t.top - 2 <= cy <= t.bottom + 2


def _ink_features(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[float, float, float]:
    """(ink height, stroke width, ink density) of one line."""
    x0, y0, x1, y1 = box
    sub = ink[max(0, y0) : y1, max(0, x0) : x1]
    if sub.size == 0 or not sub.any():
        return 0.0, 0.0, 0.0
    rows = np.flatnonzero(sub.any(axis=1))
    sub = sub[rows[0] : rows[-1] + 1]
    dist = cv2.distanceTransform(sub, cv2.DIST_L2, 3)
    return float(sub.shape[0]), float(2 * dist[sub > 0].mean()), float(sub.sum() / sub.size)


def bullet_left(ink: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """A small round blob just left of the line, at mid height: a ・ bullet the speck filter removed
    from the image the line was read on."""
    x0, y0, _, y1 = box
    h = max(y1 - y0, 1)
    lo = max(0, x0 - int(1.6 * h))
    sub = ink[max(0, y0) : y1, lo : max(lo, x0 - 1)]
    if sub.size == 0 or not sub.any():
        return False
    n, _, stats, cents = cv2.connectedComponentsWithStats(sub, connectivity=8)
    for i in range(1, n):
        w, hh = stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]
        if 0.08 * h <= w <= 0.4 * h and 0.08 * h <= hh <= 0.4 * h and 0.3 * h <= cents[i][1] <= 0.7 * h:
            return True
    return False


def text_blocks(
    lines: list[Line],
    tables: list[Table],
    frame: PixelFrame,
    page: int,
    dpi: float,
    gray: np.ndarray | None = None,
    unspecked: np.ndarray | None = None,
    first: list[Line] | None = None,
    drawings_apart: bool = True,
) -> tuple[list[TextBlock], list[Table], list[tuple[BBox, list[str]]]]:
    """``gray``: the image the lines were read on (for the heading measures); ``unspecked``: the
    same before speck removal (for the small ・ bullets); ``first``: the same lines as the other
    engine read them (same boxes): a figure both readings give alike is confirmed (``agreed_figures``);
    ``drawings_apart`` False: no lines are taken for a drawing's (a photo's: its tilted, tightly set
    lines overlap like a flow chart's boxes, and a receipt has no drawing to leave out).
    Returns the blocks, the tables and the drawings left out of the text (box, the words OCR read in it)."""
    others = {ln.box: _line_text(ln) for ln in first or ()}
    ink = (gray < INK).astype(np.uint8) if gray is not None else None
    raw = (unspecked < INK).astype(np.uint8) if unspecked is not None else None
    items: list[_Item] = []
    feats = []
    for ln in lines:
        reading = join_words(list(ln.words))
        text = _line_text(ln)
        if not text:
            continue
        conf = sum(reading.char_confidences) / max(len(reading.char_confidences), 1)
        if (conf < 0.35 and len(text) <= 3) or conf < GUESSED:  # specks, rule fragments, paper grain
            continue
        box = frame.bbox(*ln.box)
        if any(t.bbox is not None and _inside(box, t.bbox) for t in tables):
            continue
        text = _DOT.sub("・", text)
        if raw is not None and not BULLET.match(text) and bullet_left(raw, ln.box):
            text = "・" + text
        items.append(_Item(box, ln.box, text, conf, size=float(ln.height), other=others.get(ln.box, "")))
        feats.append(_ink_features(ink, ln.box) if ink is not None else (float(ln.height), 0.0, 0.0))
    if items:
        heights = [f[0] for f in feats]
        mh, ms, md = median(heights), median(f[1] for f in feats), median(f[2] for f in feats)
        items = [
            replace(
                it,
                heading=len(it.text) <= HEADING_MAX_CHARS
                and (
                    f[0] >= HEADING_HEIGHT * mh
                    or (ms > 0 and f[1] >= HEADING_STROKE * ms)
                    or (md > 0 and f[2] >= HEADING_DENSITY * md)
                ),
                level=heading_level(f[0], mh),
            )
            for it, f in zip(items, feats, strict=True)
        ]
    order = sorted(range(len(items)), key=lambda i: (round(items[i].box.top / 4), items[i].box.x0))
    items = [items[i] for i in order]
    height = gray.shape if gray is not None else None
    drawings: list[list[_Item]] = []
    items = _without_page_numbers(items, height)
    if drawings_apart:
        items = _without_figures(items, drawings)
    groups = _group(_structure(items))
    blocks: list[TextBlock] = []
    for g in groups:
        box = g[0].box
        for it in g[1:]:
            box = box.union(it.box)
        text = _join([it.text for it in g])
        if g[0].heading:
            role, level = TextRole.HEADING, g[0].level
            text = SECTION.sub(r"\1 ", text)  # 2今年度 → 2 今年度: OCR loses the space after the number
        elif BULLET.match(text):
            role, level = TextRole.LIST, 0  # list depth 0, as the digital path gives it
        else:
            role, level = TextRole.PARAGRAPH, 0
        conf = min(it.confidence for it in g)
        prov = Provenance("tesseract", "ocr-text").with_transforms(*agreed_figures(g))
        blocks.append(TextBlock(page, text, role, box, 0, level, conf, prov))
    counted = list(zip(blocks, [len(g) for g in groups], strict=True))
    captioned = [_captioned(t, counted, tables) for t in tables]
    # a unit line (単位:円) tied to a table is the table's, not text (as on a digital page)
    units = {id(b) for _, caps in captioned for b in caps if UNIT.search(b.text)}
    figures = []
    for d in drawings:
        box = d[0].box
        for it in d[1:]:
            box = box.union(it.box)
        figures.append((box, [it.text for it in d]))
    return [b for b in blocks if id(b) not in units], [t for t, _ in captioned], figures


# under this mean confidence a line is the recognizer guessing, not printed text (measured: every line
# of four characters or more read under 0.4 on 道の駅's 23 pages, report4, the seven held-out public
# scan pages and five scanned fixtures was junk: budget_ruled_150 p2's grey paper grain read as
# にのンンの and たのまなをにをのに at 0.15-0.19, a drawing on 道の駅 p23 as 省省省省 at 0.28)
GUESSED = 0.3

# a page number printed alone (3, - 3 -, ３)
PAGE_NUMBER = re.compile(r"^[-－—‐―ー(（\s]*[0-9０-９]{1,3}[-－—‐―ー)）\s]*$")
# a bullet the recognizer reads as another dot
_DOT = re.compile(r"^[·•∙⋅]")
_POINT = re.compile(r"^\s*[・●○■□◆◇▪\-–•※]")  # bullets and notes: never a title over the text below


_FIGURE = re.compile(r"[0-9][0-9,.]*")


def _figures(text: str) -> set[str]:
    """The figures printed in a line, commas left out (31,197,129 → 31197129)."""
    return {f.rstrip(",.").replace(",", "") for f in _FIGURE.findall(fold_number(text))}


def agreed_figures(lines: list[_Item]) -> list[str]:
    """The figures two engines read alike in the same line (``OCR_AGREED:31197129``): a
    confirmation of a sum in the prose, as two agreeing readings confirm a table's number."""
    both = set().union(*(_figures(it.text) & _figures(it.other) for it in lines if it.other))
    return [f"{OCR_AGREED}:{f}" for f in sorted(both)]


def _without_page_numbers(items: list[_Item], shape: tuple[int, ...] | None) -> list[_Item]:
    """Page numbers dropped: a number alone near the top or bottom edge, about the page's middle."""
    if not items:
        return items
    h = shape[0] if shape else max(it.px[3] for it in items)
    w = shape[1] if shape else max(it.px[2] for it in items)

    def number(it: _Item) -> bool:
        cy, cx = (it.px[1] + it.px[3]) / 2, (it.px[0] + it.px[2]) / 2
        return (
            bool(PAGE_NUMBER.match(it.text))
            and (cy > 0.85 * h or cy < 0.1 * h)
            and abs(cx - w / 2) < 0.15 * w
        )

    return [it for it in items if not number(it)]


def _without_figures(items: list[_Item], drawings: list[list[_Item]] | None = None) -> list[_Item]:
    """Text of a drawing dropped (a flow chart's boxes of vertical words): three or more lines in a
    row that overlap each other, which lines of running text never do; what OCR makes of them is
    no text of the page. ``drawings`` receives the lines of each drawing dropped."""
    out: list[_Item] = []
    run: list[_Item] = []

    bands: list[tuple[float, float]] = []  # the dropped drawings' vertical extents

    def close_run() -> None:
        if len(run) < 3:
            out.extend(run)
        else:
            bands.append((min(i.px[1] for i in run), max(i.px[3] for i in run)))
            if drawings is not None:
                drawings.append(list(run))
        run.clear()

    for it in items:
        if run:
            prev = run[-1]
            overlap = prev.px[3] - it.px[1] > 2 and min(prev.px[2], it.px[2]) > max(prev.px[0], it.px[0])
            if overlap:
                run.append(it)
                continue
            close_run()
        run.append(it)
    close_run()
    # a scrap of two or three characters beside a dropped drawing is a piece of it, read apart
    # (how OCR cuts the drawing changes with its thread count); running text is never that short
    return [it for it in out if not (len(it.text.strip()) <= 3 and _in_band(it, bands))]


def _in_band(it: _Item, bands: list[tuple[float, float]]) -> bool:
    line = it.px[3] - it.px[1]
    spread = it.px[2] - it.px[0] > 3 * line * max(len(it.text.strip()), 1)  # a few glyphs far apart
    return (
        any(top - 3 * line <= it.px[1] and it.px[3] <= bottom + 3 * line for top, bottom in bands) or spread
    )


def _margins(items: list[_Item]) -> tuple[float, float, float, float]:
    """(left margin, right margin, usual line height, usual blank between the lines of a paragraph)."""
    mh = float(median(it.px[3] - it.px[1] for it in items))
    gaps = sorted(b.px[1] - a.px[3] for a, b in itertools.pairwise(items) if 0 <= b.px[1] - a.px[3] <= 2 * mh)
    usual = float(gaps[len(gaps) // 2]) if len(gaps) >= 3 else 0.5 * mh
    return float(min(it.px[0] for it in items)), float(max(it.px[2] for it in items)), mh, usual


def _structure(items: list[_Item]) -> list[_Item]:
    """Headings told by the page's layout as well as by the ink: a short line centred over the text
    (a title), or a short line without a sentence end whose next line starts further in (a section
    name or a numbered item title: 市民課所管, ①計画的な…); a bold or large line is no heading when
    it ends with 、 or 。 or wraps into the line below (a mark touching a line of prose)."""
    if not items:
        return items
    left, right, mh, usual = _margins(items)
    out = []
    for k, it in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        close = nxt is not None and 0 <= nxt.px[1] - it.px[3] <= max(0.8 * mh, 1.5 * usual)
        wraps = it.px[2] >= right - 2 * mh
        stops = ends_sentence(it.text) or it.text.rstrip()[-1:] in "、，,"
        inked = it.heading and not stops and not (wraps and close)
        centre = (it.px[0] + it.px[2]) / 2
        centred = (
            not wraps
            and not stops
            and len(it.text) <= HEADING_MAX_CHARS
            and it.px[0] > left + 3 * mh
            and abs(centre - (left + right) / 2) < 1.5 * mh
        )
        titled = (
            nxt is not None
            and close
            and not wraps
            and not stops
            and len(it.text) <= 30
            and not _POINT.match(it.text)
            and nxt.px[0] >= it.px[0] + 0.8 * mh
        )
        level = 1 if centred or (inked and it.level == 1) else 0
        out.append(replace(it, heading=inked or centred or titled, level=level))
    # the other headings: level 2 for the ones furthest left, one deeper for each indent further in
    indents: list[float] = []
    for x in sorted(it.px[0] for it in out if it.heading and not it.level):
        if not indents or x > indents[-1] + 0.5 * mh:
            indents.append(x)
    return [
        replace(it, level=2 + sum(x + 0.5 * mh < it.px[0] for x in indents))
        if it.heading and not it.level
        else it
        for it in out
    ]


def _group(items: list[_Item]) -> list[list[_Item]]:
    """Lines into blocks, as on a digital page: a paragraph runs over its printed line breaks and
    ends where the text does (a short last line, the next line indented, a sentence end followed
    by a line as far in, a blank gap, a new item or heading); a list item's wrapped lines may hang
    under its text."""
    if not items:
        return []
    _, right, mh, usual = _margins(items)
    groups: list[list[_Item]] = []
    for it in items:
        if groups and not it.heading and not groups[-1][0].heading and not BULLET.match(it.text):
            g = groups[-1]
            gap = it.px[1] - g[-1].px[3]
            if -0.2 * mh <= gap <= max(0.8 * mh, 1.5 * usual) and _continues(g, it, right, mh):
                g.append(it)
                continue
        groups.append([it])
    return groups


def _continues(block: list[_Item], it: _Item, right: float, mh: float) -> bool:
    prev = block[-1]
    if prev.px[2] < max([right] + [x.px[2] for x in block]) - 2 * mh:
        return False  # a short line ends its paragraph
    x0 = it.px[0]
    if len(block) >= 2:  # the block's own left edge is set by its wrapped lines: an indent opens a paragraph
        left = min(x.px[0] for x in block[1:])
        return left - 2.5 * mh <= x0 <= left + 0.5 * mh
    if BULLET.match(block[0].text):
        return abs(x0 - prev.px[0]) <= 2.5 * mh  # a hanging indent, or none
    if ends_sentence(prev.text) and x0 > prev.px[0] - 0.5 * mh:
        return False  # a one-line paragraph at the right edge, then one as far in
    return prev.px[0] - 2.5 * mh <= x0 <= prev.px[0] + 0.5 * mh


WIDE_GAP = 0.8  # line heights: a blank this wide between two words is a printed space (副市長　副本部長)


def _line_text(ln: Line) -> str:
    """One line's text. Between two words (Tesseract cuts Japanese into words at random) a space
    only where the blank is wide or Latin words meet; inside a word (RapidOCR reads a line as one,
    with a space where it saw a gap) spaces kept, unless the line is letter-spaced."""
    words = sorted(ln.words, key=lambda w: w.box[0])
    h = max(ln.height, 1)
    text = ""
    for k, w in enumerate(words):
        t = w.text.strip()
        if k and text and t:
            gap = w.box[0] - words[k - 1].box[2]
            latin = not is_japanese_char(text[-1]) and not is_japanese_char(t[0])
            if gap >= WIDE_GAP * h or (latin and gap > h / 3):
                text += " "
        text += t
    return merge_line_spacing(re.sub(r"\s+", " ", text).strip())


def _join(texts: list[str]) -> str:
    out = ""
    for t in texts:
        out = join_wrapped(out, t) if out else t
    return out


def _captioned(
    table: Table, blocks: list[tuple[TextBlock, int]], tables: list[Table]
) -> tuple[Table, list[TextBlock]]:
    """Walking up from the table (as the digital path does): the first heading is its title, the
    single lines passed on the way are captions; a paragraph of several lines or a wide gap ends
    the walk. ``blocks``: (block, number of lines)."""
    if table.bbox is None:
        return table, []
    tb = table.bbox
    floor = max(
        (t.bbox.bottom for t in tables if t.bbox is not None and t.bbox.bottom <= tb.top), default=0.0
    )
    above = sorted(
        (
            (b, n)
            for b, n in blocks
            if b.bbox is not None
            and floor <= b.bbox.top
            and b.bbox.bottom <= tb.top + 2
            and b.bbox.x1 > tb.x0 - 5
            and b.bbox.x0 < tb.x1 + 5
        ),
        key=lambda bn: -bn[0].bbox.bottom if bn[0].bbox else 0.0,
    )
    captions: list[TextBlock] = []
    title = ""
    edge = tb.top
    for b, n in above:
        assert b.bbox is not None
        if edge - b.bbox.bottom > CAPTION_GAP * b.bbox.height / n or len(captions) == MAX_CAPTIONS:
            break
        if b.role is TextRole.HEADING and not _NOTE.search(b.text) and b.confidence >= TITLE_MIN_CONFIDENCE:
            title = b.text
            break
        if n > 1:  # prose of several lines, not a caption
            break
        captions.append(b)
        edge = b.bbox.top
    captions.reverse()
    if not title:  # no heading above: the tallest caption that is not a unit or period note
        named = [b for b in captions if not _NOTE.search(b.text) and b.confidence >= TITLE_MIN_CONFIDENCE]
        title = max(named, key=lambda b: b.bbox.height if b.bbox else 0.0).text if named else ""
    return replace(
        table, title=table.title or title, captions=table.captions + tuple(b.text for b in captions)
    ), captions


_NOTE = re.compile(r"単位|から.*まで|^[(（].*[)）]$")
UNIT = re.compile(r"単\s*位")
