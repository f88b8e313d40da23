"""Benchmark: a full Yodify SKU pull from the loopback simulator, 20 ms added per request.

The baseline is what paging alone costs: pages × latency ÷ allowed concurrency (the first page
must come back before the others are known, so the true floor is a little higher). The same pull
without added latency is measured too: the part of the time that is parsing, not waiting.
COUNTERPART_BENCH_FULL=1 pulls 10,000 SKUs; the default is small enough for CI.
"""

from __future__ import annotations

import asyncio
import math
import os
import time

import pytest

from app.vendors.simulators.faults import FaultPlan
from app.vendors.simulators.loopback import LoopbackServer
from app.vendors.simulators.yodify import TOKEN, YodifySimulator
from app.vendors.yodify import make_yodify_client
from app.vendors.yodify.client import YODIFY_RATE_LIMIT
from app.vendors.yodify.wire import MAX_LIMIT

LATENCY = 0.02
# Read at import: the autouse fixture clears COUNTERPART_* variables before each test runs.
FULL = os.environ.get("COUNTERPART_BENCH_FULL") == "1"


def timed_pull(sim: YodifySimulator, latency: float) -> tuple[int, float, int, int]:
    """(SKUs pulled, seconds, client concurrency, requests the simulator saw)."""
    sim.faults = FaultPlan(latency=latency)

    async def pull(base_url: str) -> tuple[int, float, int]:
        client = make_yodify_client(base_url, TOKEN)
        try:
            started = time.perf_counter()
            skus = await client.list_skus()
            return len(skus), time.perf_counter() - started, client.http.max_concurrency
        finally:
            await client.aclose()

    with LoopbackServer(sim) as base_url:
        sim.requests.clear()
        pulled, seconds, concurrency = asyncio.run(pull(base_url))
        return pulled, seconds, concurrency, len(sim.requests)


@pytest.mark.bench
def test_full_sku_pull_against_the_paging_lower_bound() -> None:
    count = 10_000 if FULL else 2_000
    sim = YodifySimulator(seed=7, sku_count=count, token=TOKEN, arrivals=False)
    _, bare, _, _ = timed_pull(sim, 0.0)
    pulled, seconds, concurrency, requests = timed_pull(sim, LATENCY)

    pages = math.ceil(count / MAX_LIMIT)
    bound = pages * LATENCY / concurrency
    print(
        f"\nsku_pull: {seconds * 1000:.0f} ms (baseline {bound * 1000:.0f} ms = {pages} pages × "
        f"{LATENCY * 1000:.0f} ms ÷ {concurrency} in flight; {bare * 1000:.0f} ms without the "
        f"added latency; {count} SKUs)"
    )
    assert pulled == count
    assert requests == pages  # every page once, none above Limit=100
    assert concurrency == YODIFY_RATE_LIMIT.max_concurrency
    assert seconds >= bound
