"""Yodify on the live orders board: trade orders waiting for confirmation, with their age.

New orders are found with ``SinceId`` from the cache's cursor (never missed, never repeated);
the open ones are re-read each poll so an order confirmed in Yodify itself leaves the board.
A new order is ``pending`` from the moment it was placed, so it escalates on the board's own
thresholds like any other source; confirmed orders not yet shipped show as ``preparing``
without a clock (Yodify does not say when they were confirmed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.domain.orders import LineItem, Order, OrderStatus, OrderTimes
from app.domain.orders import OrderTotals as BoardTotals
from app.domain.orders_board import OrderPosition, StoreRef
from app.domain.wholesale import TradeOrder
from app.services.live_orders_sources import LiveFetch
from app.services.trade_orders import TradeOrderBook

VENDOR = "yodify"
# One board row for the wholesale side of the shop.
YODIFY_STORE = StoreRef("yodify", "Wholesale (Yodify)")


@dataclass
class YodifyLiveSource:
    """A :class:`LiveOrderSource` over the trade order book."""

    book: TradeOrderBook
    store: StoreRef = YODIFY_STORE
    vendor: str = field(default=VENDOR, init=False)

    async def fetch(self, now: datetime) -> LiveFetch:
        open_orders = await self.book.poll()
        orders = {str(o.order_id): board_order(o, self.store.store_id) for o in open_orders}
        positions = [position(o) for o in orders.values()]
        return LiveFetch(positions, orders, [self.store.store_id])

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]:
        """The orders behind a board cell, from what the last poll saw (or Yodify)."""
        found = []
        for raw in order_ids:
            if not raw.isdigit():
                continue
            order = await self.book.get(int(raw)) or await self.book.refresh(int(raw))
            found.append(board_order(order, store_id))
        return found

    async def trade_order(self, order: Order | str | int) -> TradeOrder:
        """The full trade order behind a board order, for the drill-down panel."""
        order_id = int(order.id if isinstance(order, Order) else order)
        return await self.book.get(order_id) or await self.book.refresh(order_id)


def board_status(order: TradeOrder) -> OrderStatus:
    if order.awaiting_confirmation:
        return OrderStatus.PENDING
    return OrderStatus.PREPARING


def position(order: Order) -> OrderPosition:
    since = order.placed_at if order.status is OrderStatus.PENDING else None
    return OrderPosition(order.id, order.store_id, order.status, since)


def board_order(order: TradeOrder, store_id: str = YODIFY_STORE.store_id) -> Order:
    """The vendor-neutral board record of a trade order (amounts in the customer's currency)."""
    account = order.account
    items = tuple(
        LineItem(
            order_id=str(order.order_id),
            upc_or_plu=line.model_number or None,
            title=line.description,
            unit_price=line.unit_price,
            original_quantity=line.quantity,
        )
        for line in order.lines
    )
    return Order(
        id=str(order.order_id),
        vendor=VENDOR,
        store_id=store_id,
        status=board_status(order),
        times=OrderTimes(created_at=order.created_at, placed_at=order.created_at),
        customer_name=account.display_name,
        customer_email=account.email or None,
        customer_phone=account.phone or None,
        order_type="wholesale",
        sales_channel="Yodify",
        external_order_id=order.number,
        items=items,
        totals=BoardTotals(
            total=order.totals.total,
            merchandise=order.totals.subtotal,
            delivery_fee=order.totals.freight,
        ),
    )
