"""Where the board's orders come from: one adapter per vendor, the board stays vendor-neutral."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from app.domain.orders import Order, OrderStatus
from app.domain.orders_board import OrderPosition
from app.vendors.vroom.client import VroomClient

ACTIVE = frozenset({OrderStatus.PENDING, OrderStatus.PREPARING, OrderStatus.READY})


@dataclass(frozen=True)
class LiveFetch:
    """One successful read of a vendor's live orders."""

    positions: list[OrderPosition]
    orders: dict[str, Order]
    store_ids: list[str]  # every store the vendor reported, in its order


class LiveOrderSource(Protocol):
    vendor: str

    async def fetch(self, now: datetime) -> LiveFetch: ...

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]: ...


@dataclass
class VroomLiveSource:
    """Vroom: counts from /analytics/order_statuses, times and details from /analytics/orders.

    Counts and membership come from order_statuses (what the portal shows). Orders are fetched
    only for stores with open orders and only for ``detail_window``; an open order older than
    that keeps Vroom's own 10 min / 1 h verdict (§A3.2).
    """

    client: VroomClient
    site_ids: Sequence[str] | None = None
    detail_window: timedelta = timedelta(hours=3)
    include_line_items: bool = False  # the drill-down fetches items for its cell
    lookback: timedelta | None = None  # None: Vroom's default, the last 24 hours
    vendor: str = field(default="vroom", init=False)

    async def fetch(self, now: datetime) -> LiveFetch:
        since = now - self.lookback if self.lookback else None
        rows = await self.client.order_statuses(site_ids=self.site_ids, from_time=since)
        positions = [p for row in rows for p in row.positions()]
        busy = sorted({p.store_id for p in positions if p.status in ACTIVE})
        orders: dict[str, Order] = {}
        if busy:
            fetched = await self.client.orders(
                site_ids=busy,
                from_time=now - self.detail_window,
                include_line_items=self.include_line_items,
            )
            orders = {o.id: o for o in fetched}
        return LiveFetch(_timed(positions, orders), orders, [r.store_id for r in rows])

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]:
        """Orders behind a board cell, with their line items, from the last 24 hours."""
        wanted = set(order_ids)
        found = await self.client.orders(
            site_ids=[store_id],
            from_time=now - (self.lookback or timedelta(hours=24)),
            include_line_items=True,
        )
        return [o for o in found if o.id in wanted]


def _timed(positions: list[OrderPosition], orders: dict[str, Order]) -> list[OrderPosition]:
    """Positions with the time the order entered the status Vroom puts it in, when known."""
    timed = []
    for pos in positions:
        order = orders.get(pos.order_id)
        since = order.entered(pos.status) if order else None
        timed.append(OrderPosition(pos.order_id, pos.store_id, pos.status, since, pos.vendor_late))
    return timed
