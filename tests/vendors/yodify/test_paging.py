"""Pages of at most 100 records, both list shapes, concurrent pages when the total is known."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from app.vendors.errors import VendorRejected
from app.vendors.simulators.yodify import TOKEN, YodifySimulator
from app.vendors.yodify.client import make_yodify_client
from tests.vendors.yodify.conftest import BASE_URL, FakeClock, client_for


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts requests in flight at once; yields to the loop so concurrent ones overlap."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.in_flight = 0
        self.most = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        try:
            for _ in range(3):
                await asyncio.sleep(0)
            return await self.inner.handle_async_request(request)
        finally:
            self.in_flight -= 1


def limits_sent(sim: YodifySimulator, path: str) -> list[int]:
    return [int(r.query["Limit"]) for r in sim.received if r.path == path and "Limit" in r.query]


def test_full_sku_pull_uses_pages_of_100_and_gets_every_sku(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    client = client_for(sim, clock)

    async def pull() -> list[int]:
        async with client.http:
            return [s.sku_id for s in await client.list_skus()]

    ids = asyncio.run(pull())
    assert sorted(ids) == sorted(sim.catalog.skus)
    assert len(ids) == len(set(ids)) == 450
    assert limits_sent(sim, "/api/v1/SKUs") == [100] * 5
    pages = sorted(int(r.query["Page"]) for r in sim.received if r.path == "/api/v1/SKUs")
    assert pages == [1, 2, 3, 4, 5]


def test_bare_array_orders_are_paged_until_a_short_page(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    for _ in range(180):
        sim.place_order()
    client = client_for(sim, clock)

    async def pull() -> int:
        async with client.http:
            return len(await client.all_orders())

    assert asyncio.run(pull()) == len(sim.orders)
    assert limits_sent(sim, "/api/v1/Orders") == [100, 100, 100]


def test_a_limit_above_100_is_clamped_not_refused(sim: YodifySimulator, clock: FakeClock) -> None:
    client = client_for(sim, clock)

    async def one_page() -> int:
        async with client.http:
            return len(await client.list_orders(limit=1000))

    assert asyncio.run(one_page()) == len(sim.orders)
    assert limits_sent(sim, "/api/v1/Orders") == [100]


def test_the_simulator_refuses_limit_101_with_yodifys_body(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    client = client_for(sim, clock)

    async def raw() -> None:
        async with client.http:
            await client._call("GET", "/SKUs", params=[("Limit", 101)])

    with pytest.raises(VendorRejected) as caught:
        asyncio.run(raw())
    assert caught.value.details == ("Limit must be between 1 and 100.",)


def test_bare_array_products_brands_and_carriers(sim: YodifySimulator, clock: FakeClock) -> None:
    client = client_for(sim, clock)

    async def pull() -> tuple[int, int, list[str]]:
        async with client.http:
            products = await client.list_products()
            brands = await client.list_brands()
            carriers = await client.list_carriers()
            return len(products), len(brands), [c.slug for c in carriers]

    products, brands, slugs = asyncio.run(pull())
    assert products == len(sim.catalog.products)
    assert brands == len(sim.catalog.brands)
    assert "DHLExpress" in slugs


def test_remaining_pages_are_fetched_concurrently_within_the_limit(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    transport = CountingTransport(sim.transport(sleep=clock.sleep))
    client = make_yodify_client(BASE_URL, TOKEN, transport=transport, clock=clock)

    async def pull() -> int:
        async with client.http:
            return len(await client.list_skus())

    assert asyncio.run(pull()) == 450
    assert 1 < transport.most <= client.http.max_concurrency


class FailingPageTransport(httpx.AsyncBaseTransport):
    """Page 2 is refused at once; pages after it hang until cancelled (recorded)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.pages: list[int] = []
        self.cancelled: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params.get("Page", "1"))
        self.pages.append(page)
        if page == 1:
            return await self.inner.handle_async_request(request)
        if page == 2:
            await asyncio.sleep(0)  # the other pages are in flight by now
            return httpx.Response(400, json={"title": "Page 2 is not available."})
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled.append(page)
            raise
        raise AssertionError("unreachable")


def test_a_refused_page_ends_the_pull_and_stops_the_pages_still_on_their_way(
    clock: FakeClock,
) -> None:
    sim = YodifySimulator(seed=3, clock=clock.now, sku_count=1000, arrivals=False)
    transport = FailingPageTransport(sim.transport(sleep=clock.sleep))
    client = make_yodify_client(BASE_URL, TOKEN, transport=transport, clock=clock)

    async def pull() -> list[int]:
        async with client.http:
            with pytest.raises(VendorRejected):
                await client.list_skus()
            return sorted(transport.cancelled)  # before asyncio.run tidies anything up

    assert asyncio.run(pull()) == [3, 4, 5]
    assert sorted(transport.pages) == [1, 2, 3, 4, 5]  # pages 6-10 were never asked for
