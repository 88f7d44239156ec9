"""JSON round trip for the data model: ``to_json(doc)`` and ``from_json(text)``.

Decimals are written as strings (no float rounding), enums as their values, tuples as lists.
Reading rebuilds the exact dataclasses from their type hints.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import PurePath
from typing import Any, TypeVar

from chohyo import model

T = TypeVar("T")


_SCALARS = (str, int, float, bool, type(None))
_PLAIN = frozenset(_SCALARS)  # exact types returned as they are (a subclass goes through ``_convert``)
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def _convert(obj: Any) -> Any:
    conv = _CONVERTERS.get(type(obj))
    if conv is None:
        conv = _CONVERTERS[type(obj)] = _converter(type(obj))
    return conv(obj)


def _same(obj: Any) -> Any:
    return obj


def _enum_value(obj: Any) -> Any:
    return obj.value


def _sequence(obj: Any) -> list[Any]:
    return [x if type(x) in _PLAIN else _convert(x) for x in obj]


def _mapping(obj: dict[Any, Any]) -> dict[str, Any]:
    return {str(k): _convert(v) for k, v in obj.items()}


def _converter(cls: type) -> Callable[[Any], Any]:
    """The converter for one type, by ``to_jsonable``'s rules in its order."""
    if issubclass(cls, _SCALARS) and not issubclass(cls, Enum):
        return _same
    if dataclasses.is_dataclass(cls):
        return _dataclass_converter(cls)
    if issubclass(cls, Enum):
        return _enum_value
    if issubclass(cls, Decimal | PurePath):
        return str
    if issubclass(cls, tuple | list):
        return _sequence
    if issubclass(cls, dict):
        return _mapping
    return _same


def _dataclass_converter(cls: type) -> Callable[[Any], Any]:
    names = [f.name for f in dataclasses.fields(cls)]
    reads = "".join(f"    v{i} = o.{n}\n" for i, n in enumerate(names))
    items = ", ".join(f"{n!r}: v{i} if type(v{i}) in P else C(v{i})" for i, n in enumerate(names))
    src = f"def convert(o, P=P, C=C, type=type):\n{reads}    return {{{items}}}\n"
    scope: dict[str, Any] = {"P": _PLAIN, "C": _convert}
    exec(compile(src, f"<docjson {cls.__name__}>", "exec"), scope)  # names are the model's own field names
    return scope["convert"]  # type: ignore[no-any-return]


def to_jsonable(obj: Any) -> Any:
    """Plain JSON values: Decimal and paths as strings, enums as values, tuples as lists.

    A book holds ~10^6 values: each dataclass gets one generated reader of its fields, and every
    other type a converter chosen once.
    """
    return obj if type(obj) in _PLAIN else _convert(obj)


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
        kwargs = {
            f.name: from_jsonable(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if tp is Decimal:
        return Decimal(data)
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def to_json(obj: Any, *, indent: int | None = 1) -> str:
    # every list and dict is built fresh from a frozen, acyclic model: no cycle to look for
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=indent, check_circular=False)


def from_json(text: str, cls: type[T] = model.Document) -> T:  # type: ignore[assignment]
    return typing.cast(T, from_jsonable(cls, json.loads(text)))
