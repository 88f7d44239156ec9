"""review.html in a real browser: headless Chromium from Debian, driven over the DevTools protocol.

A clerk's keys (j, a, e + typing + Enter) decide cells; the decisions the page saves are applied
with ``chohyo apply``; PDF text holding <script> and onerror= runs nothing. Skipped with the reason
when chromium is not installed (``apt-get install -y chromium``).
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chohyo.emit import write_outputs
from chohyo.review import apply_review
from chohyo.settings import EmitSettings

from tests.review.cdp import Browser, chromium
from tests.review.review_docs import hostile_document

pytest.importorskip("tornado", reason="tornado (the DevTools websocket client) is not installed")

_CAPTURE = """new Promise(function (done) {
  HTMLAnchorElement.prototype.click = function () {};  // no download dialog in a test
  URL.createObjectURL = function (blob) { blob.text().then(done); return "blob:captured"; };
  document.getElementById("download").click();
})"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium)")
    b = Browser(exe, tmp_path_factory.mktemp("profile"))
    try:
        yield b
    finally:
        b.close()


def test_clerk_decides_with_keys_and_applies(browser: Browser, tmp_path: Path) -> None:
    from PIL import Image

    doc = hostile_document(str(tmp_path / "予算書.pdf"))
    write_outputs(doc, tmp_path / "out", EmitSettings(review=True))
    folder = tmp_path / "out" / "予算書"
    browser.open(folder / "review.html")
    assert browser.eval("document.title") == "review: 予算書.pdf"  # no onerror= or <script> ran
    assert (
        browser.eval("document.querySelectorAll('img[src=x], body script').length") == 3
    )  # the two data blocks and the page's script
    assert "<script>" in browser.eval("document.querySelector('#table-t1').textContent")  # shown as text
    assert browser.eval("document.getElementById('progress').textContent") == "0 of 1 decided; left: 1 error"

    browser.key("j")  # focus the first flagged cell
    assert browser.eval("document.activeElement.dataset.key") == "t1:4:1"
    browser.key("e")
    for ch in "2,234":  # the printed figure again, as the clerk reads it: 1,234 = -1,000 + 2,234
        browser.key(ch)
    browser.key("Enter")
    assert browser.eval("document.getElementById('progress').textContent") == (
        "1 of 1 decided; all decided: Download decisions"
    )
    assert "corrected to 2,234" in browser.eval("document.querySelector('.item .state').textContent")

    png = browser.screenshot()
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size[0] >= 800
    assert len(img.resize((120, 140)).getcolors(1 << 16) or ()) > 20  # a rendered page, not a blank one

    browser.eval("document.getElementById('reviewer').value = '山田'")
    saved = json.loads(browser.eval(_CAPTURE, await_promise=True))
    assert saved["reviewer"] == "山田" and saved["sha256"] == doc.sha256
    assert [(d["table"], d["row"], d["col"], d["action"], d["value"]) for d in saved["decisions"]] == [
        ("t1", 4, 1, "correct", "2,234")
    ]
    decisions = tmp_path / "d.json"
    decisions.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    done = apply_review(folder, decisions)
    assert done.corrected == 1 and done.resolved == 1 and done.document.status.value == "success"
    assert [r.state for r in done.rechecks] == ["still holds"]

    browser.open(folder / "review.html")  # the page apply rewrote: the cell is settled, not asked again
    assert browser.eval("document.getElementById('progress').textContent") == (
        "nothing left to decide: 1 settled by apply (reviewed)"
    )
    assert browser.eval("document.querySelectorAll('.item:not(.hidden)').length") == 0
    browser.eval("document.querySelector('.sevfilter[value=reviewed]').click()")
    assert "confirmed by arithmetic after the review of 山田" in browser.eval(
        "document.querySelector('.item:not(.hidden) .reviewed').textContent"
    )


