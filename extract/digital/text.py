"""Text outside tables → text blocks in reading order: headings, paragraphs, list items."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from statistics import median

from chohyo.extract.headings import BESIDE_SECTION, BILL
from chohyo.extract.tables.geometry import Char, Line, bbox_of, join_chars
from chohyo.extract.tables.layout import heading_level
from chohyo.japanese.numbering import LIST_ITEM
from chohyo.japanese.scripts import is_kana
from chohyo.japanese.spacing import ends_sentence, is_japanese_char, join_wrapped, merge_line_spacing
from chohyo.japanese.widths import fold_width
from chohyo.model import PAGE_BREAK_MARK, BBox, Page, Provenance, TextBlock, TextRole, page_break_mark

BULLET = re.compile(r"^\s*[・●○◎■□◆◇▪▫•‣\-–]")
NUMBERED = LIST_ITEM
HEADING_RATIO = 1.15
# an ordinance's article (第1条, 第12条の2) and its caption printed on the line above: （目的）
ARTICLE = re.compile(r"^\s*第\s*[0-9０-９一二三四五六七八九十百]+\s*条(?:の[0-9０-９一二三四五六七八九十]+)?")
CAPTION = re.compile(r"^\s*[（(][^（()）、。]{1,24}[)）]\s*$")
_PROV = Provenance("pdfium", "text")


def join_lines(texts: list[str]) -> str:
    """Printed lines of one block as one text: each line's letter-spacing removed (a justified line),
    Japanese wraps joined without a space, Latin words with one (``chohyo.japanese.spacing``)."""
    out = ""
    for t in texts:
        t = merge_line_spacing(t)
        if t:
            out = join_wrapped(out, t) if out else t
    return out


def printed_text(line: Line) -> str:
    """A text line as printed, without the spaces pdfium inferred from glyph gaps between Japanese
    characters (a justified line's letter-spacing: such a space has no width of its own, unlike a
    space character the PDF prints). A space between Latin words stays, and so does a gap much wider
    than the line's letter-spacing (``第1条　この条例は``, ``(1) ろう者　手話を…``, ``南国市長　平山　耕三``):
    that is a printed blank, written as one space."""
    chars = line.chars
    ink = [c for c in chars if not c.is_space]
    if len(ink) < 2:
        return line.text
    gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(ink))
    wide = gaps[len(gaps) // 2] + 0.8 * max(line.size, 1.0)
    kept: list[Char] = []
    for i, c in enumerate(chars):
        if c.is_space and c.x1 - c.x0 < 0.01 and 0 < i < len(chars) - 1:
            a, b = chars[i - 1], chars[i + 1]
            if is_japanese_char(a.text) and is_japanese_char(b.text) and b.x0 - a.x1 < wide:
                continue
        if kept and not c.is_space and not kept[-1].is_space and _apart(kept[-1], c, wide):
            p = kept[-1]
            kept.append(Char(" ", p.x1, p.top, p.x1, p.bottom, p.size))
        kept.append(c)
    return join_chars(kept) if len(kept) != len(chars) else line.text


def _apart(a: Char, b: Char, wide: float) -> bool:
    """A printed blank between two characters: a gap wider than the line's letter-spacing, or a
    visible one before a mark set in smaller type (定義　※1: the note mark is a size smaller)."""
    gap = b.x0 - a.x1
    small, big = sorted((max(a.size, 1.0), max(b.size, 1.0)))
    return gap >= wide or (big >= 1.3 * small and gap >= 0.2 * big)


def set_apart(lines: list[Line]) -> list[Line]:
    """A line printed in two parts far apart is two lines: a note in small type set after a list
    item's last line (…を図ること　　(※)EBPM…), and the page number at the right end of the page's
    foot line (…【第1.0版】 … 1), which is no text."""
    out: list[Line] = []
    foot = max((ln.top for ln in lines), default=0.0)
    for ln in lines:
        ink = [c for c in ln.chars if not c.is_space]
        cut = None
        for a, b in itertools.pairwise(ink):  # a smaller type after a wide gap (not an amount set larger)
            if a.size >= 1.3 * max(b.size, 1.0) and b.x0 - a.x1 >= 2.0 * max(b.size, 1.0):
                cut = b
                break
        if cut is None and ln.top == foot and len(ink) >= 2:
            k = len(ink) - 1
            while k > 0 and ink[k].x0 - ink[k - 1].x1 < 3.0 * ln.size:
                k -= 1
            if k > 0 and len(ink) - k <= 3 and "".join(c.text for c in ink[k:]).isdigit():
                out.append(Line([c for c in ln.chars if c.x1 <= ink[k - 1].x1 + 0.01]))
                continue  # the page number after it: dropped
        if cut is None:
            out.append(ln)
            continue
        out.append(Line([c for c in ln.chars if c.x0 < cut.x0]))
        rest = [c for c in ln.chars if c.x0 >= cut.x0]
        if not (ln.top == foot and len(rest) <= 3 and "".join(c.text for c in rest).strip().isdigit()):
            out.append(Line(rest))
    return out


def _ruby(line: Line, below: Line | None) -> bool:
    """Furigana: a line of small kana set just above a line of text (its reading, not more text)."""
    if below is None or line.size > 0.6 * below.size:
        return False
    ink = [c.text for c in line.chars if not c.is_space]
    return bool(ink) and all(is_kana(ch) for ch in ink) and 0 <= below.top - line.bottom <= 0.5 * below.size


# a symbol font's glyph (Wingdings ◆ U+F077, ● U+F06C) opening a line: a bullet, whatever its size
SYMBOL_BULLET = re.compile("^\\s*[\ue000-\uf8ff]")


# a dated entry: 令和3年12月　デジタル社会の…策定 (the date, a printed blank, the event)
DATED = re.compile(r"^(?:令和|平成|昭和)[0-9元]{1,2}年[0-9]{1,2}月(?:[0-9]{1,2}日)? \S")


def _dated(line: Line) -> bool:
    return bool(DATED.match(fold_width(printed_text(line))))


def _hang(line: Line) -> float | None:
    """Where the text after a dated entry's printed blank begins: its wrapped lines start there."""
    if not _dated(line):
        return None
    return _after_blank(line)


