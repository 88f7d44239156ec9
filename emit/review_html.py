"""review.html: one self-contained page to check a document's flagged cells and record decisions.

Every table with its cells (flagged ones shaded), then each flagged cell with the crop of the printed
page around it, the value read, the proposal and the findings. The clerk accepts the value or types
the right one; the decisions are saved as a JSON file (``chohyo apply`` writes them into the
outputs). Every piece of PDF text is escaped, the data for the script is JSON with ``<`` escaped, and
a Content-Security-Policy forbids any network access or script but the page's own.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

from chohyo.emit.flags import RANK, Flag, flagged_cells
from chohyo.emit.grid import CleanTable
from chohyo.emit.review_crops import PageCropper
from chohyo.model import BBox, Cell, Document, Table

DECISIONS_FORMAT = "chohyo-decisions/1"
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def layout_id(doc: Document) -> str:
    """What a decision's (table, row, column) points at: every table's cells as read (page, place, raw
    text). ``chohyo apply`` changes values, never this; a new extraction that reads the page otherwise
    (other options, another version) changes it, and decisions saved before then are refused."""
    digest = hashlib.sha256()
    for t in doc.tables:
        digest.update(f"{t.id}|{t.pages}|{t.n_rows}|{t.n_cols}\n".encode())
        for c in t.cells:
            digest.update(f"{c.row},{c.col},{c.page},{c.raw_text}\n".encode("utf-8", "backslashreplace"))
    return digest.hexdigest()[:16]


def reviewed_at(doc: Document) -> dict[tuple[str, int, int], str]:
    """When ``chohyo apply`` last wrote a decision into each cell (its ``reviewed-cell`` records)."""
    out: dict[tuple[str, int, int], str] = {}
    for f in doc.findings:
        if f.code == "reviewed-cell" and f.cells:
            key = (f.table or "", f.cells[0].row, f.cells[0].col)
            when = f.message.split(" at ", 1)[-1].split(" (was ", 1)[0]
            out[key] = max(when, out.get(key, when))
    return out


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _script_json(data: object) -> str:
    """JSON that cannot end its <script> element early."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def value_text(cell: Cell | None) -> str:
    """A cell's value as review.html shows it (and its decisions file saves as ``found``)."""
    if cell is None:
        return ""
    if cell.value is not None:
        return format(cell.value, "f")
    return cell.text


def _labels(doc: Document, flag: Flag) -> tuple[str, str]:
    for i in flag.findings:
        f = doc.findings[i]
        for s in f.suspects:
            if (s.row, s.col) == (flag.row, flag.col):
                return s.row_label, s.column
        for c in f.cells:
            if (c.row, c.col) == (flag.row, flag.col):
                return c.row_label, c.column
    return "", ""


def _empty_cell_box(table: Table, row: int, col: int, page: int | None) -> BBox | None:
    """An empty cell is not stored: its box is where its row's cells and its column's cells cross."""
    on_page = [c for c in table.cells if c.bbox is not None and c.page == page]
    rows = [c.bbox for c in on_page if c.row == row and c.bbox is not None]
    cols = [c.bbox for c in on_page if c.col == col and c.col_span == 1 and c.bbox is not None]
    if not rows or not cols:
        return None
    return BBox(
        min(b.x0 for b in cols),
        min(b.top for b in rows),
        max(b.x1 for b in cols),
        max(b.bottom for b in rows),
    )


def _crop(table: Table, flag: Flag, cropper: PageCropper) -> str | None:
    cell = table.cell(flag.row, flag.col)
    page = cell.page if cell is not None else (table.pages[0] if table.pages else None)
    box = cell.bbox if cell is not None else _empty_cell_box(table, flag.row, flag.col, page)
    return cropper.crop(page, box) if page is not None else None


