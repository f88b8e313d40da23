"""The loopback server: a real socket, concurrent clients, a clean stop."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.loopback import LoopbackServer
from tests.vendors.simulators.example import AUTH, ShopSimulator


def test_context_manager_yields_the_base_url_with_the_base_path() -> None:
    sim = ShopSimulator()
    with LoopbackServer(sim) as url:
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/api/v1")
        answer = httpx.get(url + "/items/", headers=AUTH)
    assert answer.json() == sim.items


def test_concurrent_requests_never_lose_an_update() -> None:
    sim = ShopSimulator()
    with LoopbackServer(sim) as url:

        async def hammer() -> list[int]:
            limits = httpx.Limits(max_connections=20)
            async with httpx.AsyncClient(base_url=url, headers=AUTH, limits=limits) as client:
                answers = await asyncio.gather(*(client.post("/counter") for _ in range(60)))
            return [a.json()["counter"] for a in answers]

        seen = asyncio.run(hammer())
    assert sim.counter == 60
    assert sorted(seen) == list(range(1, 61))


def test_chunked_request_bodies_are_read() -> None:
    sim = ShopSimulator()

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"id": '
        yield b'"chunky"}'

    async def send(url: str) -> int:
        async with httpx.AsyncClient(base_url=url, headers=AUTH) as client:
            return (await client.post("/orders", content=chunks())).status_code

    with LoopbackServer(sim) as url:
        assert asyncio.run(send(url)) == 201
    assert "chunky" in sim.orders


def test_stop_ends_a_hanging_timeout_and_kept_alive_connections() -> None:
    before = set(threading.enumerate())
    sim = ShopSimulator()
    server = LoopbackServer(sim)
    url = server.start()
    sim.faults.script(FaultKind.TIMEOUT, path="/orders/{id}")
    kept = httpx.Client(base_url=url, headers=AUTH)
    try:
        kept.get("/orders")  # leaves an idle kept-alive connection behind
        # The server thread keeps hanging after the client gives up (hang_seconds: 30 s).
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(url + "/orders/1", headers=AUTH, timeout=httpx.Timeout(2.0, read=0.2))
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 5
    finally:
        kept.close()
    assert set(threading.enumerate()) == before


def test_start_and_stop_are_idempotent() -> None:
    server = LoopbackServer(ShopSimulator())
    first = server.start()
    assert server.start() == first
    server.stop()
    server.stop()
