"""Tolerant readers for one Vroom JSON object: nulls allowed, wrong types become protocol errors."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx

from app.domain.money import MoneyFormatError, parse_optional_money
from app.vendors.errors import VendorError
from app.vendors.http.errors_map import protocol_error as http_protocol_error

VENDOR = "vroom"


def protocol_error(what: str, detail: str) -> VendorError:
    """The runtime's calm sentence for staff; what exactly was wrong goes to the log note."""
    return http_protocol_error(VENDOR, f"{what}: {detail}")


def parse_datetime(value: str) -> datetime:
    """An ISO-8601 moment, always timezone-aware.

    vroom-and-endless-aisles.md §A4: output time zones are not documented; a moment without an
    offset is taken as UTC.
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def parse_us_date(value: str) -> date:
    """§A3.8: ``estimated_deposit`` is MM/DD/YYYY, unlike every other date."""
    return datetime.strptime(value.strip(), "%m/%d/%Y").date()  # noqa: DTZ007 - a date only


class Row:
    """One object of a response; each reader returns None for a missing, null or blank field."""

    def __init__(self, raw: object, what: str) -> None:
        if not isinstance(raw, dict):
            raise protocol_error(what, f"expected an object, got {type(raw).__name__}")
        self.raw: dict[str, Any] = raw
        self.what = what

    def _get(self, key: str) -> Any:
        value = self.raw.get(key)
        return None if value == "" else value

    def _bad(self, key: str, kind: str) -> VendorError:
        return protocol_error(self.what, f"{key} is not {kind}")

    def text(self, key: str) -> str | None:
        value = self._get(key)
        if value is None:
            return None
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)  # site ids may come as numbers
        raise self._bad(key, "text")

    def required_text(self, key: str) -> str:
        value = self.text(key)
        if value is None:
            raise protocol_error(self.what, f"{key} is missing")
        return value

    def decimal(self, key: str) -> Decimal | None:
        value = self.raw.get(key)
        # The usual case: read_json parses floats as Decimal already.
        if type(value) is Decimal and value.is_finite():
            return value
        try:
            return parse_optional_money(self._get(key))
        except MoneyFormatError as exc:
            raise self._bad(key, "a number") from exc

    def integer(self, key: str) -> int | None:
        value = self._get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        if isinstance(value, float | Decimal) and value == int(value):
            return int(value)
        raise self._bad(key, "a whole number")

    def flag(self, key: str) -> bool | None:
        value = self._get(key)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if value in (0, 1):
            return bool(value)
        raise self._bad(key, "true or false")

    def moment(self, key: str) -> datetime | None:
        value = self._get(key)
        if value is None:
            return None
        try:
            return parse_datetime(value) if isinstance(value, str) else _raise()
        except ValueError as exc:
            raise self._bad(key, "a date and time") from exc

    def us_date(self, key: str) -> date | None:
        value = self._get(key)
        if value is None:
            return None
        try:
            return parse_us_date(value) if isinstance(value, str) else _raise()
        except ValueError as exc:
            raise self._bad(key, "a MM/DD/YYYY date") from exc

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self._bad(key, "a list")
        return tuple(str(v) for v in value if v is not None)


def _raise() -> Any:
    raise ValueError("not text")


def records(body: object, what: str) -> list[object]:
    """The list of records in a response.

    §A6.1: every example is empty; the headings say "Array of …", so a bare array is expected.
    A ``{"data": [...]}`` envelope is accepted too, since the doc never shows the body.
    """
    if isinstance(body, dict) and isinstance(body.get("data"), list):
        body = body["data"]
    if not isinstance(body, list):
        raise protocol_error(what, f"expected a list, got {type(body).__name__}")
    return body


def read_json(response: httpx.Response, what: str) -> Any:
    """The body as JSON with every non-integer number kept exact as a Decimal."""
    try:
        return json.loads(response.content, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as exc:
        raise protocol_error(what, "the answer is not JSON") from exc
