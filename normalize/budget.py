"""The 歳入/歳出 事項別明細書 of a budget book as one long table (``chohyo.budget.Budget``).

Found by layout, never by a city's names: a 目 table is one whose columns are titled 目, 本年度…,
前年度…, 比較 (and, where printed, the 財源内訳 国県支出金 / 地方債 / その他 / 一般財源); a 節 table
one whose columns are titled 節 (区分, 金額) and 説明. The book prints a 目 and its 節/説明 lines
side by side — on facing pages or on one page — so a 節 line belongs to the last 目 row printed at
or above its height on the 目 side. 款 and 項 come from the heading over the 目 table
(``N款 名 N項 名``, their amounts beside it); a 目 row is numbered, an unnumbered row with
amounts closes the 項 (計). The sums the statement obeys (目 = Σ節, 項 = Σ目, 款 = Σ項,
歳入合計 / 歳出合計 = Σ款 of the statement's 総括) are collected here, on 本年度, and checked in
the validate stage.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from chohyo.budget import (
    CHANGE,
    JIGYOU_SAI,
    KAN_KOU,
    KOU_MOKU,
    MOKU_JIGYOU,
    MOKU_SETSU,
    SETSU_NOTES,
    SOURCES,
    TOTAL_KAN,
    Budget,
    BudgetItem,
    BudgetLine,
    BudgetRelation,
    Sources,
)
from chohyo.findings import FindingType, finding, register
from chohyo.japanese.overflow import formula_gives, formula_overflow
from chohyo.model import Cell, Document, Finding, Severity, Table
from chohyo.normalize.text import clean_label

# An item number before its name, bare or dotted: ``1議会費``, ``16 公用車管理費``, ``2.児童福祉費負担金``.
_NUMBERED = re.compile(r"^\s*(\d{1,4})\s*[.．]?\s*(\S.*?)\s*$")
# 款 and 項 of a 目 table's heading: ``1款 市税 1項 市民税`` or ``款 1. 市税 項 1. 市民税 (単位：千円)``.
_HEADING = re.compile(r"第?\s*(\d{1,3})\s*款\s*(.*?)\s*第?\s*(\d{1,3})\s*項\s*(.*?)\s*$")
_HEADING_AFTER = re.compile(r"款第?(\d{1,3})[.．]?(.+?)項第?(\d{1,3})[.．]?(.+?)(?:[(（]単位.*)?$")
_AMOUNT_TEXT = re.compile(r"^\s*(△|▲|-|－)?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(千円|円)?\s*$")
# An amount printed at the end of a 説明 line: a run of digits (grouped or not) that no digit,
# comma, point or operator touches on the left, and that ends the line or meets the next line's text.
_NOTE_AMOUNT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+)(?![\d,.])")
_BEFORE_NOT = set("(（×xＸ*＊/／÷-−－+＋=＝:：~～・第外約各計")
# after a figure, these make it a count, a rate or part of a formula, not the line's amount
_AFTER_NOT = set(
    "×xＸ*＊/／÷-−－+＋=＝%％)）人件円回台年月日号期名箇所校棟戸㎡m本枚冊部式個時分秒歳割倍次級世帯路線千百万億筆かヶケ講園基周層法社点頭"
)
_FORMULA = set("×÷/／*＊=＝%％")
# a subsidy rate in parentheses, ``(1/2)``, ``(1/2・3/5)``, ``(5.5/10)``: a name's part, not a formula
_RATE = re.compile(r"[(（]\d+(?:\.\d+)?[/／]\d+(?:[・･]\d+(?:\.\d+)?[/／]\d+)*[)）]")
# A header cell that is a data row read as header (an amount, or a numbered item ``2.都市計画手数料``)
_DATA_IN_HEADER = re.compile(r"^(?:[△▲-]?\d{1,3}(?:,\d{3})+|\d+|\d{1,3}[.．]\D.*|.*\D\d{1,3}(?:,\d{3})+)$")
# a caption or heading naming the statement: ``2.歳入``, ``(歳出)(単位:千円)``
_DIVISION_LINE = re.compile(r"^(?:\d{1,2}[.．])?[(（]?(歳入|歳出)(?:[)）]|$)")
_SOURCE_TITLES = {"国県支出金": 0, "地方債": 1, "その他": 2, "一般財源": 3}
_DIVISIONS = ("歳入", "歳出")


register(
    FindingType(
        "budget-division-unknown",
        Severity.INFO,
        "Statement not known",
        "事項別明細書 on page(s) {pages}: no heading, column or 款 on the page says 歳入 or 歳出 (a run "
        "cut without the statement's title page); 区分 is left empty there",
    )
)


def division_findings(budget: Budget | None) -> list[Finding]:
    """An info finding naming the pages whose budget lines have no 区分 (never a guess)."""
    pages = sorted({line.page for line in budget.lines if not line.division}) if budget else []
    if not pages:
        return []
    return [finding("budget-division-unknown", page=pages[0], pages=", ".join(map(str, pages)))]


def _squeeze(text: str) -> str:
    return "".join(text.split()).replace("・", "")


@dataclass(frozen=True)
class _MokuCols:
    label: int
    current: int
    previous: int | None
    change: int | None
    sources: tuple[int | None, ...]


@dataclass(frozen=True)
class _SetsuCols:
    label: int
    amount: int
    note: int
    swallowed: bool = False  # a data row was read into the header: the lines around it are incomplete


def swallowed_header(table: Table, columns: Iterable[int]) -> bool:
    """A printed row taken into the header (``節/区分/2.都市計画手数料``, ``節/金額/1,953``,
    ``説明/保育サービス等推進総合補助金(1/2) 4,458``)."""
    at = set(columns)
    return any(_DATA_IN_HEADER.match(_squeeze(p)) for c in table.columns if c.index in at for p in c.path[1:])


def moku_columns(table: Table) -> _MokuCols | None:
    """The 目 side's columns by their titles, or None when the table is not a 目 table."""
    label = current = previous = change = None
    sources: list[int | None] = [None] * 4
    for col in table.columns:
        path = [_squeeze(p) for p in col.path if p.strip()]
        if not path:
            continue
        last, joined = path[-1], "/".join(path)
        if last == "目" and label is None:
            label = col.index
        elif last in _SOURCE_TITLES:
            if sources[_SOURCE_TITLES[last]] is None:
                sources[_SOURCE_TITLES[last]] = col.index
        elif "財源" in joined:
            continue
        elif "本年度" in last and current is None:
            current = col.index
        elif "前年度" in last and previous is None:
            previous = col.index
        elif last == "比較" and change is None:
            change = col.index
    if label is None or current is None or previous is None:
        return None
    return _MokuCols(label, current, previous, change, tuple(sources))


