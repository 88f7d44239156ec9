"""Ordinary ruled tables of the 南国市 council papers (issue 16), read through the extract stage and
checked against what the rendered page prints (hand truth: fixtures/real/nankoku_*/). Skipped, with
the reason, when the fetched documents are absent (CHOHYO_FETCHED, by default /work/realx)."""

from __future__ import annotations

import json

import pytest

from bench.real_tables import FIXTURES, chohyo_grids, norm, score
from bench.realdocs import FETCHED, fetched, missing_reason

SHIZEI = "nankoku/425_2022_03__benkyoukai__4gatsutousho__Ｐ９　市税見積書.pdf"


def _need(relative: str) -> None:
    if fetched(relative) is None:
        pytest.skip(missing_reason(FETCHED / relative))


def test_item_number_over_its_label_stays_with_it() -> None:
    """市税見積書: ``2.`` printed over ``滞納繰越分`` in one ruled cell is the item's number, not a
    figure: the band is one row (``2. 滞納繰越分`` 10,379), not cut between the two lines; a number
    over its name in a cell spanning several rows stays with its name."""
    _need(SHIZEI)
    rows = [[norm(c) for c in r if norm(c)] for r in chohyo_grids(FETCHED / SHIZEI, 1)]
    assert ["2.滞納繰越分", "10,379", "13,247", "△2,868"] in rows
    assert ["2.滞納繰越分", "523", "664", "△141"] in rows
    # ``1.`` over ``個人`` in a cell spanning the 均等割/所得割/退職分離 rows: one label, in the first
    assert rows[2][:3] == ["1.市民税", "1.個人", "1.現年課税分"]
    assert not [c for r in rows for c in r if c == "1."]  # a bare number was a false alarm each


@pytest.mark.parametrize(
    "stem",
    [
        "nankoku_r4_seishitsu_saishutsu",
        "nankoku_kousha_yakuin",
        "nankoku_kousha_meisai",
        "nankoku_r3_kurikoshi",
        "nankoku_r4_shizei_mitsumori",
        "nankoku_r4_hosei1_saishutsu",
        "nankoku_r3_kessan",
        "nankoku_426_gian_ichiran",
    ],
)
def test_real_page_reads_every_cell(stem: str) -> None:
    """Eight pages of varied layout (shares and △ figures; names, postal codes and full-width
    addresses; four small tables on a page; wrapped text cells; a name and its amount in one box;
    a landscape 補正予算 総括 drawn at size 200 and scaled down, whose rows of figures were one
    word; a 決算 page of five tables with a header box drawn lower than its neighbours; a borderless
    議案一覧表 with wrapped titles and padded item numbers): every cell of the hand truth."""
    (path,) = (FIXTURES / stem).glob("p*.json")
    truth = json.loads(path.read_text(encoding="utf-8"))
    _need(truth["path"])
    got = chohyo_grids(FETCHED / truth["path"], truth["page"])
    expected = [row for t in truth["tables"] for row in t["rows"]]
    s = score(expected, got)
    assert (s.wrong, s.missing) == (0, 0), s


def test_rules_drawn_in_short_pieces_bound_their_columns() -> None:
    """R8 一般会計予算 p138 (債務負担行為調書): each horizontal rule is drawn as long strokes joined by
    3 x 0.6 pt boxes at every crossing. The pieces belong to the rules: the whole table is one grid of
    its 10 printed columns (not its right half only, with the left half read as loose text, and not
    21 columns cut at the pieces' 3-pt ends)."""
    r8 = "nankoku/446_2026_03__議案第７号：令和８年度一般会計予算.pdf"
    _need(r8)
    rows = [[norm(c) for c in r] for r in chohyo_grids(FETCHED / r8, 138)]
    body = rows[3:]  # three header rows (事項 / 支出(見込)額 / 期間 金額 ...), then one row per item
    assert len(body) == 9 and all(len(r) == 10 for r in body)
    okou = next(r for r in body if r[0].startswith("岡豊保育園"))
    assert okou[2:] == [
        "平成25年度から令和7年度まで",
        "46,325",
        "令和8年度から令和14年度まで",
        "27,608",
        "",
        "",
        "",
        "27,608",
    ]


def test_name_and_amount_in_one_box_are_two_cells() -> None:
    """市税見積書: ``均等割`` flush left and ``76,781`` flush right in one ruled box of the 当初額
    column (no rule between them) are a name and a figure; the figure is a value of its own, so the
    小計 rows check (8 relations, 3 before), and the header box over both halves stays one cell."""
    _need(SHIZEI)
    rows = [[norm(c) for c in r if norm(c)] for r in chohyo_grids(FETCHED / SHIZEI, 1)]
    assert ["所得割", "1,870,137", "1,676,412", "193,725"] in rows
    assert ["償却資産", "507,000", "512,906", "△5,906"] in rows
    assert not [c for r in rows for c in r if c.startswith("均等割") and c != "均等割"]
    assert norm("令和3年度 当初額（②）") in rows[0]  # its two lines are one header name, not two rows