def _after_blank(line: Line) -> float | None:
    """Where the text after the line's first printed blank (within its first characters) begins."""
    ink = [c for c in line.chars if not c.is_space]
    for a, b in itertools.pairwise(ink[:14]):
        if b.x0 - a.x1 >= 0.8 * max(line.size, 1.0):
            return b.x0
    return None


# a numbered caption: 1　契約目的, (1)　実費弁償の原則 (the number, a printed blank, a few words)
_NUMBERED_CAPTION = re.compile(r"^(?:[0-9]{1,2}|\([0-9]{1,2}\)|[①-⑳]|[ア-ン]) (?P<rest>[^、。,]{1,30})$")


def _numbered_caption(lines: list[Line], k: int, usual: float) -> tuple[TextRole, float] | None:
    """A short numbered line, the text under it close: a heading when that text starts left of the
    caption's words (``(1)　実費弁償の原則`` over its paragraph), an item of a 記 list when it is set
    under them (``4　契約の金額`` / ``216,733,000円``: the item holds its fields, returned with where
    they start). None for a list of short items (the next line numbered too) or a line standing alone."""
    ln = lines[k]
    if k + 1 >= len(lines) or not _NUMBERED_CAPTION.match(fold_width(printed_text(ln)).strip()):
        return None
    below, size = lines[k + 1], max(ln.size, 1.0)
    start = _after_blank(ln)
    gap = below.top - ln.bottom
    above = lines[k - 1] if k > 0 else None
    # (2)　再任用職員　72.5分の10 under (1)…: an item of a list, not a heading
    apart = above is None or (
        ln.top - above.bottom > 1.25 * usual
        and not _NUMBERED_CAPTION.match(fold_width(printed_text(above)).strip())
        and not NUMBERED.match(above.text)
    )
    if (
        start is None
        or gap > max(0.8 * (ln.bottom - ln.top), 1.25 * usual)
        or abs(below.size - ln.size) > 0.5
        or _NUMBERED_CAPTION.match(fold_width(printed_text(below)).strip())
        or BULLET.match(below.text)
        or NUMBERED.match(below.text)
    ):
        return None
    if below.x0 >= start - 0.5 * size:
        return TextRole.LIST, start
    if below.x0 < start - 1.0 * size and apart:
        return TextRole.HEADING, start
    return None


def _text_size(line: Line) -> float:
    """The usual size of a line's letters (a symbol-font bullet or one large glyph set aside)."""
    sizes = [c.size for c in line.chars if not c.is_space and not SYMBOL_BULLET.match(c.text)]
    return median(sizes) if sizes else line.size