def _untitled(table: Table) -> bool:
    """A table whose columns carry no printed title (``列1``, ``列2`` …)."""
    return all(not "".join(c.path).strip() or re.fullmatch(r"列\d+", c.name) for c in table.columns)


def moku_tables(doc: Document) -> Iterator[tuple[Table, _MokuCols]]:
    """The 目 tables with their columns, in reading order. A 項 printed under another on the same
    page has its 款/項 heading but no column titles (the page prints them once, at its top): an
    untitled table so headed, whose printed columns line up with those of the 目 table above it
    (as many, same left and right edges), reads with that table's columns."""
    last: tuple[Table, _MokuCols] | None = None
    for table in doc.tables:
        cols = moku_columns(table)
        if cols is None and last is not None:
            cols = _continued(last[0], last[1], table)
        if cols is not None:
            last = (table, cols)
            yield table, cols


def _continued(above: Table, cols: _MokuCols, table: Table) -> _MokuCols | None:
    """``cols`` of the 目 table ``above`` carried to the untitled ``table`` under it, or None."""
    if not (table.title and _HEADING.search(_squeeze(table.title)) and _untitled(table)):
        return None
    if above.bbox is None or table.bbox is None or table.pages[0] - above.pages[-1] not in (0, 1):
        return None
    if abs(table.bbox.x0 - above.bbox.x0) > 3.0 or abs(table.bbox.x1 - above.bbox.x1) > 3.0:
        return None
    # the printed columns of ``above``: runs of grid columns under one title
    group: list[int] = []
    for i, col in enumerate(above.columns):
        same = i > 0 and col.path == above.columns[i - 1].path
        group.append(group[-1] if same else (group[-1] + 1 if group else 0))
    if len(table.columns) == len(above.columns):
        return cols
    if len(table.columns) != group[-1] + 1:
        return None

    def at(index: int | None) -> int | None:
        return None if index is None else group[index]

    return _MokuCols(
        group[cols.label],
        group[cols.current],
        at(cols.previous),
        at(cols.change),
        tuple(at(c) for c in cols.sources),
    )


def setsu_columns(table: Table) -> _SetsuCols | None:
    """The 節 side's columns (節 区分, 節 金額, 説明) by their titles, or None."""
    label = amount = note = None
    for col in table.columns:
        path = [_squeeze(p) for p in col.path if p.strip()]
        if not path:
            continue
        if path[0] == "節" and len(path) > 1:
            if "金額" in path[1] and amount is None:
                amount = col.index
            elif label is None:
                label = col.index
        elif "説明" in (path[0], path[-1]) and note is None:
            note = col.index
    if label is None or amount is None or note is None:
        return None
    # a 説明 line read into the header loses a note, not a 節 amount: only the 節 columns count
    return _SetsuCols(label, amount, note, swallowed_header(table, (label, amount)))


def split_note(text: str, *, confirm: bool = True) -> list[tuple[str, Decimal | None]]:
    """A 説明 cell's printed lines as (text, amount); an amount only where nothing else can be meant.

    The cell's lines arrive joined (``滞納繰越分116,700調定見込額350,700×33.3%``): a figure that
    ends the text, or that meets a following formula line, touched on the left by neither a digit
    nor an operator and on the right by no unit or operator, outside any parenthesis, is the line's
    amount. Figures inside formulas (``3,528×3/4``), counts (``32人``, ``4か所``) and names
    (``健康ふじ21推進費``) stay text; a cell with no clear amount keeps its text only. A figure
    ending a worked formula's line (``助産施設3,224×1/2 1,612``) is its amount only when the
    formula gives it (``confirm``; False for a cell whose split was ambiguous).
    """
    out: list[tuple[str, Decimal | None]] = []
    start = 0
    for m in _NOTE_AMOUNT.finditer(text):
        before = text[start : m.start()]
        prev = text[m.start() - 1] if m.start() > 0 else ""
        nxt = text[m.end()] if m.end() < len(text) else ""
        if (
            not before.strip()
            or prev in _BEFORE_NOT
            or nxt in _AFTER_NOT
            or (nxt.isascii() and nxt.isalpha())
            or _glued_name(text, m)
        ):
            continue
        if any(ch in _FORMULA for ch in _RATE.sub("", before)) and not (
            confirm
            and not text[m.end() :].strip()
            and formula_gives(before, Decimal(m.group(1).replace(",", "")))
        ):  # a formula line: text only, unless the figure ends it and the formula gives that figure
            continue
        if before.count("(") + before.count("（") > before.count(")") + before.count("）"):
            continue  # inside a parenthesis: (販売本数303,266千本)
        rest = text[m.end() :]
        if rest.strip() and not any(ch in _FORMULA for ch in rest):
            continue  # mid-text, and what follows is no formula line: a count or a name (4か所, 21推進費)
        out.append((before.strip(), Decimal(m.group(1).replace(",", ""))))
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append((rest, None))
    return out


def _glued_name(text: str, m: re.Match[str]) -> bool:
    """A figure of four digits or more, ungrouped, touching a Latin letter on its left
    (``ふじBousai2024``): part of a name; the book prints its amounts grouped by three."""
    return (
        "," not in m.group(1)
        and len(m.group(1)) >= 4
        and m.start() > 0
        and text[m.start() - 1].isascii()
        and text[m.start() - 1].isalpha()
    )


# a rate printed as its own word in a 説明 line: ``5/100負担``, ``1/3負担``, ``10/10``
_RATE_WORD = re.compile(r"(?:^|(?<=\s))\d+(?:\.\d+)?[/／]\d+(?:負担|補助|以内)?(?=\s|$)")
_NOT_FIGURES = re.compile(r"[^\d,.\s]")  # a text, not one more figure
_AMOUNT_WORD = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)$")


