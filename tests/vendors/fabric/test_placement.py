"""Placing at fabric through the outbox handler; reconcile by PO number; the dropship source."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.domain.dropship import VendorOrderState
from app.vendors.errors import VendorUnavailable, VendorUncertain
from app.vendors.fabric.dropship import FabricDropship
from app.vendors.fabric.placement import FabricPlaceOrder
from app.vendors.simulators.faults import FaultKind
from tests.vendors.endless_aisles.fakes import START, fabric_pair, order_data


def fabric_data(reference: str = "PO-1") -> dict[str, Any]:
    data = order_data(vendor="fabric", reference=reference)
    data["lines"] = [{"item": "452", "upc": "1", "quantity": 1, "price": "20.00"}]
    return data


@dataclass
class Entry:
    payload: dict[str, Any]
    idempotency_key: str = "PO-1"
    created_at: datetime = START
    updated_at: datetime = START


def test_an_order_whose_answer_was_lost_is_found_by_its_po_number() -> None:
    async def main() -> None:
        sim, client, _ = fabric_pair(page_size=2)
        handler = FabricPlaceOrder(client)
        for ref in ("PO-A", "PO-B"):  # other orders first, so the lookup has to page
            await handler.send(Entry(fabric_data(ref)))
        sim.faults.script(
            FaultKind.DROP_AFTER_COMMIT, method="POST", path="/v1/retailers/{r}/orders/"
        )
        with pytest.raises(VendorUncertain):
            await handler.send(Entry(fabric_data()))
        assert await handler.reconcile(Entry(fabric_data())) == "1017"
        assert await handler.reconcile(Entry(fabric_data("PO-NEVER"))) is None
        assert len(sim.orders) == 3
        await client.aclose()

    asyncio.run(main())


def test_a_failing_orders_list_raises_instead_of_saying_absent() -> None:
    async def main() -> None:
        sim, client, _ = fabric_pair()
        sim.faults.script(
            FaultKind.SERVER_ERROR, method="GET", path="/v1/retailers/{r}/orders/", times=10
        )
        with pytest.raises(VendorUnavailable):
            await FabricPlaceOrder(client).reconcile(Entry(fabric_data()))
        await client.aclose()

    asyncio.run(main())


def test_the_source_finds_stock_by_upc_after_an_incremental_sync() -> None:
    async def main() -> None:
        sim, client, time = fabric_pair()
        source = FabricDropship(client)
        first = await source.sync_inventory()
        assert len(first) == 12
        upc = sim.variants[452].upc
        level = source.by_upc(upc)
        assert level is not None and level.variant_id == "452"
        sim.variants[452].inventory = 30
        time.advance(timedelta(minutes=5))
        await FabricPlaceOrder(client).send(Entry(fabric_data()))
        changed = {lv.variant_id for lv in await source.sync_inventory()}
        others = [v for v in sim.variants.values() if v.id != 452]
        newest = max(others, key=lambda v: v.updated_at)
        assert changed <= {"452", str(newest.id)}  # the change, and the newest second re-read
        assert "452" in changed
        level = source.by_upc(upc)
        assert level is not None and level.quantity == 29
        await client.aclose()

    asyncio.run(main())


def test_the_source_searches_by_words_upc_or_id_and_tracks_with_acknowledgement() -> None:
    async def main() -> None:
        sim, client, time = fabric_pair()
        source = FabricDropship(client)
        assert {i.item_id for i in await source.search("soy candle")} == {"451", "452", "453"}
        assert [i.item_id for i in await source.search(sim.variants[455].upc)] == ["455"]
        assert [i.item_id for i in await source.search("456")] == ["456"]
        sim.variants[452].inventory = 30
        order_id = await FabricPlaceOrder(client).send(Entry(fabric_data()))
        time.advance(timedelta(hours=4))
        tracked = await source.tracking(order_id, "PO-1")
        assert tracked.state is VendorOrderState.SHIPPED
        assert tracked.shipments[0].tracking_number.startswith("1Z")
        assert await client.shipments() == []  # read once, acknowledged
        await client.aclose()

    asyncio.run(main())
