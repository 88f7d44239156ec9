"""Real scans (../shared/real/) scored against truth made by hand (fixtures/real/<stem>/p<N>.json).

Each truth page lists every amount printed on it with its row label and column, and the
identities that hold among them. A page is converted on its own (a one-page copy in a temporary
folder; the copy is never kept) through the whole pipeline (extract → normalize → validate), and
every truth value is looked up in what chohyo wrote:

- the row: the extracted row (any table on the page) whose label is nearest the truth's (labels
  compared without spaces and brackets; at least half alike);
- the column: per table, the column that holds the most truth values of that truth column on
  their rows (a vote; each table column goes to one truth column, ties in the truth's order), else
  the table's numeric columns in order.

A value is *right* when that cell holds it, *missing* when the row or cell is empty or not found,
*wrong* otherwise; a wrong value is *flagged* when a finding names its cell (its cells or its
suspects) and *silent* when nothing does — the worst outcome. A right value named by an error or
a warning (other than the ``ocr-unconfirmed`` marking and ``corrected-cell``, which says a misread
was put right) is a *false alarm*. A row is exact when its label reads
as printed and every value on it is right.

``python -m bench.real_scans [STEM]`` prints the table for every truth page of ``STEM`` (default: the
道の駅 copier scan; ``fetched``: the held-out public scans of ``FETCHED_STEMS``, skipped when
bench/realdocs.py ``FETCHED`` lacks them). Seconds are the wall time of the one-page conversion,
model loading excluded by a warm-up page.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "fixtures" / "real"
REAL = ROOT.parent / "shared" / "real"  # ../shared/real beside the checkout (never copied in)

_BRACKETS = re.compile(r"[\s\u3000【】\[\]［］()（）〔〕*＊]")
_WIDTH = str.maketrans("０１２３４５６７８９，．（）－＋", "0123456789,.()-+")
_MINUS = "△▲-−－‐‑‒–—―﹣"


def truth_pages(stem: str) -> list[dict[str, Any]]:
    return [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((TRUTH / stem).glob("p*.json"), key=lambda p: int(p.stem[1:]))
    ]


def source_of(truth: dict[str, Any]) -> Path:
    """The scanned PDF a truth page was made from: ../shared/real/<file>, or a fetched public scan
    (``"fetched"``: a path under bench/realdocs.py ``FETCHED``, never copied into the project)."""
    if "fetched" in truth:
        from bench.realdocs import FETCHED

        return FETCHED / truth["fetched"]
    return REAL / truth["file"]


# the held-out public scans (issue 15, branch h5-realscan): truth pages whose source is fetched
FETCHED_STEMS = (
    "soumu_r7_gaisan_fukkou",
    "polimoney_05teiki_jimin_365",
    "jgga_mekki_seisan",
    "shinagawa_nchi",
)


def label_key(text: str | None) -> str:
    return _BRACKETS.sub("", text or "")


Amount = int | Decimal  # a whole number, or a figure with decimals (an N値 3.4, a depth 10.00)


def cell_value(cell: Any) -> Amount | None:
    """A cell's amount: its normalized value, else its text read as a number (None: no number)."""
    if cell is None:
        return None
    if cell.value is not None:
        d = Decimal(cell.value)
        return int(d) if d == d.to_integral_value() else d
    t = re.sub(r"\s", "", cell.text or "").translate(_WIDTH)
    neg = bool(t) and t[0] in _MINUS and len(t) > 1
    body = (t[1:] if neg else t).replace(",", "")
    if body.startswith("(") and body.endswith(")"):
        neg, body = True, body[1:-1]
    if body.isdigit():
        return -int(body) if neg else int(body)
    if re.fullmatch(r"\d+\.\d+", body):
        return -Decimal(body) if neg else Decimal(body)
    return None


def truth_value(value: Any) -> Amount | None:
    """A truth value as the scorer compares it: a JSON number with decimals (3.4) is the printed
    figure exactly (Decimal('3.4')), never the nearest binary float."""
    if value is None or isinstance(value, int):
        return value
    return Decimal(str(value))


@dataclass
class Row:
    table: str
    row: int
    label: str
    cells: dict[int, Amount | None]  # column -> amount (None: empty or not a number)