def note_lines(cell: Cell | None) -> list[tuple[str, Decimal | None]]:
    """A 説明 cell's printed lines as (text, amount), one per line (or per pair on a line).

    A cell whose layout is known (``Cell.lines``: each printed line's words, split where the layout
    leaves a gap) is read line by line: the line's amount is a figure standing apart as the line's
    last word, after a text that is no formula (``001 例規管理費 5,361`` / ``例規集(電子データ)
    更新``), or after a formula that gives it (``助産施設3,224×1/2 1,612``). A line of pairs
    (``小学校 5,237 中学校 2,741``) gives one entry a pair. A figure glued to its text (``健康ふじ21``
    wrapped before ``推進費``) stays text. A cell of one word, or whose lines do not spell its text
    (rows joined after extraction), goes through ``split_note``.
    """
    if cell is None:
        return []
    text = cell.text.strip()
    # a formula run into its amount that several cuts fit (flagged ``overflow-ambiguous``): the
    # amount of that reading is not confirmed, so it stays text
    confirm = "overflow-split" not in cell.provenance.transforms or (
        (o := formula_overflow(cell.raw_text)) is not None and o.confirmed is not None
    )
    spelled = _spelled(cell.raw_text, cell.lines) if cell.lines else None
    if spelled is None:
        return split_note(text, confirm=confirm)
    out: list[tuple[str, Decimal | None]] = []
    for line in spelled:
        words = [(gap, raw, clean_label(raw).text) for gap, raw in line]
        ends_in_figure = bool(_AMOUNT_WORD.match(words[-1][2]))
        start = 0
        for j, (_, _, word) in enumerate(words):
            if j == start or not _AMOUNT_WORD.match(word) or not ends_in_figure:
                continue
            before = clean_label(
                "".join((g if k else "") + r for k, (g, r, _) in enumerate(words[start:j]))
            ).text
            amount = Decimal(word.replace(",", ""))
            if not _NOT_FIGURES.search(before):
                continue
            spaced = " ".join(w for _, _, w in words[start:j])  # a rate stands as its own word
            if _plain_text(spaced) or (j == len(words) - 1 and confirm and formula_gives(before, amount)):
                out.append((before, amount))
                start = j + 1
        if start < len(words):
            rest = clean_label(
                "".join((g if k else "") + r for k, (g, r, _) in enumerate(words[start:]))
            ).text
            if rest:
                out.append((rest, None))
    return out


def _spelled(raw: str, lines: tuple[tuple[str, ...], ...]) -> list[list[tuple[str, str]]] | None:
    """Each line's words with what stands before each in the raw text (a space or nothing, so that
    a name's glyph gap adds nothing, as in the cell's text); None when the lines do not spell it."""
    pos, out = 0, []
    for words in lines:
        line: list[tuple[str, str]] = []
        for word in words:
            at = raw.find(word, pos)
            if at < 0 or raw[pos:at].strip():
                return None
            line.append((raw[pos:at], word))
            pos = at + len(word)
        if line:
            out.append(line)
    return None if raw[pos:].strip() or not out else out


def _closes_above(prior: list[BudgetLine], note: str) -> bool:
    """A 説明 line that is one figure alone, under a line of text with no amount (``004 …審査委員会
    委員 5人`` / ``296``): the amount of that line, set on the line below because the name fills its
    own. A formula line above takes it only when the formula gives it."""
    if not _AMOUNT_WORD.match(note):
        return False
    above = next((x for x in reversed(prior) if x.note), None)
    if above is None or above.note_amount is not None or _AMOUNT_WORD.match(above.note):
        return False
    return _plain_text(above.note) or formula_gives(above.note, Decimal(note.replace(",", "")))


def _plain_text(before: str) -> bool:
    """Text an amount may close: no formula outside a subsidy rate (``(1/2)``, ``5/100負担``),
    no open parenthesis."""
    if any(ch in _FORMULA for ch in _RATE_WORD.sub("", _RATE.sub("", before))):
        return False
    return before.count("(") + before.count("（") <= before.count(")") + before.count("）")


def _amount(text: str) -> Decimal | None:
    m = _AMOUNT_TEXT.match(text)
    if not m:
        return None
    try:
        value = Decimal(m.group(2).replace(",", ""))
    except InvalidOperation:
        return None
    return -value if m.group(1) else value


def _span(table: Table, col: int) -> list[int]:
    """``col`` and the columns beside it under the same title: one printed column that the body's
    rules cut into several grid columns (the two-up print: 前年度 over three, その他 over two), its
    figure in whichever of them the layout put it."""
    cols = table.columns
    if not 0 <= col < len(cols) or not "".join(cols[col].path).strip():
        return [col]  # an untitled column spans nothing
    path = cols[col].path
    lo = hi = col
    while lo > 0 and cols[lo - 1].path == path:
        lo -= 1
    while hi < len(cols) - 1 and cols[hi + 1].path == path:
        hi += 1
    return [col, *(c for c in range(lo, hi + 1) if c != col)]


def _cell(table: Table, row: int, col: int) -> Cell | None:
    """The cell a printed column holds on ``row`` (first of its span with text)."""
    first = table.cell(row, col)
    if first is not None and first.text.strip():
        return first
    for c in _span(table, col)[1:]:
        cell = table.cell(row, c)
        if cell is not None and cell.text.strip():
            return cell
    return first


def _value(table: Table, row: int, col: int | None) -> Decimal | None:
    if col is None:
        return None
    cell = _cell(table, row, col)
    return None if cell is None else cell.value


def _text(table: Table, row: int, col: int) -> str:
    cell = _cell(table, row, col)
    return "" if cell is None else cell.text.strip()


def _top(cells: Iterable[Cell]) -> tuple[int, float] | None:
    boxes = [(c.page, c.bbox.top) for c in cells if c.bbox is not None and (c.text or c.raw_text)]
    return min(boxes) if boxes else None


@dataclass
class _Kou:
    division: str
    kan: BudgetItem
    kou: BudgetItem
    kan_amount: Decimal | None
    kou_amount: Decimal | None
    moku: list[tuple[BudgetItem, Sources, int, str]] = field(
        default_factory=list
    )  # item, sources, page, table
    total: Decimal | None = None
    total_page: int = 0
    total_table: str = ""
    whole: bool = True  # False: a 目 row may have been lost (read into a header)


@dataclass
class _Event:
    key: tuple[int, float]
    kou: _Kou
    moku: int | None  # index into kou.moku; None: the 項 is closed (its 計 row)


