"""Domain records (frozen dataclasses) to the cache's JSON and back, without loss.

Decimals travel as text (every digit of a price), datetimes as ISO text with their offset, enums
by value. Reading back is driven by the dataclass's type hints, so a new optional field with a
default reads old cache rows without a migration.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Hashable
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")


class RecordError(ValueError):
    """A cached record does not fit the record type (written by another version)."""


def to_record(obj: object) -> dict[str, Any]:
    """A dataclass instance as a JSON-able dict."""
    value = _plain(obj)
    if not isinstance(value, dict):
        raise TypeError(f"{type(obj).__name__} is not a dataclass")
    return value


def _plain(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def from_record(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild ``cls`` from :func:`to_record`'s output."""
    hints = _hints(cast(Hashable, cls))  # classes hash by identity
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.name in data:
            values[field.name] = _build(hints[field.name], data[field.name])
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise RecordError(f"{cls.__name__} record has no {field.name}")
    return cls(**values)


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, raw: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if raw is None:
            return None
        return _build(next(a for a in args if a is not type(None)), raw)
    if raw is None:
        return None
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in raw)
        return tuple(_build(a, item) for a, item in zip(args, raw, strict=True))
    if origin is dict:
        return {_build(args[0], k): _build(args[1], v) for k, v in raw.items()}
    if origin is list:
        return [_build(args[0], item) for item in raw]
    return _scalar(hint, raw)


def _scalar(hint: Any, raw: Any) -> Any:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_record(hint, raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(raw)
    if hint is Decimal:
        return Decimal(str(raw))
    if hint is datetime:
        return datetime.fromisoformat(str(raw))
    if hint is bool:
        return bool(raw)
    if hint is int:
        return int(raw)
    if hint is str:
        return str(raw)
    return raw
