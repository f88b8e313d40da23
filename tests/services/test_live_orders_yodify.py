"""Yodify's row on the live orders board: new trade orders with their age, escalating."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.orders_board import BoardColumn
from app.services.live_boards import live_source_name
from app.services.live_orders import LateOrderAlert, LiveOrdersService
from app.services.live_orders_yodify import YODIFY_STORE, YodifyLiveSource
from app.services.trade_orders import TRADE_ORDERS
from tests.services.wholesale_helpers import demo_runtime

PENDING_ON_TIME = BoardColumn("pending", False, "Pending < 10m")
PENDING_LATE = BoardColumn("pending", True, "> 10m")


def test_board_row_from_the_runtime_follows_yodify(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            result = await demo.runtime.scheduler.refresh_now(live_source_name("yodify"))
            assert result.ok
            board = demo.runtime.live_boards["yodify"]
            (row,) = board.snapshot.rows
            assert row.store_name == "Wholesale (Yodify)"
            waiting = [o for o in demo.sim.orders.values() if o.status == "New"]
            assert row.group_counts["pending"] == len(waiting) > 0
            assert row.cell(PENDING_LATE) == len(waiting)  # the demo backlog waits for hours

            arrived = demo.sim.place_order()
            oldest = min(waiting, key=lambda o: o.id)
            oldest.status = "Processing"  # confirmed in Yodify's own admin meanwhile
            await demo.runtime.scheduler.refresh_now(live_source_name("yodify"))
            (row,) = board.snapshot.rows
            assert row.cell(PENDING_ON_TIME) == 1
            assert str(arrived.id) in row.cell_order_ids(PENDING_ON_TIME)
            assert str(oldest.id) not in row.order_ids["pending"]
            assert str(oldest.id) in row.order_ids["preparing"]

            (detail,) = await board.order_details(row, PENDING_ON_TIME)
            assert detail.external_order_id == arrived.number
            assert detail.items and all(i.unit_price is not None for i in detail.items)

    asyncio.run(go())


def test_since_id_cursor_never_misses_or_repeats(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            book = demo.wholesale.orders
            assert await book.pull_new() == len(demo.sim.orders)
            assert await book.pull_new() == 0  # nothing new: nothing fetched twice
            cache = demo.runtime.cache
            assert await cache.get_cursor("yodify", TRADE_ORDERS) == str(max(demo.sim.orders))
            placed = [demo.sim.place_order() for _ in range(3)]
            assert await book.pull_new() == 3
            cached = (await cache.read("yodify", TRADE_ORDERS)).records
            assert set(cached) == {str(i) for i in demo.sim.orders}
            assert await cache.get_cursor("yodify", TRADE_ORDERS) == str(placed[-1].id)

    asyncio.run(go())


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_a_new_trade_order_escalates_once_after_ten_minutes(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            clock = Clock(datetime.now(UTC).replace(microsecond=0))  # the wire keeps ms
            demo.sim.clock = clock
            service = LiveOrdersService(
                YodifyLiveSource(demo.wholesale.orders), stores=[YODIFY_STORE], clock=clock
            )
            alerts: list[list[LateOrderAlert]] = []
            service.on_alerts(alerts.append)
            await service.refresh()
            alerts.clear()  # the demo backlog was announced; now one new order
            placed = demo.sim.place_order()

            clock.now += timedelta(minutes=9, seconds=59)
            row = (await service.refresh()).rows[0]
            assert str(placed.id) in row.cell_order_ids(PENDING_ON_TIME) and alerts == []

            clock.now += timedelta(seconds=1)
            row = (await service.refresh()).rows[0]
            assert str(placed.id) in row.cell_order_ids(PENDING_LATE)
            (batch,) = alerts
            (alert,) = batch
            assert alert.order_id == str(placed.id) and alert.waited == timedelta(minutes=10)
            assert alert.order is not None and alert.order.customer_name
            await service.refresh()
            assert len(alerts) == 1  # announced once

    asyncio.run(go())
