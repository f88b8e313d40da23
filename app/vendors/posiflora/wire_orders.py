"""Posiflora orders, stores and store stats on the wire (posiflora.md §5.5, §5.7)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from app.domain.flower_orders import FlowerOrder, Store, StoreStats
from app.vendors.posiflora.jsonapi import Resource
from app.vendors.posiflora.wire import day, money, optional_int, points, text, timestamp

_ADDRESS_PARTS = ("deliveryCity", "deliveryStreet", "deliveryHouse", "deliveryBuilding")


def _address(a: Mapping[str, Any]) -> str:
    parts = [text(a, key).strip() for key in _ADDRESS_PARTS]
    apartment = text(a, "deliveryApartment").strip()
    if apartment:
        parts.append(f"apt. {apartment}")
    return ", ".join(part for part in parts if part)


def order(resource: Resource) -> FlowerOrder:
    """An ``orders`` resource; an unknown status is kept as sent."""
    a = resource.attributes
    return FlowerOrder(
        id=resource.id,
        doc_no=text(a, "docNo"),
        status=text(a, "status"),
        date=day(a.get("date")),
        total_amount=money(a.get("totalAmount")),
        payments_amount=money(a.get("paymentsAmount")),
        delivery=bool(a.get("delivery")),
        due_time=timestamp(a.get("dueTime")),
        delivery_time_from=timestamp(a.get("deliveryTimeFrom")),
        delivery_time_to=timestamp(a.get("deliveryTimeTo")),
        delivery_status=a.get("deliveryStatus") or None,
        delivery_address=_address(a),
        delivery_contact=text(a, "deliveryContact"),
        description=text(a, "description"),
        by_bonuses=bool(a.get("byBonuses")),
        posted=bool(a.get("posted")),
        customer_id=resource.related_id("customer"),
        store_id=resource.related_id("store"),
        is_external=bool(a.get("isExternal")),
        created_at=timestamp(a.get("createdAt")),
        updated_at=timestamp(a.get("updatedAt")),
        revision=optional_int(a.get("revision")),
    )


def store(resource: Resource) -> Store:
    a = resource.attributes
    return Store(
        id=resource.id,
        title=text(a, "title"),
        city=text(a, "addressCity"),
        address=text(a, "address"),
        external_link_id=text(a, "externalLinkId"),
        timezone_id=resource.related_id("timezone"),
        revision=optional_int(a.get("revision")),
    )


def store_stats(
    resource: Resource, meta: Mapping[str, Any], store_id: str | None = None
) -> StoreStats:
    """``store-stats``: every figure is a number on the wire, read as Decimal."""
    a = resource.attributes
    changes: dict[str, Decimal] = {
        key[: -len("Prev")]: money(value)
        for key, value in a.items()
        if key.endswith("Prev") and value is not None
    }
    return StoreStats(
        revenue=money(a.get("revenue")),
        payments_revenue=money(a.get("paymentsRevenue")),
        profit=money(a.get("profit")),
        marginality=money(a.get("marginality")),
        orders_count=points(a.get("ordersQty")),
        average_order=money(a.get("avgOrderSum")),
        returned_count=points(a.get("ordersReturnedQty")),
        returned_amount=money(a.get("ordersReturnedAmount")),
        discount_amount=money(a.get("discountAmount")),
        bonuses_accrued=money(a.get("bonusesAccrued")),
        bonuses_spent=money(a.get("bonusesSpent")),
        cashbox_amount=money(a.get("cashboxAmount")),
        calculated_at=timestamp(meta.get("calculatedAt")),
        store_id=store_id,
        changes=changes,
    )