def _role(line: Line, body_size: float) -> TextRole:
    if SYMBOL_BULLET.match(line.text) or _dated(line):
        return TextRole.LIST
    # headings: set larger than the body text (even slightly: 10 pt over 9.5 pt) and short; a whole
    # sentence set large is a lead paragraph (a slide's definition line ending in 。), no heading
    large = line.size >= body_size * HEADING_RATIO or (line.size > body_size + 0.25 and len(line.text) <= 60)
    if large and not ends_sentence(line.text):
        return TextRole.HEADING
    if BULLET.match(line.text) or NUMBERED.match(line.text):
        return TextRole.LIST
    if BILL.match(fold_width("".join(line.text.split()))) and "。" not in line.text:
        return TextRole.HEADING  # 議案第1号：令和3年度…補正予算, the bill a 提案理由 explains next
    return TextRole.PARAGRAPH


def line_gap(lines: list[Line]) -> float:
    """The usual blank between two lines of running text on the page (0 when there is no run):
    a paragraph's lines are that far apart, a blank vertical gap is more."""
    gaps = sorted(
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if abs(a.size - b.size) <= 0.5 and 0 <= b.top - a.bottom <= 2.0 * max(a.size, 1.0)
    )
    if len(gaps) == 2 and gaps[1] - gaps[0] <= 0.1 * gaps[1]:  # a short last page: two equal gaps
        return gaps[1]
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0


def _continues(prev_role: TextRole, prev: list[Line], ln: Line, right_edge: float) -> bool:
    """Does ``ln`` carry on the paragraph or item ``prev`` (lines printed just above it, same size)?

    Japanese paragraphs begin with an indent and end with a short line: a line indented from the
    block's own left edge opens a new paragraph, and so does any line after one that stopped short
    of the right edge. A list item may hang its wrapped lines under its text (a hanging indent).
    """
    last = prev[-1]
    size = max(ln.size, 1.0)
    hang = _hang(prev[0]) if prev_role is TextRole.LIST else None
    if hang is not None:  # a dated entry's event wraps under itself (where the writer broke it)
        return abs(ln.x0 - hang) <= 0.5 * size and not _dated(ln) and not ends_sentence(last.text)
    if not _wraps(prev, ln, right_edge) or _opens_provision(ln):
        return False
    if len(prev) >= 2:  # the block's own left edge is set by its wrapped lines
        left = min(x.x0 for x in prev[1:])
        if ln.x0 > left + 0.5 * size or ln.x0 < left - 2.5 * size:
            return False
        # 。 at the right edge and the next line indented: caught above; not indented: it goes on
        return True
    if prev_role is TextRole.LIST:
        return abs(ln.x0 - last.x0) <= 2.5 * size  # a hanging indent, or none
    if len(prev) == 1 and _opens_provision(last):  # its wrapped lines hang one character in
        return last.x0 - 2.5 * size <= ln.x0 <= last.x0 + 1.5 * size  # (an amendment's: at the margin)
    # the first line of a paragraph is indented (or not): the next one starts at or left of it;
    # a sentence that ends at the right edge, then a line as far in: two one-line paragraphs
    if ends_sentence(last.text) and ln.x0 > last.x0 - 0.5 * size:
        return False
    return ln.x0 <= last.x0 + 0.5 * size and ln.x0 >= last.x0 - 2.5 * size


