"""The client against the simulator through ``sim.transport()``: loyalty, edits, orders."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.domain.customers import ContactChanges
from app.domain.flower_orders import DeliveryStatus, FlowerOrderStatus
from app.vendors.errors import VendorRejected
from app.vendors.posiflora import PosifloraClient, PosifloraCustomerUpdateHandler
from app.vendors.posiflora.jsonapi import resource_body
from app.vendors.posiflora.outbox import update_payload
from app.vendors.simulators.posiflora import PosifloraSimulator

from .conftest import FakeClock, client_for


def run(sim: PosifloraSimulator, clock: FakeClock, action: Any) -> Any:
    async def scenario() -> Any:
        client = client_for(clock, sim.transport())
        try:
            return await action(client)
        finally:
            await client.http.aclose()

    return asyncio.run(scenario())


def _open_order_with_customer(sim: PosifloraSimulator, group_id: str) -> tuple[str, str]:
    order = next(o for o in sim.orders.values() if o.status == "new" and o.customer_id)
    customer = sim.customers[order.customer_id or ""]
    customer.bonus_group_id = group_id
    return order.id, customer.id


def test_done_order_earns_points_at_the_group_rate(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    order_id, customer_id = _open_order_with_customer(sim, "58")  # Gold: 20%
    total = sim.orders[order_id].total_amount
    before = sim.customers[customer_id].current_points

    async def action(client: PosifloraClient) -> Any:
        body = resource_body("orders", {"status": "done"}, ident=order_id)
        await client.patch(f"/v1/orders/{order_id}", body)
        return await client.customer(customer_id), await client.bonus_history(customer_id)

    card, history = run(sim, clock, action)
    earned = int(total * 20 / 100)
    assert card.customer.current_points == before + earned
    assert history[0].amount == earned and history[0].order_id == order_id
    assert sum(e.amount for e in history) == card.customer.current_points


def test_redemption_over_the_group_limit_is_refused_with_a_sentence(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    order_id, customer_id = _open_order_with_customer(sim, "57")  # limit 10%
    sim.customers[customer_id].current_points = 100000
    cap = int(sim.orders[order_id].total_amount / 10)

    def pay(points: int) -> Any:
        async def action(client: PosifloraClient) -> Any:
            body = resource_body("order-payments", {"amount": 0, "bonusAmount": points})
            return await client.http.request(
                "POST", f"/v1/orders/{order_id}/payments", json=body, retry=True
            )

        return run(sim, clock, action)

    with pytest.raises(VendorRejected) as caught:
        pay(cap + 1)
    assert f"At most {cap} points" in caught.value.message
    pay(cap)
    assert sim.customers[customer_id].current_points == 100000 - cap


def test_contact_edit_through_the_outbox_handler_is_sent_once_and_reconciled(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    customer_id = next(iter(sim.customers))

    @dataclass
    class Entry:
        payload: dict[str, Any]

    entry = Entry(update_payload(customer_id, ContactChanges(email="new@example.com")))

    async def action(client: PosifloraClient) -> Any:
        handler = PosifloraCustomerUpdateHandler(client)
        before = await handler.reconcile(entry)
        ref = await handler.send(entry)
        after = await handler.reconcile(entry)
        return before, ref, after

    before, ref, after = run(sim, clock, action)
    assert (before, ref, after) == (None, customer_id, customer_id)
    assert sim.customers[customer_id].email == "new@example.com"
    assert sim.count("PATCH", "/v1/customers/{id}") == 1


def test_invalid_email_comes_back_as_the_vendors_sentence(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    customer_id = next(iter(sim.customers))

    async def action(client: PosifloraClient) -> Any:
        return await client.update_customer(customer_id, ContactChanges(email="not-an-email"))

    with pytest.raises(VendorRejected) as caught:
        run(sim, clock, action)
    assert "not a valid email address (field email)" in caught.value.message


def test_search_by_card_phone_and_name_at_the_vendor(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    target = list(sim.customers.values())[7]

    async def action(client: PosifloraClient) -> Any:
        by_card = await client.customers_page(target.bonus_card)
        by_phone = await client.customers_page(target.phone[-7:])
        by_name = [c async for page in client.iter_customers(target.title) for c in page.customers]
        return by_card, by_phone, by_name

    by_card, by_phone, by_name = run(sim, clock, action)
    assert [c.id for c in by_card.customers] == [target.id]
    assert target.id in [c.id for c in by_phone.customers]
    assert target.id in [c.id for c in by_name]
    assert len(by_name) == sum(c.title == target.title for c in sim.customers.values())


def test_todays_orders_delivery_status_and_unknown_status_kept(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    delivery = next(o for o in sim.orders.values() if o.delivery)
    odd = next(o for o in sim.orders.values() if o.id != delivery.id)
    odd.status = "credit"  # a status the document does not list
    start = clock.now() - timedelta(hours=12)

    async def action(client: PosifloraClient) -> Any:
        today = await client.todays_orders(start, start + timedelta(days=1))
        updated = await client.set_delivery_status(delivery.id, DeliveryStatus.DELIVERED)
        kept = await client.order(odd.id)
        return today, updated, kept

    today, updated, kept = run(sim, clock, action)
    end = start + timedelta(days=1)

    def in_span(moment: datetime | None) -> bool:
        return moment is not None and start <= moment <= end

    # Taken or due in the span: every order taken today, and none of the past days' others.
    expected = {
        o.id
        for o in sim.orders.values()
        if o.status != "returned" and (in_span(o.created_at) or in_span(o.due_time))
    }
    assert {o.id for o in today} == expected
    assert expected >= {o.id for o in list(sim.orders.values())[:30] if o.status != "returned"}
    assert updated.delivery_status == "delivered"
    assert kept.status == "credit" and kept.known_status is None and kept.status_label == "credit"
    assert FlowerOrderStatus("notAccepted").value == "notAccepted"


def test_stats_require_a_range_and_store_stats_are_decimal(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    async def action(client: PosifloraClient) -> Any:
        stores = await client.stores()
        return stores, await client.store_stats(stores[0].id, "day")

    stores, stats = run(sim, clock, action)
    assert len(stores) == 2
    midnight = clock.now().replace(hour=0, minute=0, second=0)
    done = [o for o in sim.orders.values() if o.status == "done" and o.store_id == stores[0].id]
    today = [o for o in done if o.posted_at and o.posted_at >= midnight]  # "day" = today so far
    assert today and len(today) < len(done)
    assert stats.revenue == sum(o.total_amount for o in today)
    assert stats.orders_count == len(today)
