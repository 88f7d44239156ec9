"""Second readings of numbers (extract/ocr/read_cells.py): when the first engine is astray on a
table's print, and what RapidOCR's dotted numbers mean."""

from __future__ import annotations

from chohyo.extract.ocr.cell_text import rapid_number
from chohyo.extract.ocr.engines import Reading
from chohyo.extract.ocr.read_cells import _first_engine_astray


def _r(text: str) -> Reading:
    return Reading(text, (0.9,) * len(text))


def test_the_first_engine_is_astray_when_most_numbers_read_again_differ() -> None:
    """概算要求額総表: Tesseract dropped or merged condensed digits in 41 of the 45 numbers read again
    (56936 for 56,973,678); what it read with confidence (20056 for 290,056) is no surer."""
    first = {(r, 2): _r(t) for r, t in enumerate(["569368", "56936", "5696", "8529", "83529", "1255"])}
    second = {(2, 2): "56,973,678", (0, 2): "56,973,678", (1, 2): "56,973,678", (3, 2): "898,529"}
    second[(4, 2)] = "898,529"
    readings = {k: ((_r(second[k]) if k in second else first[k]), True, "x") for k in first}
    assert _first_engine_astray(first, readings, set(first))


def test_a_few_numbers_read_otherwise_are_the_doubt_doing_its_job() -> None:
    first = {(r, 1): _r(t) for r, t in enumerate(["1234", "5678", "910", "1112", "1314", "1516", "1718"])}
    changed = {(0, 1): "1284", (1, 1): "5578"}  # two of seven: a usual page
    readings = {k: ((_r(changed[k]) if k in changed else first[k]), True, "x") for k in first}
    assert not _first_engine_astray(first, readings, set(first))


def test_a_dot_before_the_last_three_digits_is_a_lost_comma() -> None:
    assert rapid_number("56973.678") == "56973,678"
    assert rapid_number("△56973.678") == "△56973,678"
    assert rapid_number("1.350.000") == "1,350,000"
    assert rapid_number("3.4") == "3.4" and rapid_number("10.00") == "10.00"
