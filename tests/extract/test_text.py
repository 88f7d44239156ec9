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
