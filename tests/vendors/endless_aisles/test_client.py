"""The Endless Aisles client against the simulator: catalog, stock, orders, cancel windows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from app.domain.dropship import VendorOrderState
from app.domain.dropship_validation import parse_order
from app.vendors.endless_aisles.client import (
    PRODUCTION_BASE_URL,
    EndlessAislesClient,
)
from app.vendors.errors import VendorAuthFailed, VendorRejected
from app.vendors.simulators.endless_aisles import EndlessAislesSimulator
from app.vendors.simulators.harness import SimRequest, route
from tests.vendors.endless_aisles.fakes import FakeTime, ea_pair, order_data

T = TypeVar("T")
Scenario = Callable[[EndlessAislesSimulator, EndlessAislesClient, FakeTime], Awaitable[T]]


def run(scenario: Scenario[T], **options: Any) -> T:
    async def main() -> T:
        sim, client, time = ea_pair(**options)
        try:
            return await scenario(sim, client, time)
        finally:
            await client.aclose()

    return asyncio.run(main())


def test_the_token_travels_in_the_custom_header_and_a_bad_one_is_refused() -> None:
    async def scenario(sim: Any, client: EndlessAislesClient, time: Any) -> None:
        with pytest.raises(VendorAuthFailed, match="Settings > Endless Aisles"):
            await client.stock(["66543"])

    run(scenario, token="wrong")


def test_paths_join_without_a_double_slash() -> None:
    async def scenario(sim: EndlessAislesSimulator, client: EndlessAislesClient, t: Any) -> None:
        await client.stock(["66543"])
        assert sim.received[-1].full_path == "/api/stock"

    run(scenario, base_url="https://app-qa.endlessaisles.io/")


def test_production_is_recognised_for_the_real_orders_marker() -> None:
    async def scenario(sim: Any, client: EndlessAislesClient, time: Any) -> None:
        assert client.is_production

    run(scenario, base_url=PRODUCTION_BASE_URL + "/")
    run(lambda s, c, t: _assert(not c.is_production))


async def _assert(value: bool) -> None:
    assert value


def test_search_walks_every_page_of_the_laravel_envelope() -> None:
    async def scenario(sim: EndlessAislesSimulator, client: EndlessAislesClient, t: Any) -> None:
        first, page = await client.search_products(per_page=5)
        assert (page.page, page.last_page, page.total) == (1, 3, 12)
        everything = [item async for item in client.all_products(per_page=5)]
        assert len(everything) == sum(len(p.sizes) for p in sim.products)
        assert sim.count("GET", "/api/products") == 4  # one page, then three more
        assert first[0].title == "Phundamental Puppy Phood"

    run(scenario)


def test_search_by_term_and_sort() -> None:
    async def scenario(sim: Any, client: EndlessAislesClient, t: Any) -> None:
        items, _ = await client.search_products("dental chews")
        assert {i.title for i in items} == {"Dental Chews Mini"}
        items, _ = await client.search_products(sort="desc", per_page=100)
        titles = [i.title for i in items]
        assert titles == sorted(titles, reverse=True, key=str.lower)

    run(scenario)


def test_product_by_id_by_size_and_option() -> None:
    async def scenario(sim: Any, client: EndlessAislesClient, t: Any) -> None:
        by_size = await client.product_by_size("66541")
        assert {i.item_id for i in by_size} == {"66541", "66542", "66543"}
        assert await client.product("32154") == by_size
        option = await client.option("32154", "66543")
        assert (option.variant, option.retail, option.map_price) == (
            "1-lb",
            Decimal("12.99"),
            Decimal("9.99"),
        )
        with pytest.raises(VendorRejected, match="A product option with that id does not exist"):
            await client.option("32154", "1")
        assert await client.item("1") is None

    run(scenario)


def test_stock_for_one_many_unknown_and_non_entitled_skus() -> None:
    async def scenario(sim: Any, client: EndlessAislesClient, t: Any) -> None:
        assert await client.stock(["66543"]) == {"66543": 40}
        many = await client.stock(["66543", "66541", "24999", "1"])
        assert many == {"66543": 40, "66541": 3, "24999": 0}
        assert await client.stock(["1"]) == {}
        assert len(await client.stock()) == len(sim.sizes)

    run(scenario)


def test_placing_an_order_returns_its_id_and_stock_runs_down() -> None:
    async def scenario(sim: EndlessAislesSimulator, client: EndlessAislesClient, t: Any) -> None:
        placed = await client.place_order(parse_order(order_data()))
        assert placed.order_id == "10031"
        assert placed.reference == "STORE12-000123"
        assert placed.state is VendorOrderState.PLACED
        assert sim.orders[10031].custom_order_id == "STORE12-000123"
        assert await client.stock(["66543"]) == {"66543": 38}

    run(scenario)


def test_the_vendor_refusal_is_shown_as_its_own_sentences() -> None:
    async def scenario(sim: EndlessAislesSimulator, client: EndlessAislesClient, t: Any) -> None:
        data = order_data()
        data["lines"][0]["quantity"] = 41  # more than the 40 in stock
        with pytest.raises(VendorRejected) as caught:
            await client.place_order(parse_order(data))
        assert caught.value.details == ("The line_items.0.id is out of stock (40 available).",)
        assert "out of stock" in caught.value.message
        assert sim.orders == {}

    run(scenario)


def test_orders_list_filters_by_email_last_name_number_since_and_status() -> None:
    async def scenario(
        sim: EndlessAislesSimulator, client: EndlessAislesClient, t: FakeTime
    ) -> None:
        await client.place_order(parse_order(order_data()))
        t.advance(timedelta(days=2))
        other = order_data(reference="R2")
        other["ship_to"] = {**other["ship_to"], "last_name": "Byron", "email": "b@example.com"}
        await client.place_order(parse_order(other))

        async def ids(**query: Any) -> list[str]:
            return [o.order_id async for o in client.all_orders(**query)]

        assert await ids() == ["10032", "10031"]  # most recent first
        assert await ids(query="ada@example.com") == ["10031"]
        assert await ids(query="Byron") == ["10032"]
        assert await ids(query="10031") == ["10031"]
        assert await ids(since=t.now() - timedelta(days=1)) == ["10032"]
        assert await ids(status="closed") == ["10031"]  # shipped by now
        assert await ids(status="open") == ["10032"]

    run(scenario)


def test_an_order_ships_after_a_while_with_a_tracking_link() -> None:
    async def scenario(
        sim: EndlessAislesSimulator, client: EndlessAislesClient, t: FakeTime
    ) -> None:
        placed = await client.place_order(parse_order(order_data()))
        waiting = await client.order(placed.order_id)
        assert waiting.state is VendorOrderState.PLACED and waiting.shipments == ()
        assert [(ln.item, ln.quantity) for ln in waiting.lines] == [("66543", 2)]
        t.advance(timedelta(hours=3))
        shipped = await client.order(placed.order_id)
        assert shipped.state is VendorOrderState.SHIPPED
        assert shipped.shipments[0].tracking_url.startswith("https://www.fedex.com/")

    run(scenario)


def test_cancel_inside_the_window_by_get_as_the_request_line_says() -> None:
    async def scenario(
        sim: EndlessAislesSimulator, client: EndlessAislesClient, t: FakeTime
    ) -> None:
        placed = await client.place_order(parse_order(order_data()))
        t.advance(timedelta(minutes=20))
        canceled = await client.cancel_order(placed.order_id)
        assert canceled is not None and canceled.state is VendorOrderState.CANCELED
        assert sim.count("GET", "/api/orders/{id}/cancel") == 1
        assert await client.stock(["66543"]) == {"66543": 40}  # back on the shelf

    run(scenario)


def test_cancel_after_the_window_gives_the_vendor_reason() -> None:
    async def scenario(
        sim: EndlessAislesSimulator, client: EndlessAislesClient, t: FakeTime
    ) -> None:
        placed = await client.place_order(parse_order(order_data()))
        t.advance(timedelta(minutes=31))
        with pytest.raises(VendorRejected, match="can no longer be cancelled"):
            await client.cancel_order(placed.order_id)
        assert (await client.order(placed.order_id)).state is not VendorOrderState.CANCELED

    run(scenario)


class PutCancelOnly(EndlessAislesSimulator):
    """A server following the section heading: cancel is PUT only, GET answers 405."""

    @route("PUT", "/api/orders/{id}/cancel")
    def cancel(self, req: SimRequest) -> Any:
        return super().cancel(req)


def test_cancel_falls_back_to_put_when_the_server_wants_the_heading_reading() -> None:
    async def main() -> None:
        time = FakeTime()
        sim = PutCancelOnly(seed=1, clock=time)
        from app.vendors.endless_aisles.client import make_http

        http = make_http(
            "https://app-qa.endlessaisles.io",
            "sim-endless-aisles-token",
            transport=sim.transport(),
            clock=time,
        )
        client = EndlessAislesClient(http)
        try:
            placed = await client.place_order(parse_order(order_data()))
            canceled = await client.cancel_order(placed.order_id)
            assert canceled is not None and canceled.state is VendorOrderState.CANCELED
            assert sim.count("GET", "/api/orders/{id}/cancel") == 1
            assert sim.count("PUT", "/api/orders/{id}/cancel") == 1
        finally:
            await client.aclose()

    asyncio.run(main())