def text_blocks(
    lines: list[Line], page: int, body_size: float | None = None, figures: tuple[BBox, ...] = ()
) -> list[TextBlock]:
    """Consecutive lines of one role, close together and aligned, form one block: a paragraph runs
    over its printed line breaks and ends where the text does (a short last line, the next line
    indented, a blank vertical gap, a new item or heading). ``figures``: pictures on the page; a
    line with one to its right belongs to a column that ends where the picture begins."""
    if not lines:
        return []
    lines = sorted(set_apart(lines), key=lambda ln: (ln.top, ln.x0))
    lines = [ln for ln, below in zip(lines, [*lines[1:], None], strict=True) if not _ruby(ln, below)]
    if not lines:
        return []
    size = body_size or median(ln.size for ln in lines)
    usual = line_gap(lines)
    edges = [ln.x1 for ln in lines if abs(ln.size - size) <= 0.5] or [ln.x1 for ln in lines]
    page_edge = max(edges)  # the text's right margin on the page

    def edge_of(line: Line) -> float:
        beside = [
            f.x0 for f in figures if f.x0 >= line.x1 - 1 and f.top < line.bottom and line.top < f.bottom
        ]
        return min([page_edge, *(x - 4.0 for x in beside)])

    groups: list[tuple[TextRole, list[Line]]] = []
    fields: dict[int, float] = {}  # 記 list items (group index) → where their fields start
    named = _named_items(lines)
    for k, ln in enumerate(lines):
        role = TextRole.LIST if k in named else _role(ln, size)
        if role is TextRole.HEADING and _lead_first_line(lines, k, edge_of(ln)):
            role = TextRole.PARAGRAPH
        caption = _numbered_caption(lines, k, usual) if role is not TextRole.HEADING else None
        if caption is not None:
            role = caption[0]
        elif role is TextRole.PARAGRAPH and (
            _section_title(lines, k, usual, page_edge)
            or _article_caption(lines, k)
            or _chapter(ln)
            or _title_over_chapter(lines, k, usual)
        ):
            role = TextRole.HEADING
        elif role is TextRole.LIST and _numbered_title(lines, k, usual, page_edge):
            role = TextRole.HEADING
        label = _label_above(groups, ln, figures) if role is TextRole.PARAGRAPH else None
        if label is not None:
            label.append(ln)
            continue
        if groups:
            prev_role, prev = groups[-1]
            last = prev[-1]
            height = max(last.bottom - last.top, 1.0)
            gap = ln.top - last.bottom
            close = gap <= max(0.8 * height, 1.25 * usual)
            start = fields.get(len(groups) - 1)
            if (  # a field of a 記 list item, set under the item's words: 代表取締役　常徳　和也
                start is not None
                and caption is None
                and close
                and abs(ln.size - last.size) <= 0.5
                and ln.x0 >= start - 0.5 * max(ln.size, 1.0)
            ):
                prev.append(ln)
                continue
            same_size = abs(ln.size - last.size) <= 0.5 or (
                prev_role is TextRole.LIST and abs(_text_size(ln) - _text_size(last)) <= 0.5
            )
            right_edge = edge_of(last)
            continues = role is TextRole.PARAGRAPH and prev_role in (TextRole.PARAGRAPH, TextRole.LIST)
            # a list item's wrapped line in the item's own (large) type: not a heading of its own
            continues = continues or (
                role is TextRole.HEADING
                and prev_role is TextRole.LIST
                and bool(SYMBOL_BULLET.match(prev[0].text))
                and not BULLET.match(ln.text)
            )
            if close and same_size and continues and _continues(prev_role, prev, ln, right_edge):
                prev.append(ln)
                continue
            # 南国 / ・香南・香美…: a wrap that puts the word separator ・ first on the line goes on
            # the sentence of a paragraph whose last line ran to the margin mid-sentence (no item)
            if (
                close
                and same_size
                and role is TextRole.LIST
                and prev_role is TextRole.PARAGRAPH
                and ln.text.lstrip().startswith("・")
                and not ends_sentence(last.text)
                and last.text.rstrip()[-1:] not in "：:"
                and _continues(prev_role, prev, ln, right_edge)
            ):
                prev.append(ln)
                continue
            if (  # 報告第1号：…の承認につ / いて: a bill's title wrapped to a second line
                close
                and same_size
                and role is TextRole.PARAGRAPH
                and prev_role is TextRole.HEADING
                and BILL.match(fold_width("".join(prev[0].text.split())))
                and _wraps(prev, ln, right_edge)
                and not ends_sentence(last.text)
            ):
                prev.append(ln)
                continue
            if (
                close
                and gap <= 0.8 * height
                and same_size
                and role is TextRole.HEADING
                and prev_role is TextRole.HEADING
            ):
                prev.append(ln)
                continue
        if caption is not None and caption[0] is TextRole.LIST:
            fields[len(groups)] = caption[1]
        groups.append((role, [ln]))
    head_sizes = {group[0].size for role, group in groups if role is TextRole.HEADING}
    beside = _beside_section(groups, size, usual)
    blocks = []
    for g, (role, group) in enumerate(groups):
        if g in fields:  # each printed line a field (name, title, address): one space between them,
            text = ""  # but a line that ran to the margin wraps on (…消防ポ / ンプ自動車)
            for i, ln in enumerate(group):
                t = merge_line_spacing(printed_text(ln))
                wrapped = i > 1 and group[i - 1].x1 >= edge_of(group[i - 1]) - 2 * max(ln.size, 1.0)
                text = join_wrapped(text, t) if wrapped else f"{text} {t}" if text else t
        else:
            text = join_lines([printed_text(ln) for ln in group])
        text = SYMBOL_BULLET.sub("", text).lstrip()  # a symbol font's bullet glyph is no character
        if not text:
            continue
        level = 0
        if role is TextRole.HEADING:
            level = _page_level(group[0].size, size, head_sizes)
        prov = _PROV
        if g in beside:  # its numbering (【参考】) must not nest it under that title either
            level = min(level, _page_level(groups[beside[g]][1][0].size, size, head_sizes))
            prov = _PROV.with_transforms(BESIDE_SECTION)
        blocks.append(
            TextBlock(page=page, text=text, role=role, bbox=bbox_of(group), level=level, provenance=prov)
        )
    return blocks


