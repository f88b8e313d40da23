"""Posiflora's rows on the live orders board: its own statuses, escalated by delivery time."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.orders_board import BoardColumn, board_columns
from app.services.live_boards import live_source_name
from app.services.live_orders import LateOrderAlert
from app.services.live_orders_posiflora import (
    PosifloraBoard,
    PosifloraLiveSource,
    posiflora_status_groups,
    scheduler_pull,
)
from app.services.runtime import Runtime, open_runtime
from app.vendors.simulators.posiflora import PosifloraSimulator
from tests.ui.helpers import make_context

OPEN = ("notAccepted", "new", "assembled", "courier")
NEW_ON_TIME = BoardColumn("new", False, "New")
NEW_LATE = BoardColumn("new", True, "> 1h")


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def announced(alerts: list[list[LateOrderAlert]]) -> list[str]:
    return [alert.order_id for batch in alerts for alert in batch]


def simulator(runtime: Runtime) -> PosifloraSimulator:
    sim = runtime.links["posiflora"].simulator
    assert isinstance(sim, PosifloraSimulator)
    return sim


def test_counts_per_status_match_the_shops_open_orders(tmp_path: Path) -> None:
    async def go() -> None:
        runtime = await open_runtime(make_context(tmp_path, demo=True))
        try:
            result = await runtime.scheduler.refresh_now(live_source_name("posiflora"))
            assert result.ok, result.error
            board = runtime.live_boards["posiflora"]
            sim = simulator(runtime)
            rows = {row.store_id: row for row in board.snapshot.rows}
            stores = {s.id: s for s in sim.stores}
            assert set(rows) == set(stores)
            for store_id, row in rows.items():
                assert row.store_name == stores[store_id].title  # "Main street", not an id
                expected = Counter(o.status for o in sim.orders.values() if o.store_id == store_id)
                assert {s: row.group_counts[s] for s in OPEN} == {s: expected[s] for s in OPEN}
            assert sum(r.group_counts["new"] for r in rows.values()) > 0
        finally:
            await runtime.aclose()

    asyncio.run(go())


def test_a_new_delivery_escalates_an_hour_before_its_delivery_time(tmp_path: Path) -> None:
    async def go() -> None:
        runtime = await open_runtime(make_context(tmp_path, demo=True))
        try:
            sim = simulator(runtime)
            now = datetime.now(UTC).replace(microsecond=0)
            order = next(o for o in sim.orders.values() if o.delivery)
            order.status, order.due_time = "new", now + timedelta(hours=3)
            link = runtime.links["posiflora"].client
            clock = Clock(now)
            source = PosifloraLiveSource(
                runtime.cache, link, scheduler_pull(runtime.scheduler, "orders")
            )
            source.max_age = timedelta(0)  # every refresh reads Posiflora afresh
            await runtime.scheduler.refresh_now("customers")  # names, as the app syncs them
            board = PosifloraBoard(source, clock=clock)
            alerts: list[list[LateOrderAlert]] = []
            board.on_alerts(alerts.append)
            await board.refresh()
            alerts.clear()

            clock.now = order.due_time - timedelta(hours=1, seconds=1)
            row = next(r for r in (await board.refresh()).rows if r.store_id == order.store_id)
            assert order.doc_no in row.cell_order_ids(NEW_ON_TIME)
            assert order.doc_no not in announced(alerts)

            clock.now += timedelta(seconds=1)
            row = next(r for r in (await board.refresh()).rows if r.store_id == order.store_id)
            assert order.doc_no in row.cell_order_ids(NEW_LATE)
            assert order.doc_no in announced(alerts)
            await board.refresh()
            assert announced(alerts).count(order.doc_no) == 1  # announced once

            details = await board.order_details(row, NEW_LATE)
            (detail,) = [d for d in details if d.id == order.doc_no]
            assert detail.times.scheduled_for == order.due_time  # the delivery time
            assert detail.customer_name
            assert detail.totals.total == order.total_amount
            assert detail.order_type == "Delivery · New"
            assert detail.delivery.address and "Maple Ave" in detail.delivery.address
        finally:
            await runtime.aclose()

    asyncio.run(go())


def test_timed_headers_read_as_time_left_before_delivery() -> None:
    labels = [column.label for column in board_columns(posiflora_status_groups())]
    assert labels[:5] == [
        "Not accepted",
        "New",
        "< 1h left",
        "Assembled",
        "< 30m left",
    ]