def _item(
    doc: Document, table: Table, flag: Flag, crop: str | None, applied: dict[tuple[str, int, int], str]
) -> tuple[str, dict[str, Any]]:
    cell = table.cell(flag.row, flag.col)
    page = cell.page if cell is not None else (table.pages[0] if table.pages else None)
    row_label, column = _labels(doc, flag)
    value = value_text(cell)
    key = f"{flag.table}:{flag.row}:{flag.col}"
    sev = flag.severity.value
    # reviewed before (chohyo apply): every finding on the cell carries a resolution; shown, not asked again
    done = [doc.findings[i].resolution for i in flag.findings]
    resolution = None
    if done and all(r is not None for r in done):
        resolution = "decided" if any(r.state == "decided" for r in done if r) else "confirmed"
    reviewed = ""
    if resolution is not None:
        last = max((r for r in done if r), key=lambda r: r.at)
        said = "confirmed by arithmetic after the review of" if resolution == "confirmed" else "decided by"
        reviewed = f'<p class="reviewed">{_e(said)} {_e(last.by)} at {_e(last.at)}</p>'
    findings = "".join(
        f'<li class="sev-{_e(doc.findings[i].severity.value)}"><b>{_e(doc.findings[i].severity.value)}</b> '
        f"<code>{_e(doc.findings[i].code)}</code> {_e(doc.findings[i].message)}</li>"
        for i in flag.findings
    )
    facts = [("value read", value or "(empty)")]
    if cell is not None and cell.corrected_from is not None:
        facts.append(("OCR read", cell.corrected_from))
    if flag.proposed is not None:
        facts.append(("proposed", flag.proposed))
    if flag.candidate is not None:
        facts.append(("one candidate of several (arithmetic cannot choose)", flag.candidate))
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    img = (
        f'<img class="crop" alt="page {_e(page)} around the cell" decoding="async" src="{crop}">'
        if crop
        else f'<p class="nocrop">no picture of the page here: see page {_e(page)} of the PDF</p>'
    )
    proposal_button = (
        f'<button type="button" data-act="proposal" title="p">Use proposed {_e(flag.proposed)}</button>'
        if flag.proposed is not None and flag.proposed != value
        else ""
    )
    html_item = (
        f'<article class="item sev-{sev}" id="item-{_e(key.replace(":", "-"))}" data-key="{_e(key)}" '
        f'data-severity="{"reviewed" if resolution else sev}" tabindex="-1">'
        f"<h3>{_e(flag.table)} · p.{_e(page)} · {_e(row_label)} / {_e(column)}</h3>"
        f"{reviewed}{img}<dl>{dl}</dl><ul>{findings}</ul>"
        '<div class="decide"><button type="button" data-act="accept" title="a">Accept value</button>'
        f"{proposal_button}"
        f'<input class="val" type="text" inputmode="decimal" aria-label="correct value" '
        'placeholder="correct value (e)">'
        '<button type="button" data-act="correct">Save correction</button>'
        '<button type="button" data-act="clear" title="x">Not a figure</button>'
        '<button type="button" data-act="undo" title="u">Undo</button>'
        '<span class="state" aria-live="polite"></span></div></article>'
    )
    data = {
        "key": key,
        "table": flag.table,
        "row": flag.row,
        "col": flag.col,
        "page": page,
        "found": value,
        "proposed": flag.proposed,
        "severity": sev,
        "resolution": resolution,
        "codes": [doc.findings[i].code for i in flag.findings],
        "applied": applied.get((flag.table, flag.row, flag.col)),
    }
    return html_item, data


def _lazy_table(t: CleanTable) -> tuple[str, list[Any]]:
    """A table with no flagged cell: its summary now, its rows as data the page draws when opened
    (half the bytes of the HTML, and a 600-table book paints at once)."""
    tid = t.table.id
    pages = ",".join(map(str, t.table.pages))
    summary = f"{_e(tid)} {_e(t.table.title)} · p.{_e(pages)} · {len(t.rows)}×{len(t.columns)} · 0 flagged"
    data = [t.header, [1 if c.numeric else 0 for c in t.columns], [list(r.values) for r in t.rows]]
    return (
        f'<details class="table lazy" id="table-{_e(tid)}" data-table="{_e(tid)}"><summary>{summary}</summary>'
        '<div class="scroll"></div></details>'
    ), data


