"""Stock items, costs, bouquets and price writes against the simulator and the OpenAPI examples."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from app.vendors.errors import VendorRejected
from app.vendors.posiflora.bouquets import PosifloraBouquets
from app.vendors.posiflora.inventory import PosifloraInventory
from app.vendors.posiflora.price_outbox import (
    BouquetPriceHandler,
    ItemPriceHandler,
    bouquet_price_payload,
    item_price_payload,
)
from app.vendors.posiflora.wire_inventory import bouquet_price_body, price_body
from app.vendors.simulators.posiflora import PosifloraSimulator

from .conftest import FakeClock, client_for

ITEM = "a6b7febf-fb5d-4ae1-bad4-ba7954d9e767"
STORE_A = "af32a044-3ae6-40bb-9ffc-d9f609ee39bf"
STORE_B = "41ac812c-c2fd-41e1-809a-fc709e756642"

# Copied from posiflora-openapi.json: POST /v1/inventory-items/{id}/prices, request example.
OPENAPI_SET_PRICE = {
    "data": {
        "type": "prices",
        "attributes": {"price": 100, "status": "off"},
        "relationships": {"store": {"data": {"id": STORE_B, "type": "stores"}}},
    }
}
# POST /v1/inventory-items/{id}/bulk-prices, request example.
OPENAPI_BULK_PRICES = {
    "data": [
        {
            "type": "prices",
            "attributes": {"price": 1500, "status": "on"},
            "relationships": {"store": {"data": {"id": STORE_A, "type": "stores"}}},
        },
        {
            "type": "prices",
            "attributes": {"price": 1500, "status": "on"},
            "relationships": {"store": {"data": {"id": STORE_B, "type": "stores"}}},
        },
    ]
}


@dataclass
class Entry:
    payload: dict[str, Any]
    idempotency_key: str = "k1"
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def _apis(
    clock: FakeClock, sim: PosifloraSimulator
) -> tuple[PosifloraInventory, PosifloraBouquets]:
    client = client_for(clock, sim.transport(sleep=clock.sleep))
    return PosifloraInventory(client.http), PosifloraBouquets(client.http)


def test_price_bodies_match_the_openapi_examples_exactly() -> None:
    assert {"data": price_body(STORE_B, Decimal(100), "off")} == OPENAPI_SET_PRICE
    bulk = {"data": [price_body(s, Decimal("1500.00")) for s in (STORE_A, STORE_B)]}
    assert bulk == OPENAPI_BULK_PRICES
    # int32 on the wire: a whole Decimal goes out as an int, never "1500.00" or 1500.0.
    assert type(bulk["data"][0]["attributes"]["price"]) is int


def test_a_fractional_store_price_is_refused_before_sending() -> None:
    with pytest.raises(ValueError, match="whole-unit"):
        price_body(STORE_A, Decimal("12.99"))


def test_bouquet_patch_follows_the_examples_not_the_category_schema() -> None:
    body = bouquet_price_body("b1", Decimal("76.80"))
    assert body == {"data": {"type": "bouquets", "id": "b1", "attributes": {"saleAmount": 76.8}}}


def test_items_with_store_prices_costs_and_barcodes(
    clock: FakeClock, sim: PosifloraSimulator
) -> None:
    async def go() -> None:
        inventory, _ = _apis(clock, sim)
        store = sim.stores[0]
        items = await inventory.items(store.id)
        assert len(items) == len(sim.items)
        first = items[0]
        truth = sim.items[first.id]
        assert first.barcodes == (truth.barcode,)
        assert first.price_max == Decimal(truth.prices[store.id].price)
        costs = await inventory.last_costs(store.id, [i.id for i in items])
        by_item = {c.item_id: c.cost for c in costs}
        assert by_item[first.id] == truth.prices[store.id].cost
        stock = await inventory.net_costs(store.id, [first.id])
        assert stock[0].stock == truth.prices[store.id].quantity
        await inventory.http.aclose()

    asyncio.run(go())


def test_item_price_handler_sends_the_documented_body_and_reconciles(
    clock: FakeClock, sim: PosifloraSimulator
) -> None:
    async def go() -> None:
        inventory, _ = _apis(clock, sim)
        item = next(iter(sim.items.values()))
        store = sim.stores[1]
        handler = ItemPriceHandler(inventory)
        entry = Entry(item_price_payload(item.id, store.id, Decimal("42")))
        assert await handler.reconcile(entry) is None  # not there yet
        ref = await handler.send(entry)
        assert ref == f"{item.id}-{store.id}"
        path, body = sim.price_bodies[-1]
        assert path.endswith(f"/v1/inventory-items/{item.id}/prices")
        assert body == {
            "data": {
                "type": "prices",
                "attributes": {"price": 42, "status": "on"},
                "relationships": {"store": {"data": {"id": store.id, "type": "stores"}}},
            }
        }
        assert item.prices[store.id].price == 42
        assert await handler.reconcile(entry) == ref  # a resend would change nothing
        await inventory.http.aclose()

    asyncio.run(go())


def test_a_locked_item_fails_with_the_vendors_reason(
    clock: FakeClock, sim: PosifloraSimulator
) -> None:
    async def go() -> None:
        inventory, _ = _apis(clock, sim)
        item = next(iter(sim.items.values()))
        sim.locked_items.add(item.id)
        entry = Entry(item_price_payload(item.id, sim.stores[0].id, Decimal("42")))
        with pytest.raises(VendorRejected) as caught:
            await ItemPriceHandler(inventory).send(entry)
        assert "locked by a running promotion" in caught.value.message
        await inventory.http.aclose()

    asyncio.run(go())


def test_bouquets_list_and_sale_amount_change(clock: FakeClock, sim: PosifloraSimulator) -> None:
    async def go() -> None:
        _, bouquets = _apis(clock, sim)
        found = await bouquets.bouquets()
        assert len(found) == len(sim.bouquets)
        target = found[0]
        assert target.amount == sim.bouquets[target.id].amount
        handler = BouquetPriceHandler(bouquets)
        entry = Entry(bouquet_price_payload(target.id, Decimal("99.90")))
        assert await handler.send(entry) == target.id
        assert sim.bouquets[target.id].sale_amount == Decimal("99.9")
        assert sim.price_bodies[-1][1]["data"]["attributes"] == {"saleAmount": 99.9}
        assert await handler.reconcile(entry) == target.id
        await bouquets.http.aclose()

    asyncio.run(go())
