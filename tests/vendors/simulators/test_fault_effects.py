"""Each fault as a client sees it, in-process and over a real loopback socket."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.loopback import LoopbackServer
from tests.vendors.simulators.example import AUTH, BASE_URL, ShopSimulator

DROPPED = (httpx.RemoteProtocolError, httpx.ReadError)


@dataclass
class Wire:
    """A simulator and a way to reach it: the in-process transport or a loopback client."""

    sim: ShopSimulator
    client: httpx.Client | None = None

    def send(self, method: str, path: str, *, read: float = 2.0, **kwargs: Any) -> httpx.Response:
        timeout = httpx.Timeout(2.0, read=read)
        if self.client is not None:
            return self.client.request(method, path, timeout=timeout, **kwargs)

        async def go() -> httpx.Response:
            transport = self.sim.transport()
            async with httpx.AsyncClient(
                transport=transport, base_url=BASE_URL, headers=AUTH, timeout=timeout
            ) as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(go())


@pytest.fixture(params=["in-process", "loopback"])
def wire(request: pytest.FixtureRequest) -> Iterator[Wire]:
    sim = ShopSimulator(seed=1)
    sim.faults.hang_seconds = 10.0
    if request.param == "in-process":
        yield Wire(sim)
        return
    with LoopbackServer(sim) as url, httpx.Client(base_url=url, headers=AUTH) as client:
        yield Wire(sim, client)


def test_server_error_answers_5xx_without_touching_state(wire: Wire) -> None:
    wire.sim.faults.script(FaultKind.SERVER_ERROR, method="POST", path="/orders", status=502)
    answer = wire.send("POST", "/orders", json={"id": "1"})
    assert answer.status_code == 502
    assert "error" in answer.json()
    assert wire.sim.orders == {}
    assert wire.send("POST", "/orders", json={"id": "1"}).status_code == 201


def test_rate_limit_answers_429_with_retry_after(wire: Wire) -> None:
    wire.sim.faults.script(FaultKind.RATE_LIMIT, retry_after=5)
    answer = wire.send("POST", "/orders", json={"id": "1"})
    assert (answer.status_code, answer.headers["Retry-After"]) == (429, "5")
    assert wire.sim.orders == {}


def test_timeout_gives_the_client_a_read_timeout_and_runs_nothing(wire: Wire) -> None:
    wire.sim.faults.script(FaultKind.TIMEOUT, method="POST")
    with pytest.raises(httpx.ReadTimeout):
        wire.send("POST", "/orders", json={"id": "1"}, read=0.2)
    assert wire.sim.orders == {}
    assert wire.sim.requests == [("POST", "/orders")]


def test_malformed_json_keeps_the_state_change(wire: Wire) -> None:
    wire.sim.faults.script(FaultKind.MALFORMED_JSON)
    answer = wire.send("POST", "/orders", json={"id": "1"})
    assert answer.status_code == 201
    with pytest.raises(json.JSONDecodeError):
        answer.json()
    assert "1" in wire.sim.orders


def test_drop_after_commit_applies_the_change_but_no_answer_arrives(wire: Wire) -> None:
    wire.sim.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/orders/{id}")
    with pytest.raises(DROPPED):
        wire.send("PUT", "/orders/7", json={"status": "ready"})
    assert wire.sim.orders["7"]["status"] == "ready"
    # Only the scripted request was dropped: looking the order up works and finds it.
    assert wire.send("GET", "/orders/7").json()["status"] == "ready"


def test_latency_beyond_the_read_timeout_is_a_timeout_after_the_commit(wire: Wire) -> None:
    wire.sim.faults.script(FaultKind.LATENCY, seconds=3.0)
    with pytest.raises(httpx.ReadTimeout):
        wire.send("PUT", "/orders/3", json={"status": "ready"}, read=0.2)
    assert wire.sim.orders["3"]["status"] == "ready"


def test_probabilistic_faults_fall_on_the_same_requests_for_a_seed(wire: Wire) -> None:
    wire.sim.faults.sometimes(FaultKind.SERVER_ERROR, 0.5)
    first = [wire.send("GET", "/orders").status_code for _ in range(12)]
    replay = ShopSimulator(seed=1)
    replay.faults.sometimes(FaultKind.SERVER_ERROR, 0.5)
    again = [Wire(replay).send("GET", "/orders").status_code for _ in range(12)]
    assert first == again
    assert set(first) == {200, 503}


def test_in_process_latency_waits_on_the_injected_sleep() -> None:
    sim = ShopSimulator()
    sim.faults.script(FaultKind.LATENCY, seconds=0.5, times=2)
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    async def go() -> list[int]:
        transport = sim.transport(sleep=fake_sleep)
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL, headers=AUTH) as c:
            return [(await c.get("/orders")).status_code for _ in range(3)]

    assert asyncio.run(go()) == [200, 200, 200]
    assert slept == [0.5, 0.5]


def test_loopback_latency_is_real_time() -> None:
    sim = ShopSimulator()
    with LoopbackServer(sim) as url, httpx.Client(base_url=url, headers=AUTH) as client:
        client.get("/orders")  # connect first so only the latency is measured
        sim.faults.script(FaultKind.LATENCY, seconds=0.15)
        answer = client.get("/orders")
    assert answer.status_code == 200
    assert answer.elapsed.total_seconds() >= 0.15
