"""What chohyo makes of one string (``chohyo normalize TEXT``), as plain data."""

from __future__ import annotations

from typing import Any

from chohyo.charmap import machine_readable
from chohyo.normalize.dates import parse_date, parse_fiscal_year, parse_period
from chohyo.normalize.hierarchy import numbering_rank
from chohyo.normalize.numbers import find_kanji_numbers, format_plain, parse_number
from chohyo.normalize.text import clean_label, split_numbering
from chohyo.normalize.units import find_unit, split_unit_suffix

__all__ = ["describe"]


def describe(text: str) -> dict[str, Any]:
    label = clean_label(text)
    token, _ = split_numbering(label.text)
    info: dict[str, Any] = {
        "input": text,
        "label": label.text,
        "transforms": ", ".join(label.transforms),
        "csv": machine_readable(label.text) if machine_readable(label.text) != label.text else "",
        "numbering": f"{token} (level {numbering_rank(token)})"
        if token and numbering_rank(token) is not None
        else "",
    }
    num = parse_number(text)
    if num.numeric:
        info["number"] = format_plain(num.value) if num.value is not None else None
        info["null_reason"] = str(num.null_reason) if num.null_reason else None
        info["candidates"] = ", ".join(num.candidates)
        info["number_transforms"] = ", ".join(num.transforms)
        info["problem"] = f"{num.problem}: {num.reason}" if num.problem else None
    kanji = find_kanji_numbers(text)
    if kanji:
        info["kanji_numerals"] = ", ".join(f"{run}={value}" for run, value in kanji)
    unit = find_unit(text) or split_unit_suffix(label.text)[1]
    if unit:
        info["unit"] = f"{unit.name} (scale {unit.scale})"
    period = parse_period(text)
    if period:
        info["period"] = f"{period.start} .. {period.end}"
    else:
        d = parse_date(text)
        if d is not None:
            info["date"] = d.iso or (
                f"year {d.year} only (blank form date)"
                if d.blank
                else f"year {d.year}"
                if d.year and not d.error
                else None
            )
            info["date_error"] = d.error
        fy = parse_fiscal_year(text)
        if fy:
            info["fiscal_year"] = f"FY{fy.year}: {fy.start} .. {fy.end}"
    return info