def _divisions(doc: Document) -> dict[int, str]:
    """Each page's statement (歳入 / 歳出).

    A heading, caption or title naming one on the page itself decides; else the page's own 目
    tables (a run cut from the middle of a book has no title page): the 財源内訳 columns (国県支出金
    … 一般財源) are printed on the 歳出 statement only, and the 款 over a 目 table is named by the
    national standard of accounts (歳出 款 end in 費, or 諸支出金; 歳入 款 are taxes, 交付金, 負担金,
    手数料, 支出金, 収入, 繰入金, 債 …). Failing both, the page follows the page before it when that
    one was read just before it; a page after a gap in the run (a cut) is left unknown (""), never
    guessed.
    """
    out: dict[int, str] = {}
    current, before = "", 0
    for page in doc.pages:
        texts = [b.text for b in page.text_blocks] + [t.title for t in page.tables]
        texts += [c for t in page.tables for c in t.captions if _DIVISION_LINE.match(_squeeze(c))]
        named = ""
        for text in texts:
            s = _squeeze(text)
            found = [d for d in _DIVISIONS if d in s]
            if len(found) == 1:
                named = found[0]
        if page.number != before + 1:
            current = ""  # pages between were not read: what they named is unknown
        current = named or _own_division(page.tables) or current
        out[page.number] = current
        before = page.number
    return out


# 款 of the standard accounts (地方自治法施行規則): the 歳入 ones by their endings
_REVENUE_KAN = re.compile(
    r"(?:税|交付金|交付税|負担金|手数料|使用料|保険料|支出金|収入|寄附金|繰入金|繰越金|債)$"
)


def _own_division(tables: Iterable[Table]) -> str:
    """歳出 / 歳入 from a page's 目 tables alone (財源内訳 columns, the 款's name), or ""."""
    found = set()
    for table in tables:
        cols = moku_columns(table)
        if cols is None:
            continue
        if any(c is not None for c in cols.sources):
            found.add("歳出")
        m = _HEADING.search(_squeeze(table.title)) if table.title else None
        if m:
            kan = m.group(2)
            if kan.endswith("費") or kan == "諸支出金":
                found.add("歳出")
            elif _REVENUE_KAN.search(kan):
                found.add("歳入")
    return found.pop() if len(found) == 1 else ""


_KAN_LINE = re.compile(r"^第?(\d{1,3})款")
_KOU_LINE = re.compile(r"^第?(\d{1,3})項")


def printed_kou(doc: Document, divisions: dict[int, str]) -> dict[tuple[str, str], set[str]]:
    """The 項 each 款 heads on the pages (``1款 市税…`` then ``2項 固定資産税…``): what a 款 must hold."""
    out: dict[tuple[str, str], set[str]] = {}
    for page in doc.pages:
        kan = ""
        for block in sorted(page.text_blocks, key=lambda b: b.order):
            s = _squeeze(block.text)
            if m := _KAN_LINE.match(s):
                kan = m.group(1)
            elif (m := _KOU_LINE.match(s)) and kan:
                out.setdefault((divisions.get(page.number, ""), kan), set()).add(m.group(1))
    return out


def printed_headings(
    doc: Document, divisions: dict[int, str]
) -> dict[str, list[tuple[BudgetItem, BudgetItem]]]:
    """Per statement, the 款/項 headings printed as ``款 N. 名 項 N. 名`` (on a line of their own or
    over a 目 table), in the order of their numbers: the 項 a run of 目 rows belongs to, one 項 per 計."""
    found: dict[str, dict[tuple[int, int], tuple[BudgetItem, BudgetItem]]] = {}
    for page in doc.pages:
        texts = [b.text for b in page.text_blocks] + [c for t in page.tables for c in t.captions]
        for text in texts:
            if m := _HEADING_AFTER.match(_squeeze(text)):
                heads = found.setdefault(divisions.get(page.number, ""), {})
                key = (int(m.group(1)), int(m.group(3)))
                heads.setdefault(
                    key, (BudgetItem(m.group(1), m.group(2)), BudgetItem(m.group(3), m.group(4)))
                )
    return {d: [heads[k] for k in sorted(heads)] for d, heads in found.items() if d}


def _summaries(doc: Document) -> Iterator[tuple[Table, int]]:
    """The statement's 総括 tables (first column titled 款, not a 目 table) with their 本年度 column."""
    for table in doc.tables:
        names = [_squeeze(c.name) for c in table.columns]
        if not names or names[0] != "款" or moku_columns(table) is not None:
            continue
        current = next((i for i, n in enumerate(names) if "本年度" in n and "財源" not in n), None)
        if current is not None:
            yield table, current


def summary_kan(doc: Document, divisions: dict[int, str]) -> dict[tuple[str, str], Decimal]:
    """本年度 of each 款 in the statement's 総括 (a table whose first column is titled 款)."""
    out: dict[tuple[str, str], Decimal] = {}
    for table, current in _summaries(doc):
        rows = range(table.header_rows, table.n_rows)
        labels = [_squeeze(_text(table, r, 0)) for r in rows]
        division = next((d for d in _DIVISIONS if d + "合計" in labels), divisions.get(table.pages[0], ""))
        for r in rows:
            m = _NUMBERED.match(_text(table, r, 0))
            value = _value(table, r, current)
            if m and value is not None and division:
                out.setdefault((division, m.group(1)), value)
    return out


def _heading(
    table: Table, last: _Kou | None, division: str
) -> tuple[BudgetItem, BudgetItem, list[Decimal]] | None:
    m = _HEADING.search(_squeeze(table.title)) if table.title else None
    amounts = [a for a in (_amount(c) for c in table.captions) if a is not None]
    if m:
        return BudgetItem(m.group(1), m.group(2)), BudgetItem(m.group(3), m.group(4)), amounts
    if last is not None and last.division == division:  # a 目 table continued without its heading
        return last.kan, last.kou, []
    return None


