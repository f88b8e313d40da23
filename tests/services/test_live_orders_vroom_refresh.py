"""The cheap Vroom refresh: counts every time, order details only for what is new to the board.

A scripted Vroom account (orders the test places and moves on) shows exactly which details are
asked for; the simulator run checks the board against the orders themselves over twenty minutes
of refreshes, with the shop's own thresholds.
"""

from __future__ import annotations

import asyncio
import statistics
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from app.domain.orders import LineItem, Order, OrderStatus, OrderTimes
from app.domain.orders_board import BoardRow, StoreRef, portal_status_groups
from app.domain.orders_reports import OrderGroup, StoreOrderStatuses
from app.services.live_orders import LateOrderAlert, LiveOrdersService, VroomLiveSource
from app.vendors.http.clock import SystemClock
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.vroom import VroomClient

T0 = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
ACTIVE = (OrderStatus.PENDING, OrderStatus.PREPARING, OrderStatus.READY)
REFRESHES = 40  # every 30 s


class Clock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **span: float) -> None:
        self.now += timedelta(**span)


class NoWaits(SystemClock):
    """The client's request spacing (5 a second) without the real waits: simulated time."""

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(0)


class ScriptedVroom:
    """Vroom's two reads over orders the test controls; records every /analytics/orders ask."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.book: dict[str, Order] = {}
        self.asked: list[tuple[list[str], datetime | None]] = []

    def place(self, order_id: str, store_id: str, ago: timedelta) -> None:
        times = OrderTimes(placed_at=self.clock() - ago)
        self.book[order_id] = Order(order_id, "vroom", store_id, OrderStatus.PENDING, times)

    def move(self, order_id: str, status: OrderStatus, ago: timedelta = timedelta(0)) -> None:
        order = self.book[order_id]
        at = self.clock() - ago
        field = {
            OrderStatus.PREPARING: "confirmed_at",
            OrderStatus.READY: "ready_at",
            OrderStatus.COMPLETED: "completed_at",
        }[status]
        times = replace(order.times, **{field: at})
        self.book[order_id] = replace(order, status=status, times=times)

    async def order_statuses(self, **_: Any) -> list[StoreOrderStatuses]:
        """Grouped as Vroom groups them: pending split at 10 minutes, the others at an hour."""
        now = self.clock()
        groups: dict[str, dict[str, list[str]]] = {}
        for order in self.book.values():
            since = order.status_since
            assert since is not None or order.status is OrderStatus.CANCELED
            split = timedelta(minutes=10) if order.status is OrderStatus.PENDING else None
            over = since is not None and now - since >= (split or timedelta(hours=1))
            key = {
                OrderStatus.PENDING: "pending_over" if over else "pending_under",
                OrderStatus.PREPARING: "preparing_over" if over else "preparing_under",
                OrderStatus.READY: "ready_over" if over else "ready_under",
                OrderStatus.COMPLETED: "completed",
                OrderStatus.CANCELED: "canceled",
            }[order.status]
            groups.setdefault(order.store_id, {}).setdefault(key, []).append(order.id)
        return [
            StoreOrderStatuses(store, **{k: OrderGroup(len(v), tuple(v)) for k, v in g.items()})
            for store, g in sorted(groups.items())
        ]

    async def orders(
        self,
        *,
        site_ids: list[str] | None = None,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        include_line_items: bool = False,
    ) -> list[Order]:
        self.asked.append((list(site_ids or []), from_time))
        items = (LineItem("", title="Tulips"),) if include_line_items else ()
        return [
            replace(o, items=items)
            for o in self.book.values()
            if (not site_ids or o.store_id in site_ids)
            and (from_time is None or (o.placed_at is not None and o.placed_at >= from_time))
        ]


def _board(clock: Clock) -> tuple[ScriptedVroom, VroomLiveSource, LiveOrdersService]:
    vroom = ScriptedVroom(clock)
    source = VroomLiveSource(cast(VroomClient, vroom))
    groups = portal_status_groups(pending_late_after=timedelta(minutes=5))  # the shop's own
    service = LiveOrdersService(source, groups=groups, clock=clock)
    return vroom, source, service


def _row(rows: tuple[BoardRow, ...], store_id: str) -> BoardRow:
    return next(r for r in rows if r.store_id == store_id)


def test_details_are_asked_only_for_orders_new_to_the_board_or_moved_on() -> None:
    clock = Clock()
    vroom, _, service = _board(clock)
    vroom.place("A1", "1001", timedelta(minutes=2))  # pending, not late yet
    vroom.place("A2", "1001", timedelta(minutes=40))
    vroom.move("A2", OrderStatus.PREPARING, timedelta(minutes=35))
    vroom.place("A3", "1001", timedelta(hours=2))
    vroom.move("A3", OrderStatus.COMPLETED, timedelta(hours=1))
    vroom.place("B1", "1002", timedelta(hours=1))
    vroom.move("B1", OrderStatus.COMPLETED, timedelta(minutes=10))  # only a count
    vroom.place("C1", "1003", timedelta(minutes=8))  # pending 8 min: late at 5 min

    async def go() -> None:
        first = await service.refresh()
        # First sight: one ask, for the stores with open orders, as far back as details go.
        assert vroom.asked == [(["1001", "1003"], T0 - timedelta(hours=3))]
        assert _row(first.rows, "1003").late_order_ids == {"pending": ("C1",)}  # 8 min > 5 min
        assert not any(_row(first.rows, "1001").late_counts.values())
        assert _row(first.rows, "1002").group_counts["completed"] == 1
        assert first.orders["A2"].status_since == T0 - timedelta(minutes=35)  # the cell's clock

        clock.advance(seconds=30)  # nothing moved: counts only
        await service.refresh()
        assert len(vroom.asked) == 1

        vroom.move("A1", OrderStatus.PREPARING)  # confirmed: its clock restarts
        clock.advance(seconds=30)
        moved = await service.refresh()
        # Its store only, from its own placed time (T0 - 2 min), less the clock margin.
        assert vroom.asked[-1] == (["1001"], T0 - timedelta(minutes=7))
        assert moved.orders["A1"].status_since == T0 + timedelta(seconds=30)
        assert "A1" in _row(moved.rows, "1001").order_ids["preparing"]

        clock.advance(minutes=4)  # A1 pending would have turned late; preparing it is not
        vroom.place("B2", "1002", timedelta(seconds=20))  # a new order, Vroom: under 10 min
        later = await service.refresh()
        assert vroom.asked[-1] == (["1002"], clock() - timedelta(minutes=15))
        assert "A1" not in _row(later.rows, "1001").late_order_ids.get("preparing", ())
        assert later.orders["B2"].placed_at == clock() - timedelta(seconds=20)
        assert len(vroom.asked) == 3

    asyncio.run(go())


def test_an_order_older_than_the_details_keeps_vroom_verdict_and_is_not_asked_for_again() -> None:
    clock = Clock()
    vroom, source, service = _board(clock)
    vroom.place("OLD", "1001", timedelta(hours=5))
    vroom.move("OLD", OrderStatus.PREPARING, timedelta(hours=4, minutes=50))

    async def go() -> None:
        snap = await service.refresh()
        assert vroom.asked == [(["1001"], T0 - timedelta(hours=3))]
        # Not in the details: Vroom's own "preparing more than one hour" decides: late.
        assert _row(snap.rows, "1001").late_order_ids == {"preparing": ("OLD",)}
        for _ in range(3):
            clock.advance(seconds=30)
            await service.refresh()
        assert len(vroom.asked) == 1  # one old order does not make every refresh expensive
        vroom.move("OLD", OrderStatus.READY)
        clock.advance(seconds=30)
        ready = await service.refresh()
        assert len(vroom.asked) == 2  # it moved on: looked for once more
        assert _row(ready.rows, "1001").order_ids == {"ready": ("OLD",)}
        assert _row(ready.rows, "1001").late_counts["ready"] == 0  # Vroom: ready under 1 h
        vroom.move("OLD", OrderStatus.COMPLETED)
        clock.advance(seconds=30)
        await service.refresh()
        assert source.known == {} and source.unfound == {}  # off the board, forgotten

    asyncio.run(go())


def test_drill_down_lists_a_cells_orders_with_items_open_or_done() -> None:
    clock = Clock()
    vroom, _, service = _board(clock)
    vroom.place("P1", "1001", timedelta(minutes=30))
    vroom.place("P2", "1001", timedelta(minutes=50))
    vroom.place("D1", "1001", timedelta(hours=20))
    vroom.move("D1", OrderStatus.COMPLETED, timedelta(hours=19))

    async def go() -> None:
        snap = await service.refresh()
        row = _row(snap.rows, "1001")
        late = next(c for c in snap.columns if c.group_key == "pending" and c.late)
        done = next(c for c in snap.columns if c.group_key == "completed")
        pending = await service.order_details(row, late)
        assert [o.id for o in pending] == list(row.cell_order_ids(late)) == ["P1", "P2"]
        assert all(o.items for o in pending)
        # An open cell's orders were placed no earlier than its oldest: a short window.
        assert vroom.asked[-1] == (["1001"], T0 - timedelta(minutes=55))
        completed = await service.order_details(row, done)
        assert [o.id for o in completed] == ["D1"] and completed[0].items
        assert vroom.asked[-1] == (["1001"], T0 - timedelta(hours=24))

    asyncio.run(go())


def _truth(orders: list[Order], groups: dict[str, timedelta], now: datetime) -> dict[str, Any]:
    """What the orders themselves say: per store and group, which are late (own thresholds)."""
    late: dict[tuple[str, str], set[str]] = {}
    since: dict[str, datetime | None] = {}
    for order in orders:
        if order.status not in ACTIVE:
            continue
        since[order.id] = order.status_since
        assert order.status_since is not None
        if now - order.status_since >= groups[order.status]:
            late.setdefault((order.store_id, order.status), set()).add(order.id)
    return {"late": late, "since": since}


def test_twenty_minutes_of_cheap_refreshes_match_the_orders_and_vroom_counts() -> None:
    clock = Clock()
    sim = VroomSimulator(seed=11, clock=clock, store_count=10)
    thresholds = {"pending": 5, "preparing": 30, "ready": 45}  # not Vroom's 10 min / 1 h
    limits = {OrderStatus(k): timedelta(minutes=v) for k, v in thresholds.items()}
    groups = portal_status_groups(
        pending_late_after=limits[OrderStatus.PENDING],
        preparing_late_after=limits[OrderStatus.PREPARING],
        ready_late_after=limits[OrderStatus.READY],
    )
    alerts: list[LateOrderAlert] = []

    async def go() -> None:
        url = "https://vroom.sim/api/retailer/v1"
        client, truth_client = (
            VroomClient.connect(
                DEMO_EMAIL, DEMO_PASSWORD, base_url=url, transport=sim.transport(), clock=NoWaits()
            )
            for _ in range(2)
        )
        # Details as far back as the counts, so every open order's clock is exact here.
        source = VroomLiveSource(client, detail_window=timedelta(hours=24))
        stores = [StoreRef(s.site_id, s.name) for s in sim.stores]
        service = LiveOrdersService(source, stores=stores, groups=groups, clock=clock)
        service.on_alerts(alerts.extend)
        returned: list[int] = []
        original = client.orders

        async def counted(**kwargs: Any) -> list[Order]:
            found = await original(**kwargs)
            returned.append(len(found))
            return found

        client.orders = counted  # type: ignore[method-assign]
        try:
            for _ in range(REFRESHES):
                snap = await service.refresh()
                vroom = {r.store_id: r for r in await truth_client.order_statuses()}
                # No simulated order stays open 6 hours (an older open one would fail the test).
                every = await truth_client.orders(from_time=clock() - timedelta(hours=6))
                truth = _truth(every, limits, clock())
                for row in snap.rows:
                    v = vroom[row.store_id]
                    assert (
                        row.group_counts["pending"] == v.pending_under.count + v.pending_over.count
                    )
                    assert row.group_counts["ready"] == v.ready_under.count + v.ready_over.count
                    assert row.group_counts["completed"] == v.completed.count
                    for status in ACTIVE:
                        got = set(row.late_order_ids.get(status, ()))
                        assert got == truth["late"].get((row.store_id, status), set())
                # Every open order's clock (the colours and "waited" texts) is the true one.
                assert {i: o.status_since for i, o in snap.orders.items()} == truth["since"]
                clock.advance(seconds=30)
        finally:
            await client.aclose()
            await truth_client.aclose()
        announced = [a.order_id for a in alerts]
        assert announced and len(announced) == len(set(announced))
        assert all(a.order is not None and a.order.customer_name for a in alerts)
        # The first refresh pulls the day's open orders; after it, asks are small and rare.
        first, later = returned[0], returned[1:]
        assert len(later) < REFRESHES and statistics.median(later) * 4 < first

    asyncio.run(go())
