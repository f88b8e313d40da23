"""Per-vendor politeness: requests spaced per second and a cap on requests in flight."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import respx

from app.vendors.errors import VendorRateLimited
from app.vendors.http import RateLimit
from tests.vendors.http.conftest import FakeClock, make_http

API = "https://api.test/v1/items"


def _get_many(clock: FakeClock, limit: RateLimit, count: int, *, together: bool) -> list[float]:
    """Send ``count`` GETs; return the fake time at which each reached the vendor."""
    arrivals: list[float] = []

    def record(request: httpx.Request) -> httpx.Response:
        arrivals.append(clock.monotonic())
        return httpx.Response(200, json={})

    async def go() -> None:
        http = make_http(clock, rate_limit=limit)
        try:
            if together:
                await asyncio.gather(*(http.get_json("/items") for _ in range(count)))
            else:
                for _ in range(count):
                    await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.get(API).mock(side_effect=record)
        asyncio.run(go())
    return arrivals


def test_requests_one_after_another_are_spaced(clock: FakeClock) -> None:
    arrivals = _get_many(clock, RateLimit(per_second=2), 3, together=False)
    assert arrivals == [0.0, 0.5, 1.0]


def test_requests_sent_together_are_spaced() -> None:
    # All arrive at t=0 and each takes the next free slot: waits of 1, 2 and 3 slots.
    clock = FakeClock(frozen=True)
    _get_many(clock, RateLimit(per_second=4), 4, together=True)
    assert sorted(clock.sleeps) == [0.25, 0.5, 0.75]


def test_a_burst_goes_at_once_then_spacing_starts() -> None:
    clock = FakeClock(frozen=True)
    _get_many(clock, RateLimit(per_second=2, burst=2), 4, together=True)
    assert sorted(clock.sleeps) == [0.5, 1.0]


def test_after_a_quiet_spell_no_wait(clock: FakeClock) -> None:
    first = _get_many(clock, RateLimit(per_second=1), 2, together=False)
    assert first == [0.0, 1.0]
    clock.advance(10)
    assert _get_many(clock, RateLimit(per_second=1), 1, together=False) == [11.0]


def test_no_more_requests_in_flight_than_declared(clock: FakeClock) -> None:
    in_flight = {"now": 0, "most": 0}

    async def slow(request: httpx.Request) -> httpx.Response:
        in_flight["now"] += 1
        in_flight["most"] = max(in_flight["most"], in_flight["now"])
        for _ in range(5):
            await asyncio.sleep(0)
        in_flight["now"] -= 1
        return httpx.Response(200, json={})

    async def go() -> None:
        http = make_http(clock, rate_limit=RateLimit(max_concurrency=2))
        try:
            await asyncio.gather(*(http.get_json("/items") for _ in range(6)))
        finally:
            await http.aclose()

    with respx.mock() as router:
        route = router.get(API).mock(side_effect=slow)
        asyncio.run(go())
    assert route.call_count == 6
    assert in_flight["most"] == 2


def test_retry_after_holds_the_next_request_too(clock: FakeClock) -> None:
    async def go() -> None:
        http = make_http(clock)
        try:
            with pytest.raises(VendorRateLimited):
                await http.get_json("/items", retry=False)
            await http.get_json("/items")
        finally:
            await http.aclose()

    with respx.mock() as router:
        router.get(API).mock(
            side_effect=[httpx.Response(429, headers={"Retry-After": "5"}), httpx.Response(200)]
        )
        asyncio.run(go())
    assert clock.sleeps == [5.0]


@pytest.mark.parametrize("bad", [{"per_second": 0}, {"max_concurrency": 0}, {"burst": 0}])
def test_nonsense_limits_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        RateLimit(**bad)  # type: ignore[arg-type]
