"""JSON round trip for the data model: ``to_json(doc)`` and ``from_json(text)``.

Decimals are written as strings (no float rounding), enums as their values, tuples as lists.
Reading rebuilds the exact dataclasses from their type hints.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import PurePath
from typing import Any, TypeVar

from chohyo import model

T = TypeVar("T")


_SCALARS = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_jsonable(obj: Any) -> Any:
    # Hot path (a book has ~10^6 objects): scalars first, field names cached per class.
    if isinstance(obj, _SCALARS) and not isinstance(obj, Enum):
        return obj
    cls = type(obj)
    if dataclasses.is_dataclass(cls):
        return {name: to_jsonable(getattr(obj, name)) for name in _field_names(cls)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, tuple | list):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    return obj


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def from_jsonable(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_jsonable(members[0], data) if len(members) == 1 else data
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], x) for x in data)
        return tuple(from_jsonable(a, x) for a, x in zip(args, data, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: from_jsonable(hints[f.name], data[f.name]) for f in dataclasses.fields(tp) if f.name in data}
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if tp is Decimal:
        return Decimal(data)
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def to_json(obj: Any, *, indent: int | None = 1) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=indent)


def from_json(text: str, cls: type[T] = model.Document) -> T:  # type: ignore[assignment]
    return typing.cast(T, from_jsonable(cls, json.loads(text)))