def _moku_side(
    doc: Document, divisions: dict[int, str], broken: set[tuple[str, str]]
) -> tuple[list[_Kou], list[_Event]]:
    kous: dict[tuple[str, str, str], _Kou] = {}
    events: list[_Event] = []
    last: _Kou | None = None
    stream = printed_headings(doc, divisions)
    runs = _Runs(stream, summary_kan(doc, divisions), kous, events)
    for table, cols in moku_tables(doc):
        division = divisions.get(table.pages[0], "") or (last.division if last else "")
        if stream.get(division) and not _HEADING.search(_squeeze(table.title)):
            runs.table(table, cols, division)  # headings on their own lines: 項 by 項, closed by 計
            continue
        head = _heading(table, last, division)
        if head is None:
            continue
        if not _HEADING.search(_squeeze(table.title)) and last is not None and last.total is not None:
            broken.add((last.division, last.kan.number))  # a 目 table of a 項 whose heading was not read
            continue
        kan, kou_item, amounts = head
        key = (division, kan.number, kou_item.number)
        kou = kous.get(key)
        if kou is None:
            kou = kous[key] = _Kou(
                division,
                kan,
                kou_item,
                amounts[0] if len(amounts) >= 2 else None,
                amounts[1] if len(amounts) >= 2 else None,
            )
        last = kou
        for r in range(table.header_rows, table.n_rows):
            label = _text(table, r, cols.label)
            current = _value(table, r, cols.current)
            top = _top(table.row_cells(r))
            if top is None or current is None:
                continue
            m = _NUMBERED.match(label)
            if not m and kou.moku and kou.total is None and _closes(table, r, cols, kou, current):
                kou.total, kou.total_page, kou.total_table = current, top[0], table.id
                events.append(_Event(top, kou, None))
                continue
            if not label or kou.total is not None:
                continue
            # a numbered 目, or an unnumbered one (a 目 abolished this year: 本年度 0, 前年度 printed)
            events.append(_add_moku(kou, table, r, cols, m, label, current, top))
    events.sort(key=lambda e: e.key)
    return list(kous.values()), events


@dataclass
class _Runs:
    """目 rows read in print order against the statement's printed 款/項 headings: the 目 rows up to
    a 計 row are one 項, the next heading's; a 目 numbered 1 before any 計 starts a 項 whose 計 was
    not read (that 項 and its 款 then claim no sum)."""

    heads: dict[str, list[tuple[BudgetItem, BudgetItem]]]
    kan_amounts: dict[tuple[str, str], Decimal]
    kous: dict[tuple[str, str, str], _Kou]
    events: list[_Event]
    at: dict[str, int] = field(default_factory=dict)

    def _kou(self, division: str) -> _Kou | None:
        heads = self.heads[division]
        at = self.at.get(division, 0)
        if at >= len(heads):
            return None
        kan, kou = heads[at]
        key = (division, kan.number, kou.number)
        if key not in self.kous:
            self.kous[key] = _Kou(division, kan, kou, self.kan_amounts.get((division, kan.number)), None)
        return self.kous[key]

    def table(self, table: Table, cols: _MokuCols, division: str) -> None:
        if swallowed_header(table, (cols.label, cols.current)) and (kou := self._kou(division)) is not None:
            kou.whole = False
        wrap: _Kou | None = None  # the 目 just read, whose name may go on in the next row
        for r in range(table.header_rows, table.n_rows):
            label = _text(table, r, cols.label)
            current = _value(table, r, cols.current)
            top = _top(table.row_cells(r))
            kou = self._kou(division)
            if label and current is None and wrap is not None and not _NUMBERED.match(label):
                # a 目 name wrapped in its cell (``7.交通安全対`` / ``策費``): the rest of the name
                item, src, page, at = wrap.moku[-1]
                wrap.moku[-1] = (replace(item, name=item.name + _squeeze(label)), src, page, at)
            if label:
                wrap = None
            if top is None or current is None or kou is None or not label:
                continue
            if _squeeze(label) == "計":
                if kou.moku and kou.total is None:
                    kou.total, kou.total_page, kou.total_table = current, top[0], table.id
                    self.events.append(_Event(top, kou, None))
                    self.at[division] = self.at.get(division, 0) + 1
                continue
            m = _NUMBERED.match(label)
            if kou.moku and _repeats(kou.moku[-1][0], m, current):
                # the 目 printed again over its 節 lines continued on a new page: the same 目
                self.events.append(_Event(top, kou, len(kou.moku) - 1))
                continue
            if m and m.group(1) == "1" and kou.moku:  # a new 項 whose 計 was not read
                kou.whole = False
                self.at[division] = self.at.get(division, 0) + 1
                if (kou := self._kou(division)) is None:
                    continue
            self.events.append(_add_moku(kou, table, r, cols, m, label, current, top))
            wrap = kou


def _repeats(last: BudgetItem, numbered: re.Match[str] | None, current: Decimal) -> bool:
    """A 目 row repeating the last one: same number and 本年度 (its name may wrap differently)."""
    return numbered is not None and numbered.group(1) == last.number and current == last.current


def _add_moku(
    kou: _Kou,
    table: Table,
    row: int,
    cols: _MokuCols,
    numbered: re.Match[str] | None,
    label: str,
    current: Decimal,
    top: tuple[int, float],
) -> _Event:
    """Append the 目 printed on ``row`` to its 項 (number, name, 本年度, 前年度, 比較, 財源): the event
    that places it in reading order."""
    item = BudgetItem(
        numbered.group(1) if numbered else "",
        numbered.group(2) if numbered else label,
        current,
        _value(table, row, cols.previous),
        _value(table, row, cols.change),
    )
    src = Sources(*(_value(table, row, c) for c in cols.sources))
    kou.moku.append((item, src, top[0], table.id))
    return _Event(top, kou, len(kou.moku) - 1)


def _closes(table: Table, row: int, cols: _MokuCols, kou: _Kou, current: Decimal) -> bool:
    """An unnumbered row closes its 項 (計) when it prints the 項's amount given in the heading, or,
    with no amount in the heading, when no row with a label follows it in the table."""
    if kou.kou_amount is not None:
        return current == kou.kou_amount
    return all(not _text(table, r, cols.label) for r in range(row + 1, table.n_rows))


def _owner(events: list[_Event], keys: list[tuple[int, float]], key: tuple[int, float]) -> _Event | None:
    """The last 目-side event printed at or above ``key`` (page, top), 2 pt of slack."""
    i = bisect_right(keys, (key[0], key[1] + 2.0))
    return events[i - 1] if i else None


def _first_owner(table: Table, events: list[_Event], keys: list[tuple[int, float]]) -> _Event | None:
    for r in range(table.header_rows, table.n_rows):
        if (top := _top(table.row_cells(r))) is not None:
            return _owner(events, keys, top)
    return None


