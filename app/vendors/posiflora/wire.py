"""Posiflora's wire shapes mapped to domain objects (posiflora.md §5, §6.3, §6.4)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.bonuses import BonusGroup
from app.domain.customers import BonusHistoryEntry, Customer, CustomerStatsPoint, DiscountGroup
from app.domain.money import ZERO, MoneyFormatError, parse_money
from app.vendors.errors import VendorProtocolError
from app.vendors.posiflora.jsonapi import VENDOR, Resource


def _bad(what: str, value: object) -> VendorProtocolError:
    return VendorProtocolError(VENDOR, f"Posiflora sent {what} we could not read: {value!r}.")


def money(value: object) -> Decimal:
    """Money from an int, a float or a decimal string; null is zero (posiflora.md §6.4)."""
    if value is None or value == "":
        return ZERO
    try:
        return parse_money(value)
    except MoneyFormatError as exc:
        raise _bad("an amount", value) from exc


def points(value: object) -> int:
    """Points are whole numbers; tolerate ``"120"`` and ``120.0`` on the wire."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise _bad("points", value)
    amount = money(value)
    if amount != amount.to_integral_value():
        raise _bad("points", value)
    return int(amount)


def timestamp(value: object) -> datetime | None:
    """A date-time with ``Z``, an offset, no zone (taken as UTC) or a space (posiflora.md §6.3)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _bad("a date", value)
    text = value.strip().replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise _bad("a date", value) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def day(value: object) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _bad("a date", value)
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise _bad("a date", value) from exc


def text(attrs: Mapping[str, Any], key: str) -> str:
    value = attrs.get(key)
    return "" if value is None else str(value)


def optional_int(value: object) -> int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    return points(value)


def customer(resource: Resource) -> Customer:
    """A ``customers`` resource; the bonus group id is kept whatever type name it carries."""
    a = resource.attributes
    return Customer(
        id=resource.id,
        name=text(a, "title"),
        phone=text(a, "phone"),
        country_code=optional_int(a.get("countryCode")),
        email=text(a, "email"),
        bonus_card=text(a, "bonusCard"),
        current_points=points(a.get("currentPoints")),
        spent_points=points(a.get("spentPoints")),
        bonus_group_id=resource.related_id("bonusGroup"),
        discount_group_ids=resource.related_ids("discountGroups"),
        orders_count=points(a.get("ordersQty")),
        orders_amount=money(a.get("ordersAmount")),
        average_check=money(a.get("averageCheck")),
        notes=text(a, "notes"),
        status=text(a, "status") or "on",
        birthday=day(a.get("birthday")),
        gender=a.get("gender") or None,
        updated_at=timestamp(a.get("updatedAt")),
        revision=optional_int(a.get("revision")),
    )


def bonus_group(resource: Resource) -> BonusGroup:
    a = resource.attributes
    return BonusGroup(
        id=resource.id,
        title=text(a, "title"),
        bonus_rate=points(a.get("bonusRate")),
        limit=points(a.get("limit")),
        entry_amount=money(a.get("entryAmount")),
        status=text(a, "status") or "on",
        private=bool(a.get("private")),
        valid_from=timestamp(a.get("validFrom")),
        valid_to=timestamp(a.get("validTo")),
        activate_on_entry=bool(a.get("activateOnEntry")),
        updated_at=timestamp(a.get("updatedAt")),
    )


def discount_group(resource: Resource) -> DiscountGroup:
    a = resource.attributes
    return DiscountGroup(
        id=resource.id,
        title=text(a, "title"),
        discount=points(a.get("discount")),
        entry_amount=money(a.get("entryAmount")),
        status=text(a, "status") or "on",
        private=bool(a.get("private")),
        valid_from=timestamp(a.get("validFrom")),
        valid_to=timestamp(a.get("validTo")),
    )


def history_entry(resource: Resource) -> BonusHistoryEntry:
    """posiflora.md §5.1: ``createdAt`` is declared a date but sent as a date-time."""
    a = resource.attributes
    return BonusHistoryEntry(
        id=resource.id,
        amount=points(a.get("amount")),
        admin=bool(a.get("admin")),
        created_at=timestamp(a.get("createdAt")),
        order_id=resource.related_id("order"),
    )


def customer_stats_point(resource: Resource) -> CustomerStatsPoint:
    a = resource.attributes
    start = day(a.get("date"))
    if start is None:
        raise _bad("a stats period", a.get("date"))
    return CustomerStatsPoint(start, money(a.get("amount")))