def test_severity_filter_and_accept(browser: Browser, tmp_path: Path) -> None:
    write_outputs(hostile_document(str(tmp_path / "x.pdf")), tmp_path / "out", EmitSettings(review=True))
    browser.open(tmp_path / "out" / "x" / "review.html")
    browser.eval("localStorage.clear()")
    browser.open(tmp_path / "out" / "x" / "review.html")
    assert browser.eval("document.querySelectorAll('.item:not(.hidden)').length") == 1
    browser.eval("var b = document.querySelector('.sevfilter[value=error]'); b.click()")
    assert browser.eval("document.querySelectorAll('.item:not(.hidden)').length") == 0
    browser.eval("document.querySelector('.sevfilter[value=error]').click()")
    browser.key("j")
    browser.key("a")
    assert browser.eval("window.chohyoDecisions()") == ["t1:4:1"]
    browser.key("u")
    assert browser.eval("window.chohyoDecisions()") == []


def test_next_undecided_key(browser: Browser, tmp_path: Path) -> None:
    """With a hundred flagged cells, n jumps to the next one nobody has decided."""
    from dataclasses import replace

    from chohyo.model import CellRef, Finding, Severity

    doc = hostile_document(str(tmp_path / "n.pdf"))
    doubt = Finding(
        "ocr-unconfirmed",
        Severity.WARNING,
        "OCR read '-1,000' and no relation confirms it",
        page=1,
        table="t1",
        cells=(CellRef("t1", 3, 1, page=1),),
    )
    write_outputs(replace(doc, findings=(*doc.findings, doubt)), tmp_path / "out", EmitSettings(review=True))
    browser.open(tmp_path / "out" / "n" / "review.html")
    browser.eval("localStorage.clear()")
    browser.open(tmp_path / "out" / "n" / "review.html")
    browser.key("j")
    assert browser.eval("document.activeElement.dataset.key") == "t1:4:1"  # errors first
    browser.key("a")  # accepted: on to the warning
    assert browser.eval("document.activeElement.dataset.key") == "t1:3:1"
    browser.key("k")
    browser.key("n")  # back on the decided one, n skips it
    assert browser.eval("document.activeElement.dataset.key") == "t1:3:1"
    assert browser.eval("window.chohyoDecisions()") == ["t1:4:1"]
    browser.key("x")  # the warning's cell is not a figure (a seal, a stray mark)
    browser.eval("document.getElementById('reviewer').value = '山田'")
    saved = json.loads(browser.eval(_CAPTURE, await_promise=True))
    assert [(d["row"], d["action"], d["value"]) for d in saved["decisions"]] == [
        (4, "accept", None),
        (3, "clear", None),
    ]


def test_friday_afternoon_frictions(browser: Browser, tmp_path: Path) -> None:
    """n before any cell has focus; Enter goes on; the progress line says where the rest are; no
    download without a name (the audit trail records who); each save has a file name of its own."""
    from dataclasses import replace

    from chohyo.model import CellRef, Finding, Severity

    doc = hostile_document(str(tmp_path / "f.pdf"))
    note = Finding(
        "ocr-unconfirmed", Severity.INFO, "OCR doubt", page=1, table="t1", cells=(CellRef("t1", 3, 1),)
    )
    write_outputs(replace(doc, findings=(*doc.findings, note)), tmp_path / "out", EmitSettings(review=True))
    page = tmp_path / "out" / "f" / "review.html"
    browser.open(page)
    browser.eval("localStorage.clear()")
    browser.open(page)
    progress = "document.getElementById('progress').textContent"
    assert browser.eval(progress) == "0 of 2 decided; left: 1 error, 1 info (hidden)"
    browser.key("n")  # the first key of the afternoon
    assert browser.eval("document.activeElement.dataset.key") == "t1:4:1"
    browser.key("e")
    for ch in "2234":
        browser.key(ch)
    browser.key("Enter")
    assert browser.eval(progress) == "1 of 2 decided; left: 1 info (hidden)"
    browser.eval("document.querySelector('.sevfilter[value=info]').click()")
    assert browser.eval(progress) == "1 of 2 decided; left: 1 info"
    browser.key("n")
    assert browser.eval("document.activeElement.dataset.key") == "t1:3:1"
    assert browser.eval("document.getElementById('download').click(), window.chohyoDecisions().length") == 1
    assert "type your name" in browser.eval("document.getElementById('saved').textContent")
    assert browser.eval("document.activeElement.id") == "reviewer"
    names = """new Promise(function (done) {
      HTMLAnchorElement.prototype.click = function () { done(this.download); };
      URL.createObjectURL = function () { return "blob:x"; };
      document.getElementById("download").click();
    })"""
    browser.eval("document.getElementById('reviewer').value = '山田'")
    name = browser.eval(names, await_promise=True)
    assert (
        name.startswith("f.decisions-20")
        and name.endswith(".json")
        and len(name) == len("f.decisions-20261206-031500.json")
    )
    assert browser.eval("localStorage.getItem('chohyo-reviewer')") == "山田"
    # the name is remembered for the next save. Chromium commits localStorage to its store
    # asynchronously and a reload may start in a new renderer; a CI run once lost the write for good.
    # So each attempt saves the name again the way the clerk does, then reopens: the page must both
    # write the name and read it back on opening. Attempts are counted, not timed, as a loaded
    # machine can take seconds to reopen.
    for _ in range(10):
        browser.open(page)
        remembered = browser.eval("document.getElementById('reviewer').value")
        if remembered:
            break
        browser.eval("document.getElementById('reviewer').value = '山田'")
        browser.eval(names, await_promise=True)
        time.sleep(0.5)
    assert remembered == "山田"


