"""Born-digital 南国市 council papers (提案理由, an ordinance, 市政報告) against truth read off the
pages by hand (fixtures/real/<stem>/p<N>.json): blocks with role and text, heading nesting, and
the amounts in the running text. The PDFs are fetched ones (bench/realdocs.py): absent, the tests
skip with the reason."""

from __future__ import annotations

import itertools
from decimal import Decimal
from functools import cache

import pytest
from chohyo.model import Document

from bench.realdocs import FETCHED, fetched, missing_reason
from bench.text_truth import norm, truth_pages

STEMS = ["425_2022_03__提案理由", "425_2022_03__議案第18号：手話言語条例", "444_2025_12__市政報告（444回）"]
CASES = [(stem, int(t["page"])) for stem in STEMS for t in truth_pages(stem)]  # type: ignore[call-overload]


@cache
def _document(stem: str) -> Document:
    path = fetched(f"nankoku/{stem}.pdf")
    if path is None:
        pytest.skip(missing_reason(FETCHED / "nankoku" / f"{stem}.pdf"))
    import chohyo

    return chohyo.read_pdf(path, extract={"ocr": "never"}).document


def _truth(stem: str, number: int) -> dict[str, object]:
    return next(t for t in truth_pages(stem) if t["page"] == number)


@pytest.mark.parametrize(("stem", "number"), CASES)
def test_blocks_exact(stem: str, number: int) -> None:
    page = next(p for p in _document(stem).pages if p.number == number)
    got = [(b.role.value, norm(b.text)) for b in sorted(page.text_blocks, key=lambda b: b.order)]
    want = [(b["role"], norm(b["text"])) for b in _truth(stem, number)["blocks"]]  # type: ignore[attr-defined]
    assert got == want


def test_ordinance_articles_nest_under_the_bill() -> None:
    """議案第18号 > the ordinance's title 南国市手話言語条例 (its name printed again over the preamble)
    > (目的) … 附則: every article caption a heading one level under the title."""
    doc = _document(STEMS[1])
    heads = [b for b in doc.text_blocks if b.role.value == "heading"]
    assert [h.text for h in heads[:2]] == ["議案第18号", "南国市手話言語条例"]
    assert heads[1].level == heads[0].level + 1
    captions = [h for h in heads if h.text.startswith("(") or h.text == "附則"]
    assert len(captions) == 10
    assert {h.level for h in captions} == {heads[1].level + 1}


def test_amounts_exact() -> None:
    """Every sum of money in 提案理由 p.1's text, in order, with its value in yen, its sentence and
    the page it is printed on (the last paragraph goes on to page 2, and so does its last amount)."""
    truth = _truth(STEMS[0], 1)
    doc = _document(STEMS[0])
    blocks = {b.order for b in doc.text_blocks if b.page == 1}
    got = [a for a in doc.amounts if a.block in blocks]
    want = truth["amounts"]
    assert [(a.page, a.text, a.value, a.unit) for a in got] == [
        (w.get("page", 1), w["text"], Decimal(w["value"]), w["unit"])  # type: ignore[attr-defined,index]
        for w in want  # type: ignore[attr-defined]
    ]
    assert all(a.sentence.startswith(w["sentence_start"]) for a, w in zip(got, want, strict=True))  # type: ignore[index,arg-type]


@pytest.mark.parametrize("stem", STEMS[1:])
def test_no_amounts_where_none_printed(stem: str) -> None:
    doc = _document(stem)
    pages = {int(t["page"]) for t in truth_pages(stem)}  # type: ignore[call-overload]
    assert [a.text for a in doc.amounts if a.page in pages] == []


HELD_OUT = "446_2026_03__施政方針（446回）"
SLIDE = "425_2022_03__benkyoukai__南国市ＤＸ推進方針_R040224"


@pytest.mark.parametrize("number", [6, 7])
def test_policy_speech_446_blocks_and_amounts_exact(number: int) -> None:
    """施政方針 R8 pp. 6-7: every block as the truth has it (南国 / ・香南・香美 one sentence, not a list
    item), and every amount on the page it is printed on (p. 6's last paragraph runs onto p. 7)."""
    doc = _document(HELD_OUT)
    page = next(p for p in doc.pages if p.number == number)
    truth = _truth(HELD_OUT, number)
    got = [(b.role.value, norm(b.text)) for b in sorted(page.text_blocks, key=lambda b: b.order)]
    assert got == [(b["role"], norm(b["text"])) for b in truth["blocks"]]  # type: ignore[attr-defined]
    assert [(a.text, a.value, a.unit) for a in doc.amounts if a.page == number] == [
        (w["text"], Decimal(w["value"]), w["unit"])  # type: ignore[index]
        for w in truth["amounts"]  # type: ignore[attr-defined]
    ]


