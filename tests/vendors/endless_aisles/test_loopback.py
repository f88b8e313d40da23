"""Both dropship simulators also serve over a real 127.0.0.1 socket, as the demo and CLI do."""

from __future__ import annotations

import asyncio

from app.domain.dropship_validation import parse_order
from app.vendors.endless_aisles.client import EndlessAislesClient
from app.vendors.endless_aisles.client import make_http as make_ea_http
from app.vendors.fabric.client import FabricClient
from app.vendors.fabric.client import make_http as make_fabric_http
from app.vendors.simulators.endless_aisles import SIM_TOKEN, EndlessAislesSimulator
from app.vendors.simulators.fabric import SIM_CLIENT_ID, SIM_CLIENT_SECRET, FabricSimulator
from app.vendors.simulators.loopback import LoopbackServer
from tests.vendors.endless_aisles.fakes import order_data


def test_endless_aisles_over_loopback_places_an_order() -> None:
    sim = EndlessAislesSimulator(seed=1)
    with LoopbackServer(sim) as base_url:
        assert base_url.startswith("http://127.0.0.1:")

        async def main() -> str:
            client = EndlessAislesClient(make_ea_http(base_url, SIM_TOKEN))
            try:
                return (await client.place_order(parse_order(order_data()))).order_id
            finally:
                await client.aclose()

        assert asyncio.run(main()) == "10031"
    assert len(sim.orders) == 1


def test_fabric_over_loopback_pages_and_places_an_order() -> None:
    sim = FabricSimulator(seed=1, page_size=5)
    with LoopbackServer(sim) as base_url:

        async def main() -> int:
            http = make_fabric_http(base_url, SIM_CLIENT_ID, SIM_CLIENT_SECRET)
            client = FabricClient(http, 500)
            try:
                count = len([v async for v in client.variants()])
                data = order_data(vendor="fabric", reference="PO-LOOP")
                data["lines"] = [{"item": "451", "upc": "1", "quantity": 1, "price": "9.00"}]
                await client.place_order(parse_order(data), http.clock.now())
                return count
            finally:
                await client.aclose()

        assert asyncio.run(main()) == 12
    assert [o.body["purchase_order_number"] for o in sim.orders.values()] == ["PO-LOOP"]
