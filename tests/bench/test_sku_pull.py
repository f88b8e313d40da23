"""Benchmark: a full Yodify SKU pull from the loopback simulator, 20 ms added per request.

The baseline is what paging alone costs: pages × latency ÷ allowed concurrency (the first page
must come back before the others are known, so the true floor is a little higher). The same pull
without added latency is measured too: the part of the time that is parsing, not waiting.

The simulator serves from its own process. In this process its threads held the GIL while they
built each 110 kB page, so the bench timed the simulator as much as the client (a real Yodify
does its work elsewhere), and the number swung with whatever else ran on the machine. Times
are medians of three after one warm-up pull (first use imports and connects).

A second bench times the sync the scheduler runs, ``SkuCatalog.pull_skus``: the pull, the
records written to the SQLite cache in one transaction, then the pricing view's read back.
COUNTERPART_BENCH_FULL=1 pulls 10,000 SKUs; the default is small enough for CI.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import statistics
import time
from collections.abc import Callable, Coroutine, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

import pytest

from app.services.cache import Cache
from app.services.db import Database
from app.services.wholesale_catalog import SkuCatalog
from app.vendors.simulators.faults import FaultPlan
from app.vendors.simulators.loopback import LoopbackServer
from app.vendors.simulators.yodify import TOKEN, YodifySimulator
from app.vendors.yodify import make_yodify_client
from app.vendors.yodify.client import YODIFY_RATE_LIMIT
from app.vendors.yodify.wire import MAX_LIMIT

LATENCY = 0.02
RUNS = 3
# Read at import: the autouse fixture clears COUNTERPART_* variables before each test runs.
FULL = os.environ.get("COUNTERPART_BENCH_FULL") == "1"
COUNT = 10_000 if FULL else 2_000
T = TypeVar("T")


def serve(count: int, control: Connection) -> None:
    """The child process: the simulator on a loopback server, driven over ``control``.

    ``("latency", s)`` sets the added latency and clears the request log; ``("requests",)``
    answers how many requests arrived since; ``None`` stops.
    """
    sim = YodifySimulator(seed=7, sku_count=count, token=TOKEN, arrivals=False)
    with LoopbackServer(sim) as base_url:
        control.send(base_url)
        while (command := control.recv()) is not None:
            if command[0] == "latency":
                sim.faults = FaultPlan(latency=command[1])
                with sim.lock:
                    sim.requests.clear()
                control.send(None)
            else:
                with sim.lock:
                    control.send(len(sim.requests))


class Remote:
    """The parent's handle on the simulator process."""

    def __init__(self, control: Connection, base_url: str) -> None:
        self.control = control
        self.base_url = base_url

    def latency(self, seconds: float) -> None:
        self.control.send(("latency", seconds))
        self.control.recv()

    def requests(self) -> int:
        self.control.send(("requests",))
        return int(self.control.recv())


@pytest.fixture(scope="module")
def remote() -> Iterator[Remote]:
    # spawn, not fork: a forked child would inherit whatever threads this process runs.
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=serve, args=(COUNT, theirs), daemon=True)
    process.start()
    try:
        if not ours.poll(60):
            raise RuntimeError("the simulator process did not start")
        yield Remote(ours, ours.recv())
        ours.send(None)
        process.join(10)
    finally:
        if process.is_alive():
            process.kill()
            process.join()


def median_seconds(
    remote: Remote, latency: float, pull: Callable[[], Coroutine[Any, Any, T]]
) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the client's work alone)."""
    remote.latency(latency)
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        asyncio.run(pull())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def client_pull(base_url: str) -> Callable[[], Coroutine[Any, Any, int]]:
    async def pull() -> int:
        client = make_yodify_client(base_url, TOKEN)
        try:
            return len(await client.list_skus())
        finally:
            await client.aclose()

    return pull


@pytest.mark.bench
def test_full_sku_pull_against_the_paging_lower_bound(remote: Remote) -> None:
    pull = client_pull(remote.base_url)
    remote.latency(0.0)
    assert asyncio.run(pull()) == COUNT  # warm-up, and every SKU arrives
    bare, _ = median_seconds(remote, 0.0, pull)
    seconds, cpu = median_seconds(remote, LATENCY, pull)
    requests = remote.requests()

    pages = math.ceil(COUNT / MAX_LIMIT)
    concurrency = YODIFY_RATE_LIMIT.max_concurrency
    bound = pages * LATENCY / concurrency
    print(
        f"\nsku_pull: {seconds * 1000:.0f} ms (baseline {bound * 1000:.0f} ms = {pages} pages × "
        f"{LATENCY * 1000:.0f} ms ÷ {concurrency} in flight; {bare * 1000:.0f} ms without the "
        f"added latency; client CPU {cpu * 1000:.0f} ms; {COUNT} SKUs, median of {RUNS})"
    )
    assert requests == pages * RUNS  # every page once per pull, none above Limit=100
    assert seconds >= bound


@pytest.mark.bench
def test_sku_sync_into_the_cache_and_back(remote: Remote, tmp_path: Path) -> None:
    async def sync(db_path: Path) -> tuple[float, float, float, int]:
        db = await Database.open(db_path)
        client = make_yodify_client(remote.base_url, TOKEN)
        try:
            catalog = SkuCatalog(Cache(db), client)
            started, cpu = time.perf_counter(), time.process_time()
            pulled = await catalog.pull_skus()
            synced, cpu = time.perf_counter(), time.process_time() - cpu
            read = len(await catalog.skus())
            assert read == pulled
            return synced - started, cpu, time.perf_counter() - synced, pulled
        finally:
            await client.aclose()
            db.close()

    remote.latency(LATENCY)
    asyncio.run(client_pull(remote.base_url)())  # warm-up
    pull_only, pull_cpu = median_seconds(remote, LATENCY, client_pull(remote.base_url))
    runs = [asyncio.run(sync(tmp_path / f"cache-{n}.db")) for n in range(RUNS)]
    synced, cpu, read_back = (statistics.median(run[i] for run in runs) for i in range(3))
    print(
        f"\nsku_sync: {synced * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms (baseline "
        f"{pull_only * 1000:.0f} ms, CPU {pull_cpu * 1000:.0f} ms = the pull alone; reading the "
        f"{COUNT} cached SKUs back: {read_back * 1000:.0f} ms; median of {RUNS})"
    )
    assert all(run[3] == COUNT for run in runs)
