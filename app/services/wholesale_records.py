"""Domain records (frozen dataclasses) to the cache's JSON and back, without loss.

Decimals travel as text (every digit of a price), datetimes as ISO text with their offset, enums
by value. Reading back is driven by the dataclass's type hints, so a new optional field with a
default reads old cache rows without a migration.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Hashable
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


# Values JSON takes as they are. Exact types: an Enum that is also a str or an int is not here.
_AS_IS: frozenset[type] = frozenset({str, int, float, bool, type(None)})


def _plain(value: object) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    names = _field_names(cast(Hashable, kind))  # classes hash by identity
    if names is not None:
        # Most fields are plain already; not calling _plain for them halves the cost of a record.
        return {
            name: item if type(item := getattr(value, name)) in _AS_IS else _plain(item)
            for name in names
        }
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


@cache
def _field_names(kind: Any) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once per class: a full SKU pull writes thousands."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(field.name for field in dataclasses.fields(kind))


Build = Callable[[Any], Any]


def from_record(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild ``cls`` from :func:`to_record`'s output."""
    values: dict[str, Any] = {}
    for name, build, required in _plan(cast(Hashable, cls)):  # classes hash by identity
        if name in data:
            values[name] = build(data[name])
        elif required:
            raise RecordError(f"{cls.__name__} record has no {name}")
    return cls(**values)


@cache
def _plan(cls: Any) -> tuple[tuple[str, Build, bool], ...]:
    """(field, how to build it from JSON, required) per field, worked out once per class.

    Reading the type hints is slow; doing it per record made reading the cached catalog cost
    more than the records' JSON.
    """
    hints = typing.get_type_hints(cls)
    return tuple(
        (
            field.name,
            _builder(hints[field.name]),
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING,
        )
        for field in dataclasses.fields(cls)
    )


def _builder(hint: Any) -> Build:
    """A function from the stored JSON value to the field's value; None stays None."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return _builder(next(a for a in args if a is not type(None)))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _builder(args[0])
            return _or_none(lambda raw: tuple(each(item) for item in raw))
        parts = tuple(_builder(a) for a in args)
        return _or_none(
            lambda raw: tuple(build(item) for build, item in zip(parts, raw, strict=True))
        )
    if origin is dict:
        key, item = _builder(args[0]), _builder(args[1])
        return _or_none(lambda raw: {key(k): item(v) for k, v in raw.items()})
    if origin is list:
        each = _builder(args[0])
        return _or_none(lambda raw: [each(item) for item in raw])
    if hint in (bool, int, str):
        return _plain_or_none(hint)
    return _or_none(_scalar(hint))


def _or_none(build: Build) -> Build:
    def build_or_none(raw: Any) -> Any:
        return None if raw is None else build(raw)

    return build_or_none


def _plain_or_none(kind: type) -> Build:
    """For str, int and bool: a stored value of that very type is used as it is."""

    def build_or_none(raw: Any) -> Any:
        return raw if type(raw) is kind or raw is None else kind(raw)

    return build_or_none


def _scalar(hint: Any) -> Build:
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        nested: type[Any] = hint
        return lambda raw: from_record(nested, raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return cast(Build, hint)
    if hint is Decimal:
        return lambda raw: Decimal(str(raw))
    if hint is datetime:
        return lambda raw: datetime.fromisoformat(str(raw))
    return _same


def _same(raw: Any) -> Any:
    return raw