def test_slide_text_box_dated_entries_and_picture() -> None:
    """DX推進方針 p. 1 (a slide): the framed box of ◆ items is text, not a one-column table; each dated
    entry is one list item; the chart picture's callouts are out of the running text and quoted in
    its figure-not-text finding."""
    doc = _document(SLIDE)
    page = next(p for p in doc.pages if p.number == 1)
    texts = [norm(b.text) for b in page.text_blocks]
    want = {norm(b["text"]): b["role"] for b in _truth(SLIDE, 1)["blocks"]}  # type: ignore[attr-defined]
    items = [t for t in want if want[t] == "list" and t.startswith("令和")]
    assert len(items) == 6
    assert all(t in texts for t in items[:5])
    assert page.tables == ()  # the box made no table
    assert "行政サービスにデジタル技術やデータを活用して、住民の利便性を向上させること" in texts
    assert not any("基幹系20業務" in t or "26手続" in t for t in texts)
    figures = [f for f in doc.findings if f.code == "figure-not-text" and f.page == 1]
    assert len(figures) == 1 and "基幹系20業務" in figures[0].message


CONTRACT = "426_2022_06__議案第９号：瓶岩道路整備工事契約"
GUIDE = "giingikaiunei__seimukatudouhi__政務活動費の手引き（H28.4.1）"


@pytest.mark.parametrize(("stem", "number"), [(CONTRACT, 1), (GUIDE, 9)])
def test_h3_held_out_blocks_and_nesting(stem: str, number: int) -> None:
    """Held-out on branch h3-text: a 記 list whose numbered items hold the fields set under them
    (契約の相手方 / its name, representative, address), and headings known only by their numbering
    (6 > (1), (2), in the body's type) over their paragraphs, with the prose above a table kept whole."""
    doc = _document(stem)
    page = next(p for p in doc.pages if p.number == number)
    blocks = sorted(page.text_blocks, key=lambda b: b.order)
    truth = _truth(stem, number)["blocks"]
    assert [(b.role.value, norm(b.text)) for b in blocks] == [(t["role"], norm(t["text"])) for t in truth]  # type: ignore[attr-defined,index]
    got = [b.level for b in blocks if b.role.value == "heading"]
    want = [t["level"] for t in truth if t["role"] == "heading"]  # type: ignore[attr-defined,index]
    assert [(a > b) - (a < b) for a, b in itertools.pairwise(got)] == [
        (a > b) - (a < b) for a, b in itertools.pairwise(want)
    ]


def test_contract_amount_names_and_date() -> None:
    """議案第9号: the contract sum in amounts.csv, the contractor's and the mover's names with the gap
    between family and given name, and the submission date with its ISO form (document.json dates)."""
    doc = _document(CONTRACT)
    truth = _truth(CONTRACT, 1)
    assert [(a.text, a.value) for a in doc.amounts if a.page == 1] == [
        (w["text"], Decimal(w["value"]))
        for w in truth["amounts"]  # type: ignore[attr-defined,index]
    ]
    texts = [norm(b.text) for b in doc.text_blocks if b.page == 1]
    for name in truth["names"]:  # type: ignore[attr-defined]
        assert any(name in t for t in texts), name
    assert [(d.text, d.iso) for d in doc.dates if d.page == 1] == [
        (d["text"], d["iso"]) for d in truth["dates"]
    ]  # type: ignore[attr-defined,index]


def test_slide_blocks_nesting_figure_place_and_running_head() -> None:
    """DX推進方針 (a two-column slide): page 1's blocks as the truth has them (the definition line set
    large but a sentence is a paragraph; the small ※ note after the third ◆ item is its own paragraph;
    定義 ※1 keeps its blank; the page number at the foot line's end is no text), the boxed section
    titles and 【参考】用語 one level under the slide's title; in text.md the chart (right column) comes after the
    left column's text; the stamp printed atop both pages is read once."""
    from chohyo.emit.markdown import document_markdown

    doc = _document(SLIDE)
    page = next(p for p in doc.pages if p.number == 1)
    blocks = [
        b for b in sorted(page.text_blocks, key=lambda b: b.order) if not b.text.startswith("令和4年2月24日")
    ]
    truth = _truth(SLIDE, 1)["blocks"]
    assert [(b.role.value, norm(b.text)) for b in blocks] == [(t["role"], norm(t["text"])) for t in truth]  # type: ignore[attr-defined,index]
    heads = [b.level for b in blocks if b.role.value == "heading"]
    # 【参考】用語 (set smaller, after the dated list, a blank line above, at the titles' left edge)
    # opens a section beside the boxed titles, not one under the last of them
    assert heads[0] < heads[1] == heads[2] == heads[3]
    md = document_markdown(doc, {})
    assert md.index("- RPA(Robotic") < md.index("> [figure, p. 1") < md.index("出典:総務省")
    assert md.count("南国市企画課作成") == 1


