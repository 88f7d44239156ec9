"""A line over a block numbered (1), (2), … (n) on a scan: the numbering says the line is their sum
(地方債現在高調書: ``1 普通債`` over ``(1) 総務`` … ``(9) その他``; ``2 寄附`` over ``(1)``, ``(2)``).

Discovery from the values alone keeps a run that fails in one check line of ten; a dense scan
misreads more than that (4 of 9 columns on one such block, a digit each), and then the run is lost
with every failure it would have named. The numbering is evidence the misreads cannot touch: the
block is complete (numbered from 1 without a gap, the next line numbered otherwise) and its head is
numbered at another level. A born-digital table's figures are no misreads: there the values alone
decide, as before."""

from __future__ import annotations

import re

from chohyo.japanese.widths import fold_digits
from chohyo.validate.view import View

_ITEM = re.compile(r"^\s*[(（]\s*([0-9０-９]{1,2})\s*[)）]")
# a head numbered at another level: Ⅰ, 1 (a space), 1., 1、, ア (a space)
_HEAD = re.compile(r"^\s*(?:[\u2160-\u217f]|[0-9０-９]{1,2}(?:[.．、]|\s)|[ア-ン]\s)")


def _item(label: str) -> int | None:
    m = _ITEM.match(label)
    return int(fold_digits(m[1])) if m else None


def numbered_blocks(view: View) -> list[tuple[int, list[int]]]:
    """(head, items with values) for each head line with values right over a complete block of
    (1) … (n), n ≥ 2; only on a scanned table's rows."""
    if view.axis != "row" or not view.scanned:
        return []
    has = view.has_values
    labels = view.labels
    out = []
    for t in range(len(labels) - 2):
        if not has[t] or _item(labels[t]) is not None or not _HEAD.match(labels[t]):
            continue
        items, k = [], 1
        for m in range(t + 1, len(labels)):
            if _item(labels[m]) != k:
                break
            if has[m]:
                items.append(m)
            k += 1
        if k > 2 and len(items) >= 2:
            out.append((t, items))
    return out