@dataclass
class PageScore:
    page: int
    title: str
    values: int = 0
    right: int = 0
    wrong: int = 0
    flagged: int = 0
    silent: int = 0
    missing: int = 0
    false_alarms: int = 0  # right values named by an error or warning (ocr-unconfirmed aside)
    rows: int = 0
    rows_exact: int = 0
    seconds: float = 0.0
    cpu: float = 0.0  # CPU seconds of this process and its children (Tesseract runs in its own)
    arithmetic: int = 0  # OCR'd numbers written: confirmed by arithmetic only (not named unconfirmed)
    agreed: int = 0  # confirmed by two engines agreeing (some also by arithmetic)
    unconfirmed: int = 0  # named by an ocr-unconfirmed warning
    silent_cells: list[str] = field(default_factory=list)
    wrong_cells: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"| {self.page} {self.title} | {self.values} | {self.right} | {self.wrong} | {self.flagged} | "
            f"{self.silent} | {self.missing} | {self.false_alarms} | {self.rows_exact}/{self.rows} | {self.seconds:.1f} | "
            f"{self.cpu:.1f} | {self.arithmetic} / {self.agreed} / {self.unconfirmed} |"
        )

    def add(self, other: PageScore) -> None:
        """Count ``other`` into this total (a document's or a tool's pages)."""
        for k in (
            *("values", "right", "wrong", "flagged", "silent", "missing", "false_alarms"),
            *("rows", "rows_exact", "arithmetic", "agreed", "unconfirmed", "seconds", "cpu"),
        ):
            setattr(self, k, getattr(self, k) + getattr(other, k))


HEADER = (
    "| page | values | right | wrong | flagged | silent | missing | false alarms | rows exact | s "
    "| CPU s | numbers confirmed: arithmetic / agreement / unconfirmed |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def _rows(doc: Any, page: int | None, dates: bool = True) -> list[Row]:
    """``dates``: the truth has date-part columns (年月日/年 …); else a cell holding several figures
    (three amounts glued in one cell: ``1436 3084 4060``) is no date and scores as no amount."""
    out = []
    for t in doc.tables:
        if page is not None and page not in t.pages:
            continue
        labels = {r.index: r.label for r in t.rows}
        for r in sorted({c.row for c in t.body_cells()}):
            first = t.cell(r, 0)
            label = labels.get(r) or (first.text if first else "")
            # a label cell further right (the second half of a two-halves balance sheet) starts a
            # row of its own: the amounts right of it up to the next label are its values
            starts = [0] + [k for k in range(1, len(t.columns)) if _is_label(t.cell(r, k))]
            for a, b in zip(starts, [*starts[1:], len(t.columns)], strict=True):
                text = label if a == 0 else t.cell(r, a).text
                cells = {k: cell_value(t.cell(r, k)) for k in range(a + 1, b)}
                for k in range(a + 1, b) if dates else ():  # a date's parts in one cell (5 10 2)
                    parts = _date_parts(t.cell(r, k))
                    for i, v in enumerate(parts):
                        cells[k * DATE_PART + i + 1] = v
                out.append(Row(t.id, r, label_key(text), cells))
    return out


DATE_PART = 1000  # a date cell's parts are scored as columns k * DATE_PART + 1, + 2, + 3


def _date_parts(cell: Any) -> list[int]:
    """The figures of a cell that reads as a date's parts (``5 10 2`` under 年月日), else none."""
    if cell is None or cell.value is not None or not cell.text:
        return []
    parts = cell.text.translate(_WIDTH).split()
    return [int(p) for p in parts] if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts) else []