def test_slide_lead_paragraph_set_large_is_one_paragraph() -> None:
    """DX推進方針 p. 2: the aim set large over the width in two lines (the first runs to the margin
    mid-sentence, the second ends it) is one paragraph: not a heading over a line taken as the title
    of the chart below it."""
    doc = _document(SLIDE)
    page = next(p for p in doc.pages if p.number == 2)
    lead = [b for b in page.text_blocks if norm(b.text).startswith("国が目標とする")]
    assert [b.role.value for b in lead] == ["paragraph"]
    assert norm(lead[0].text).endswith("行政事務の見直しを図る。")
    assert "誰一人取り残さない" in norm(lead[0].text)
    assert not any("見直しを図る" in t.title for t in page.tables)


def test_slide_diagram_labels_centred_over_two_lines_are_one() -> None:
    """DX推進方針 p. 2: the pyramid's labels typed on the picture, each centred over two lines, are one
    paragraph each, though a callout beside the pyramid comes between their lines in reading order."""
    doc = _document(SLIDE)
    page = next(p for p in doc.pages if p.number == 2)
    texts = [norm(b.text) for b in page.text_blocks]
    assert "住民本位の行政と活力のある地域社会の実現" in texts
    assert "住民視点に沿った利便性が感じられる行政の実現" in texts
    assert "住民本位の行政と" not in texts


PLAN = "444_2025_12__議案第２１号：第５次南国市総合計画基本構想の策定について"
LIBRARY = "444_2025_12__議案第１２号：南国市立図書館設置条例　全部改正"


@pytest.mark.parametrize(("stem", "number"), [(PLAN, 2), (PLAN, 3), (LIBRARY, 2)])
def test_h5_held_out_blocks_and_nesting(stem: str, number: int) -> None:
    """Held-out on branch h5-text: a plan's title over 第1章 and its sections 1．… in body type, nesting
    as numbered; a label over its slogan (no title); まちづくり目標1… items; an ordinance's 号 (1)…(4)
    and 項 2, 3 in letter-spaced lines, each item one block with its wrapped lines (no table)."""
    doc = _document(stem)
    page = next(p for p in doc.pages if p.number == number)
    blocks = sorted(page.text_blocks, key=lambda b: b.order)
    truth = _truth(stem, number)["blocks"]
    assert [(b.role.value, norm(b.text)) for b in blocks] == [(t["role"], norm(t["text"])) for t in truth]  # type: ignore[attr-defined,index]
    assert not page.tables
    got = [b.level for b in blocks if b.role.value == "heading"]
    want = [t["level"] for t in truth if t["role"] == "heading"]  # type: ignore[attr-defined,index]
    assert [(a > b) - (a < b) for a, b in itertools.pairwise(got)] == [
        (a > b) - (a < b) for a, b in itertools.pairwise(want)
    ]


def test_slide_row_of_framed_boxes_reads_box_by_box() -> None:
    """DX p2's row of five framed boxes (a title box over a list box each, a gap between the boxes):
    each column read on its own, its title one heading (centred over two or three lines) and each ◆
    item whole, instead of printed lines running across the five boxes (情報技術を活 ◆マイナンバー …)."""
    page = next(p for p in _document(SLIDE).pages if p.number == 2)
    texts = [(b.role.value, b.text) for b in sorted(page.text_blocks, key=lambda b: b.order)]
    start = texts.index(("heading", "人材育成"))
    assert texts[start : start + 19] == [
        ("heading", "人材育成"),
        ("list", "情報技術を活用した業務改革"),
        ("list", "DXを先導できる職員の育成"),
        ("heading", "住民の利便性向上"),
        ("list", "マイナンバーカードの普及"),
        ("list", "行政手続のオンライン化"),
        ("list", "情報システムの最適化"),
        ("list", "デジタルデバイド解消"),
        ("heading", "新たな価値の創造"),
        ("list", "オープンデータの推進と官民データ活用の推進"),
        ("list", "市役所のDX推進"),
        ("list", "地域のDX推進"),
        ("heading", "すべての住民がデジタルを活用できる環境整備"),
        ("list", "デジタルデバイド解消のための環境整備"),
        ("list", "教育のDX"),
        ("list", "住民のデジタル力の向上"),
        ("heading", "地域のデジタル化"),
        ("list", "情報技術を活用した産業DX"),
        ("list", "情報技術を活用した地域の活性化"),
    ]
