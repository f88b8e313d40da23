"""Confirm, cancel and ship trade orders against the simulator; Yodify's refusals in plain words."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import pytest

from app.domain.wholesale import TradeOrderStatus
from app.vendors.errors import VendorRejected
from app.vendors.simulators.yodify import YodifySimulator
from app.vendors.yodify.client import YodifyClient
from tests.vendors.yodify.conftest import FakeClock, client_for

T = TypeVar("T")


def run(sim: YodifySimulator, clock: FakeClock, work: Callable[[YodifyClient], Awaitable[T]]) -> T:
    client = client_for(sim, clock)

    async def go() -> T:
        async with client.http:
            return await work(client)

    return asyncio.run(go())


def test_confirm_then_ship_moves_the_order_on(sim: YodifySimulator, clock: FakeClock) -> None:
    placed = sim.place_order()

    async def work(client: YodifyClient) -> tuple[str, str, str]:
        confirmed = await client.confirm_order(placed.id)
        shipment = await client.add_shipment(placed.id, carrier="FedEx", tracking_number="7712")
        again = await client.get_order(placed.id)
        listed = await client.list_shipments(placed.id)
        assert [s.tracking_number for s in listed] == ["7712"]
        assert (await client.get_shipment(placed.id, shipment.shipment_id)).carrier == "FedEx"
        return confirmed.status.value, shipment.tracking_number, again.status.value

    assert run(sim, clock, work) == ("Processing", "7712", "Shipped")


def test_cancel_after_shipment_is_refused_with_yodifys_reason(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    placed = sim.place_order()
    sim.orders[placed.id].status = "Processing"
    sim.add_shipment_record(sim.orders[placed.id], "UPS", "1Z999")

    with pytest.raises(VendorRejected) as caught:
        run(sim, clock, lambda c: c.cancel_order(placed.id, "Out of peonies"))
    message = caught.value.message
    assert message.startswith("Yodify refused the request:")
    assert f"Order {placed.number} already has a shipment" in message
    assert "Refund the order instead." in message
    assert "{" not in message and "errors" not in message
    assert sim.orders[placed.id].status == "Processing"


def test_cancel_sends_the_message_for_the_customer(sim: YodifySimulator, clock: FakeClock) -> None:
    placed = sim.place_order()
    cancelled = run(sim, clock, lambda c: c.cancel_order(placed.id, "Out of peonies, sorry"))
    assert cancelled.status is TradeOrderStatus.CANCELLED
    assert sim.orders[placed.id].cancel_message == "Out of peonies, sorry"


def test_shipment_before_confirm_is_refused(sim: YodifySimulator, clock: FakeClock) -> None:
    placed = sim.place_order()
    with pytest.raises(VendorRejected) as caught:
        run(sim, clock, lambda c: c.add_shipment(placed.id, carrier="UPS", tracking_number="1"))
    assert "confirm it before shipping" in caught.value.message
    assert not sim.orders[placed.id].shipments


def test_confirming_twice_is_refused(sim: YodifySimulator, clock: FakeClock) -> None:
    placed = sim.place_order(status="Processing")
    with pytest.raises(VendorRejected, match="cannot be confirmed again"):
        run(sim, clock, lambda c: c.confirm_order(placed.id))


def test_unknown_carrier_for_a_tracked_shipment_is_refused(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    placed = sim.place_order(status="Processing")
    with pytest.raises(VendorRejected, match="'Pony Express' is not a carrier"):
        run(sim, clock, lambda c: c.add_shipment(placed.id, carrier="Pony Express",
                                                 tracking_number="1"))  # fmt: skip


def test_undocumented_status_is_listed_not_crashed_on(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    orders = run(sim, clock, lambda c: c.all_orders(statuses=["OnHold"]))
    assert orders
    assert {o.status_label for o in orders} == {"Unknown (OnHold)"}


def test_board_orders_carry_account_lines_and_both_currencies(
    sim: YodifySimulator, clock: FakeClock
) -> None:
    toronto = next(a for a in sim.catalog.accounts.values() if a.currency == "CAD")
    placed = sim.place_order(account_id=toronto.id)
    order = run(sim, clock, lambda c: c.get_order(placed.id))
    assert order.account.account_name == toronto.name
    assert len(order.lines) == len(placed.lines)
    assert order.totals.currency == "CAD"
    assert order.seller_totals is not None and order.seller_totals.currency == "USD"
    assert order.created_at == clock.now()  # aware, UTC


def test_created_on_window_filters_orders(sim: YodifySimulator, clock: FakeClock) -> None:
    clock.advance(3600)
    fresh = [sim.place_order().id for _ in range(3)]
    since = clock.now() - timedelta(minutes=1)
    found = run(sim, clock, lambda c: c.all_orders(created_from=since, created_to=clock.now()))
    assert [o.order_id for o in found] == fresh
    sent = [r.query for r in sim.received if r.path == "/api/v1/Orders"][-1]
    assert sent["CreatedOnMin"].endswith(".000Z")
