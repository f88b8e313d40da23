"""``export customers``: every Posiflora customer with balance, group, orders and last order.

Posiflora is asked first (customers, bonus groups, recent orders); when it cannot be reached the
table holds what the cache had and a note says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain.customers import Customer
from app.domain.money import to_cents
from app.services.customers import BONUS_GROUPS, CUSTOMERS, to_customer
from app.services.exports import ReportRequest, ReportTable
from app.vendors.posiflora import wire
from app.vendors.posiflora.jsonapi import parse_resource

if TYPE_CHECKING:
    from app.services.runtime import Runtime

VENDOR = "posiflora"
ORDERS = "orders"
HEADERS = (
    "id",
    "name",
    "phone",
    "email",
    "bonus card",
    "balance",
    "points spent",
    "group",
    "orders count",
    "average check",
    "last order",
)


def money_text(amount: Decimal) -> str:
    return str(to_cents(amount))


async def refresh(runtime: Runtime) -> list[str]:
    """Fresh data where Posiflora answers; a note per resource that came from the cache."""
    notes: list[str] = []
    names = {s.name for s in runtime.scheduler.sources if s.vendor == VENDOR}
    for resource in (CUSTOMERS, BONUS_GROUPS, ORDERS):
        if resource not in names:
            continue
        result = await runtime.scheduler.refresh_now(resource)
        if result.error:
            notes.append(f"Posiflora {resource} are from the cache: {result.error}")
    return notes


def last_orders(orders: Mapping[str, Mapping[str, Any]]) -> dict[str, datetime]:
    """The latest order time per customer among the cached orders."""
    latest: dict[str, datetime] = {}
    for record in orders.values():
        order = parse_resource(dict(record))
        customer_id = order.related_id("customer")
        moment = wire.timestamp(order.attributes.get("createdAt"))
        if customer_id and moment and (customer_id not in latest or moment > latest[customer_id]):
            latest[customer_id] = moment
    return latest


def row(customer: Customer, group: str, last: datetime | None) -> list[str]:
    return [
        customer.id,
        customer.name,
        customer.display_phone,
        customer.email,
        customer.bonus_card,
        str(customer.current_points),
        str(customer.spent_points),
        group,
        str(customer.orders_count),
        money_text(customer.average_check),
        last.isoformat() if last else "",
    ]


async def build(runtime: Runtime, request: ReportRequest) -> ReportTable:
    """One row per customer, sorted by name; the request's dates and store do not apply."""
    if VENDOR not in runtime.links:
        return ReportTable(HEADERS, [], ["Posiflora is not connected: there are no customers."])
    notes = await refresh(runtime)
    customers = await runtime.cache.read(VENDOR, CUSTOMERS)
    groups = await runtime.cache.read(VENDOR, BONUS_GROUPS)
    titles = {
        gid: wire.bonus_group(parse_resource(dict(raw))).title
        for gid, raw in groups.records.items()
    }
    latest = last_orders((await runtime.cache.read(VENDOR, ORDERS)).records)
    people = sorted(
        (to_customer(raw) for raw in customers.records.values()),
        key=lambda c: (c.name.casefold(), c.id),
    )
    rows = [row(c, titles.get(c.bonus_group_id or "", ""), latest.get(c.id)) for c in people]
    return ReportTable(HEADERS, rows, notes)
