"""Outbox handlers: a lost answer never doubles a stock adjustment; absolute writes may repeat."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from app.vendors.errors import VendorUncertain
from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.yodify import YodifySimulator
from app.vendors.yodify.client import YodifyClient
from app.vendors.yodify.outbox import (
    ADD_SHIPMENT,
    ADJUST_INVENTORY,
    CANCEL_ORDER,
    CONFIRM_ORDER,
    SET_INVENTORY,
    SET_PRICE,
    YodifyWriteHandler,
    adjust_inventory_payload,
    yodify_outbox_handlers,
)
from app.vendors.yodify.wire import format_time
from tests.vendors.yodify.conftest import FakeClock, client_for

T = TypeVar("T")
ADJUST_PATH = "/api/v1/SKUs/AdjustInventory/{id}"


@dataclass
class Entry:
    payload: dict[str, Any]
    idempotency_key: str = "key-1"
    created_at: datetime = field(default_factory=lambda: datetime(2026, 3, 2, tzinfo=UTC))


def run(
    sim: YodifySimulator,
    clock: FakeClock,
    work: Callable[[dict[str, YodifyWriteHandler], YodifyClient], Awaitable[T]],
) -> T:
    client = client_for(sim, clock)

    async def go() -> T:
        async with client.http:
            return await work(yodify_outbox_handlers(client), client)

    return asyncio.run(go())


def test_adjustment_whose_answer_was_lost_is_reconciled_as_applied_not_resent(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    sku = sim.catalog.skus[min(sim.catalog.skus)]
    before = sku.inventory
    sim.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path=ADJUST_PATH)

    async def work(handlers: dict[str, YodifyWriteHandler], client: YodifyClient) -> str | None:
        current = await client.get_sku(sku.id)
        entry = Entry(adjust_inventory_payload(current, Decimal("-3.5")))
        with pytest.raises(VendorUncertain):
            await handlers[ADJUST_INVENTORY].send(entry)
        return await handlers[ADJUST_INVENTORY].reconcile(entry)

    assert run(sim, clock, work) == f"sku:{sku.id}"
    assert sku.inventory == before - Decimal("3.5")  # applied exactly once
    assert sim.count("PUT", ADJUST_PATH) == 1  # the runtime did not retry it


def test_adjustment_that_never_arrived_is_reported_not_applied(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    sku = sim.catalog.skus[min(sim.catalog.skus)]
    before = sku.inventory
    sim.faults.script(FaultKind.TIMEOUT, method="PUT", path=ADJUST_PATH)

    async def work(handlers: dict[str, YodifyWriteHandler], client: YodifyClient) -> str | None:
        entry = Entry(adjust_inventory_payload(await client.get_sku(sku.id), Decimal(5)))
        with pytest.raises(VendorUncertain):
            await handlers[ADJUST_INVENTORY].send(entry)
        assert await handlers[ADJUST_INVENTORY].reconcile(entry) is None
        return await handlers[ADJUST_INVENTORY].send(entry)  # now safe to send

    assert run(sim, clock, work) == f"sku:{sku.id}"
    assert sku.inventory == before + 5


def test_adjustment_is_left_to_a_person_when_stock_moved_meanwhile(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    sku = sim.catalog.skus[min(sim.catalog.skus)]
    entry = Entry({"sku_id": sku.id, "delta": "2", "before": str(sku.inventory)})
    sku.inventory += 7  # someone sold or received stock at Yodify

    async def work(handlers: dict[str, YodifyWriteHandler], _: YodifyClient) -> str | None:
        return await handlers[ADJUST_INVENTORY].reconcile(entry)

    with pytest.raises(VendorUncertain, match="cannot tell whether it arrived"):
        run(sim, clock, work)


def test_absolute_stock_and_price_are_retried_after_a_5xx(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    sku = sim.catalog.skus[min(sim.catalog.skus)]
    sim.faults.script(FaultKind.SERVER_ERROR, method="PUT", status=502,
                      path="/api/v1/SKUs/UpdateInventory/{id}")  # fmt: skip
    sale_end = datetime(2026, 3, 9, 21, 0, tzinfo=UTC)
    price = {"sku_id": sku.id, "list_price": "12.99", "sale_price": "9.99", "on_sale": True,
             "sale_start": None, "sale_end": format_time(sale_end)}  # fmt: skip

    async def work(handlers: dict[str, YodifyWriteHandler], _: YodifyClient) -> list[Any]:
        stock = Entry({"sku_id": sku.id, "inventory": "40.25"})
        return [
            await handlers[SET_INVENTORY].send(stock),
            await handlers[SET_INVENTORY].reconcile(stock),
            await handlers[SET_PRICE].send(Entry(price)),
            await handlers[SET_PRICE].reconcile(Entry(price)),
        ]

    ref = f"sku:{sku.id}"
    assert run(sim, clock, work) == [ref, ref, ref, ref]
    assert sim.count("PUT", "/api/v1/SKUs/UpdateInventory/{id}") == 2
    assert sku.inventory == Decimal("40.25")
    assert (sku.list_price, sku.sale_price, sku.is_on_sale) == (
        Decimal("12.99"), Decimal("9.99"), True)  # fmt: skip
    assert sku.sale_end == sale_end


def test_order_actions_reconcile_by_reading_the_order(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    to_confirm, to_cancel = sim.place_order(), sim.place_order()
    sim.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", times=2)

    async def work(handlers: dict[str, YodifyWriteHandler], _: YodifyClient) -> list[Any]:
        confirm = Entry({"order_id": to_confirm.id, "confirm_stock": True})
        cancel = Entry({"order_id": to_cancel.id, "message": "Sold out"})
        assert await handlers[CONFIRM_ORDER].reconcile(confirm) is None
        for handler, entry in (
            (handlers[CONFIRM_ORDER], confirm),
            (handlers[CANCEL_ORDER], cancel),
        ):
            with pytest.raises(VendorUncertain):
                await handler.send(entry)
        return [await handlers[CONFIRM_ORDER].reconcile(confirm),
                await handlers[CANCEL_ORDER].reconcile(cancel)]  # fmt: skip

    assert run(sim, clock, work) == [f"order:{to_confirm.id}", f"order:{to_cancel.id}"]
    assert sim.orders[to_cancel.id].status == "Cancelled"


def test_shipment_with_lost_answer_is_found_by_tracking_number(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    placed = sim.place_order(status="Processing")
    sim.faults.script(FaultKind.DROP_AFTER_COMMIT, method="POST")
    payload = {"order_id": placed.id, "carrier": "UPS", "tracking_number": "1Z42"}

    async def work(handlers: dict[str, YodifyWriteHandler], _: YodifyClient) -> str | None:
        with pytest.raises(VendorUncertain):
            await handlers[ADD_SHIPMENT].send(Entry(payload, idempotency_key="ship-9"))
        return await handlers[ADD_SHIPMENT].reconcile(Entry(payload, idempotency_key="ship-9"))

    ref = run(sim, clock, work)
    assert [str(s.id) for s in sim.orders[placed.id].shipments] == [ref]
    assert sim.orders[placed.id].shipments[0].client_identifier == "ship-9"
