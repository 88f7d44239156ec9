"""Text outside tables: text blocks in reading order with their roles (the council report)."""

from __future__ import annotations

import itertools

import pytest
from chohyo.model import TextRole

from tests.extract.conftest import DIGITAL, document, truth


@pytest.mark.parametrize("case", DIGITAL)
def test_text_blocks_in_reading_order_with_roles(case: str) -> None:
    want = [(b["role"], b["text"]) for b in truth(case)["text_blocks"]]
    got = [(b.role.value, b.text) for b in document(case).text_blocks]
    assert got == want


def test_council_blocks_are_ordered_and_placed() -> None:
    blocks = document("council_text").text_blocks
    assert [b.order for b in blocks] == list(range(len(blocks)))
    assert {b.page for b in blocks} == {1, 2}
    for a, b in itertools.pairwise(blocks):
        if a.page == b.page:
            assert a.bbox is not None and b.bbox is not None and a.bbox.top <= b.bbox.top


def test_heading_levels_follow_font_size() -> None:
    blocks = document("council_text").text_blocks
    title = next(b for b in blocks if b.text == "デジタル化推進特別委員会報告書")
    section = next(b for b in blocks if b.text == "1 付議事件")
    sub = next(b for b in blocks if b.text.startswith("令和4年度 調査"))
    assert title.role is section.role is sub.role is TextRole.HEADING
    assert title.level < section.level < sub.level


def test_wrapped_list_item_is_one_block() -> None:
    items = [b for b in document("council_text").text_blocks if b.role is TextRole.LIST]
    assert len(items) == 3
    assert items[0].text.endswith("ぜひ進めてほしい。")  # its second line, hanging-indented, joined


def test_council_tables_text_and_leader_dots() -> None:
    doc = document("council_text")
    titles = [t.title for t in doc.tables]
    assert titles == [t["title"] for t in truth("council_text")["tables"]]
    cautions = doc.tables[1]
    assert cautions.n_cols == 2  # the leader dots are layout, not a column
    assert all("…" not in c.text for c in cautions.cells)
    members = doc.tables[2]
    assert members.cell(0, 1) is not None and members.cell(0, 1).text == "山 浦 英 太"


# --- paragraphs and spacing from line geometry (synthetic lines, 12 pt type, 15 pt between lines) ---

from chohyo.extract.digital.text import text_blocks  # noqa: E402
from chohyo.extract.tables.geometry import Char, Line, join_chars  # noqa: E402
from chohyo.extract.tables.grid import cell_text  # noqa: E402


def _line(
    text: str, x0: float, top: float, *, pitch: float = 12.0, gap: float = 0.0, size: float = 12.0
) -> Line:
    """A printed line: one glyph per character; ``_`` is a zero-width space pdfium inferred."""
    chars, x = [], x0
    for ch in text:
        if ch == "_":
            chars.append(Char(" ", x, top, x, top + size, size))
            continue
        chars.append(Char(ch, x, top, x + pitch, top + size, size))
        x += pitch + gap
    return Line(chars)


def test_latin_word_gap_without_a_space_character_keeps_its_space() -> None:
    # a scaled font reports size 1: the gap is judged on the glyph box, 10 pt high
    chars = []
    x = 0.0
    for word in ("Japan", "Motors", "Trading"):
        for ch in word:
            chars.append(Char(ch, x, 0.0, x + 5.0, 10.0, 1.0))
            x += 5.0
        x += 2.8  # a word gap, no space glyph
    assert join_chars(chars) == "Japan Motors Trading"
    assert cell_text(chars) == "Japan Motors Trading"
    spaced = [Char(ch, 14.0 * i, 0.0, 14.0 * i + 12.0, 12.0, 12.0) for i, ch in enumerate("給料手当")]
    assert cell_text(spaced) == "給料手当"  # glyph gaps between Japanese characters add nothing