def _inside(line: Line, box: BBox) -> bool:
    x, y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return box.x0 <= x <= box.x1 and box.top <= y <= box.bottom


def _label_above(
    groups: list[tuple[TextRole, list[Line]]], ln: Line, figures: tuple[BBox, ...]
) -> list[Line] | None:
    """A diagram's label centred over two lines on a picture (住民本位の行政と / 活力のある地域社会の
    実現): the paragraph just above it, on the same picture, in its type and centred with it, that
    stops mid-phrase. Other words typed on the picture may come between them in reading order."""
    box = next((f for f in figures if _inside(ln, f)), None)
    if box is None:
        return None
    size = max(ln.size, 1.0)
    for role, group in reversed(groups[-4:]):
        last = group[-1]
        if (
            role is TextRole.PARAGRAPH
            and _inside(last, box)
            and abs(last.size - ln.size) <= 0.5
            and 0 <= ln.top - last.bottom <= 0.8 * max(last.bottom - last.top, 1.0)
            and abs((last.x0 + last.x1) - (ln.x0 + ln.x1)) / 2 <= size
            and not ends_sentence(last.text)
        ):
            return group
    return None


def _lead_first_line(lines: list[Line], k: int, right_edge: float) -> bool:
    """A line set large that runs to the margin mid-sentence, the next line in its type close under
    it ending the sentence: the first line of a lead paragraph (a slide's aim in two lines), no heading."""
    if k + 1 >= len(lines):
        return False
    ln, below = lines[k], lines[k + 1]
    size = max(ln.size, 1.0)
    return (
        "、" in ln.text
        and not ends_sentence(ln.text)
        and ln.x1 >= right_edge - 2 * size
        and abs(below.size - ln.size) <= 0.5
        and 0 <= below.top - ln.bottom <= 0.8 * (ln.bottom - ln.top)
        and ln.x0 - 2.5 * size <= below.x0 <= ln.x0 + 0.5 * size
        and ends_sentence(below.text)
    )


def _beside_section(groups: list[tuple[TextRole, list[Line]]], body: float, usual: float) -> dict[int, int]:
    """Headings set barely larger than the text that open a new section beside the one before (not a
    subsection in it): the section's list has ended, a blank line or more stands above, and the
    heading starts at the earlier section title's left edge (a slide's 【参考】用語 under the boxed
    titles' lists). Maps each such heading's group to that title's group."""
    out: dict[int, int] = {}
    title: int | None = None  # the last heading, if the ratio alone makes it one
    for g, (role, group) in enumerate(groups):
        if role is not TextRole.HEADING:
            continue
        ln = group[0]
        if ln.size >= body * HEADING_RATIO:
            title = g
            continue
        last, title = title, None  # a smaller heading ends that title's run: the next is under it
        if last is None or g == 0 or not usual:
            continue
        prev_role, prev = groups[g - 1]
        head = groups[last][1][0]
        if (
            prev_role is TextRole.LIST
            and ln.top - prev[-1].bottom >= 1.8 * usual
            and abs(ln.x0 - head.x0) <= 0.5 * max(ln.size, 1.0)
            and ln.size < head.size
        ):
            out[g] = last
    return out


def _page_level(size: float, body: float, sizes: set[float]) -> int:
    """A heading's level by its size against the body; one deeper for each larger heading size on
    the page that the ratio alone puts at the same level (a slide's 26 pt title over its 21 pt boxed
    section titles: both 1.5 times the body, not both level 1)."""
    level = heading_level(size, body)
    larger = {round(s) for s in sizes if s >= 1.15 * size and heading_level(s, body) == level}
    return min(level + len(larger), 6)


