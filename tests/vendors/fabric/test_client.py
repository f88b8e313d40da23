"""The fabric client against the simulator: tokens, DRF pages, inventory, orders, shipments."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

import pytest

from app.domain.dropship import VendorOrderState
from app.domain.dropship_validation import parse_order
from app.vendors.errors import VendorAuthFailed, VendorRejected
from app.vendors.fabric.client import FabricClient
from app.vendors.simulators.fabric import FabricSimulator
from tests.vendors.endless_aisles.fakes import FakeTime, fabric_pair, order_data

T = TypeVar("T")
Scenario = Callable[[FabricSimulator, FabricClient, FakeTime], Awaitable[T]]


def run(scenario: Scenario[T], **options: Any) -> T:
    async def main() -> T:
        sim, client, time = fabric_pair(**options)
        try:
            return await scenario(sim, client, time)
        finally:
            await client.aclose()

    return asyncio.run(main())


def fabric_order(**line: Any) -> Any:
    data = order_data(vendor="fabric", reference="PO-STORE12-7")
    data["lines"] = [{"item": "451", "upc": "1", "quantity": 2, "price": "35.00", **line}]
    return parse_order(data)


def token_requests(sim: FabricSimulator) -> list[Any]:
    return [r for r in sim.received if r.method == "POST" and r.path in ("/v1/", "/v1/auth/token/")]


def test_the_token_is_fetched_with_a_form_body_at_the_documented_url_and_reused() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        await client.products()
        await client.inventory_item("451")
        (request,) = token_requests(sim)
        assert request.path == "/v1/"  # fabric.md §2: the seed's literal token URL
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
        assert request.form()["grant_type"] == "client_credentials"
        assert sim.received[-1].headers["authorization"].startswith("Bearer ")

    run(scenario)


def test_the_token_url_is_configurable() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        await client.inventory_item("451")
        assert [r.path for r in token_requests(sim)] == ["/v1/auth/token/"]

    run(scenario, token_url="https://marketplace-api-sandbox.fabric.inc/v1/auth/token/")


def test_the_token_is_renewed_before_its_ten_hours_end() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        await client.inventory_item("451")
        t.advance(timedelta(hours=9, minutes=30))
        await client.inventory_item("451")
        assert len(token_requests(sim)) == 1  # still well inside its life
        t.advance(timedelta(minutes=25))  # 9 h 55 min: inside the renewal margin
        await client.inventory_item("451")
        assert len(token_requests(sim)) == 2
        assert client.http.token_expires_at == t.now() + timedelta(hours=10)

    run(scenario)


def test_a_token_refused_early_is_renewed_once_and_the_request_repeated() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        await client.inventory_item("451")
        sim.tokens.clear()  # the server forgot it (revoked, restarted)
        level = await client.inventory_item("451")
        assert level.variant_id == "451"
        assert len(token_requests(sim)) == 2

    run(scenario)


def test_wrong_credentials_say_to_fix_them_in_settings() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        with pytest.raises(VendorAuthFailed, match="Settings"):
            await client.inventory_item("451")
        assert len(token_requests(sim)) == 1  # never loops

    run(scenario, secret="wrong")


def test_drf_pages_are_followed_by_next_until_null() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        items = [item async for item in client.variants()]
        assert len(items) == len(sim.variants) == 12
        pages = [r for r in sim.received if r.path == "/v1/retailers/500/variants/"]
        assert [r.query.get("page") for r in pages] == [None, "2", "3"]

    run(scenario, page_size=5)


def test_next_links_never_take_the_token_to_another_host() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        # The simulator writes next links on the sandbox host; the client is set up elsewhere.
        assert len([item async for item in client.variants()]) == 12
        hosts = {r.headers["host"] for r in sim.received}
        assert hosts == {"fabric.example"}

    run(scenario, page_size=5, base_url="https://fabric.example")


def test_every_path_keeps_its_trailing_slash() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        await client.products()
        [i async for i in client.inventory()]
        await client.place_order(fabric_order(), t.now())
        await client.shipments()
        assert all(r.path.endswith("/") for r in sim.received)

    run(scenario)


def test_inventory_sync_is_incremental_with_updated_at_gte() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        everything = [level async for level in client.inventory()]
        assert len(everything) == 12
        t.advance(timedelta(minutes=10))
        since = t.now()
        await client.place_order(fabric_order(quantity=1), t.now())
        changed = [level async for level in client.inventory(since)]
        assert [level.variant_id for level in changed] == ["451"]
        assert sim.received[-1].query["updated_at_gte"] == str(int(since.timestamp()))

    run(scenario)


def test_the_purchase_order_carries_the_reference_and_the_shipping_method() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        placed = await client.place_order(fabric_order(), t.now())
        body = sim.received[-1].json()
        assert sim.received[-1].path == "/v1/retailers/500/orders/"
        assert body["purchase_order_number"] == "PO-STORE12-7"
        assert body["requested_shipping_method_id"] == 2
        assert body["order_lines"] == [{"quantity": 2, "price": "35.00", "variant": {"id": 451}}]
        assert body["ship_to"]["name1"] == "Ada Lovelace"
        assert body["ordered_at"] == "2026-03-02T15:00:00Z"
        assert placed.order_id == "1015" and placed.reference == "PO-STORE12-7"
        assert (await client.find_order("PO-STORE12-7")) == placed
        assert await client.find_order("NOPE") is None

    run(scenario)


def test_a_refused_order_names_the_line_and_nothing_is_saved() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        with pytest.raises(VendorRejected) as caught:
            await client.place_order(fabric_order(item="999"), t.now())
        assert caught.value.details == (
            'order_lines[0].variant: Invalid pk "999" - object does not exist.',
        )
        assert sim.orders == {}

    run(scenario)


def test_more_than_in_stock_is_accepted_as_a_backorder() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        placed = await client.place_order(fabric_order(quantity=500), t.now())
        assert placed.state is VendorOrderState.BACKORDERED

    run(scenario)


def test_shipments_arrive_after_a_while_and_are_acknowledged_once() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        sim.variants[451].inventory = 50  # in stock: a backorder would not ship
        placed = await client.place_order(fabric_order(), t.now())
        assert await client.shipments() == []
        t.advance(timedelta(hours=4))
        (new,) = await client.shipments()
        assert new.order_id == placed.order_id
        assert new.shipment.tracking_url.startswith("https://wwwapps.ups.com/")
        assert sim.received[-1].query["is_acknowledged"] == "0"
        await client.acknowledge_shipment(new.shipment_id)
        assert sim.received[-1].method == "PUT"
        assert sim.received[-1].path == f"/v1/retailers/500/shipments/{new.shipment_id}/"
        assert await client.shipments() == []
        assert len(await client.shipments(new_only=False)) == 1
        shipped = await client.find_order("PO-STORE12-7")
        assert shipped is not None and shipped.state is VendorOrderState.SHIPPED

    run(scenario)


def test_cancel_only_before_the_brand_acknowledges_the_order() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        first = await client.place_order(fabric_order(), t.now())
        await client.cancel_order(first.order_id)
        assert (await client.order(first.order_id)).state is VendorOrderState.CANCELED
        second = await client.place_order(fabric_order(), t.now())
        t.advance(timedelta(hours=2))
        with pytest.raises(VendorRejected, match="prior to the supplier acknowledging"):
            await client.cancel_order(second.order_id)

    run(scenario)


def test_production_is_recognised() -> None:
    async def scenario(sim: FabricSimulator, client: FabricClient, t: FakeTime) -> None:
        assert client.is_production

    run(scenario, base_url="https://marketplace-api.fabric.inc/v1/")
