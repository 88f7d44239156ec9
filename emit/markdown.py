"""text.md: the document's text blocks as Markdown in reading order, tables in place."""

from __future__ import annotations

import re

from chohyo.emit.grid import CleanTable
from chohyo.emit.textout import join_lines, write_out
from chohyo.model import FIGURE_NOTE, Document, Page, Table, TextBlock, TextRole

# A bullet glyph the PDF printed: Markdown's own "- " replaces it.
_BULLET = re.compile(r"^\s*[・●○◦•▪■□◆◇◎※\-‐－*]\s*")
_MD_START = re.compile(r"^(\s*)([#>+\-*]|\d+[.)])(\s)")


_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINK_BRACKETS = str.maketrans({"[": "\\[", "]": "\\]"})


def _inline(text: str) -> str:
    """PDF text is data, never markup: no raw HTML (``<script>``, ``<img onerror=…>``), no entity, and
    no link or image syntax (``[x](javascript:…)``, ``![](http://…)``) survives into text.md."""
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return text.translate(_LINK_BRACKETS)


def _escape_line(text: str) -> str:
    """Keep a printed line from turning into Markdown syntax (a heading, a list, a quote) or markup."""
    return _MD_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}", _inline(text))


def _cell(text: str) -> str:
    return _inline(text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " "))


def table_markdown(table: CleanTable) -> str:
    header = [_cell(h) for h in table.header]
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|")
    lines += ["| " + " | ".join(_cell(v) for v in row.values) + " |" for row in table.rows]
    return "\n".join(lines)


def _items(text: str) -> list[str]:
    """A list block's items: a line starting with a bullet starts an item, other lines continue it."""
    items: list[list[str]] = []
    for line in (x for x in text.splitlines() if x.strip()):
        if _BULLET.match(line) or not items:
            items.append([_BULLET.sub("", line, count=1)])
        else:
            items[-1].append(line)
    return [join_lines("\n".join(lines)) for lines in items]


def block_markdown(block: TextBlock, keep_dependent: bool = False) -> str:
    text = block.text.strip() if keep_dependent else write_out(block.text.strip())
    if block.role is TextRole.HEADING:
        return "#" * min(max(block.level, 1), 6) + " " + _inline(join_lines(text))
    if block.role is TextRole.LIST:
        indent = "  " * max(block.level - 1, 0)
        return "\n".join(f"{indent}- {_inline(item)}" for item in _items(text))
    if block.role is TextRole.CAPTION:
        return "*" + _inline(join_lines(text)) + "*"
    return _escape_line(join_lines(text))  # wrapped lines are one paragraph


def _squash(text: str) -> str:
    return "".join(text.split())


def _captions(table: Table, shown: set[str], keep_dependent: bool) -> list[str]:
    """The table's captions (単位, period, notes) that no text block already shows."""
    out = []
    for caption in table.captions:
        if caption.strip() and _squash(caption) not in shown:
            text = join_lines(caption if keep_dependent else write_out(caption))
            out.append(_escape_line(text))
    return out


def table_notes_markdown(table: Table, shown: set[str] | None = None) -> str:
    """The notes printed under the table (``Table.notes``) that no text block already shows, one
    line each, as printed."""
    # a note is page text too: the document's Markdown shows it in its text block already
    return "  \n".join(
        _escape_line(note)
        for note in table.notes
        if note.strip() and not any(_squash(note) in block for block in shown or ())
    )


def document_markdown(doc: Document, tables: dict[str, CleanTable], keep_dependent: bool = False) -> str:
    """Each page in turn: its text blocks in reading order, each table before the first block below it."""
    parts: list[str] = []
    placed: set[str] = set()
    shown = {_squash(b.text) for b in doc.text_blocks}
    for page in doc.pages:
        blocks = sorted(page.text_blocks, key=lambda b: b.order)
        pending = sorted(
            (t for t in page.tables if t.id not in placed and t.id in tables),
            key=lambda t: t.bbox.top if t.bbox is not None else float("inf"),
        )
        figures = _figures(page)
        # a figure standing in a column: after the last block of the text beside it (column by column)
        after = {id(f): _beside(f, blocks, page) for f in figures}
        for i, block in enumerate(blocks):
            while pending and block.bbox is not None and _above(pending[0], block):
                t = pending.pop(0)
                parts += [
                    *_captions(t, shown, keep_dependent),
                    table_markdown(tables[t.id]),
                    table_notes_markdown(t, shown),
                ]
            while (
                figures
                and after[id(figures[0])] is None
                and block.bbox is not None
                and figures[0][0] <= block.bbox.top
            ):
                parts.append(figures.pop(0)[1])
            parts.append(block_markdown(block, keep_dependent))
            for f in [f for f in figures if after[id(f)] == i]:
                figures.remove(f)
                parts.append(f[1])
        for t in pending:
            parts += [
                *_captions(t, shown, keep_dependent),
                table_markdown(tables[t.id]),
                table_notes_markdown(t, shown),
            ]
        parts += [f[1] for f in figures]
        placed.update(t.id for t in page.tables)
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


def _above(table: Table, block: TextBlock) -> bool:
    return table.bbox is not None and block.bbox is not None and table.bbox.top <= block.bbox.top


_WHERE = re.compile(r"(\d+)-(\d+)% down the page(?:, (\d+)-(\d+)% across)?")


def _figures(page: Page) -> list[tuple[float, str, float, float, float]]:
    """The page's figures left out of the text, as notes placed where they are printed: a reader
    of text.md sees that something is there (top in points, the note as a Markdown quote, bottom,
    and left and right edges when the note gives them)."""
    out = []
    for note in page.notes:
        if note.startswith(FIGURE_NOTE):
            m = _WHERE.search(note)
            top = int(m.group(1)) * page.height / 100 if m else float("inf")
            bottom = int(m.group(2)) * page.height / 100 if m else float("inf")
            x0 = int(m.group(3)) * page.width / 100 if m and m.group(3) else 0.0
            x1 = int(m.group(4)) * page.width / 100 if m and m.group(4) else page.width
            what = note[len(FIGURE_NOTE) :]
            text = f"> [figure, p. {page.number}: {what}; left out of the text, see the page]"
            out.append((top, text, bottom, x0, x1))
    return sorted(out, key=lambda f: f[0])


def _beside(
    figure: tuple[float, str, float, float, float], blocks: list[TextBlock], page: Page
) -> int | None:
    """The index of the last block printed beside a figure that stands in a column (in a column to
    its left, level with it), or None when it spans the text's width or nothing stands beside it."""
    top, _, bottom, x0, _x1 = figure
    if not x0:
        return None
    beside = [
        i
        for i, b in enumerate(blocks)
        if b.bbox is not None
        and (b.bbox.x0 + b.bbox.x1) / 2 < x0
        and b.bbox.top < bottom
        and b.bbox.bottom > top
    ]
    return beside[-1] if beside else None
