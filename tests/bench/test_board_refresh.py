"""Benchmark: one live-board refresh for 200 stores against the loopback Vroom simulator.

Reported beside the raw HTTP round trip of the same ``order_statuses`` request (plain httpx, same
server, same run): the difference is what the board adds — the ``orders`` call for the times of
the stores with open orders, parsing, and building the rows. Each is the median of a few runs
after one warm-up (the simulator draws its orders lazily on first sight).
COUNTERPART_BENCH_FULL=1 measures 1,000 stores; the default is small enough for CI.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time

import httpx
import pytest

from app.domain.orders_board import StoreRef
from app.services.live_orders import LiveOrdersService, VroomLiveSource
from app.vendors.simulators.loopback import LoopbackServer
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.vroom import VroomClient

# Read at import: the autouse fixture clears COUNTERPART_* variables before each test runs.
FULL = os.environ.get("COUNTERPART_BENCH_FULL") == "1"
RUNS = 3
# Orders per store and hour: the demo's 3 makes each refresh carry ~2.7 MB of order details for
# 200 stores; CI runs a quieter afternoon (1), the full run a busy one.
RATE = 3.0 if FULL else 1.0


async def _measure(base_url: str, sim: VroomSimulator) -> tuple[list[float], list[float], int]:
    client = VroomClient.connect(DEMO_EMAIL, DEMO_PASSWORD, base_url=base_url)
    stores = [StoreRef(s.site_id, s.name) for s in sim.stores]
    service = LiveOrdersService(VroomLiveSource(client), stores=stores)
    raw = httpx.AsyncClient(auth=(DEMO_EMAIL, DEMO_PASSWORD))
    try:
        await service.refresh()  # warm-up: connections open, orders drawn
        await raw.post(f"{base_url}/analytics/order_statuses", json={})
        board, http = [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            snapshot = await service.refresh()
            board.append(time.perf_counter() - started)
            started = time.perf_counter()
            response = await raw.post(f"{base_url}/analytics/order_statuses", json={})
            http.append(time.perf_counter() - started)
            assert response.status_code == 200 and len(response.json()) == len(sim.stores)
            assert not snapshot.stale
        return board, http, len(snapshot.rows)
    finally:
        await raw.aclose()
        await client.aclose()


@pytest.mark.bench
def test_board_refresh_for_many_stores_beside_the_raw_round_trip() -> None:
    count = 1_000 if FULL else 200
    sim = VroomSimulator(seed=7, store_count=count, orders_per_hour=RATE)
    with LoopbackServer(sim) as base_url:
        board, http, rows = asyncio.run(_measure(base_url, sim))
    refresh, baseline = statistics.median(board), statistics.median(http)
    print(
        f"\nboard_refresh: {refresh * 1000:.0f} ms (baseline {baseline * 1000:.0f} ms = the raw "
        f"order_statuses round trip; {count} stores, {RATE:g} orders/store/h, median of {RUNS})"
    )
    assert rows == count  # every store has its row
    assert refresh > 0 and baseline > 0
