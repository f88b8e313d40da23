"""Posiflora orders, stores and store stats (posiflora.md §4 Orders and Stores APIs, §5.5, §5.7)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain.flower_orders import DeliveryStatus, FlowerOrder, Store, StoreStats
from app.vendors.posiflora import wire_orders
from app.vendors.posiflora.base import PosifloraApi, segment
from app.vendors.posiflora.jsonapi import resource_body
from app.vendors.posiflora.order_lines import LINE_INCLUDES, OrderWithLines, lines_of
from app.vendors.posiflora.queries import OrderFilters, add, stats_params


@dataclass(frozen=True, slots=True)
class OrderList:
    """Orders with the list's status counters (strings on the wire, posiflora.md §5.5)."""

    orders: tuple[FlowerOrder, ...]
    status_counts: dict[str, int] = field(default_factory=dict)
    total: int | None = None


def _counts(meta: dict[str, Any]) -> dict[str, int]:
    raw = meta.get("statuses")
    if not isinstance(raw, dict):
        return {}
    counts: dict[str, int] = {}
    for key, value in raw.items():
        try:
            counts[str(key)] = int(str(value))
        except ValueError:
            continue
    return counts


class PosifloraOrders(PosifloraApi):
    """Orders and stores."""

    async def orders(self, filters: OrderFilters | None = None) -> OrderList:
        """``GET /v1/orders`` with the documented filters, every page."""
        filters = filters or OrderFilters()
        found: dict[str, FlowerOrder] = {}
        counts: dict[str, int] = {}
        total: int | None = None
        async for document, info in self.pages("/v1/orders", filters.params()):
            counts = counts or _counts(dict(document.meta))
            total = info.total if total is None else total
            for item in document.many():
                found[item.id] = wire_orders.order(item)
        return OrderList(tuple(found.values()), counts, total)

    async def todays_orders(
        self,
        start: datetime,
        end: datetime,
        *,
        statuses: Sequence[str] = (),
        store_ids: Sequence[str] = (),
    ) -> list[FlowerOrder]:
        """Orders due between ``start`` and ``end`` plus orders taken in that span.

        There is no filter on the order's calendar ``date`` (posiflora.md §4.2), so "today" is
        asked twice: by ``filter[dueTime]`` and by ``filter[createdAt]``.
        """
        due = OrderFilters(statuses=statuses, store_ids=store_ids, due_from=start, due_to=end)
        taken = OrderFilters(
            statuses=statuses, store_ids=store_ids, created_from=start, created_to=end
        )
        merged: dict[str, FlowerOrder] = {}
        for filters in (due, taken):
            for item in (await self.orders(filters)).orders:
                merged[item.id] = item
        return sorted(merged.values(), key=_due_order)

    async def order(self, order_id: str) -> FlowerOrder:
        """``GET /v1/orders/{id}``; an unknown id answers 400, not 404 (posiflora.md §7)."""
        document = await self.get(f"/v1/orders/{segment(order_id)}")
        return wire_orders.order(document.one())

    async def order_with_lines(self, order_id: str) -> OrderWithLines:
        """The order with its lines included (undocumented ``include``, see ``order_lines``)."""
        document = await self.get(f"/v1/orders/{segment(order_id)}", [("include", LINE_INCLUDES)])
        resource = document.one()
        return OrderWithLines(wire_orders.order(resource), lines_of(resource, document))

    async def set_delivery_status(self, order_id: str, status: DeliveryStatus) -> FlowerOrder:
        """``PATCH /v1/orders/{id}/delivery-status``; absolute, so safe to send again."""
        body = resource_body(
            "orders-delivery-status", {"deliveryStatus": status.value}, ident=order_id
        )
        document = await self.patch(
            f"/v1/orders/{segment(order_id)}/delivery-status", body, retry=True
        )
        return wire_orders.order(document.one())

    async def stores(self, search: str | None = None) -> list[Store]:
        """``GET /v1/stores`` (``meta.page.size`` is null: one page holds them all)."""
        params: list[tuple[str, str]] = []
        add(params, "search", search)
        found: list[Store] = []
        async for document, _ in self.pages("/v1/stores", params):
            found.extend(wire_orders.store(item) for item in document.many())
        return found

    async def store(self, store_id: str) -> Store:
        document = await self.get(f"/v1/stores/{segment(store_id)}")
        return wire_orders.store(document.one())

    async def store_stats(
        self,
        store_id: str | None = None,
        range_: str = "day",
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> StoreStats:
        """One store's general stats, or the network's when ``store_id`` is None."""
        params = stats_params(range_, start, end)
        if store_id is None:
            path = "/v1/stats/stores/general"
        else:
            path = f"/v1/stores/{segment(store_id)}/stats"
        document = await self.get(path, params)
        return wire_orders.store_stats(document.one(), dict(document.meta), store_id)


def _due_order(order: FlowerOrder) -> tuple[float, str]:
    moment = order.due_time or order.delivery_time_from or order.created_at
    return (moment.timestamp() if moment else float("inf"), order.doc_no)
