"""The review's charts as plain numbers: orders and sales split by hour, store, type, channel.

Canceled orders are left out of every sales split (the sale did not happen) and counted on their
own, by reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal

from app.domain.money import ZERO
from app.domain.orders import Order

UNKNOWN = "Not given"


@dataclass(frozen=True)
class Bucket:
    """One bar of a chart: how many orders and how much gross sales."""

    label: str
    orders: int = 0
    sales: Decimal = ZERO
    key: str = ""


def _gross(order: Order) -> Decimal:
    return order.totals.total if order.totals.total is not None else ZERO


def _split(orders: Iterable[Order], key: Callable[[Order], str]) -> dict[str, Bucket]:
    counts: dict[str, int] = defaultdict(int)
    sales: dict[str, Decimal] = defaultdict(Decimal)
    for order in orders:
        if order.canceled:
            continue
        k = key(order)
        counts[k] += 1
        sales[k] += _gross(order)
    return {k: Bucket(k, counts[k], sales[k], k) for k in counts}


def _ranked(buckets: Mapping[str, Bucket]) -> list[Bucket]:
    return sorted(buckets.values(), key=lambda b: (-b.sales, -b.orders, b.label))


def by_hour(orders: Iterable[Order], zone: tzinfo) -> list[Bucket]:
    """Twenty-four buckets, 00 to 23, by the hour the order was placed in the shop's zone."""
    found = _split(
        (o for o in orders if o.placed_at is not None),
        lambda o: f"{o.placed_at.astimezone(zone).hour:02d}" if o.placed_at else "",
    )
    return [found.get(f"{h:02d}", Bucket(f"{h:02d}", key=f"{h:02d}")) for h in range(24)]


def by_store(orders: Iterable[Order], names: Mapping[str, str] | None = None) -> list[Bucket]:
    """Stores by sales, highest first, labelled with their names where known."""
    names = names or {}
    found = _split(orders, lambda o: o.store_id)
    return _ranked({k: Bucket(names.get(k, k), b.orders, b.sales, k) for k, b in found.items()})


def by_order_type(orders: Iterable[Order]) -> list[Bucket]:
    return _ranked(_split(orders, lambda o: o.order_type or UNKNOWN))


def by_sales_channel(orders: Iterable[Order]) -> list[Bucket]:
    return _ranked(_split(orders, lambda o: o.sales_channel or UNKNOWN))


@dataclass(frozen=True)
class CancellationReason:
    reason: str
    count: int
    value: Decimal


def cancellations_by_reason(orders: Iterable[Order]) -> list[CancellationReason]:
    """Canceled orders by the reason the store gave, most frequent first."""
    counts: dict[str, int] = defaultdict(int)
    value: dict[str, Decimal] = defaultdict(Decimal)
    for order in orders:
        if order.canceled:
            reason = (order.cancelation_reason or "").strip() or UNKNOWN
            counts[reason] += 1
            value[reason] += _gross(order)
    rows = [CancellationReason(r, counts[r], value[r]) for r in counts]
    return sorted(rows, key=lambda r: (-r.count, r.reason))
