"""text.md: headings, paragraphs, lists in reading order, tables in place."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from chohyo.emit import write_outputs
from chohyo.model import BBox, Document, TextBlock, TextRole
from chohyo.settings import EmitSettings
from emit_docs import budget_document


def _md(doc: Document, tmp_path: Path) -> str:
    write_outputs(doc, tmp_path, EmitSettings())
    return (tmp_path / "予算書" / "text.md").read_text(encoding="utf-8")


def test_blocks_and_table_in_reading_order(doc: Document, tmp_path: Path) -> None:
    md = _md(doc, tmp_path)
    assert md == (
        "# 平成27年度 正味財産増減予算書\n\n"
        "(単位:円)\n\n"
        "| 科目 | 公益事業/公益事業1(円) | 公益事業/小計(円) | 計(円) |\n"
        "|---|---:|---:|---:|\n"
        "| 経常収益 | 1234 | 1234 | 2468 |\n"
        "| (1)受取会費 | -1000 |  | -1000 |\n"
        "| 2. 事業収益 | 2234 | 0 |  |\n\n"
        "- 公益会計基準に則る。\n"
        "- (株)と協議する。\n"
    )


def test_heading_levels_wrapped_lines_lists_and_escaping(tmp_path: Path) -> None:
    blocks = (
        TextBlock(1, "1 付議事件", TextRole.HEADING, BBox(0, 10, 100, 20), order=0, level=1),
        TextBlock(1, "委員会趣旨", TextRole.HEADING, BBox(0, 30, 100, 40), order=1, level=2),
        TextBlock(
            1,
            "行政のデジタル化の推進による、市民サービスの向上\n及び業務の効率化に関すること。",
            TextRole.PARAGRAPH,
            BBox(0, 50, 100, 60),
            order=2,
        ),
        TextBlock(1, "- 箇条書きではない本文", TextRole.PARAGRAPH, BBox(0, 62, 100, 64), order=3),
        TextBlock(
            1,
            "・自身もクラウドサービスを利用する中で、\n実感している。\n・セキュリティの確保が重要。",
            TextRole.LIST,
            BBox(0, 70, 100, 80),
            order=4,
            level=1,
        ),
        TextBlock(2, "Cloud services\nare useful", TextRole.PARAGRAPH, BBox(0, 10, 100, 20), order=5),
    )
    doc = budget_document()
    page1 = replace(doc.pages[0], text_blocks=blocks[:5])
    page2 = replace(doc.pages[0], number=2, tables=(), text_blocks=blocks[5:])
    md = _md(replace(doc, pages=(page1, page2)), tmp_path)
    assert md.startswith(
        "# 1 付議事件\n\n## 委員会趣旨\n\n"
        "行政のデジタル化の推進による、市民サービスの向上及び業務の効率化に関すること。\n\n"
        "\\- 箇条書きではない本文\n\n"
        "- 自身もクラウドサービスを利用する中で、実感している。\n- セキュリティの確保が重要。\n\n| 科目 |"
    )
    assert md.endswith("| 2. 事業収益 | 2234 | 0 |  |\n\nCloud services are useful\n")


def test_captions_not_shown_as_text_come_before_the_table(tmp_path: Path) -> None:
    from emit_docs import budget_table

    table = replace(budget_table(), captions=("(単位 : 円)", "注: 金額は予算額"))
    md = _md(budget_document(table), tmp_path)
    assert md.count("単位") == 1  # already a text block: not repeated
    assert "(単位:円)\n\n注: 金額は予算額\n\n| 科目 |" in md


def test_pdf_text_never_becomes_markup(tmp_path: Path) -> None:
    hostile = [
        ("<script>alert(1)</script>", TextRole.HEADING),
        ('<img src=x onerror="alert(1)">本文', TextRole.PARAGRAPH),
        ("[ここを押す](javascript:alert(1))", TextRole.PARAGRAPH),
        ("![](http://example.invalid/t.png)", TextRole.LIST),
        ("&lt;b&gt; <iframe src=//x>", TextRole.CAPTION),
    ]
    blocks = tuple(
        TextBlock(1, text, role, BBox(0, 10 + 10 * i, 100, 18 + 10 * i), order=i, level=1)
        for i, (text, role) in enumerate(hostile)
    )
    doc = budget_document()
    doc = replace(
        doc, pages=tuple(replace(p, text_blocks=blocks if p.number == 1 else ()) for p in doc.pages)
    )
    md = _md(doc, tmp_path)

    for tag in ("<script", "<img", "<iframe", "![](", "&lt;b"):
        assert tag not in md, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\[ここを押す\\](javascript:alert(1))" in md
