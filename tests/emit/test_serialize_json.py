"""The model's serializer (fast, generated per class) against a plain recursive reference."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from enum import Enum
from pathlib import Path, PurePosixPath

import pytest
from chohyo.model import Cell, CellKind, Document
from chohyo.pipeline import run
from chohyo.serialize import from_json, to_json
from chohyo.settings import Settings
from emit_docs import budget_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _reference(obj: object) -> object:
    """The rules, written the slow obvious way."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _reference(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal | PurePosixPath):
        return str(obj)
    if isinstance(obj, tuple | list):
        return [_reference(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _reference(v) for k, v in obj.items()}
    return obj


def document_json(obj: object) -> str:
    return to_json(obj, indent=None)


def _reference_json(obj: object) -> str:
    return json.dumps(_reference(obj), ensure_ascii=False)


def test_same_text_as_to_json_on_a_hand_built_document(doc: Document) -> None:
    assert document_json(doc) == _reference_json(doc)
    assert from_json(document_json(doc)) == doc


@pytest.mark.parametrize("case", ["budget_ruled", "council_text", "variants/continued_3p"])
def test_same_text_as_to_json_on_fixtures(case: str) -> None:
    doc = run(FIXTURES / f"{case}.pdf", Settings().with_(extract={"ocr": "never"}))
    assert document_json(doc) == _reference_json(doc)


class _Colour(Enum):
    RED = "red"


_PATH = PurePosixPath("a/b.pdf")
_CELL = Cell(0, 1, "△1,000", kind=CellKind.NUMBER, value=Decimal(-1000), char_confidences=(0.5, 1.0))


@dataclasses.dataclass(frozen=True)
class _Odd:
    """Values the model may hold one day: each must come out as to_jsonable writes it."""

    decimal: Decimal = Decimal("-1.50")
    enum: _Colour = _Colour.RED
    str_enum: CellKind = CellKind.NUMBER
    path: PurePosixPath = _PATH
    mapping: dict = dataclasses.field(default_factory=lambda: {1: (Decimal(2), None), "k": [True, 1.5]})
    nested: tuple = ((1, "x"), ())
    float_like: float = float("inf")
    cell: Cell = _CELL


class _Str(str):
    pass


def test_same_text_for_every_kind_of_value() -> None:
    odd = _Odd()
    assert document_json(odd) == _reference_json(odd)
    for value in [_Str("x"), None, 3, [odd, {"a": odd}], (Decimal("1E+3"),)]:
        assert document_json(value) == _reference_json(value)
    assert json.loads(document_json(budget_document()))["source"] == budget_document().source
