"""和暦 dates, abbreviations, fiscal years and printed periods → ISO (rules.md §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from chohyo.japanese.kanji_numerals import parse_kanji_number
from chohyo.japanese.widths import fold_ascii, fold_digits
from chohyo.model import Document, Period, TextDate, TextRole

__all__ = [
    "ERAS",
    "DateResult",
    "FiscalYear",
    "find_period",
    "parse_date",
    "parse_fiscal_year",
    "parse_period",
    "text_dates",
]


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    abbr: str
    first: date  # first day of the era
    last: date | None  # last day, None for the current era

    @property
    def base(self) -> int:
        return self.first.year


ERAS = (
    Era("明治", "M", date(1868, 1, 25), date(1912, 7, 29)),
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)
_BY_KEY = {e.name: e for e in ERAS} | {e.abbr: e for e in ERAS} | {e.abbr.lower(): e for e in ERAS}
_BY_KEY |= {
    "㍾": _BY_KEY["明治"],
    "㍽": _BY_KEY["大正"],
    "㍼": _BY_KEY["昭和"],
    "㍻": _BY_KEY["平成"],
    "㋿": _BY_KEY["令和"],
}


@dataclass(frozen=True, slots=True)
class DateResult:
    text: str
    iso: str | None = None  # 2023-02-03, when the whole date is known and valid
    year: int | None = None  # 西暦 year, also for a blank form date (令和5年 月 日)
    blank: bool = False  # a form date with month/day left blank: flag it, never invent it
    error: str | None = None  # why a date-looking text is not a valid date

    @property
    def ok(self) -> bool:
        return self.iso is not None


@dataclass(frozen=True, slots=True)
class FiscalYear:
    year: int  # FY2015 starts 2015-04-01
    text: str = ""

    @property
    def start(self) -> str:
        return f"{self.year:04d}-04-01"

    @property
    def end(self) -> str:
        return f"{self.year + 1:04d}-03-31"


_NUM = r"(元|[0-9]{1,4}|[〇一二三四五六七八九十]{1,4})"
_ERA_KEYS = "明治|大正|昭和|平成|令和|㍾|㍽|㍼|㍻|㋿"
_S = r"[\s\u3000]*"
_KANJI_DATE = re.compile(
    rf"(?P<era>{_ERA_KEYS})?{_S}(?P<y>{_NUM}){_S}年{_S}(?:(?P<m>{_NUM}){_S}月{_S}(?:(?P<d>{_NUM}){_S}日)?|(?P<blank>月{_S}日))?"
)
_ABBR_DATE = re.compile(
    r"(?<![A-Za-z])(?P<era>[MTSHRmtshr])\s*(?P<y>元|\d{1,2})(?:[./\-](?P<m>\d{1,2})(?:[./\-](?P<d>\d{1,2}))?)?(?![0-9A-Za-z])"
)
_WESTERN = re.compile(r"(?<![0-9])(?P<y>\d{4})[./\-](?P<m>\d{1,2})[./\-](?P<d>\d{1,2})(?![0-9])")
_FISCAL = re.compile(rf"(?P<era>{_ERA_KEYS}|[MTSHR])?{_S}(?P<y>{_NUM}){_S}年{_S}度")


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    if s == "元":
        return 1
    s = fold_digits(s)
    return int(s) if s.isdigit() else parse_kanji_number(s)


def _era_year(era_key: str | None, n: int, text: str) -> tuple[int | None, str | None]:
    if era_key is None:
        return (n, None) if n >= 1000 else (None, "no era and not a 西暦 year")
    era = _BY_KEY[era_key]
    year = era.base + n - 1
    if n < 1:
        return None, f"{era.name} has no year {n}"
    if era.last is not None and year > era.last.year:
        return None, f"{era.name} ended in {era.last.year} ({era.name}{era.last.year - era.base + 1}年)"
    return year, None


def _make(
    text: str, era_key: str | None, y: int | None, m: int | None, d: int | None, blank: bool
) -> DateResult:
    if y is None:
        return DateResult(text, error="no year")
    year, err = _era_year(era_key, y, text)
    if err or year is None:
        return DateResult(text, error=err)
    if blank or m is None or d is None:
        return DateResult(text, year=year, blank=blank)
    try:
        day = date(year, m, d)
    except ValueError as e:
        return DateResult(text, year=year, error=str(e))
    if era_key is not None:
        era = _BY_KEY[era_key]
        if day < era.first or (era.last is not None and day > era.last):
            last = era.last.isoformat() if era.last else "today"
            return DateResult(text, year=year, error=f"{era.name} ran from {era.first.isoformat()} to {last}")
    return DateResult(text, iso=day.isoformat(), year=year)


def parse_date(text: str) -> DateResult | None:
    """The first date in ``text``: ``令和5年2月3日``, ``令和元年``, ``H27.4.1``, ``R5``, ``2023/2/3``.

    A blank form date (``令和5年 月 日``) keeps only its year (``blank=True``); an impossible one
    (``昭和64年1月8日``) comes back with ``error``. None when the text holds no date.
    """
    s = fold_ascii(text)  # full-width ASCII (Ｈ２７．４．１)
    m = _KANJI_DATE.search(s)
    if m and (m.group("era") or m.group("m") or len(m.group("y")) == 4):
        return _make(
            m.group(),
            m.group("era"),
            _num(m.group("y")),
            _num(m.group("m")),
            _num(m.group("d")),
            bool(m.group("blank")),
        )
    m = _WESTERN.search(s)
    if m:
        return _make(m.group(), None, int(m.group("y")), int(m.group("m")), int(m.group("d")), False)
    m = _ABBR_DATE.search(s)
    if m:
        return _make(
            m.group(),
            m.group("era").upper(),
            _num(m.group("y")),
            _num(m.group("m")),
            _num(m.group("d")),
            False,
        )
    return None


def text_dates(doc: Document) -> tuple[TextDate, ...]:
    """Every 和暦 date of the text blocks printed with its month (令和4年6月10日, 令和3年12月), in
    reading order, with its ISO form. A year alone (昭和22年法律第67号: a law's number) and a blank
    form date (令和5年 月 日) are no dates; one that cannot be (昭和64年2月1日) keeps its reason."""
    out = []
    for b in sorted(doc.text_blocks, key=lambda b: b.order):
        if b.role is TextRole.CAPTION:
            continue
        s = fold_ascii(b.text)
        for m in _KANJI_DATE.finditer(s):
            if not m.group("era") or not m.group("m") or m.group("blank"):
                continue
            r = _make(
                m.group(), m.group("era"), _num(m.group("y")), _num(m.group("m")), _num(m.group("d")), False
            )
            iso = r.iso or ""
            if not iso and r.year is not None and not r.error and not m.group("d"):
                month = _num(m.group("m")) or 0
                iso = f"{r.year:04d}-{month:02d}" if 1 <= month <= 12 else ""
            note = r.error or ("" if iso else "no such month")
            page = b.page_of(sum(not ch.isspace() for ch in s[m.start() :]))  # over a page break
            out.append(TextDate(page=page, text=m.group().rstrip(), iso=iso, block=b.order, note=note))
    return tuple(out)


def parse_fiscal_year(text: str) -> FiscalYear | None:
    """``平成27年度`` → FY2015 (2015-04-01 .. 2016-03-31); ``令和元年度`` and ``平成31年度`` → FY2019."""
    s = fold_ascii(text)
    m = _FISCAL.search(s)
    if not m:
        return None
    n = _num(m.group("y"))
    if n is None:
        return None
    era = m.group("era")
    if era is None:
        return FiscalYear(n, m.group()) if n >= 1000 else None
    era_obj = _BY_KEY[era]
    year = era_obj.base + n - 1
    # 平成31年度 is FY2019, which starts in 平成 and ends in 令和: allowed up to the era's last year.
    if era_obj.last is not None and year > era_obj.last.year:
        return None
    return FiscalYear(year, m.group())


_PERIOD_SPLITS = (re.compile(r"から|より|至|[〜～~]"), re.compile(r"\s[\-－―]\s|[－―]"))


def parse_period(text: str) -> Period | None:
    """``平成27年4月1日から平成28年3月31日まで`` (spaces allowed, also ``自 … 至 …``, ``…〜…``)."""
    s = text.strip()
    for split in _PERIOD_SPLITS:
        parts = split.split(s, maxsplit=1)
        if len(parts) == 2:
            break
    else:
        return None
    first = parse_date(parts[0].removeprefix("自"))
    second = parse_date(parts[1])
    if not (first and second and first.ok and second.ok):
        return None
    assert first.iso and second.iso
    if first.iso > second.iso:
        return None
    return Period(first.iso, second.iso, _label(s))


def _label(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def find_period(texts: list[str], titles: list[str] | None = None) -> Period | None:
    """The document's period: a printed start–end period in any text first, else a fiscal year
    (平成27年度) in a title. ``titles`` defaults to ``texts``; a fiscal year in running text
    (``令和4年度 調査・研究テーマ``) is a topic, not the document's period."""
    for t in texts:
        p = parse_period(t)
        if p:
            return p
    for t in texts if titles is None else titles:
        fy = parse_fiscal_year(t)
        if fy:
            return Period(fy.start, fy.end, fy.text)
    return None