# 第2条　この条例は… / ２　前項の…: the number, then the printed gap (kept by printed_text as a space);
# a wrapped line that merely starts with a reference (第4条各号に…) has no gap after the number
_PROVISION = re.compile(
    r"^(?:第[0-9０-９一二三四五六七八九十百]+条(?:の[0-9０-９一二三四五六七八九十]+)?|[0-9０-９]{1,2}) "
)


def _opens_provision(line: Line) -> bool:
    """An ordinance's article or numbered paragraph (項): it starts its own block."""
    return bool(_PROVISION.match(printed_text(line)))


def _article_caption(lines: list[Line], k: int) -> bool:
    """（目的） on its own line, the article 第1条 on the next: the article's caption, a heading."""
    if k + 1 >= len(lines):
        return False
    caption = "".join(lines[k].text.split())
    return bool(CAPTION.match(caption)) and bool(ARTICLE.match(lines[k + 1].text))


# a chapter line of a plan or report: 第1章　南国市の将来像 (the number, a printed blank, a title)
_CHAPTER = re.compile(r"^第[0-9一二三四五六七八九十]{1,3}[編章節]\s+(?P<title>[^、。,]{1,30})$")
# a numbered section title with no blank after its number: 1．南国市の将来像
_NUMBERED_TITLE = re.compile(r"^[0-9]{1,2}[.]\s*(?P<title>[^。,.]{1,30})$")


# an item named and numbered, a printed blank, its words: まちづくり目標1　住みやすくて心地がよいまち
_NAMED_ITEM = re.compile(r"^(?P<name>[^0-9\s、。]{2,12}?)(?P<n>[0-9]{1,2})\s+\S")


def _named_items(lines: list[Line]) -> set[int]:
    """Lines one under another at one indent, each the same name numbered in sequence and its words
    (まちづくり目標1, 2, 3): the items of a list."""
    found: list[tuple[int, str, int]] = []
    for k, ln in enumerate(lines):
        m = _NAMED_ITEM.match(fold_width(printed_text(ln)).strip())
        if m is not None:
            found.append((k, m.group("name"), int(m.group("n"))))
    out: set[int] = set()
    run: list[tuple[int, str, int]] = []
    for item in [*found, (-1, "", 0)]:
        k, name, n = item
        if run:
            pk, pname, pn = run[-1]
            a, b = lines[pk], lines[k] if k >= 0 else None
            if not (
                b is not None
                and k == pk + 1
                and name == pname
                and n == pn + 1
                and abs(a.x0 - b.x0) <= 0.5 * max(a.size, 1.0)
            ):
                if len(run) >= 2:
                    out.update(x[0] for x in run)
                run = []
        if k >= 0:
            run.append(item)
    return out


def _chapter(line: Line) -> bool:
    """第1章　南国市の将来像 on a line of its own: a chapter's title, whatever its type size."""
    return bool(_CHAPTER.match(fold_width(printed_text(line)).strip()))


def _title_over_chapter(lines: list[Line], k: int, usual: float) -> bool:
    """A short line standing apart over a chapter line (第5次南国市総合計画（基本構想） over 第1章…):
    the document's title, a heading."""
    if not usual or k + 1 >= len(lines) or not _chapter(lines[k + 1]):
        return False
    ln = lines[k]
    text = "".join(ln.text.split())
    return (
        0 < len(text) <= 30
        and not any(ch in "、。" for ch in text)
        and not LIST_ITEM.match(text)
        and lines[k + 1].top - ln.bottom > 1.25 * usual
        and abs(lines[k + 1].size - ln.size) <= 0.5
    )


def _numbered_title(lines: list[Line], k: int, usual: float, right_edge: float) -> bool:
    """1．南国市の将来像: a short numbered line standing apart (a blank line above it), its paragraph
    close under it and indented past its number: a section title, not a list item (an item's text
    would run on, or the next line be numbered too)."""
    ln = lines[k]
    if not usual or k + 1 >= len(lines) or not _NUMBERED_TITLE.match(fold_width(printed_text(ln)).strip()):
        return False
    below, size = lines[k + 1], max(ln.size, 1.0)
    above = ln.top - lines[k - 1].bottom if k > 0 else None
    return (
        (above is None or above > 1.8 * usual)
        and 0 <= below.top - ln.bottom <= 1.25 * usual
        and abs(below.size - ln.size) <= 0.5
        and below.x0 >= ln.x0 + 0.5 * size
        and ln.x1 < right_edge - 4 * size
        and not NUMBERED.match(below.text)
        and not BULLET.match(below.text)
        and (ends_sentence(below.text) or below.x1 >= right_edge - 2 * size)
    )


