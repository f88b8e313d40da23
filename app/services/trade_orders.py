"""Yodify trade orders in the cache: new ones by ``SinceId``, open ones kept current.

The cursor is saved in the same commit as the orders it covers (``Cache.upsert``), so a crash
can neither skip an order nor fetch one twice. Polls run one at a time: two polls racing could
otherwise save their cursors out of order.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from app.domain.wholesale import AWAITING_CONFIRMATION, SHIPPABLE, TradeOrder, TradeOrderStatus
from app.services.cache import Cache
from app.services.wholesale_records import RecordError, from_record, to_record
from app.vendors.yodify.orders import NewOrders

log = logging.getLogger("counterpart.wholesale")

VENDOR = "yodify"
TRADE_ORDERS = "trade-orders"
# What the board shows: orders waiting for confirmation, and confirmed ones not yet (fully) sent.
OPEN_STATUSES = AWAITING_CONFIRMATION | SHIPPABLE
# A poll re-reads at most this many orders that left the open list since the last poll.
_MAX_MOVED = 25


class TradeOrderClient(Protocol):
    """The part of the Yodify client the book uses."""

    async def new_orders_since(
        self, cursor: int | None, *, statuses: tuple[TradeOrderStatus, ...] = ()
    ) -> NewOrders: ...

    async def all_orders(self, *, statuses: list[TradeOrderStatus]) -> list[TradeOrder]: ...

    async def get_order(self, order_id: int) -> TradeOrder: ...


class TradeOrderBook:
    """The cached trade orders and the last open set seen; ``poll()`` brings both up to date."""

    def __init__(self, cache: Cache, client: TradeOrderClient) -> None:
        self.cache = cache
        self.client = client
        self.known: dict[int, TradeOrder] = {}  # the last version seen of each order this run
        self._lock = asyncio.Lock()

    async def poll(self) -> list[TradeOrder]:
        """New orders since the cursor, then the open ones; returns the open ones, oldest first."""
        async with self._lock:
            await self._pull_new()
            open_now = await self.client.all_orders(
                statuses=sorted(OPEN_STATUSES, key=lambda s: s.value)
            )
            moved = await self._moved_on({o.order_id for o in open_now})
            await self.store([*open_now, *moved])
            return sorted(open_now, key=lambda o: (o.created_at, o.order_id))

    async def pull_new(self) -> int:
        """Only the orders that arrived since the last poll (the sync source's run)."""
        async with self._lock:
            return await self._pull_new()

    async def _pull_new(self) -> int:
        saved = await self.cache.get_cursor(VENDOR, TRADE_ORDERS)
        cursor = int(saved) if saved and saved.isdigit() else None
        fresh = await self.client.new_orders_since(cursor)
        after = None if fresh.cursor is None else str(fresh.cursor)
        await self.store(fresh.orders, cursor=after)
        return len(fresh.orders)

    async def _moved_on(self, open_ids: set[int]) -> list[TradeOrder]:
        """Orders we last saw open that are no longer: confirmed, cancelled or shipped elsewhere."""
        cached = await self.cached()
        gone = [o for o in cached.values() if o.status in OPEN_STATUSES]
        gone = [o for o in gone if o.order_id not in open_ids][:_MAX_MOVED]
        return [await self.client.get_order(o.order_id) for o in gone]

    async def store(self, orders: list[TradeOrder], *, cursor: str | None = None) -> None:
        records = {str(o.order_id): to_record(o) for o in orders}
        await self.cache.upsert(VENDOR, TRADE_ORDERS, records, cursor=cursor)
        self.known.update((o.order_id, o) for o in orders)

    async def cached(self) -> dict[int, TradeOrder]:
        """Every trade order in the cache; a record another version wrote is skipped."""
        found: dict[int, TradeOrder] = {}
        for key, record in (await self.cache.read(VENDOR, TRADE_ORDERS)).records.items():
            try:
                found[int(key)] = from_record(TradeOrder, record)
            except (RecordError, KeyError, TypeError, ValueError):
                log.warning("skipping an unreadable cached trade order %s", key)
        return found

    async def get(self, order_id: int) -> TradeOrder | None:
        """The order as last seen, from memory or the cache (no network)."""
        if order_id in self.known:
            return self.known[order_id]
        record = await self.cache.get(VENDOR, TRADE_ORDERS, str(order_id))
        return None if record is None else from_record(TradeOrder, record)

    async def refresh(self, order_id: int) -> TradeOrder:
        """The order as Yodify has it now, saved to the cache."""
        order = await self.client.get_order(order_id)
        await self.store([order])
        return order