def test_unflagged_tables_are_drawn_when_opened(browser: Browser, tmp_path: Path) -> None:
    """A table with no flagged cell travels as data and is drawn on opening, its PDF text as text."""
    from dataclasses import replace

    doc = replace(hostile_document(str(tmp_path / "l.pdf")), findings=())
    write_outputs(doc, tmp_path / "out", EmitSettings(review=True))
    page = tmp_path / "out" / "l" / "review.html"
    assert '<details class="table lazy" id="table-t1"' in page.read_text(encoding="utf-8")
    browser.open(page)
    assert browser.eval("document.querySelectorAll('#table-t1 td').length") == 0
    browser.eval("document.querySelector('#table-t1 summary').click()")
    from chohyo.emit.grid import clean_table

    clean = clean_table(doc.tables[0], EmitSettings())
    cells = browser.eval("document.querySelectorAll('#table-t1 td').length")
    assert cells == len(clean.rows) * len(clean.columns) > 0
    assert "<script>" in browser.eval("document.querySelector('#table-t1').textContent")  # shown as text
    assert browser.eval("document.title") == "review: l.pdf"  # nothing ran
    assert browser.eval("document.querySelectorAll('img[src=x], #table-t1 script').length") == 0
    assert browser.eval("document.querySelectorAll('#table-t1 td.num').length") > 0


def test_a_value_apply_wrote_that_still_fails_is_asked_again(browser: Browser, tmp_path: Path) -> None:
    """The browser keeps decisions across reloads; once apply has written one and arithmetic still
    refutes it, the reopened page must not show the cell as decided (the clerk would skip it)."""
    write_outputs(hostile_document(str(tmp_path / "w.pdf")), tmp_path / "out", EmitSettings(review=True))
    folder = tmp_path / "out" / "w"
    # Start with no decision kept from an earlier test (file: pages share one storage). Chromium
    # commits localStorage asynchronously, so a reload may still restore one: clear and reopen until
    # the page starts undecided.
    deadline = time.monotonic() + 15
    while True:
        browser.open(folder / "review.html")
        browser.eval("localStorage.clear()")
        browser.open(folder / "review.html")
        progress = browser.eval("document.getElementById('progress').textContent")
        if progress.startswith("0 of ") or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert progress == "0 of 1 decided; left: 1 error"
    browser.key("n")
    browser.key("e")
    for ch in "2,300":  # a wrong value: 1,234 = -1,000 + 2,234 held
        browser.key(ch)
    browser.key("Enter")
    browser.eval("document.getElementById('reviewer').value = '山田'")
    saved = browser.eval(_CAPTURE, await_promise=True)
    (tmp_path / "d.json").write_text(saved, encoding="utf-8")
    done = apply_review(folder, tmp_path / "d.json")
    assert sum(f.severity.value == "error" for f in done.document.findings) == 1  # still fails
    browser.open(folder / "review.html")  # the same browser storage still holds the decision
    assert browser.eval("document.getElementById('progress').textContent") == "0 of 1 decided; left: 1 error"
    assert browser.eval("document.querySelector('.item .state').textContent") == ""
    assert "still fails after 山田's review" in browser.eval("document.querySelector('.item ul').textContent")