def build_budget(doc: Document) -> Budget | None:
    """The long table and its relations, or None when the document prints no 事項別明細書."""
    divisions = _divisions(doc)
    broken: set[tuple[str, str]] = set()  # 款 with a 項 not read: no 款 = Σ項 for them
    kous, events = _moku_side(doc, divisions, broken)
    if not events:
        return None
    keys = [e.key for e in events]
    moku_pages = sorted({p for t, _ in moku_tables(doc) for p in t.pages})
    lines: dict[tuple[int, int], list[BudgetLine]] = {}  # (id of the _Kou, 目 index) → lines
    setsu: dict[tuple[int, int], list[Decimal]] = {}
    setsu_labels: dict[tuple[int, int], list[str]] = {}
    unlinked = 0
    last_setsu: dict[tuple[int, int], int] = {}  # the line of the 節 a wrapped name continues
    incomplete: set[tuple[int, int]] = set()  # 目 with a 節 line read into a header: no 目 = Σ節
    for table in doc.tables:
        cols = setsu_columns(table)
        if cols is None:
            continue
        if cols.swallowed and table.bbox is not None:  # the lost line belongs to the 目 above the table
            for event in (
                _owner(events, keys, (table.pages[0], table.bbox.top)),
                _first_owner(table, events, keys),
            ):
                if event is not None and event.moku is not None:
                    incomplete.add((id(event.kou), event.moku))
        for r in range(table.header_rows, table.n_rows):
            cells = table.row_cells(r)
            top = _top(cells)
            if top is None or not any(_text(table, r, c) for c in (cols.label, cols.amount, cols.note)):
                continue  # nothing on the 節/説明 side (a 計 row of a table printing 目 and 節 together)
            upto = bisect_right(moku_pages, top[0])  # the last 目 page at or before the row's
            side = moku_pages[upto - 1] if upto else None
            event = _owner(events, keys, (side, top[1])) if side is not None and top[0] - side <= 1 else None
            if event is None or event.moku is None:
                unlinked += 1
                continue
            kou, index = event.kou, event.moku
            item, src, _, _ = kou.moku[index]
            key = (id(kou), index)
            label = _text(table, r, cols.label)
            amount = _value(table, r, cols.amount)
            numbered = _NUMBERED.match(label)
            prior = lines.get(key, [])
            at = last_setsu.get(key)
            if label and not numbered and amount is None and at is not None and at < len(prior):
                # a 節 name wrapped in its cell (``13.使用料及び`` / ``賃借料``): the rest of the name
                prior[at] = replace(prior[at], setsu_name=prior[at].setsu_name + label)
                if setsu_labels.get(key):
                    setsu_labels[key][-1] += label
                label = ""
            elif label:
                last_setsu.pop(key, None)
            if numbered:
                last_setsu[key] = len(prior)
            notes = note_lines(_cell(table, r, cols.note)) or [("", None)]
            for i, (note, note_amount) in enumerate(notes):
                first = i == 0
                if _closes_above(lines.get(key, []), note):
                    # the amount of a name too long for its line, printed on the line below
                    prior = lines[key]
                    at = max(j for j, x in enumerate(prior) if x.note)
                    prior[at] = replace(prior[at], note_amount=Decimal(note.replace(",", "")))
                    note = ""
                    if not (first and label):
                        continue
                line = BudgetLine(
                    division=kou.division,
                    kan=BudgetItem(kou.kan.number, kou.kan.name, kou.kan_amount),
                    kou=BudgetItem(kou.kou.number, kou.kou.name, kou.total or kou.kou_amount),
                    moku=item,
                    sources=src,
                    setsu_number=numbered.group(1) if first and numbered else "",
                    setsu_name=numbered.group(2) if first and numbered else "",
                    setsu_amount=amount if first and numbered else None,
                    sub_name=label if first and not numbered else "",
                    sub_amount=amount if first and not numbered else None,
                    note=note,
                    note_amount=note_amount,
                    page=top[0],
                    table=table.id,
                )
                lines.setdefault(key, []).append(line)
            if numbered and amount is not None:
                setsu.setdefault(key, []).append(amount)
                setsu_labels.setdefault(key, []).append(label)
    lines = {key: _join_wrapped(got) for key, got in lines.items()}
    out_lines: list[BudgetLine] = []
    relations: list[BudgetRelation] = []
    for kou in kous:
        for index, (item, src, page, table_id) in enumerate(kou.moku):
            key = (id(kou), index)
            got = lines.get(key)
            if not got:  # a 目 with no 節 line still has its row, with its values
                got = [
                    BudgetLine(
                        kou.division,
                        BudgetItem(kou.kan.number, kou.kan.name, kou.kan_amount),
                        BudgetItem(kou.kou.number, kou.kou.name, kou.total or kou.kou_amount),
                        item,
                        src,
                        page=page,
                        table=table_id,
                    )
                ]
            relations += _row_relations(kou, item, src, page, table_id)
            closed = (
                index < len(kou.moku) - 1 or kou.total is not None
            )  # its lines may go on past the document
            if key not in incomplete:
                got, found = _jigyou(kou, item, got, closed)
                relations += found
            out_lines += got
            if closed and key not in incomplete:
                relations += _note_relations(kou, item, got)
            if key in setsu and item.current is not None and closed and key not in incomplete:
                relations.append(
                    BudgetRelation(
                        MOKU_SETSU,
                        kou.division,
                        f"{kou.kan.number}款{kou.kou.number}項 {item.number} {item.name}",
                        item.current,
                        tuple(setsu[key]),
                        tuple(setsu_labels[key]),
                        page,
                        table_id,
                    )
                )
        moku_numbers = [m[0].number for m in kou.moku if m[0].number]
        whole = moku_numbers == [str(i) for i in range(1, len(moku_numbers) + 1)]  # no 目 page missing
        if kou.total is not None and kou.moku and whole and kou.whole:
            relations.append(
                BudgetRelation(
                    KOU_MOKU,
                    kou.division,
                    f"{kou.kan.number}款 {kou.kan.name} {kou.kou.number}項 {kou.kou.name}",
                    kou.total,
                    tuple(m[0].current for m in kou.moku if m[0].current is not None),
                    tuple(f"{m[0].number} {m[0].name}" for m in kou.moku),
                    kou.total_page,
                    kou.total_table,
                )
            )
    printed = printed_kou(doc, divisions)
    relations += _kan_relations(kous, broken, printed) + _total_relations(doc, kous)
    n_moku = sum(len(k.moku) for k in kous)
    return Budget(tuple(out_lines), tuple(relations), n_moku, unlinked, _unit(doc))


_CODED = re.compile(r"^\d{3}(?!\d)\s*\S")  # a 事業 line: ``001 給与費``, ``004日常生活用具給付事業費``
_GLUED_CODE = re.compile(r"^\d{4}")  # ``0038020推進事業費``: a number run into the name
_LIST_END = ("、", "・", "，", ",")
# a figure ending a line, after a character that is no digit, comma, point or Latin letter
_LAST_FIGURE = re.compile(r"(?<=[^\d,.A-Za-z])(\d{1,3}(?:,\d{3})+|\d+)$")