def _section_title(lines: list[Line], k: int, usual: float, right_edge: float = 0.0) -> bool:
    """A short line in body type standing apart (a blank line or more above it, the text below
    close): a section title such as 総務 or 危機管理, set in the body's own size. The text under it
    is running text (its first line ends a sentence or runs to the margin), not one short line at
    the same indent standing alone (南国市の将来像 over the slogan: a label, no title)."""
    ln = lines[k]
    text = ln.text.replace(" ", "").replace("\u3000", "")
    if (
        not usual
        or not 0 < len(text) <= 12
        or any(ch in "、。，．：:" for ch in text)
        or LIST_ITEM.match(text)
    ):
        return False
    above = ln.top - lines[k - 1].bottom if k > 0 else None
    below = lines[k + 1].top - ln.bottom if k + 1 < len(lines) else None
    if below is None or below > 1.25 * usual or abs(lines[k + 1].size - ln.size) > 0.5:
        return False
    nxt = lines[k + 1]
    if (
        right_edge
        and not ends_sentence(nxt.text)
        and nxt.x1 < right_edge - 2 * max(nxt.size, 1.0)
        and abs(nxt.x0 - ln.x0) <= 0.5 * max(ln.size, 1.0)  # set at the label's own indent
    ):
        after = lines[k + 2].top - nxt.bottom if k + 2 < len(lines) else None
        if after is None or after > 1.25 * usual:  # one short line standing alone under it
            return False
    return above is None or above > 2.0 * usual


def _wraps(block: list[Line], line: Line, right_edge: float = 0.0) -> bool:
    """Did the previous line run to the block's right edge, or the page's text margin (so this line
    continues it)? A short line ends its paragraph."""
    right = max([ln.x1 for ln in block] + [line.x1, right_edge])
    last = block[-1]
    return last.x1 >= right - 2 * max(last.size, 1.0)


MARGIN = 0.1  # share of the page's height at its top and foot where running heads and feet stand
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])")  # an amount (9,013,376千円), not a date or folio


def running_heads(pages: list[Page]) -> list[Page]:
    """A running head or foot (the same words at the same place in the page's top or bottom margin,
    page after page: a slide's stamp 令和4年2月24日南国市企画課作成) is read once, where it first
    appears; its repeats on later pages are dropped. A line stating an amount is a figure of each page
    it is printed on (a budget book's ``２款 総務費 9,013,376千円`` over every detail page of the 款,
    like the 項 line under it), never furniture: kept on every page."""
    seen: list[tuple[str, BBox]] = []
    out = []
    for page in pages:
        keep = []
        for b in page.text_blocks:
            box = b.bbox
            edge = box is not None and (
                box.bottom <= MARGIN * page.height or box.top >= (1 - MARGIN) * page.height
            )
            if not edge or box is None or _GROUPED.search(fold_width(b.text)):
                keep.append(b)
                continue
            key = "".join(b.text.split())
            if any(k == key and abs(x.top - box.top) <= 3.0 and abs(x.x0 - box.x0) <= 5.0 for k, x in seen):
                continue
            seen.append((key, box))
            keep.append(b)
        out.append(replace(page, text_blocks=tuple(keep)) if len(keep) != len(page.text_blocks) else page)
    return out


