"""Benchmark: live-board refreshes for 200 stores against the loopback Vroom simulator.

Reported beside two references measured in the same run, against the same server:

- baseline: the raw HTTP round trip of one ``order_statuses`` request (plain httpx): the least
  any refresh can cost;
- before: the board's former refresh, ``order_statuses`` plus every busy store's last three hours
  of ``orders`` (what VroomLiveSource pulled each time until it remembered order times).

The board itself is measured on its first refresh (nothing known yet) and on steady refreshes,
the clock moving on 30 s (the default interval) between them, so orders arrive and move on as
they would at the counter. Times are medians after one warm-up (the simulator draws its orders
lazily on first sight); bytes are the response bodies the simulator sent per refresh.
COUNTERPART_BENCH_FULL=1 measures the busy case (3 orders per store and hour, ~2.7 MB per
former refresh); the default is a quieter afternoon, small enough for CI.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.domain.orders import OrderStatus
from app.domain.orders_board import OrderPosition, StoreRef
from app.services.live_orders import LiveOrdersService, VroomLiveSource
from app.services.live_orders_sources import LiveFetch
from app.vendors.simulators.harness import SimRequest
from app.vendors.simulators.loopback import LoopbackServer
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.vroom import VroomClient

# Read at import: the autouse fixture clears COUNTERPART_* variables before each test runs.
FULL = os.environ.get("COUNTERPART_BENCH_FULL") == "1"
STORES = 200
RATE = 3.0 if FULL else 1.0  # orders per store and hour
RUNS = 3
STEADY_RUNS = 6
INTERVAL = timedelta(seconds=30)
START = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
OPEN = (OrderStatus.PENDING, OrderStatus.PREPARING, OrderStatus.READY)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


class CountingVroom(VroomSimulator):
    """The simulator, adding up the response bytes it sends."""

    sent = 0

    def respond(self, req: SimRequest) -> httpx.Response:
        response = super().respond(req)
        self.sent += len(response.content)
        return response


async def _timed(call: Callable[[], Awaitable[Any]], sim: CountingVroom) -> tuple[float, int]:
    before, started = sim.sent, time.perf_counter()
    await call()
    return time.perf_counter() - started, sim.sent - before


class FormerVroomSource(VroomLiveSource):
    """The refresh as it was: counts, then every busy store's last three hours of orders."""

    async def fetch(self, now: datetime) -> LiveFetch:
        rows = await self.client.order_statuses()
        positions = [p for row in rows for p in row.positions()]
        busy = sorted({p.store_id for p in positions if p.status in OPEN})
        fetched = await self.client.orders(site_ids=busy, from_time=now - timedelta(hours=3))
        orders = {o.id: o for o in fetched}
        timed = [
            OrderPosition(
                p.order_id,
                p.store_id,
                p.status,
                o.entered(p.status) if (o := orders.get(p.order_id)) else None,
                p.vendor_late,
            )
            for p in positions
        ]
        return LiveFetch(timed, orders, [r.store_id for r in rows])


async def _measure(base_url: str, sim: CountingVroom, clock: Clock) -> dict[str, Any]:
    client = VroomClient.connect(DEMO_EMAIL, DEMO_PASSWORD, base_url=base_url)
    stores = [StoreRef(s.site_id, s.name) for s in sim.stores]
    service = LiveOrdersService(VroomLiveSource(client), stores=stores, clock=clock)
    former = LiveOrdersService(FormerVroomSource(client), stores=stores, clock=clock)
    raw = httpx.AsyncClient(auth=(DEMO_EMAIL, DEMO_PASSWORD))

    async def round_trip() -> None:
        response = await raw.post(f"{base_url}/analytics/order_statuses", json={})
        assert response.status_code == 200 and len(response.json()) == len(sim.stores)

    try:
        await round_trip()  # warm-up: connections open, the day's orders drawn
        await former.refresh()
        baseline = [await _timed(round_trip, sim) for _ in range(RUNS)]
        before = [await _timed(former.refresh, sim) for _ in range(RUNS)]
        first = await _timed(service.refresh, sim)
        steady = []
        for _ in range(STEADY_RUNS):
            clock.now += INTERVAL
            await round_trip()  # draws any new slot's orders outside the timing
            steady.append(await _timed(service.refresh, sim))
            baseline.append(await _timed(round_trip, sim))
        snapshot = service.snapshot
        assert not snapshot.stale and len(snapshot.rows) == len(sim.stores)
        assert sum(r.group_counts["pending"] for r in snapshot.rows) > 0
        # Same counts and late cells as the former refresh, at the same moment.
        same = await former.refresh()
        assert [(r.group_counts, r.late_counts) for r in same.rows] == [
            (r.group_counts, r.late_counts) for r in snapshot.rows
        ]
        return {"baseline": baseline, "former": before, "first": first, "steady": steady}
    finally:
        await raw.aclose()
        await client.aclose()


def _ms(runs: list[tuple[float, int]]) -> str:
    return f"{statistics.median(t for t, _ in runs) * 1000:.0f} ms"


def _kb(runs: list[tuple[float, int]]) -> str:
    return f"{statistics.median(b for _, b in runs) / 1024:.0f} KB"


@pytest.mark.bench
def test_board_refresh_for_many_stores_beside_the_raw_round_trip() -> None:
    clock = Clock()
    sim = CountingVroom(seed=7, clock=clock, store_count=STORES, orders_per_hour=RATE)
    with LoopbackServer(sim) as base_url:
        m = asyncio.run(_measure(base_url, sim, clock))
    steady, baseline, former, first = m["steady"], m["baseline"], m["former"], [m["first"]]
    print(
        f"\nboard_refresh: {_ms(steady)} (baseline {_ms(baseline)} = the raw order_statuses "
        f"round trip; before: {_ms(former)}, {_kb(former)} per refresh; now {_kb(steady)} per "
        f"steady refresh, first refresh {_ms(first)} {_kb(first)}; {STORES} stores, "
        f"{RATE:g} orders/store/h, every {INTERVAL.seconds} s, median of {STEADY_RUNS})"
    )
    assert all(t > 0 and b > 0 for t, b in steady + baseline + former)
