"""Polling with SinceId: every new trade order shows up exactly once, whenever it arrives."""

from __future__ import annotations

import asyncio
import random

import httpx

from app.vendors.simulators.yodify import TOKEN, YodifySimulator
from app.vendors.yodify.client import make_yodify_client
from tests.vendors.yodify.conftest import BASE_URL, FakeClock


class ArrivalsBetweenPages(httpx.AsyncBaseTransport):
    """After each order page is served, a few more orders check out (the worst moment)."""

    def __init__(self, sim: YodifySimulator, per_page: int) -> None:
        self.sim = sim
        self.inner = sim.transport()
        self.per_page = per_page

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path == "/api/v1/Orders":
            for _ in range(self.per_page):
                self.sim.place_order()
        return response


def test_polls_never_miss_or_repeat_with_orders_arriving_between_and_during_polls(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    transport = ArrivalsBetweenPages(sim, per_page=7)
    client = make_yodify_client(BASE_URL, TOKEN, transport=transport, clock=clock)
    start_cursor = max(sim.orders)
    rng = random.Random(5)

    async def poll_many() -> list[int]:
        seen: list[int] = []
        cursor: int | None = start_cursor
        async with client.http:
            for _ in range(12):
                for _ in range(rng.randint(0, 230)):  # sometimes several pages' worth
                    sim.place_order()
                clock.advance(60)
                found = await client.new_orders_since(cursor, limit=100)
                seen.extend(order.order_id for order in found.orders)
                cursor = found.cursor
            # A final quiet poll picks up what arrived during the last one.
            transport.per_page = 0
            found = await client.new_orders_since(cursor)
            seen.extend(order.order_id for order in found.orders)
        return seen

    seen = asyncio.run(poll_many())
    expected = [order_id for order_id in sim.orders if order_id > start_cursor]
    assert len(seen) == len(set(seen)), "an order was reported twice"
    assert sorted(seen) == expected, "an order was missed"
    assert len(expected) > 500


def test_first_poll_returns_the_backlog_and_a_cursor(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    client = make_yodify_client(BASE_URL, TOKEN, transport=sim.transport(), clock=clock)

    async def two_polls() -> tuple[list[str], list[str], int | None]:
        async with client.http:
            first = await client.new_orders_since(None, statuses=["New"])
            newcomer = sim.place_order()
            second = await client.new_orders_since(first.cursor, statuses=["New"])
            assert second.orders[0].order_id == newcomer.id
            return (
                [o.status.value for o in first.orders],
                [o.number for o in second.orders],
                (second.cursor),
            )

    statuses, numbers, cursor = asyncio.run(two_polls())
    assert statuses and set(statuses) == {"New"}
    assert numbers == [sim.orders[max(sim.orders)].number]
    assert cursor == max(sim.orders)


def test_an_empty_poll_keeps_the_cursor(sim: YodifySimulator, clock: FakeClock) -> None:
    client = make_yodify_client(BASE_URL, TOKEN, transport=sim.transport(), clock=clock)

    async def poll() -> tuple[int, int | None]:
        async with client.http:
            found = await client.new_orders_since(max(sim.orders))
            return len(found.orders), found.cursor

    assert asyncio.run(poll()) == (0, max(sim.orders))


def test_scheduled_orders_arrive_as_the_clock_moves(clock: FakeClock) -> None:
    sim = YodifySimulator(seed=11, clock=clock.now, sku_count=200)
    before = sum(sim.snapshot()["orders"].values())
    clock.advance(6 * 3600)
    after = sum(sim.snapshot()["orders"].values())
    assert after - before >= 12  # at least one every 30 minutes


def test_polling_also_holds_if_the_server_lists_newest_first(clock: FakeClock) -> None:
    """The document does not say the order of the list; a newest-first server is covered too."""
    ids = list(range(1, 251))

    def serve(request: httpx.Request) -> httpx.Response:
        since = int(request.url.params.get("SinceId", 0))
        page, limit = int(request.url.params["Page"]), int(request.url.params["Limit"])
        matching = sorted((i for i in ids if i > since), reverse=True)
        chunk = matching[(page - 1) * limit : page * limit]
        ids.extend(range(ids[-1] + 1, ids[-1] + 4))  # three more arrive after every answer
        stamp = "2026-03-02T09:00:00Z"
        return httpx.Response(200, json=[{"id": i, "order_status": "New", "ordered_date": stamp}
                                         for i in chunk])  # fmt: skip

    client = make_yodify_client(BASE_URL, TOKEN, transport=httpx.MockTransport(serve), clock=clock)

    async def polls() -> list[int]:
        seen: list[int] = []
        cursor: int | None = 10
        async with client.http:
            for _ in range(4):
                found = await client.new_orders_since(cursor)
                seen.extend(o.order_id for o in found.orders)
                cursor = found.cursor
        return seen

    seen = asyncio.run(polls())
    assert len(seen) == len(set(seen))
    assert sorted(seen) == list(range(11, max(seen) + 1))
