"""Phone photos of receipts (fetched into bench/realdocs.py ``FETCHED``/scans/, never copied into the
project) against truth made by hand (fixtures/real/receipt_*/p1.json): each is found to be a photo
and corrected before OCR (its page note says how), no amount is written wrong without a finding,
and a photo whose amounts stay in its text is never a plain ``success`` (``photo-not-read``).
On main before branch h8-photo all three were ``success`` with no such finding; むこたま's receipt
gave a table of 88 rows of noise (``python -m bench.photos`` prints the figures)."""

from __future__ import annotations

import shutil
from functools import cache
from typing import Any

import pytest

from bench.photos import PHOTO_STEMS
from bench.real_scans import PageScore, run_page, source_of, truth_pages
from bench.realdocs import missing_reason

TRUTH = {s: truth_pages(s)[0] for s in PHOTO_STEMS}
# values right measured on branch h10-receipt (a floor: fewer is a regression); h8-photo: 6, 6, 3;
# before it: 0, 0, 0
# 鳥貴族's (branch h10-receipt, held out: truth made before any change for it) is read 3 of 20: its
# paper is not found apart from the table and a laptop (a known gap); every amount not right is flagged
# renbowroad's three (held out, measured before any change for them: 6, 4, 6 of 19, 11, 12, no silent,
# mister Donut 3 false alarms): まるまつ's items are printed without ¥ beside their tax mark, and a wedge
# of the table down its right edge ran 13 lines into one
RIGHT_FLOOR = {
    "receipt_photo": 6,
    "receipt_seria": 9,
    "receipt_cando": 8,
    "receipt_torikizoku": 9,
    "renbow_receipt8_marumatsu": 19,
    "renbow_receipt2_ochiai": 4,
    "renbow_receipt5_misterdonut": 7,
}
# a receipt's arithmetic found by its labels (validate/receipts.py), each holding on the photo read
RELATIONS = {
    "receipt_photo": ("お釣り = お預り金額 - 合計", "合計 = 小計"),
    "receipt_seria": ("合計 = 小計 + 外税額10%", "外税10%対象額 = 小計", "内消費税等 = 外税額10%"),
    "receipt_cando": ("合計 = 小計 + 10%税合計10.00%",),
    "receipt_torikizoku": (),
    "renbow_receipt8_marumatsu": ("合計 = 飲食計", "お釣り = お預り - 合計", "内消費税10%対象商品 = 飲食計"),
    "renbow_receipt2_ochiai": (),
    "renbow_receipt5_misterdonut": ("合計 = [TO小計]",),
}


@cache
def _scored(stem: str) -> tuple[PageScore, Any]:
    truth = TRUTH[stem]
    if not source_of(truth).exists():
        pytest.skip(missing_reason(source_of(truth)))
    import pytesseract

    if shutil.which(str(pytesseract.pytesseract.tesseract_cmd)) is None:
        pytest.skip("tesseract is not installed (make test installs it)")
    return run_page(truth)


@pytest.mark.slow
@pytest.mark.parametrize("stem", PHOTO_STEMS)
def test_photo_is_corrected_and_never_silently_wrong(stem: str) -> None:
    score, doc = _scored(stem)
    assert score.silent == 0, score.silent_cells
    assert score.false_alarms == 0, score.wrong_cells
    assert score.right >= RIGHT_FLOOR[stem], (score.line(), score.wrong_cells)
    notes = [n for p in doc.pages for n in p.notes if n.startswith("photo: ")]
    assert len(notes) == 1 and "light flattened" in notes[0], notes


@pytest.mark.slow
@pytest.mark.parametrize("stem", PHOTO_STEMS)
def test_receipt_arithmetic_is_found_and_holds(stem: str) -> None:
    """Read line by line (Seria's 小計 and its 対象額 line touch: read as one line before, one ¥300
    lost with no finding), each receipt's 小計, 合計, tax and change are checked and hold."""
    _, doc = _scored(stem)
    relations = {r.description for t in doc.tables for r in t.relations}
    assert set(RELATIONS[stem]) <= relations, relations
    assert not [f.message for f in doc.findings if f.code.endswith("-mismatch")]
    if RELATIONS[stem]:  # its receipt is the only table: Seria's logo and header (`M Se | ria`) are text
        assert [t.cells[0].provenance.method for t in doc.tables] == ["ocr-receipt-lines"]


@pytest.mark.slow
@pytest.mark.parametrize("stem", PHOTO_STEMS)
def test_amounts_left_out_are_reported(stem: str) -> None:
    """A receipt whose amounts are not all read as values (left in the text, read as text in a
    table, or dropped with lines taken for a drawing) has a photo-not-read finding; with no table
    at all it is an error, and the run is not ``success``. (Can★Do's 合計 is read right under a
    misread label, 合言十: the scorer counts it missing, the finding is there for its ¥100 and ¥300.)"""
    score, doc = _scored(stem)
    found = [f for f in doc.findings if f.code == "photo-not-read"]
    # an amount of the 金額 column (a count printed in an item's name, 1点, is no amount)
    if any("/金額: got None" in w for w in score.wrong_cells):
        assert len(found) == 1, [f.code for f in doc.findings]
        assert "Scan the paper flat" in found[0].message
    if not doc.tables:
        assert found and found[0].severity.value == "error"
        assert doc.status.value == "partial"


def test_receipt_truth_identities_hold() -> None:
    """The receipts' sums as their notes state them (a typo in the truth shows here)."""
    v = {s: {r["label"]: r["value"] for r in t["rows"]} for s, t in TRUTH.items()}
    m = v["receipt_photo"]
    assert m["小計"] == m["むこたまソフト ※"] == m["合計"] and m["お釣り"] == m["お預り金額"] - m["合計"]
    s = v["receipt_seria"]
    items = ("ディノアースA5ぬりえ16枚", "ウォーターガン", "おりがみ金銀入り 15cm 1")
    assert s["小計"] == sum(s[k] for k in items) and s["合計"] == s["小計"] + s["外税額"] == s["クレジット"]
    c = v["receipt_cando"]
    items = ("#Rmピンチハンガー8個付 GR", "ワイヤーフック シングル 3P", "#ワイヤーネット Aタイプ475")
    assert c["小計"] == sum(c[k] for k in items) and c["合計"] == c["小計"] + c["10%税合計"]
    rows = TRUTH["receipt_torikizoku"]["rows"]
    t = {r["label"]: r["value"] for r in rows[13:]}
    assert t["小計額"] == sum(r["value"] for r in rows[:13]) == t["合計"] == t["(10%内税対象"]
    assert (
        t["お釣"] == t["預/現計"] - t["合計"] and t["(10%内税額"] == t["合計"] * 10 // 110 == t["(消費税 等"]
    )