def _cell_key(table: str, row: int, col: int) -> tuple[str, int, int]:
    """The model cell a scored column is in (a date part is in its date cell)."""
    return (table, row, col // DATE_PART if col >= DATE_PART else col)


def _is_label(cell: Any) -> bool:
    """A text cell that is not a number: two letters, kana or kanji or more, no amount."""
    if cell is None or cell.value is not None or not cell.text:
        return False
    text = label_key(cell.text)
    return (
        cell_value(cell) is None and len(text) >= 2 and sum(ch.isalpha() for ch in text) >= 2
    )  # not a dash read as 一


def _match(label: str, rows: list[Row], others: frozenset[str] = frozenset()) -> Row | None:
    """The row whose label is nearest ``label``; a row that reads exactly as another truth label
    (``others``) is that row, never a near match (期首棚卸高 is not a misread 期末棚卸高)."""
    key = label_key(label)
    best, score = None, 0.5
    for row in rows:
        if row.label != key and row.label in others:
            continue
        s = 1.0 if row.label == key else difflib.SequenceMatcher(None, row.label, key).ratio()
        if s > score or (s == score == 1.0 and best is None):
            best, score = row, s
    return best


def _printed_rows(truth_rows: list[dict[str, Any]]) -> list[int]:
    """The printed row of each truth row (truth rows list a printed row's values one after another):
    a new one starts where the label changes or a column comes again."""
    out: list[int] = []
    seen: set[str] = set()
    for i, r in enumerate(truth_rows):
        if i == 0 or r["label"] != truth_rows[i - 1]["label"] or r["column"] in seen:
            out.append(out[-1] + 1 if out else 0)
            seen = set()
        else:
            out.append(out[-1])
        seen.add(r["column"])
    return out


def _first_parts(rows: list[Row], table: str) -> list[Row]:
    """A table's rows in page order, each by its first part (the part a row's label starts)."""
    out: list[Row] = []
    for r in rows:
        if r.table == table and (not out or out[-1].row != r.row):
            out.append(r)
    return out


def _match_all(truth_rows: list[dict[str, Any]], rows: list[Row], others: frozenset[str]) -> list[Row | None]:
    """The extracted row of each truth row. A label printed once is matched by ``_match``. A label
    printed on several rows in a run (a donor giving every month: 三田 優徳 twelve times) is matched
    by position: the run's rows are the rows just above the next row matched by its label (in its
    table), else just below the previous one; the n-th of the run to the n-th of them. Read labels
    are not compared there: a misread name (三日優德) must not shift every later month."""
    printed = _printed_rows(truth_rows)
    n_printed = printed[-1] + 1 if printed else 0
    label_of = {p: truth_rows[i]["label"] for i, p in enumerate(printed)}
    count = Counter(label_of.values())
    anchor: dict[int, Row | None] = {
        p: _match(label, rows, others) for p, label in label_of.items() if count[label] == 1
    }
    where: dict[int, Row | None] = dict(anchor)
    p = 0
    while p < n_printed:
        if count[label_of[p]] == 1:
            p += 1
            continue
        end = p
        while end + 1 < n_printed and label_of[end + 1] == label_of[p]:
            end += 1
        run = list(range(p, end + 1))
        after = next((anchor[q] for q in range(end + 1, n_printed) if anchor.get(q) is not None), None)
        before = next((anchor[q] for q in range(p - 1, -1, -1) if anchor.get(q) is not None), None)
        picked: list[Row] = []
        if after is not None:
            table = _first_parts(rows, after.table)
            k = next(i for i, r in enumerate(table) if r.row == after.row)
            picked = table[max(0, k - len(run)) : k]
            picked = [None] * (len(run) - len(picked)) + picked  # type: ignore[list-item]
        elif before is not None:
            table = _first_parts(rows, before.table)
            k = next(i for i, r in enumerate(table) if r.row == before.row)
            picked = table[k + 1 : k + 1 + len(run)]
        for n, q in enumerate(run):
            where[q] = picked[n] if n < len(picked) else None
        p = end + 1
    return [where.get(q) for q in printed]


def flagged_cells(doc: Any) -> set[tuple[str | None, int, int]]:
    out = {(c.table, c.row, c.col) for f in doc.findings for c in f.cells}
    out |= {(f.table, s.row, s.col) for f in doc.findings for s in f.suspects}
    return out


def alarmed_cells(doc: Any) -> set[tuple[str | None, int, int]]:
    """Cells an error or warning names (its cells or suspects), the ``ocr-unconfirmed`` marking
    and ``corrected-cell`` aside (the latter says a misread was put right by arithmetic: the value
    as read was wrong, the one written is right): on a right value, each is a false alarm."""
    from chohyo.model import Severity

    loud = [
        f
        for f in doc.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
        and f.code not in ("ocr-unconfirmed", "corrected-cell")
    ]
    out = {(c.table, c.row, c.col) for f in loud for c in f.cells}
    return out | {(f.table, s.row, s.col) for f in loud for s in f.suspects}


def score_page(truth: dict[str, Any], doc: Any, page: int | None = None) -> PageScore:
    """``doc`` (a Document) against one truth page; ``page`` picks the page's tables (None: all)."""
    rows = _rows(doc, page, dates=any("年月日" in c for c in truth["columns"]))
    flagged = flagged_cells(doc)
    alarmed = alarmed_cells(doc)
    want = [r for r in truth["rows"] if r["value"] is not None]
    keys = frozenset(label_key(r["label"]) for r in truth["rows"])
    matched = _match_all(truth["rows"], rows, keys)
    printed = _printed_rows(truth["rows"])
    # column vote: per (table, truth column), the column holding most truth values on their rows
    votes: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    for i, r in enumerate(truth["rows"]):
        if r["value"] is None:
            continue
        row = matched[i]
        if row is not None:
            for k, v in row.cells.items():
                if v == truth_value(r["value"]):
                    votes[(row.table, r["column"])][k] += 1
    order = list(truth["columns"])
    _one_to_one(votes, order)
    score = PageScore(truth["page"], truth["title"], values=len(want))
    by_label: dict[tuple[str, int], list[bool]] = defaultdict(list)
    for i, r in enumerate(truth["rows"]):
        row = matched[i]
        got: Amount | None = None
        col = None
        if row is not None:
            vote = votes.get((row.table, r["column"]))
            if vote:
                col = vote.most_common(1)[0][0]
            else:
                numeric = sorted(k for k, v in row.cells.items() if v is not None)
                taken = {c.most_common(1)[0][0] for (t, _), c in votes.items() if t == row.table and c}
                free = [k for k in numeric if k not in taken]
                col = (
                    free[0]
                    if len(free) == 1
                    else (numeric[order.index(r["column"])] if len(numeric) == len(order) else None)
                )
            got = row.cells.get(col) if col is not None else None
        ok = got == truth_value(r["value"])
        exact_label = row is not None and row.label == label_key(r["label"])
        by_label[(r["label"], printed[i])].append(ok and exact_label)
        if r["value"] is None:
            continue
        where = f"{r['label']}/{r['column']}: got {got} want {r['value']}"
        if ok:
            score.right += 1
            if row is not None and col is not None and _cell_key(row.table, row.row, col) in alarmed:
                score.false_alarms += 1
                score.wrong_cells.append(where + " (FALSE ALARM)")
        elif got is None:
            score.missing += 1
            score.wrong_cells.append(where)
        else:
            score.wrong += 1
            assert row is not None
            if col is not None and _cell_key(row.table, row.row, col) in flagged:
                score.flagged += 1
                score.wrong_cells.append(where + " (flagged)")
            else:
                score.silent += 1
                score.silent_cells.append(where)
                score.wrong_cells.append(where + " (SILENT)")
    confirmations(doc, score)
    score.rows = len(by_label)
    score.rows_exact = sum(all(v) for v in by_label.values())
    return score


def _one_to_one(votes: dict[tuple[str, str], Counter[int]], order: list[str]) -> None:
    """Each table column to one truth column (most votes first): two columns that print the same
    amounts (株主資本合計 | 純資産合計) tie on votes and go in the truth's order, so a misread in the
    second is scored there, not hidden behind the first."""
    pairs = sorted(
        ((n, t, col, k) for (t, col), c in votes.items() for k, n in c.items()),
        key=lambda p: (-p[0], abs(p[3] - 1 - order.index(p[2]))),
    )
    taken: set[tuple[str, int]] = set()
    done: set[tuple[str, str]] = set()
    for n, t, col, k in pairs:
        if (t, col) in done or (t, k) in taken:
            continue
        votes[(t, col)] = Counter({k: n})
        done.add((t, col))
        taken.add((t, k))
    for key in [key for key in votes if key not in done]:
        votes[key] = Counter()


def confirmations(doc: Any, score: PageScore) -> None:
    """How the OCR'd numbers chohyo wrote are confirmed: named by ``ocr-unconfirmed``, else by two
    engines' agreement (the cell's provenance), else by arithmetic (a holding relation)."""
    from chohyo.model import OCR_AGREED, CellKind

    named = {(c.table, c.row, c.col) for f in doc.findings if f.code == "ocr-unconfirmed" for c in f.cells}
    for t in doc.tables:
        for c in t.body_cells():
            if c.kind is not CellKind.NUMBER or c.value is None or not c.is_ocr:
                continue
            if (t.id, c.row, c.col) in named:
                score.unconfirmed += 1
            elif OCR_AGREED in c.provenance.transforms:
                score.agreed += 1
            else:
                score.arithmetic += 1


def one_page_pdf(src: Path, page: int, folder: Path) -> Path:
    """Page ``page`` (1-based) of ``src`` alone in a PDF under ``folder`` (a temporary copy)."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    with pdfium.PdfDocument(str(src)) as pdf:
        out.import_pages(pdf, [page - 1])
    dest = folder / f"{src.stem}_p{page}.pdf"
    out.save(str(dest))
    out.close()
    return dest


def run_page(truth: dict[str, Any]) -> tuple[PageScore, Any]:
    from chohyo.pipeline import run

    with tempfile.TemporaryDirectory() as tmp:
        pdf = one_page_pdf(source_of(truth), truth["page"], Path(tmp))
        start, cpu = time.perf_counter(), _cpu()
        doc = run(pdf)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    score = score_page(truth, doc)
    score.seconds, score.cpu = seconds, cpu
    return score, doc


def _cpu() -> float:
    import os

    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(argv: list[str]) -> int:
    stem = argv[0] if argv else "nankoku_michinoeki_agm_scan"
    stems = FETCHED_STEMS if stem == "fetched" else (stem,)
    pages = [t for s in stems for t in truth_pages(s) if source_of(t).exists()]
    if not pages:
        print(f"{stem}: no truth or no source file (../shared/real/ or the fetched scans)", file=sys.stderr)
        return 1
    run_page(pages[-1])  # warm-up: model loading is not charged to a page
    print(HEADER)
    total = PageScore(0, "all")
    for truth in pages:
        s, _ = run_page(truth)
        if len(stems) > 1:
            s.title = f"{truth['file'].removesuffix('.pdf')} {s.title}"
        print(s.line())
        for w in s.wrong_cells:
            print(f"|   {w} |", file=sys.stderr)
        total.add(s)
    print(total.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
