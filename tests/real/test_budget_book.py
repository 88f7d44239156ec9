"""The Fuji book's 事項別明細書 as one long table (budget.csv / budget.parquet) and its own sums.

Truth read by hand from the rendered pages: fixtures/real/fuji_r6_budget/budget.json. Skipped, with
the reason, when ../shared/real/ is absent.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from chohyo.model import Cell, CellKind, Document, Severity
from chohyo.normalize.budget import note_lines, split_note
from chohyo.pipeline import convert

REPO = Path(__file__).resolve().parents[2]
BOOK = REPO / ".." / "shared" / "real" / "fuji_r6_budget.pdf"
TRUTH = json.loads((REPO / "fixtures" / "real" / "fuji_r6_budget" / "budget.json").read_text("utf-8"))
NOTES = json.loads((REPO / "fixtures" / "real" / "fuji_r6_budget" / "notes_sample.json").read_text("utf-8"))
# 歳入's title page, a 目 page and its facing 節 page; 歳出's title page and two spreads of 1款
PAGES = [27, 28, 29, 175, 176, 177, 178, 179]

needs_book = pytest.mark.skipif(
    not BOOK.exists(),
    reason=f"the real book is not here: {BOOK} (../shared/real/ sits beside the checkout on CI)",
)


def _cut(pages: list[int], folder: Path) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(BOOK))
    dst = pdfium.PdfDocument.new()
    dst.import_pages(src, [p - 1 for p in pages])
    out = folder / "fuji_budget_pages.pdf"
    dst.save(str(out))
    dst.close()
    src.close()
    return out


@pytest.fixture(scope="module")
def pages_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    folder = tmp_path_factory.mktemp("fuji_budget")
    result = convert(_cut(PAGES, folder), folder / "out")
    assert result.document is not None, result.error
    return result.document, folder / "out" / "fuji_budget_pages"


def _num(text: str) -> int | None:
    return int(text) if text else None


@needs_book
def test_every_moku_has_its_values_and_its_setsu(pages_out: tuple[Document, Path]) -> None:
    _, folder = pages_out
    with (folder / "budget.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for moku in TRUTH["moku"]:
        mine = [
            r
            for r in rows
            if (r["区分"], r["款番号"], r["項番号"], r["目番号"])
            == (moku["division"], moku["kan"][0], moku["kou"][0], moku["moku"][0])
        ]
        assert mine, moku["moku"]
        for r in mine:  # every line carries its 目, 項 and 款
            assert (r["款"], r["項"], r["目"]) == (moku["kan"][1], moku["kou"][1], moku["moku"][1])
            assert [_num(r["本年度"]), _num(r["前年度"]), _num(r["比較"])] == [
                moku["current"],
                moku["previous"],
                moku["change"],
            ]
            for name, value in moku.get("sources", {}).items():
                assert _num(r[name]) == value, (name, r)
        setsu = [[r["節番号"], r["節"], _num(r["節金額"])] for r in mine if r["節番号"]]
        assert setsu == moku["setsu"]
        notes = [[r["説明"], _num(r["説明金額"])] for r in mine if r["説明金額"]]
        for note in moku["notes"]:
            assert note in notes, note
        assert {r["単位"] for r in mine} == {"千円"}
    for kou in TRUTH["kou"]:
        got = {
            (_num(r["項金額"]), _num(r["款金額"]))
            for r in rows
            if (r["区分"], r["款番号"], r["項番号"]) == (kou["division"], kou["kan"][0], kou["kou"][0])
        }
        assert got == {(kou["total"], kou["kan_amount"])}


@needs_book
def test_the_parquet_holds_the_same_rows(pages_out: tuple[Document, Path]) -> None:
    doc, folder = pages_out
    table = pq.read_table(folder / "budget.parquet").to_pylist()
    assert doc.budget is not None and len(table) == len(doc.budget.lines)
    first = table[0]
    assert (first["区分"], first["目番号"], first["目"], first["本年度"]) == ("歳入", "1", "個人", 14297700)


@needs_book
def test_the_pages_relations_hold_and_a_cut_off_statement_claims_nothing(
    pages_out: tuple[Document, Path],
) -> None:
    doc, folder = pages_out
    assert doc.budget is not None
    counts = doc.budget.counts()
    # 目 = Σ節 for 個人, 法人, 議会費 (固定資産税's 節 run on to p.31, cut away: not claimed)
    assert counts["目 = Σ節"] == (3, 3)
    assert counts["項 = Σ目"] == (2, 2)  # 市民税 (計 on p.28) and 議会費 (計 on p.178)
    assert counts["合計 = Σ款"] == (0, 0)  # the 総括 is not in the cut
    # p.29: 個人 and 法人 現年課税分 = 均等割 + 所得割 / 法人税割 (固定資産税 runs on past the cut)
    assert counts["節 = Σ説明"] == (2, 2)
    rel = next(r for r in doc.budget.relations if r.kind == "節 = Σ説明")
    assert (rel.target, rel.terms, rel.term_labels) == (14181000, (397000, 13784000), ("均等割", "所得割"))
    assert not [f for f in doc.findings if f.severity is Severity.ERROR]
    report = json.loads((folder / "report.json").read_text("utf-8"))
    assert report["budget"]["relations"]["目 = Σ節"] == {"found": 3, "held": 3}


@needs_book
def test_whole_book(tmp_path: Path) -> None:
    result = convert(BOOK, tmp_path)
    doc = result.document
    assert doc is not None and doc.budget is not None
    truth = TRUTH["whole_book"]
    assert doc.budget.moku == truth["moku"]
    counts = doc.budget.counts()
    assert {k: f for k, (f, _) in counts.items()} == truth["relations"]
    assert all(f == h for f, h in counts.values())
    assert sum(f.severity is Severity.ERROR for f in doc.findings) == truth["errors"]
    assert doc.budget.unlinked == 0
    # 説明 lines with their amounts (3,144 before the 説明 work): a sample of 30 read off the pages
    with_amount = {
        (x.page, x.division, x.kan.number, x.kou.number, x.moku.number, x.note, x.note_amount)
        for x in doc.budget.lines
        if x.note_amount is not None
    }
    assert len([x for x in doc.budget.lines if x.note_amount is not None]) >= 3500
    for line in NOTES["lines"]:
        key = (
            line["page"],
            line["division"],
            line["kan"],
            line["kou"],
            line["moku"],
            line["note"],
            line["amount"],
        )
        assert key in with_amount, line
    # 19款2項1 財政調整基金繰入金: its one 節 in a ruled box of one row (p.143 foot) is a table
    fund = [
        x
        for x in doc.budget.lines
        if (x.division, x.kan.number, x.kou.number, x.moku.number) == ("歳入", "19", "2", "1")
    ]
    assert [(x.setsu_number, x.setsu_name, x.setsu_amount, x.note, x.note_amount) for x in fund] == [
        ("1", "財政調整基金繰入金", 300000, "財源調整分", 300000)
    ]
    # a figure in a name is no amount (p.459 田子の浦ポートフェスタ2024 read as 2,024 before; p.509
    # ふじBousai2024, the figure glued to a Latin letter)
    assert not [x for x in doc.budget.lines if "ポートフェスタ" in x.note and x.note_amount is not None]
    assert [x.note_amount for x in doc.budget.lines if x.note.startswith("ふじBousai")] == [None]
    # p.561: a 説明 line wrapped over three printed lines inside its parenthesis is one row
    assert [x.page for x in doc.budget.lines if x.note == _SHRINES] == [561]
    assert not [x for x in doc.budget.lines if x.note.startswith("大北のカワカンジー")]
    # p.301 (printed 288): a 事業 with its total over its 細事業, marked and checked
    pay = [
        x
        for x in doc.budget.lines
        if (x.page, x.kan.number, x.kou.number, x.moku.number) == (301, "3", "4", "3") and x.note_level
    ]
    assert [(x.note_level, x.note, x.note_amount) for x in pay[:3]] == [
        ("事業", "001 給与費", 9109),
        ("細事業", "001 障害支援区分認定等審査会委員 10人", 1620),
        ("細事業", "002 パートタイム会計年度任用職員", 7489),
    ]
    rel = next(
        r
        for r in doc.budget.relations
        if r.kind == "事業 = Σ細事業" and r.target_label.endswith("001 給与費") and r.page == 301
    )
    assert (rel.target, rel.terms, rel.holds) == (9109, (1620, 7489), True)


_SHRINES = "(木島のナゲダイマツ保存活動、大北のカワカンジー保存活動、鵜無ケ淵神明宮の御神楽保存活動)"


def test_a_note_line_keeps_formulas_and_counts_as_text() -> None:
    assert split_note("滞納繰越分116,700調定見込額350,700×33.3%") == [
        ("滞納繰越分", 116700),
        ("調定見込額350,700×33.3%", None),
    ]
    assert split_note("001 市議会議員 32人353,736") == [("001 市議会議員 32人", 353736)]
    assert split_note("住居確保給付事業3,528×3/42,646") == [("住居確保給付事業3,528×3/42,646", None)]
    assert split_note("保険基盤安定負担金(国民健康保険)202,317") == [
        ("保険基盤安定負担金(国民健康保険)", 202317)
    ]
    assert split_note("9,068×1/2") == [("9,068×1/2", None)]


def test_counts_names_and_parentheses_give_no_amount() -> None:
    # cells of the Fuji book's 説明 column, each read off the page: none prints an amount here
    for text in (
        "社会福祉センター(指定管理)4か所",
        "市たばこ税(販売本数303,266千本)",
        "土地382,494筆",
        "住居確保給付金支給7世帯/月",
        "鷹岡柚木線 外2路線10%負担",
        "プラットフォーム設立5周年",
    ):
        assert [a for _, a in split_note(text)] == [None], text
    # the next line a formula: the amount before it is the line's own
    assert split_note("小学校修了前第3子229,320×4/6+245,280×7/9343,653")[0][1] is None
    assert split_note("サンフロント21懇話会負担金10") == [("サンフロント21懇話会負担金", 10)]


def test_a_subsidy_rate_in_parentheses_is_part_of_the_name_not_a_formula() -> None:
    # 説明 lines of the Nankoku R4 book (p.33, p.60): a rate (1/2) in the name, the amount after it
    assert split_note("特別障害者手当等給付費負担金(3/4) 12,770") == [
        ("特別障害者手当等給付費負担金(3/4)", 12770)
    ]
    assert split_note("空家対策総合支援事業補助金(1/2・1/3) 10,937") == [
        ("空家対策総合支援事業補助金(1/2・1/3)", 10937)
    ]
    # a rate outside parentheses is a formula: the figure after it is the line's amount only when
    # the formula gives it (1,854×3/4 = 1,390.5), else all of it stays text
    assert split_note("福祉事業費1,854×3/4 1,390") == [("福祉事業費1,854×3/4", 1390)]
    assert split_note("福祉事業費1,854×3/4 1,400") == [("福祉事業費1,854×3/4 1,400", None)]
    assert split_note("福祉事業費1,854×3/4 1,390", confirm=False)[0][1] is None


def _note_cell(raw: str, lines: tuple[tuple[str, ...], ...]) -> Cell:
    return Cell(0, 2, raw, raw, CellKind.TEXT, lines=lines)


def test_a_note_cell_is_read_line_by_line_from_its_layout() -> None:
    # p.185: two printed lines in one cell, the amount standing apart at the first line's end
    cell = _note_cell(
        "001 例規管理費5,361例規集(電子データ)更新",
        (("001 例規管理費", "5,361"), ("例規集(電子データ)更新",)),
    )
    assert note_lines(cell) == [("001 例規管理費", 5361), ("例規集(電子データ)更新", None)]
    # p.59: a line of pairs
    cell = _note_cell("小学校5,237中学校2,741", (("小学校", "5,237", "中学校", "2,741"),))
    assert note_lines(cell) == [("小学校", 5237), ("中学校", 2741)]
    # p.459: a figure glued to a name is no amount; p.129: a formula in 円 giving the amount in 千円
    cell = _note_cell(
        "002 田子の浦港にぎわい推進事業費33,375田子の浦ポートフェスタ2024",
        (("002 田子の浦港にぎわい推進事業費", "33,375"), ("田子の浦ポートフェスタ2024",)),
    )
    assert note_lines(cell) == [
        ("002 田子の浦港にぎわい推進事業費", 33375),
        ("田子の浦ポートフェスタ2024", None),
    ]
    cell = _note_cell("現年課税分135,200人×3,000円405,600", (("現年課税分", "135,200人×3,000円", "405,600"),))
    assert note_lines(cell) == [("現年課税分135,200人×3,000円", 405600)]
    cell = _note_cell("現年課税分135,200人×3,000円405,700", (("現年課税分", "135,200人×3,000円", "405,700"),))
    assert note_lines(cell)[0][1] is None  # the formula gives another figure: text
    # p.459: a rate as its own word is part of the name
    cell = _note_cell("直轄事業5／100負担14,349", (("直轄事業", "5／100負担", "14,349"),))
    assert note_lines(cell) == [("直轄事業5/100負担", 14349)]
    # lines that do not spell the cell's text (rows joined after extraction): the text alone
    cell = _note_cell("均等割397,000所得割", (("均等割", "397,000"),))
    assert note_lines(cell) == split_note("均等割397,000所得割")


@needs_book
def test_a_cut_from_the_middle_knows_its_statement_from_its_own_pages(tmp_path: Path) -> None:
    # pp.62-63 (歳入 14款 使用料及び手数料) and pp.300-301 (歳出 3款 民生費): no title page, no running
    # head naming 歳入 or 歳出 (区分 was empty here before); the 款 names and the 財源 columns say it
    from chohyo.settings import ExtractSettings, Settings

    settings = Settings(extract=ExtractSettings(pages=(62, 63, 300, 301)))
    result = convert(BOOK, tmp_path, settings)
    doc = result.document
    assert doc is not None and doc.budget is not None
    got = {(x.kan.number, x.kan.name, x.division) for x in doc.budget.lines}
    assert got == {("14", "使用料及び手数料", "歳入"), ("3", "民生費", "歳出")}
    assert not [f for f in doc.findings if f.code == "budget-division-unknown"]


def test_a_page_after_a_gap_in_the_run_is_not_given_the_statement_before_it() -> None:
    from chohyo.model import Page, TextBlock, TextRole
    from chohyo.normalize.budget import _divisions

    heading = TextBlock(page=27, text="歳入", role=TextRole.HEADING)
    pages = (
        Page(number=27, width=100, height=100, text_blocks=(heading,)),
        Page(number=28, width=100, height=100),
        Page(number=300, width=100, height=100),
    )
    assert _divisions(Document(source="x.pdf", sha256="", pages=pages)) == {27: "歳入", 28: "歳入", 300: ""}


def test_lines_of_an_unknown_statement_are_named_in_an_info_finding() -> None:
    from chohyo.budget import Budget, BudgetItem, BudgetLine
    from chohyo.normalize.budget import division_findings

    item = BudgetItem("1", "x")
    lines = (BudgetLine("", item, item, item, page=300), BudgetLine("歳入", item, item, item, page=28))
    found = division_findings(Budget(lines))
    assert [(f.code, f.severity, f.page) for f in found] == [("budget-division-unknown", Severity.INFO, 300)]
    assert division_findings(Budget(lines[1:])) == []
