"""Trade orders and their shipments: list, poll for new ones, confirm, cancel, ship."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.wholesale import Shipment, TradeOrder, TradeOrderStatus
from app.vendors.yodify.base import Params, YodifyBase
from app.vendors.yodify.orders_wire import (
    cancel_body,
    confirm_body,
    order_from_wire,
    shipment_body,
    shipment_from_wire,
)
from app.vendors.yodify.wire import MAX_LIMIT, JsonObject, WireError, clamp_limit, format_time

# yodify.md §2.5: children come as ``{}`` placeholders unless expanded; the board needs them.
ORDER_EXPAND = ("customer", "items", "shipments")
_MAX_POLL_PAGES = 500


@dataclass(frozen=True, slots=True)
class NewOrders:
    """Orders that arrived after the last poll, oldest first, and the cursor for the next one."""

    orders: list[TradeOrder]
    cursor: int | None


def order_params(
    statuses: Iterable[TradeOrderStatus | str] = (),
    created_from: datetime | None = None,
    created_to: datetime | None = None,
    since_id: int | None = None,
) -> Params:
    """Query for ``GET /api/v1/Orders``; arrays as repeated keys (ASP.NET binding, §2.2)."""
    params: Params = [("Expand", name) for name in ORDER_EXPAND]
    for status in statuses:
        name = status.value if isinstance(status, TradeOrderStatus) else status
        params.append(("Statuses", name))
    if created_from is not None:
        params.append(("CreatedOnMin", format_time(created_from)))
    if created_to is not None:
        params.append(("CreatedOnMax", format_time(created_to)))
    if since_id is not None:
        params.append(("SinceId", since_id))
    return params


class OrdersApi(YodifyBase):
    """``/api/v1/Orders`` and ``/api/v1/orders/{orderId}/shipments`` (lower case, §1.2)."""

    def _orders(self, raw: list[JsonObject]) -> list[TradeOrder]:
        try:
            return [order_from_wire(item) for item in raw]
        except WireError as error:
            raise self.http.protocol_error(f"order: {error}") from error

    def _order(self, raw: object) -> TradeOrder:
        if not isinstance(raw, dict):
            raise self.http.protocol_error("order: expected an object")
        return self._orders([raw])[0]

    async def list_orders(
        self,
        *,
        statuses: Iterable[TradeOrderStatus | str] = (),
        created_from: datetime | None = None,
        created_to: datetime | None = None,
        page: int = 1,
        limit: int = MAX_LIMIT,
    ) -> list[TradeOrder]:
        """One page of orders (a bare array on the wire, §2.5); ``limit`` is clamped to 100."""
        params = order_params(statuses, created_from, created_to)
        found = await self._page("/Orders", params, page, limit)
        return self._orders(found.items)

    async def all_orders(
        self,
        *,
        statuses: Iterable[TradeOrderStatus | str] = (),
        created_from: datetime | None = None,
        created_to: datetime | None = None,
    ) -> list[TradeOrder]:
        params = order_params(statuses, created_from, created_to)
        return self._orders(await self._all_items("/Orders", params))

    async def new_orders_since(
        self,
        cursor: int | None,
        *,
        statuses: Iterable[TradeOrderStatus | str] = (),
        limit: int = MAX_LIMIT,
    ) -> NewOrders:
        """Orders with an id above ``cursor`` (§2.3 ``SinceId``), never missed nor repeated.

        When a page comes back in ascending id order the next request moves ``SinceId`` to the
        page's last id (keyset paging: orders arriving meanwhile cannot shift it); otherwise it
        keeps ``SinceId`` and turns the page, and duplicates are dropped by id.
        """
        wanted, limit = list(statuses), clamp_limit(limit)
        found: dict[int, TradeOrder] = {}
        since, page = cursor, 1
        for _ in range(_MAX_POLL_PAGES):
            answer = await self._page("/Orders", order_params(wanted, since_id=since), page, limit)
            orders = self._orders(answer.items)
            for order in orders:
                if cursor is None or order.order_id > cursor:
                    found.setdefault(order.order_id, order)
            if answer.is_last(limit) or not orders:
                break
            ids = [order.order_id for order in orders]
            if ids == sorted(ids) and (since is None or ids[-1] > since):
                since, page = ids[-1], 1
            else:
                page += 1
        known = [c for c in (cursor, max(found, default=None)) if c is not None]
        ordered = sorted(found.values(), key=lambda o: o.order_id)
        return NewOrders(ordered, max(known) if known else None)

    async def get_order(self, order_id: int) -> TradeOrder:
        params: Params = [("Expand", name) for name in ORDER_EXPAND]
        return self._order(await self._get(f"/Orders/{order_id}", params))

    async def confirm_order(self, order_id: int, *, confirm_stock: bool = True) -> TradeOrder:
        """Not retried by the runtime: a repeat after a lost answer would be refused (§5.2)."""
        body = await self._call(
            "PUT", f"/Orders/confirm/{order_id}", json=confirm_body(confirm_stock), retry=False
        )
        return self._order(body)

    async def cancel_order(self, order_id: int, message: str) -> TradeOrder:
        """Yodify refuses once a shipment exists; its reason reaches staff as VendorRejected."""
        body = await self._call(
            "PUT", f"/Orders/cancel/{order_id}", json=cancel_body(message), retry=False
        )
        return self._order(body)

    async def list_shipments(self, order_id: int) -> list[Shipment]:
        raw = await self._all_items(f"/orders/{order_id}/shipments")
        try:
            return [shipment_from_wire(item) for item in raw]
        except WireError as error:
            raise self.http.protocol_error(f"shipment: {error}") from error

    async def get_shipment(self, order_id: int, shipment_id: int) -> Shipment:
        raw = await self._get_object(f"/orders/{order_id}/shipments/{shipment_id}")
        return shipment_from_wire(raw)

    async def add_shipment(
        self,
        order_id: int,
        *,
        carrier: str,
        tracking_number: str,
        shipment_type: str = "Tracked",
        shipped_at: datetime | None = None,
        client_identifier: str = "",
    ) -> Shipment:
        """Create a shipment for all remaining items; never resent blindly (duplicates)."""
        body = shipment_body(
            order_id,
            carrier=carrier,
            tracking_number=tracking_number,
            shipment_type=shipment_type,
            shipped_at=shipped_at,
            client_identifier=client_identifier,
        )
        raw = await self._call("POST", f"/orders/{order_id}/shipments", json=body, retry=False)
        if not isinstance(raw, dict):
            raise self.http.protocol_error("shipment: expected an object")
        return shipment_from_wire(raw)