def _wrapped(note: str) -> bool:
    """A 説明 line that goes on in the next printed line: it leaves a parenthesis open
    (``(今泉小学校、原田小学校、`` / ``富士第二小学校)``) or ends on a list's separator
    (``陸上競技場、野球場、庭球場、`` / ``相撲場…``)."""
    opened = note.count("(") + note.count("（") > note.count(")") + note.count("）")
    return opened or note.endswith(_LIST_END)


def _join_wrapped(lines: list[BudgetLine]) -> list[BudgetLine]:
    """One row per 説明 item: a line wrapped onto the next printed line is joined to it (its amount,
    if printed on the second line, goes with it); the second row stays only for a 節 printed on it."""
    out: list[BudgetLine] = []
    head: int | None = None  # index in out of the line being continued
    for line in lines:
        note = line.note
        if head is not None and note and not _CODED.match(note):
            first = out[head]
            text, amount = first.note + note, line.note_amount
            end = _LAST_FIGURE.search(first.note)
            if end and amount is None and not _wrapped(text):
                # the amount set at the end of the first line, after the open parenthesis that the
                # second line closes (``自立支援給付費(更生130,000`` / ``医療)``): the item's amount
                text, amount = first.note[: end.start()] + note, Decimal(end.group(1).replace(",", ""))
            joined = replace(first, note=text, note_amount=amount)
            out[head] = joined
            if (
                line.setsu_number
                or line.sub_name
                or line.setsu_amount is not None
                or line.sub_amount is not None
            ):
                out.append(replace(line, note="", note_amount=None))
            head = head if joined.note_amount is None and _wrapped(joined.note) else None
            continue
        out.append(line)
        head = len(out) - 1 if note and line.note_amount is None and _wrapped(note) else None
    return out


def _jigyou_parses(codes: list[int]) -> list[list[tuple[int, list[int]]]]:
    """Every reading of a 目's numbered 説明 lines (their codes, in print order) as 事業 over
    細事業: the 事業 numbered on from the first (a continued page may start past 001), each
    followed by its 細事業 numbered 001, 002 …, at least one. Each reading lists (事業, its 細事業)
    by position; at most a few readings are kept."""
    out: list[list[tuple[int, list[int]]]] = []

    def walk(i: int, want: int, acc: list[tuple[int, list[int]]]) -> None:
        if len(out) > 4:
            return
        if i == len(codes):
            out.append(list(acc))
            return
        if codes[i] != want:
            return
        j = i + 1
        while j < len(codes) and codes[j] == j - i:
            acc.append((i, list(range(i + 1, j + 1))))
            walk(j + 1, want + 1, acc)
            acc.pop()
            j += 1

    if codes:
        walk(0, codes[0], [])
    return out


def _jigyou(
    kou: _Kou, item: BudgetItem, lines: list[BudgetLine], closed: bool
) -> tuple[list[BudgetLine], list[BudgetRelation]]:
    """The 事業 and 細事業 among a 目's 説明 lines, marked (``note_level``), and their sums: 事業 =
    Σ細事業 where a 事業 has two 細事業 or more, 目 = Σ事業 where the 目 has two 事業 or more.

    The levels come from the numbering (a 事業 numbered on from the one before, its 細事業 from
    001) and, where two readings fit the numbers, from the one whose sums hold; a 目 with a
    numbered line whose amount was not read, or with no single reading, is left unmarked."""
    at = [i for i, x in enumerate(lines) if _CODED.match(x.note)]
    if not at or any(lines[i].note_amount is None for i in at):
        return lines, []
    if any(x.note_amount is not None and _GLUED_CODE.match(x.note) for x in lines):
        return lines, []  # a line whose number cannot be told from its name: the numbering is not read
    codes = [int(lines[i].note[:3]) for i in at]
    amounts = [lines[i].note_amount or Decimal(0) for i in at]
    readings = _jigyou_parses(codes)
    if len(readings) > 1:
        readings = [r for r in readings if all(amounts[t] == sum(amounts[k] for k in kids) for t, kids in r)]
    if len(readings) != 1:
        return lines, []
    reading = readings[0]
    out = list(lines)
    found: list[BudgetRelation] = []
    label = f"{kou.kan.number}款{kou.kou.number}項{item.number}目 {item.name}"
    for n, (top, kids) in enumerate(reading):
        head = lines[at[top]]
        out[at[top]] = replace(head, note_level="事業")
        for k in kids:
            out[at[k]] = replace(lines[at[k]], note_level="細事業")
        if len(kids) >= 2 and (closed or n < len(reading) - 1):  # the last 事業's 細事業 may go on
            found.append(
                BudgetRelation(
                    JIGYOU_SAI,
                    kou.division,
                    f"{label} {head.note}",
                    amounts[top],
                    tuple(amounts[k] for k in kids),
                    tuple(lines[at[k]].note for k in kids),
                    head.page,
                    head.table,
                )
            )
    first = lines[at[reading[0][0]]]
    if closed and len(reading) >= 2 and codes[reading[0][0]] == 1 and item.current is not None:
        found.append(
            BudgetRelation(
                MOKU_JIGYOU,
                kou.division,
                label,
                item.current,
                tuple(amounts[t] for t, _ in reading),
                tuple(lines[at[t]].note for t, _ in reading),
                first.page,
                first.table,
            )
        )
    return out, found


def _note_relations(kou: _Kou, item: BudgetItem, lines: list[BudgetLine]) -> list[BudgetRelation]:
    """節 = Σ説明 where the book prints a 節's 説明 as its breakdown (the 歳入 pages): the 説明
    amounts from the 節's line down to the next 節 read as a list whose top items add up to the 節,
    an item followed by its own breakdown (``現年課税分 14,181,000`` over ``均等割 397,000``,
    ``所得割 13,784,000``) counting once.

    Found, never forced, and only in a 目 where every 節 with two 説明 amounts or more reads that way:
    the 歳出 pages print 説明 by 事業, running across 節, and a chance sum there claims nothing."""
    found: list[BudgetRelation] = []
    starts = [i for i, x in enumerate(lines) if x.setsu_number] + [len(lines)]
    for a, b in itertools.pairwise(starts):
        head = lines[a]
        parts = [(x.note, x.note_amount) for x in lines[a:b] if x.note_amount is not None]
        if head.setsu_amount is None or len(parts) < 2:
            continue
        top = _top_items([v for _, v in parts], head.setsu_amount)
        if top is None:
            return []  # this 目's 説明 is no breakdown of its 節
        if len(top) < 2:
            continue  # the 説明 repeats the 節 only: 節 = 節 is no check
        found.append(
            BudgetRelation(
                SETSU_NOTES,
                kou.division,
                f"{kou.kan.number}款{kou.kou.number}項{item.number}目 {head.setsu_number} {head.setsu_name}",
                head.setsu_amount,
                tuple(parts[i][1] or Decimal(0) for i in top),
                tuple(parts[i][0] for i in top),
                head.page,
                head.table,
            )
        )
    return found