def _table_html(t: CleanTable, flags: dict[tuple[str, int, int], Flag]) -> str:
    tid = t.table.id
    n = sum(1 for k in flags if k[0] == tid)
    head = "".join(f"<th>{_e(h)}</th>" for h in t.header)
    rows = []
    for row in t.rows:
        tds = []
        for col, value in zip(t.columns, row.values, strict=True):
            flag = flags.get((tid, row.index, col.index))
            cls = ["num"] if col.numeric else []
            inner = _e(value)
            if flag is not None:
                cls += ["flag", f"sev-{flag.severity.value}"]
                target = f"item-{tid}-{row.index}-{col.index}"
                inner = f'<a href="#{_e(target)}">{inner or "∅"}</a>'
            attr = f' class="{" ".join(cls)}"' if cls else ""
            key = f' data-key="{_e(f"{tid}:{row.index}:{col.index}")}"' if flag is not None else ""
            tds.append(f"<td{attr}{key}>{inner}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    pages = ",".join(map(str, t.table.pages))
    summary = f"{_e(tid)} {_e(t.table.title)} · p.{_e(pages)} · {len(t.rows)}×{len(t.columns)} · {n} flagged"
    return (
        f'<details class="table" id="table-{_e(tid)}"{" open" if n else ""}><summary>{summary}</summary>'
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        "</div></details>"
    )


def _crop_order(flag: Flag, tables: dict[str, Table]) -> tuple[int, int]:
    """Errors first, then warnings, then info; page by page within each (a scan page rendered once)."""
    cell = tables[flag.table].cell(flag.row, flag.col)
    page = cell.page if cell is not None else min(tables[flag.table].pages, default=0)
    return RANK[flag.severity], page


def review_page(doc: Document, tables: list[CleanTable]) -> str:
    flags = flagged_cells(doc)
    by_id = {t.table.id: t.table for t in tables}
    order = sorted(flags.values(), key=lambda f: (list(by_id).index(f.table), RANK[f.severity], f.row, f.col))
    cropper = PageCropper(doc)
    # crops are few (MAX_CROPS): errors take them first, then warnings, info last, wherever the
    # table (Fuji: 324 info cells in early tables left 7 of 27 warnings without one)
    try:
        crops = {
            f.key: _crop(by_id[f.table], f, cropper)
            for f in sorted(order, key=lambda f: _crop_order(f, by_id))
        }
    finally:
        cropper.close()
    items_html: dict[str, list[str]] = {}
    items: list[dict[str, Any]] = []
    applied = reviewed_at(doc)
    for flag in order:
        h, data = _item(doc, by_id[flag.table], flag, crops[flag.key], applied)
        items_html.setdefault(flag.table, []).append(h)
        items.append(data)
    kinds = ["reviewed" if i["resolution"] else i["severity"] for i in items]
    counts = {s: kinds.count(s) for s in ("error", "warning", "info", "reviewed")}
    filters = "".join(
        f'<label><input type="checkbox" class="sevfilter" value="{s}"'
        f"{' checked' if s in ('error', 'warning') else ''}> {s} ({n})</label>"
        for s, n in counts.items()
    )
    groups = "".join(
        f'<section class="group" data-table="{_e(tid)}"><h2>{_e(tid)} {_e(by_id[tid].title)}</h2>{"".join(hs)}'
        "</section>"
        for tid, hs in items_html.items()
    )
    other = [f for f in doc.findings if f.table is None or (not f.cells and not f.suspects)]
    notes = "".join(
        f'<li class="sev-{_e(f.severity.value)}"><b>{_e(f.severity.value)}</b> <code>{_e(f.code)}</code> '
        f"{_e(f.message)}</li>"
        for f in other
    )
    flagged_tables = {k[0] for k in flags}
    drawn: list[tuple[str, list[Any] | None]] = [
        (_table_html(t, flags), None) if t.table.id in flagged_tables else _lazy_table(t) for t in tables
    ]
    name = Path(doc.source).name
    meta = {
        "format": DECISIONS_FORMAT,
        "source": name,
        "sha256": doc.sha256,
        "stem": Path(doc.source).stem,
        "layout": layout_id(doc),
        "items": items,
    }
    return _PAGE.format(
        csp=_CSP,
        title=_e(f"review: {name}"),
        name=_e(name),
        sha=_e(doc.sha256[:16]),
        n_items=len(items),
        n_open=len(items) - counts["reviewed"],
        filters=filters,
        groups=groups or "<p>No cell is flagged.</p>",
        notes=f"<h2>Other findings</h2><ul>{notes}</ul>" if notes else "",
        tables="".join(html for html, _ in drawn),
        table_data=_script_json(
            {t.table.id: data for t, (_, data) in zip(tables, drawn, strict=True) if data}
        ),
        data=_script_json(meta),
        style=_STYLE,
        script=_SCRIPT,
    )


def write_review(doc: Document, path: Path, tables: list[CleanTable]) -> Path:
    path.write_text(review_page(doc, tables), encoding="utf-8")
    return path


_STYLE = """
body{font-family:system-ui,"Noto Sans CJK JP",sans-serif;margin:0 1.5rem 4rem;color:#222}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.5rem 0;z-index:2}
header label{margin-right:1rem}
.item{border:1px solid #ccc;border-left:6px solid #999;margin:.8rem 0;padding:.4rem .8rem}
.item.sev-error{border-left-color:#d00}.item.sev-warning{border-left-color:#e0a800}
.item.sev-info{border-left-color:#0aa}
.item:focus{outline:3px solid #36c}.item.hidden,.group.hidden{display:none}
.item.decided{background:#f2fbf2}.reviewed{color:#176317;font-weight:bold;margin:.2rem 0}.item h3{margin:.2rem 0;font-size:1rem}
.crop{display:block;max-width:100%;border:1px solid #ddd;margin:.3rem 0}.nocrop{color:#666;font-style:italic}
dl{display:grid;grid-template-columns:max-content auto;gap:0 1rem;margin:.3rem 0}dt{color:#666}
dd{margin:0;font-family:ui-monospace,monospace}
.decide{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}.state{font-weight:bold;color:#070}
table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ccc;padding:1px 4px}
td.num{text-align:right;font-family:ui-monospace,monospace}
td.sev-error{background:#f8c4c4}td.sev-warning{background:#fbe3a6}td.sev-info{background:#dbe9f7}
.scroll{overflow-x:auto}details.table{margin:.5rem 0}
li.sev-error b{color:#c00}li.sev-warning b{color:#a70}li.sev-info b{color:#077}
kbd{border:1px solid #aaa;border-radius:3px;padding:0 3px;font-size:.8rem}
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var meta = JSON.parse(document.getElementById("chohyo-data").textContent);
  var byKey = {};
  meta.items.forEach(function (it) { byKey[it.key] = it; });
  var store = "chohyo-review:" + meta.sha256;
  var decisions = {};
  try { decisions = JSON.parse(localStorage.getItem(store) || "{}"); } catch (e) { decisions = {}; }
  // a cell chohyo apply has settled is not asked again: forget the browser's copy of its decision
  // and one apply has written already: a cell whose value still fails is asked again, not shown decided
  Object.keys(decisions).forEach(function (k) {
    var it = byKey[k];
    if (!it || it.resolution || (it.applied && decisions[k].at <= it.applied)) { delete decisions[k]; }
  });
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var current = -1;

  function save() { try { localStorage.setItem(store, JSON.stringify(decisions)); } catch (e) {} }
  function show(el) {
    var d = decisions[el.dataset.key];
    el.classList.toggle("decided", !!d);
    el.querySelector(".state").textContent = !d ? "" :
      (d.action === "accept" ? "accepted " + (byKey[el.dataset.key].found || "(empty)") :
       d.action === "clear" ? "not a figure: cleared" : "corrected to " + d.value);
    progress();
  }
  function progress() {  // how many are decided, and where the rest are (a hidden severity says so)
    var open = meta.items.filter(function (it) { return !it.resolution; });
    var left = {}, n = 0;
    open.forEach(function (it) { if (!decisions[it.key]) { left[it.severity] = (left[it.severity] || 0) + 1; n++; } });
    var on = {};
    document.querySelectorAll(".sevfilter").forEach(function (b) { on[b.value] = b.checked; });
    var parts = ["error", "warning", "info"].filter(function (s) { return left[s]; })
      .map(function (s) { return left[s] + " " + s + (on[s] ? "" : " (hidden)"); });
    var settled = meta.items.length - open.length;
    document.getElementById("progress").textContent = !open.length ?
      "nothing left to decide" + (settled ? ": " + settled + " settled by apply (reviewed)" : "") :
      (open.length - n) + " of " + open.length + " decided" +
      (n ? "; left: " + parts.join(", ") : "; all decided: Download decisions");
  }
  function decide(el, action, value) {
    var key = el.dataset.key;
    if (action === "undo") { delete decisions[key]; }
    else {
      if (action === "correct" && !String(value || "").trim()) {
        el.querySelector(".val").focus(); return;
      }
      decisions[key] = { action: action, value: action === "correct" ? String(value).trim() : null,
                         at: new Date().toISOString() };
    }
    save(); show(el);
  }
  function visible() { return items.filter(function (el) { return !el.classList.contains("hidden"); }); }
  function go(step) {
    var v = visible(); if (!v.length) { return; }
    var i = v.indexOf(items[current]);
    i = i < 0 ? 0 : Math.max(0, Math.min(v.length - 1, i + step));
    current = items.indexOf(v[i]); v[i].focus(); v[i].scrollIntoView({block: "center"});
  }
  function next_open() {  // the next visible cell nobody has decided, wrapping round
    var v = visible().filter(function (el) { return !decisions[el.dataset.key]; });
    if (!v.length) { return; }
    var after = v.filter(function (el) { return items.indexOf(el) > current; });
    var el = after.length ? after[0] : v[0];
    current = items.indexOf(el); el.focus(); el.scrollIntoView({block: "center"});
  }
  function filter() {
    var on = {};
    document.querySelectorAll(".sevfilter").forEach(function (b) { on[b.value] = b.checked; });
    items.forEach(function (el) { el.classList.toggle("hidden", !on[el.dataset.severity]); });
    document.querySelectorAll(".group").forEach(function (g) {
      g.classList.toggle("hidden", !g.querySelector(".item:not(.hidden)"));
    });
    progress();
  }
  function download() {
    var who = document.getElementById("reviewer").value.trim();
    if (!who) {
      document.getElementById("saved").textContent = "type your name under reviewer first: apply records who decided";
      document.getElementById("reviewer").focus();
      return null;
    }
    try { localStorage.setItem("chohyo-reviewer", who); } catch (e) {}
    var out = { format: meta.format, source: meta.source, sha256: meta.sha256, layout: meta.layout,
                reviewer: who || null, saved_at: new Date().toISOString(), decisions: [] };
    meta.items.forEach(function (it) {
      var d = decisions[it.key];
      if (d) {
        out.decisions.push({ table: it.table, row: it.row, col: it.col, found: it.found,
                             action: d.action, value: d.value, at: d.at });
      }
    });
    var blob = new Blob([JSON.stringify(out, null, 1)], {type: "application/json"});
    var a = document.createElement("a");
    var stamp = out.saved_at.replace(/[-:]/g, "").replace("T", "-").slice(0, 15);  // 20261206-031500
    a.href = URL.createObjectURL(blob); a.download = meta.stem + ".decisions-" + stamp + ".json";
    document.body.appendChild(a); a.click(); a.remove();
    document.getElementById("saved").textContent = "saved " + out.decisions.length + " decision(s) as " + a.download;
    return out;
  }
  window.chohyoDecisions = function () {  // for scripts and tests: what Download would save
    var out = []; meta.items.forEach(function (it) { if (decisions[it.key]) { out.push(it.key); } });
    return out;
  };

  items.forEach(function (el, i) {
    el.addEventListener("click", function (ev) {
      current = i;
      var act = ev.target.dataset && ev.target.dataset.act;
      if (!act) { return; }
      if (act === "proposal") { decide(el, "correct", byKey[el.dataset.key].proposed); }
      else { decide(el, act, el.querySelector(".val").value); }
    });
    el.querySelector(".val").addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        decide(el, "correct", ev.target.value);
        if (decisions[el.dataset.key]) { el.focus(); go(1); }
      }
      if (ev.key === "Escape") { el.focus(); }
      ev.stopPropagation();
    });
    show(el);
  });
  document.querySelectorAll(".sevfilter").forEach(function (b) { b.addEventListener("change", filter); });
  document.getElementById("download").addEventListener("click", download);
  document.getElementById("reviewer").addEventListener("keydown", function (ev) { ev.stopPropagation(); });
  try { document.getElementById("reviewer").value = localStorage.getItem("chohyo-reviewer") || ""; } catch (e) {}
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var el = items[current];
    if (ev.key === "j" || ev.key === "ArrowDown") { go(1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { go(-1); ev.preventDefault(); }
    else if (ev.key === "n") { next_open(); }
    else if (!el) { return; }
    else if (ev.key === "a") { decide(el, "accept"); go(1); }
    else if (ev.key === "p" && byKey[el.dataset.key].proposed !== null) {
      decide(el, "correct", byKey[el.dataset.key].proposed); go(1);
    }
    else if (ev.key === "e") { el.querySelector(".val").focus(); ev.preventDefault(); }
    else if (ev.key === "u") { decide(el, "undo"); }
    else if (ev.key === "x") { decide(el, "clear"); go(1); }
  });
  var tableData = JSON.parse(document.getElementById("chohyo-tables").textContent);
  document.querySelectorAll("details.lazy").forEach(function (d) {
    d.addEventListener("toggle", function () {
      var box = d.querySelector(".scroll");
      if (!d.open || box.firstChild) { return; }
      var t = tableData[d.dataset.table], table = document.createElement("table");
      var head = table.createTHead().insertRow();
      t[0].forEach(function (h) { var th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
      var body = table.createTBody();
      t[2].forEach(function (row) {
        var tr = body.insertRow();
        row.forEach(function (v, i) { var td = tr.insertCell(); td.textContent = v; if (t[1][i]) { td.className = "num"; } });
      });
      box.appendChild(table);
    });
  });
  filter();
  document.body.dataset.ready = "1";
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{style}</style></head>
<body>
<header><h1>{name} <small>sha256 {sha}…</small></h1>
<div>{filters}
<label>reviewer <input id="reviewer" type="text" size="12" autocomplete="off"></label>
<button type="button" id="download">Download decisions</button>
<span id="progress">0 of {n_open} decided</span> <span id="saved"></span></div>
<div><small><kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>a</kbd> accept the value ·
<kbd>p</kbd> use the proposal · <kbd>e</kbd> type a value, <kbd>Enter</kbd> to save ·
<kbd>x</kbd> not a figure (a seal, a stray mark) · <kbd>u</kbd> undo · <kbd>n</kbd> next undecided. Then <b>Download decisions</b> and run
<code>chohyo apply OUT/&lt;stem&gt; &lt;stem&gt;.decisions-&lt;time&gt;.json</code>.</small></div>
<noscript>Deciding needs JavaScript; the flagged cells and their tables below are readable without it
(the other tables are in the CSVs).</noscript>
</header>
<main><h2>Flagged cells ({n_items})</h2>{groups}{notes}<h2>Tables</h2>{tables}</main>
<script id="chohyo-data" type="application/json">{data}</script>
<script id="chohyo-tables" type="application/json">{table_data}</script>
<script>{script}</script>
</body></html>
"""

__all__ = ["DECISIONS_FORMAT", "layout_id", "review_page", "reviewed_at", "value_text", "write_review"]