def join_across_pages(pages: list[Page]) -> list[Page]:
    """A paragraph broken by a page break is one paragraph: the last block of a page, a paragraph
    that stops mid-sentence, goes on in the next page's first block when that is a paragraph that
    starts at its left edge (not indented) with no table before it. The joined block stays where
    the paragraph begins; its provenance says ``joined-across-pages``."""
    out = list(pages)
    for k in range(1, len(out)):
        prev_page, page = out[k - 1], out[k]
        if not prev_page.text_blocks or not page.text_blocks:
            continue
        if page.number != prev_page.number + 1:  # pages=[2, 3, 12, 13]: p3 does not go on at p12
            continue
        a, b = prev_page.text_blocks[-1], page.text_blocks[0]
        # 報告第1号：…の承認につ / (next page) いて: a bill's title wrapped over the page break
        bill = (
            a.role is TextRole.HEADING
            and b.role is TextRole.PARAGRAPH
            and bool(BILL.match(fold_width(a.text)))
            and len(b.text) <= 30
            and not any(ch in b.text for ch in "。、")
        )
        if (
            (not bill and (a.role is not TextRole.PARAGRAPH or b.role is not TextRole.PARAGRAPH))
            or a.bbox is None
            or b.bbox is None
        ):
            continue
        # an article's or 項's wrapped lines hang one character in, on the next page too
        indent = 18.0 if _PROVISION.match(a.text) else 3.0
        if ends_sentence(a.text) or (b.bbox.x0 > a.bbox.x0 + indent and not bill):
            continue
        # a last line stopping short of the text's right margin ended its paragraph (富士市長 小長井 義 正)
        right = max(t.bbox.x1 for t in prev_page.text_blocks if t.bbox is not None)
        if a.bbox.x1 < right - 20.0:
            continue
        if a.bbox.bottom < 0.6 * prev_page.height:  # the text stopped high on the page: it ended there
            continue
        if any(t.bbox is not None and t.bbox.top > a.bbox.top for t in prev_page.tables):
            continue
        if any(t.bbox is not None and t.bbox.top < b.bbox.top for t in page.tables):
            continue
        # where the next page's text begins in the joined one: an amount printed there is on that page
        marks = [t for t in b.provenance.transforms if t.startswith(PAGE_BREAK_MARK)]
        joined = replace(
            a,
            text=join_wrapped(a.text, b.text),
            provenance=a.provenance.with_transforms(
                "joined-across-pages", page_break_mark(page.number, b.text), *marks
            ),
        )
        out[k - 1] = replace(prev_page, text_blocks=(*prev_page.text_blocks[:-1], joined))
        out[k] = replace(page, text_blocks=page.text_blocks[1:])
    return out


def article_captions(pages: list[Page]) -> list[Page]:
    """（名称及び位置） just before 第2条 in reading order is the article's caption, a heading, also
    when the article's line was taken as a table's title or sits at the top of the next page."""
    flat = [(k, i) for k, page in enumerate(pages) for i in range(len(page.text_blocks))]
    change: set[tuple[int, int]] = set()
    for (k, i), (k2, i2) in itertools.pairwise(flat):
        b, nxt = pages[k].text_blocks[i], pages[k2].text_blocks[i2]
        if (
            b.role is TextRole.PARAGRAPH
            and CAPTION.match("".join(b.text.split()))
            and ARTICLE.match(nxt.text)
        ):
            change.add((k, i))
    # an article printed above a table (第2条　…は、次のとおりとする。) was set as the table's title
    # line, a heading: it is the article's text
    prose = {
        (k, i)
        for k, i in flat
        if pages[k].text_blocks[i].role is TextRole.HEADING
        and ARTICLE.match(pages[k].text_blocks[i].text)
        and ends_sentence(pages[k].text_blocks[i].text)
    }
    if not change and not prose:
        return pages
    return [
        replace(
            page,
            text_blocks=tuple(
                replace(b, role=TextRole.HEADING)
                if (k, i) in change
                else replace(b, role=TextRole.PARAGRAPH, level=0)
                if (k, i) in prose
                else b
                for i, b in enumerate(page.text_blocks)
            ),
        )
        for k, page in enumerate(pages)
    ]


def ordinance_titles(pages: list[Page]) -> list[Page]:
    """An ordinance bill prints the ordinance's name twice: under 議案第18号 (the bill's subject, a
    paragraph) and again after the date and the mover, standing apart over the preamble: there it
    is the ordinance's title, a heading one level under the bill."""
    out = []
    for page in pages:
        blocks = list(page.text_blocks)
        if len(blocks) >= 3 and blocks[0].role is TextRole.HEADING and BILL.match(fold_width(blocks[0].text)):
            name = "".join(blocks[1].text.split())
            for i in range(2, min(len(blocks), 7)):
                b = blocks[i]
                if (
                    blocks[1].role is TextRole.PARAGRAPH
                    and b.role is TextRole.PARAGRAPH
                    and "".join(b.text.split()) == name
                    and "。" not in name
                ):
                    blocks[i] = replace(b, role=TextRole.HEADING, level=blocks[0].level + 1)
                    break
        out.append(replace(page, text_blocks=tuple(blocks)))
    return out