def _top_items(values: list[Decimal], target: Decimal) -> list[int] | None:
    """The top items of ``values`` read as a nested list adding up to ``target``: each item stands
    alone or is followed by two or more items adding up to it (themselves nested likewise). Returns
    the top items' indexes (an item equal to the target and followed by its breakdown is taken
    apart: its children are the top), or None when no such reading exists."""
    n = len(values)
    seen: dict[tuple[int, int, Decimal], list[int] | None] = {}

    def parse(i: int, j: int, total: Decimal) -> list[int] | None:
        """Indexes of the top items of values[i:j] adding up to total, or None."""
        if i == j:
            return [] if total == 0 else None
        key = (i, j, total)
        if key in seen:
            return seen[key]
        seen[key] = None
        v = values[i]
        for k in range(i + 1, j + 1):  # values[i+1:k] are the children of values[i]
            if k == i + 2:
                continue  # one child would repeat its parent
            if k > i + 1 and parse(i + 1, k, v) is None:
                continue
            rest = parse(k, j, total - v)
            if rest is not None:
                seen[key] = [i, *rest]
                break
        return seen[key]

    if n > 40:
        return None
    top = parse(0, n, target)
    if top is not None and len(top) == 1 and n > 2:  # the 節 repeated, then its breakdown
        inner = parse(1, n, target)
        return inner if inner is not None else top
    return top


def _row_relations(kou: _Kou, item: BudgetItem, src: Sources, page: int, table: str) -> list[BudgetRelation]:
    """A 目 row's own arithmetic: 本年度 = 前年度 + 比較, and 本年度 = Σ財源 where 財源 are printed."""
    label = f"{kou.kan.number}款{kou.kou.number}項 {item.number} {item.name}"
    out = []
    if item.current is not None and item.previous is not None and item.change is not None:
        out.append(
            BudgetRelation(
                CHANGE,
                kou.division,
                label,
                item.current,
                (item.previous, item.change),
                ("前年度", "比較"),
                page,
                table,
            )
        )
    parts = [
        (n, v)
        for n, v in zip(
            ("国県支出金", "地方債", "その他", "一般財源"),
            (src.national_prefectural, src.bonds, src.other, src.general),
            strict=True,
        )
        if v is not None
    ]
    if item.current is not None and parts:
        out.append(
            BudgetRelation(
                SOURCES,
                kou.division,
                label,
                item.current,
                tuple(v for _, v in parts),
                tuple(n for n, _ in parts),
                page,
                table,
            )
        )
    return out


def _unit(doc: Document) -> str:
    for table in doc.tables:
        cols = moku_columns(table)
        if cols is not None:
            unit = table.columns[cols.current].unit or table.unit
            if unit is not None:
                return unit.name
    return ""


def _kan_relations(
    kous: list[_Kou], broken: set[tuple[str, str]], printed: dict[tuple[str, str], set[str]]
) -> list[BudgetRelation]:
    groups: dict[tuple[str, str], list[_Kou]] = {}
    for kou in kous:
        groups.setdefault((kou.division, kou.kan.number), []).append(kou)
    out = []
    order = list(groups)
    for at, ((division, number), members) in enumerate(groups.items()):
        targets = {k.kan_amount for k in members if k.kan_amount is not None}
        amounts = [k.total for k in members]
        numbers = [k.kou.number for k in members]
        if len(targets) != 1 or any(a is None for a in amounts) or not all(k.whole for k in members):
            continue  # the 款's amount unprinted or read two ways, or a 項 not closed by its 計
        if numbers != [str(i) for i in range(1, len(members) + 1)] or at == len(order) - 1:
            continue  # a 項 missing, or nothing after the 款 to show that its last 項 is complete
        if (division, number) in broken or not printed.get((division, number), set()) <= set(numbers):
            continue  # a 項 heading printed on the pages whose 目 table was not read
        head = members[0]
        out.append(
            BudgetRelation(
                KAN_KOU,
                division,
                f"{number}款 {head.kan.name}",
                targets.pop(),
                tuple(a for a in amounts if a is not None),
                tuple(f"{k.kou.number}項 {k.kou.name}" for k in members),
                head.moku[0][2] if head.moku else 0,
                head.moku[0][3] if head.moku else "",
            )
        )
    return out


def _total_relations(doc: Document, kous: list[_Kou]) -> list[BudgetRelation]:
    """歳入合計 / 歳出合計 printed in the statement's 総括 (a table titled by 款 and 本年度) = Σ款."""
    kan: dict[str, dict[str, Decimal]] = {}
    for kou in kous:
        if kou.kan_amount is not None:
            kan.setdefault(kou.division, {}).setdefault(kou.kan.number, kou.kan_amount)
    out = []
    for table, current in _summaries(doc):
        listed: list[str] = []  # the 款 the 総括 lists above its 合計
        for r in range(table.header_rows, table.n_rows):
            label = _squeeze(_text(table, r, 0))
            m = _NUMBERED.match(_text(table, r, 0))
            division = next((d for d in _DIVISIONS if label == d + "合計"), None)
            value = _value(table, r, current)
            if m and value is not None:
                listed.append(m.group(1))
            members = kan.get(division or "", {})
            if division is None or value is None or len(members) < 2:
                continue
            if sorted(members, key=int) != sorted(listed, key=int):
                continue  # the detail lacks a 款 the 総括 lists (or the other way): not the whole statement
            out.append(
                BudgetRelation(
                    TOTAL_KAN,
                    division,
                    label,
                    value,
                    tuple(members.values()),
                    tuple(f"{n}款" for n in members),
                    table.pages[0],
                    table.id,
                )
            )
    return out
