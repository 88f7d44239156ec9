"""A receipt's arithmetic, found by its labels (issue 15).

A receipt prints its items and then the lines that add them up, one to a line, in a column of
amounts (extract/ocr/receipt_lines.py makes it a table of 品目 | 金額). Its sums are not runs of
neighbouring lines the search finds (合計 = 小計 + 外税額 skips the 対象額 line between them; お釣り
is a difference no label marks as one), and with all items at ¥100 the search refuses a sum of
equal items. So in a receipt's table the lines are named by their labels and these identities
are checked, whatever the shop:

- 小計 = Σ the items above it − the discounts among them (値引, 割引: printed unsigned); 合計 =
  the same + tax when no 小計 is printed;
- 合計 = 小計 + the tax added (外税額, 10%税合計, 消費税: not in brackets, not 内税) − any discount
  (値引, 割引) after 小計, or 合計 = 小計 when no tax is added (a bracketed (消費税 等 ¥638) is the
  tax included, printed for information);
- 対象額 (the amount the tax is reckoned on) = 小計; 内消費税 (the tax included) = the tax added;
- お釣り = お預り − 合計; a card or cash payment (クレジット, お支払, 現計) = 合計.

Each is kept when all its lines hold amounts; one that fails is reported like any failing
relation, naming the cell (a misread amount, or a receipt that does not add up). Only tables read
as a receipt (their method ``RECEIPT_LINES``) are looked at: a budget's 小計 and 合計 never are.
"""

from __future__ import annotations

import re

from chohyo.model import ITEMS_UNREAD
from chohyo.validate.labels import bare
from chohyo.validate.view import View, is_receipt

# what each line of a receipt is, by its label (spaces and brackets gone; OCR's グ for ク kept)
# 小計, or a short name of a subtotal before 合計 (飲食計, TO小計 of a take-out)
_SUBTOTAL = re.compile(r"^小計|^(?!合|総|お?買上)\S{1,4}計$")
_TOTAL = re.compile(r"^(お?買上)?合計(?!点)|^総合計")
_TAX_IN = re.compile(r"^内.{0,2}税|内税")  # 内消費税, 内消費税等, 10%内税額: included, not added
_TAX_ADDED = re.compile(r"外税額|税合計|^消費税|税額")
_BRACKETED = re.compile(r"^\s*[(（]")  # (内消費税等 ¥30), (消費税 等 ¥638): a note of what is included
_BASE = re.compile(r"対象")  # 外税10%対象額, 10%税対象額, 8%対象
_DISCOUNT = re.compile(r"値引|割引")
_TENDERED = re.compile(r"^お?預")
_CHANGE = re.compile(r"^お?釣|^おつり")
_PAID = re.compile(r"^[クグ]レジット|^お?支払|^現計|^電子マネー")
_NOT_ITEM = (_SUBTOTAL, _TOTAL, _TAX_IN, _TAX_ADDED, _BASE, _DISCOUNT, _TENDERED, _CHANGE, _PAID)
_BRACKETS = str.maketrans("", "", "()（）[]「」")

Identity = tuple[str, int, tuple[tuple[int, int], ...], tuple[str, ...]]


def receipt_identities(view: View) -> list[Identity]:
    """``(kind, target, ((line, sign), ...), names)`` of a receipt table's row view (line
    positions in ``view``), each with every line holding an amount; [] for any other table."""
    if view.axis != "row" or not is_receipt(view.num.table):
        return []
    labels = [bare(lab).translate(_BRACKETS) for lab in view.labels]
    has = view.has_values

    def lines(pattern: re.Pattern[str], after: int = -1) -> list[int]:
        return [i for i, lab in enumerate(labels) if i > after and has[i] and pattern.search(lab)]

    def first(pattern: re.Pattern[str], after: int = -1) -> int | None:
        return next(iter(lines(pattern, after)), None)

    sub, total = first(_SUBTOTAL), first(_TOTAL)
    end = sub if sub is not None else total
    items = [
        i
        for i in range(end if end is not None else 0)
        if has[i] and not any(p.search(labels[i]) for p in _NOT_ITEM)
    ]
    # a discount printed under its item (値引 ¥50) is taken off: its amount is printed unsigned
    off = [i for i in range(end if end is not None else 0) if has[i] and _DISCOUNT.search(labels[i])]
    start = sub if sub is not None else -1
    added = [  # printed between 小計 and 合計 (a 消費税等 under the change is the tax included)
        i
        for i, lab in enumerate(labels)
        if start < i < (total if total is not None else len(labels))
        and has[i]
        and _TAX_ADDED.search(lab)
        and not _TAX_IN.search(lab)
    ]
    tax = next((i for i in added if not _BRACKETED.match(view.labels[i])), None)
    discounts = (
        [i for i in range(start + 1, total or 0) if has[i] and _DISCOUNT.search(labels[i])]
        if sub is not None
        else []
    )
    out: list[Identity] = []
    terms_of_items = tuple(sorted([(i, 1) for i in items] + [(i, -1) for i in off]))
    if sub is not None and items and not _items_unread(view, sub):
        out.append(("sum", sub, terms_of_items, ()))
    if total is not None and (sub is not None or not _items_unread(view, total)):
        base = [(sub, 1)] if sub is not None else list(terms_of_items)
        terms = [*base, *([(tax, 1)] if tax is not None else []), *((i, -1) for i in discounts)]
        if terms:
            out.append(("sum", total, tuple(terms), ()))
    bases = lines(_BASE, start)
    if sub is not None and len(bases) == 1:  # two rates' bases share the 小計: neither is it
        out.append(("sum", bases[0], ((sub, 1),), ()))
    tax_in = first(_TAX_IN, start)
    if tax_in is not None and tax is not None:
        out.append(("sum", tax_in, ((tax, 1),), ()))
    tendered, change = first(_TENDERED), first(_CHANGE)
    if tendered is not None and change is not None and total is not None:
        out.append(("difference", change, ((tendered, 1), (total, -1)), ()))
    paid = first(_PAID, total if total is not None else -1)
    if paid is not None and total is not None:
        out.append(("sum", paid, ((total, 1),), ()))
    seen: set[int] = set()
    kept = []
    for identity in out:  # one relation per target line
        if identity[1] not in seen:
            seen.add(identity[1])
            kept.append(identity)
    return kept


def _items_unread(view: View, line: int) -> bool:
    """A line with an amount above this one made no row (extract marks its cells ITEMS_UNREAD):
    the items above it are not all in the table, and their sum would fail for want of them."""
    row = view.lines[line]
    return any(ITEMS_UNREAD in c.provenance.transforms for c in view.num.table.cells if c.row == row)
