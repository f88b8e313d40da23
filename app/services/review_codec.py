"""Domain records to cache JSON and back, guided by the dataclasses' own type hints.

The daily review keeps what Vroom reported per day as domain objects; this turns them into plain
JSON (Decimal and dates as text, so no digit is lost) and rebuilds them exactly.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def encode(value: object) -> Any:
    """A dataclass (or list of them) as JSON-able data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | datetime | date):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    return value


Decoder = Callable[[Any], Any]


def decode(cls: type[T], data: Any) -> T:
    """Rebuild a ``cls`` from :func:`encode`'s output."""
    decoder = _decoder(typing.cast(Any, cls))
    return typing.cast(T, decoder(data))


@cache
def _decoder(hint: Any) -> Decoder:
    """A decoder per type, built once: a day holds thousands of records to rebuild."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _optional(_decoder(options[0]))
    if origin in (tuple, list):
        item = _decoder(typing.get_args(hint)[0])
        return _optional(lambda data: origin(item(v) for v in data))
    if origin is dict:
        value = _decoder(typing.get_args(hint)[1])
        return _optional(lambda data: {k: value(v) for k, v in data.items()})
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _optional(_record_decoder(hint))
    return _optional(_scalar(hint))


def _optional(inner: Decoder) -> Decoder:
    return lambda data: None if data is None else inner(data)


def _record_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls) if f.init}

    def build(data: Any) -> Any:
        return cls(**{k: fields[k](v) for k, v in data.items() if k in fields})

    return build


def _scalar(hint: Any) -> Decoder:
    if hint is Decimal:
        return lambda data: Decimal(str(data))
    if hint is datetime:
        return datetime.fromisoformat
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return typing.cast(Decoder, hint)
    return lambda data: data
