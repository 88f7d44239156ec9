"""Sums of money and head counts in running text (``110,893千円``, ``約3億円``, ``12万3456円``,
``約130名``) as rows with their sentence, page and the 和暦 date or fiscal year printed beside them.

The number rules are the core's (``chohyo.japanese``): thousands separators in groups of three,
kanji numerals only with a digit in them (``十万円`` alone, ``数千円``, ``千円`` as a unit word are
not amounts) and never after 数/何/幾. A figure whose commas are not in groups of three is kept as
a row with no value and a note: it is never guessed. A figure read by OCR is confirmed when the
other engine read the same digits in the same line (the block's provenance names them,
``OCR_AGREED:31197129``): its provenance then carries ``OCR_AGREED``; otherwise its note says nothing
confirmed it (and the validate stage names it in an ``ocr-unconfirmed`` finding).
"""

from __future__ import annotations

import re
from decimal import Decimal

from chohyo.japanese.kanji_numerals import KANJI_DIGITS, parse_kanji_number
from chohyo.japanese.numbers import is_number_body
from chohyo.japanese.widths import fold_number
from chohyo.model import OCR_AGREED, Document, TextAmount, TextBlock, TextRole
from chohyo.normalize.dates import parse_date, parse_fiscal_year

__all__ = ["find_amounts", "text_amounts"]

_SCALES = {"千": 10**3, "万": 10**4, "億": 10**8, "兆": 10**12}
_RUN = r"[0-9〇一二三四五六七八九十百千万億兆][0-9,.〇一二三四五六七八九十百千万億兆]*"
# a space may stand before the unit (OCR, or a justified line: 31,197,129 円); 人口, 名称 are no counts
_UNIT = r"円|人(?![口件員数材事的間工形気権格物])|名(?![称簿義前目誉])"
_AMOUNT = re.compile(rf"(?P<about>約|およそ|概ね)?\s?(?P<run>{_RUN})\s?(?P<unit>{_UNIT})")
# not after a digit, a fraction bar (職員4 1/3名 is not 3名), nor 数/何/幾 (数千円 is no sum)
_NOT_BEFORE = set("0123456789,./／数何幾第") | set(KANJI_DIGITS) | set("十百千万億兆")
_SENTENCE = re.compile(r"[^。！？]*[。！？」）)]*")
_ARABIC = re.compile(r"[0-9][0-9,.]*")
_DECIMAL = re.compile(r"^([0-9]+\.[0-9]+)([千万億兆]?)$")
_SCALED = re.compile(r"^[0-9,.]+(百万|千|万|億)$")
_ROLES = (TextRole.PARAGRAPH, TextRole.LIST, TextRole.HEADING, TextRole.CAPTION)


def _value(run: str) -> tuple[Decimal | None, str]:
    """The run's value and, when it cannot be read, why."""
    for part in _ARABIC.findall(run):
        body = part.rstrip(",.")
        if body and not is_number_body(body):
            return None, f"{part} is not a number (separators not in groups of three)"
    m = _DECIMAL.match(run)
    if m:
        v = Decimal(m.group(1)) * _SCALES.get(m.group(2), 1)
        return (Decimal(int(v)) if v == v.to_integral_value() else v), ""
    if "." in run:
        return None, f"{run}: a decimal point inside a compound numeral"
    value = parse_kanji_number(run.replace(",", ""))
    return (Decimal(value), "") if value is not None else (None, f"{run} is not a numeral")


def _has_digit(run: str) -> bool:
    return any(ch.isdigit() or ch in KANJI_DIGITS for ch in run)


def _unit(run: str, suffix: str) -> str:
    """The unit as printed: 千円 in ``110,893千円``, 億円 in ``3億円``, 円 in ``12万3456円``."""
    m = _SCALED.match(run)
    return (m.group(1) if m else "") + suffix


def find_amounts(block: TextBlock) -> list[TextAmount]:
    out: list[TextAmount] = []
    ocr = block.provenance.read_by_ocr
    agreed = {t[len(OCR_AGREED) + 1 :] for t in block.provenance.transforms if t.startswith(OCR_AGREED + ":")}
    text = fold_number(block.text)
    # the count of non-space characters from each point to the end: a paragraph joined over a page
    # break has its later pages' amounts on those pages (TextBlock.page_of)
    rest = [0] * (len(text) + 1)
    for i in range(len(text) - 1, -1, -1):
        rest[i] = rest[i + 1] + (not text[i].isspace())
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group().strip()
        if not sentence:
            continue
        at = sm.start() + len(sm.group()) - len(sm.group().lstrip())  # the sentence's offset in text
        dates = parse_date(sentence)
        fiscal = parse_fiscal_year(sentence)
        for m in _AMOUNT.finditer(sentence):
            run = m.group("run").rstrip(",.")
            start = m.start("run")
            if (start > 0 and sentence[start - 1] in _NOT_BEFORE) or not _has_digit(run):
                continue
            if len(run) == 1 and run in KANJI_DIGITS:
                continue  # 一人, 二名: a word, not a count
            if set(run) <= {"〇", ","}:
                continue  # 〇〇円, 〇,〇〇〇円: a placeholder in a form, not zero
            value, note = _value(run)
            provenance = block.provenance
            if ocr and value is not None:
                figures = [f.rstrip(",.").replace(",", "") for f in _ARABIC.findall(run)]
                if figures and all(f in agreed for f in figures):
                    note = "read by OCR: two readings agree"
                    provenance = provenance.with_transforms(OCR_AGREED)
                else:
                    note = "read by OCR: not confirmed by a second reading"
            if start > 0 and sentence[start - 1] in "~〜～":
                note = "; ".join(x for x in (note, "the upper end of a range (1万~2万円)") if x)
            printed = (m.group("about") or "") + run + m.group("unit")
            out.append(
                TextAmount(
                    page=block.page_of(rest[at + m.start()]),
                    text=printed,
                    value=value,
                    unit=_unit(run, m.group("unit")),
                    sentence=sentence,
                    approximate=bool(m.group("about")),
                    date=dates.text if dates and (dates.iso or dates.year) else "",
                    date_iso=(dates.iso or "") if dates else "",
                    fiscal_year=fiscal.year if fiscal else None,
                    block=block.order,
                    note=note,
                    provenance=provenance,
                )
            )
    return out


def text_amounts(doc: Document) -> tuple[TextAmount, ...]:
    """Every amount in the document's text blocks, in reading order."""
    return tuple(a for b in doc.text_blocks if b.role in _ROLES for a in find_amounts(b))
