"""Yodify's wire conventions shared by every resource: lists, dates, numbers, the error body."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from app.domain.money import MoneyFormatError, parse_money

API = "/api/v1"
# yodify.md §2.1: "A maximum of 100 records can be requested at once."
MAX_LIMIT = 100

JsonObject = dict[str, Any]


class WireError(ValueError):
    """A value in Yodify's answer is not what the document says it is."""


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a list answer, whichever of the two shapes it came in (yodify.md §2.5)."""

    items: list[JsonObject]
    has_more: bool | None = None  # None: a bare array says nothing about what follows
    total_items: int | None = None

    def is_last(self, limit: int) -> bool:
        if self.has_more is not None:
            return not self.has_more
        return len(self.items) < limit


def read_list(body: object) -> ListPage:
    """Accept both list shapes: the ``{object: "list", data: [...]}`` envelope and a bare array.

    yodify.md §2.5: Brands, Carriers, Orders, Products and the global Shipments list are bare
    arrays; every other list is the envelope.
    """
    if isinstance(body, list):
        return ListPage(_objects(body))
    if isinstance(body, dict) and "data" in body:
        data = body.get("data") or []
        if not isinstance(data, list):
            raise WireError("the list's data is not an array")
        has_more = body.get("has_more")
        total = body.get("total_items")
        return ListPage(
            _objects(data),
            has_more if isinstance(has_more, bool) else None,
            _count(total),
        )
    raise WireError("expected a list or a list envelope")


def _count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return int(value)


def _objects(values: list[Any]) -> list[JsonObject]:
    return [value for value in values if isinstance(value, dict)]


def decode_json(content: bytes) -> Any:
    """JSON with every number that has a fraction read as Decimal, never float."""
    try:
        return json.loads(content, parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireError("the answer is not JSON") from exc


def parse_time(value: object) -> datetime | None:
    """ISO-8601 with or without fraction and ``Z``; the doc says every time is UTC (§5.7)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise WireError(f"not a date-time: {value!r}")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise WireError(f"not a date-time: {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def require_time(value: object) -> datetime:
    parsed = parse_time(value)
    if parsed is None:
        raise WireError("a required date-time is missing")
    return parsed


def format_time(moment: datetime) -> str:
    """``2020-12-01T08:00:00.000Z``, the form the document's examples use."""
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are not sent to vendors")
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def number(value: object, default: Decimal | None = None) -> Decimal:
    """An amount or a quantity (``double`` on the wire) as Decimal."""
    if value is None or value == "":
        if default is None:
            raise WireError("a required number is missing")
        return default
    try:
        return parse_money(value)
    except MoneyFormatError as exc:
        raise WireError(str(exc)) from exc


def optional_number(value: object) -> Decimal | None:
    return None if value is None or value == "" else number(value)


def wire_number(amount: Decimal) -> int | float:
    """A Decimal for a JSON body (the wire type is ``double``, §5.8).

    Amounts with up to 15 significant digits survive the float exactly: 12.99 is written 12.99.
    """
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def text(value: object) -> str:
    return "" if value is None else str(value)


def opt_int(value: object) -> int | None:
    if type(value) is int:  # the usual case, and hot in a full SKU pull: no text round trip
        return value
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(str(value))
    except (TypeError, ValueError) as exc:
        raise WireError(f"not an id: {value!r}") from exc


def req_int(value: object) -> int:
    parsed = opt_int(value)
    if parsed is None:
        raise WireError("a required id is missing")
    return parsed


def clamp_limit(limit: int) -> int:
    """Page sizes are 1..100 (§2.2); anything else is clamped rather than refused."""
    return max(1, min(MAX_LIMIT, int(limit)))


def response_json(response: httpx.Response) -> Any:
    return decode_json(response.content)