def test_paragraph_runs_over_line_breaks_and_ends_where_the_text_does() -> None:
    right = 85.0 + 30 * 12.0
    lines = [
        _line(
            "本日、議員の皆様の御出席をいただき、第425回南国市議会定例",
            97.0,
            100.0,
            pitch=(right - 97.0) / 30,
        ),
        _line("会が開かれますことを厚く御礼申し上げます。", 85.0, 127.0),
        _line(
            "私_も、長_期_間_に_及_ぶ_感_染_症_と_の_闘_い_に_お_き_ま_し_て_は、市_民", 97.0, 154.0, gap=0.5
        ),
        _line("の安全を第一に取り組んでまいりました。", 85.0, 181.0),
        _line("総務", 85.0, 240.0),
        _line("まず、総務関係につきまして、申し上げます。", 97.0, 267.0),
    ]
    blocks = text_blocks(lines, 1, 12.0)
    assert [(b.role.value, b.text) for b in blocks] == [
        (
            "paragraph",
            "本日、議員の皆様の御出席をいただき、第425回南国市議会定例会が開かれますことを厚く御礼申し上げます。",
        ),
        (
            "paragraph",
            "私も、長期間に及ぶ感染症との闘いにおきましては、市民の安全を第一に取り組んでまいりました。",
        ),
        ("heading", "総務"),
        ("paragraph", "まず、総務関係につきまして、申し上げます。"),
    ]


def test_no_paragraph_join_between_pages_not_read_together() -> None:
    """pages=[3, 12]: page 3's last paragraph stops mid-sentence low on the page and page 12 opens
    with a line at the margin; they are not one paragraph (page 4 goes on from page 3)."""
    from chohyo.extract.digital.text import join_across_pages
    from chohyo.model import BBox, Page, PageKind, TextBlock

    def page(number: int, text: str, top: float) -> Page:
        block = TextBlock(number, text, TextRole.PARAGRAPH, BBox(85.0, top, 535.0, top + 40.0))
        return Page(number, 595.0, 842.0, PageKind.DIGITAL, text_blocks=(block,))

    end = page(3, "コンプライアンス研修や各種ハラスメ", 700.0)
    for nxt, joined in (
        (page(4, "ント研修を行います。", 100.0), True),
        (page(12, "市単独事業につきましては、", 100.0), False),
    ):
        out = join_across_pages([end, nxt])
        assert (len(out[1].text_blocks) == 0) is joined
        assert out[0].text_blocks[0].text.endswith("研修を行います。") is joined


def test_plan_chapters_numbered_titles_and_named_items() -> None:
    """A plan set in one type size: its title over 第1章 (a blank between), 1．… standing apart over
    its indented paragraph are headings; まちづくり目標1, 2 with their words are list items; a label
    over one short line at its own indent (the slogan) is no section title."""
    lines = [
        _line("第5次南国市総合計画（基本構想）", 85.0, 100.0),
        _line("第1章_　南国市の将来像", 85.0, 140.0),
        _line("1．南国市の将来像", 85.0, 180.0),
        _line("将来像は、本市の10年後の姿を示すものであり、南国市のまちづくりの目指す", 109.0, 195.0),
        _line("べき目標となるものです。", 97.0, 210.0),
        _line("南国市の将来像", 109.0, 250.0),
        _line("「みどり」輝き　「まち」も輝く", 109.0, 265.0),
        _line("2．まちづくり目標", 85.0, 305.0),
        _line("3つのまちづくり目標を次のとおり設定します。", 109.0, 320.0),
        _line("まちづくり目標1　住みやすくて心地がよいまち", 121.0, 350.0),
        _line("まちづくり目標2　にぎわい、活気あふれるまち", 121.0, 365.0),
    ]
    blocks = text_blocks(lines, 1, 12.0)
    assert [(b.role.value, b.text) for b in blocks] == [
        ("heading", "第5次南国市総合計画（基本構想）"),
        ("heading", "第1章 南国市の将来像"),
        ("heading", "1．南国市の将来像"),
        (
            "paragraph",
            "将来像は、本市の10年後の姿を示すものであり、南国市のまちづくりの目指すべき目標となるものです。",
        ),
        ("paragraph", "南国市の将来像"),
        ("paragraph", "「みどり」輝き 「まち」も輝く"),
        ("heading", "2．まちづくり目標"),
        ("paragraph", "3つのまちづくり目標を次のとおり設定します。"),
        ("list", "まちづくり目標1 住みやすくて心地がよいまち"),
        ("list", "まちづくり目標2 にぎわい、活気あふれるまち"),
    ]
