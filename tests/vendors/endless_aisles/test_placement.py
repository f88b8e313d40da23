"""Placing at Endless Aisles through the outbox handler, and finding an order after a doubt."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.domain.dropship_validation import parse_order
from app.vendors.endless_aisles.placement import EndlessAislesPlaceOrder
from app.vendors.errors import VendorUnavailable, VendorUncertain
from app.vendors.simulators.faults import FaultKind
from tests.vendors.endless_aisles.fakes import START, ea_pair, order_data


@dataclass
class Entry:
    payload: dict[str, Any]
    idempotency_key: str = "STORE12-000123"
    created_at: datetime = START
    updated_at: datetime = START
    extra: dict[str, Any] = field(default_factory=dict)


def test_send_places_the_order_and_returns_the_vendor_order_id() -> None:
    async def main() -> None:
        sim, client, _ = ea_pair()
        handler = EndlessAislesPlaceOrder(client)
        assert await handler.send(Entry(order_data())) == "10031"
        assert sim.orders[10031].custom_order_id == "STORE12-000123"
        await client.aclose()

    asyncio.run(main())


def test_an_order_whose_answer_was_lost_is_found_by_email_address_and_lines() -> None:
    async def main() -> None:
        sim, client, time = ea_pair()
        handler = EndlessAislesPlaceOrder(client)
        sim.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path="/api/orders")
        with pytest.raises(VendorUncertain):
            await handler.send(Entry(order_data()))
        assert len(sim.orders) == 1  # it did arrive
        time.advance(timedelta(minutes=5))
        assert await handler.reconcile(Entry(order_data())) == "10031"
        query = [r.query for r in sim.received if r.path == "/api/orders" and r.method == "GET"]
        assert query[0]["query"] == "ada@example.com"
        assert query[0]["since"] == "03-01-2026"  # a day before the send, m-d-Y
        await client.aclose()

    asyncio.run(main())


def test_without_an_email_the_lookup_is_by_last_name() -> None:
    async def main() -> None:
        sim, client, _ = ea_pair()
        data = order_data()
        data["ship_to"]["email"] = ""
        handler = EndlessAislesPlaceOrder(client)
        await client.place_order(parse_order(data))
        assert await handler.reconcile(Entry(data)) == "10031"
        assert sim.received[-2].query["query"] == "Lovelace"
        await client.aclose()

    asyncio.run(main())


def test_nothing_there_means_none_so_the_order_may_be_sent() -> None:
    async def main() -> None:
        _, client, _ = ea_pair()
        assert await EndlessAislesPlaceOrder(client).reconcile(Entry(order_data())) is None
        await client.aclose()

    asyncio.run(main())


def test_the_same_customer_with_other_lines_or_address_is_not_our_order() -> None:
    async def main() -> None:
        _, client, _ = ea_pair()
        other_lines = order_data(reference="OTHER-1")
        other_lines["lines"][0]["quantity"] = 1
        await client.place_order(parse_order(other_lines))
        other_address = order_data(reference="OTHER-2")
        other_address["ship_to"] = {**other_address["ship_to"], "address_line_1": "1 Elm St"}
        await client.place_order(parse_order(other_address))
        assert await EndlessAislesPlaceOrder(client).reconcile(Entry(order_data())) is None
        await client.aclose()

    asyncio.run(main())


def test_an_order_from_before_the_send_is_not_taken_for_ours() -> None:
    async def main() -> None:
        _, client, time = ea_pair()
        await client.place_order(parse_order(order_data(reference="LAST-WEEK")))
        time.advance(timedelta(days=7))
        entry = Entry(order_data(), created_at=time.now())
        assert await EndlessAislesPlaceOrder(client).reconcile(entry) is None
        await client.aclose()

    asyncio.run(main())


def test_a_failing_lookup_raises_instead_of_claiming_the_order_is_absent() -> None:
    async def main() -> None:
        sim, client, _ = ea_pair()
        sim.faults.script(FaultKind.SERVER_ERROR, method="GET", path="/api/orders", times=10)
        with pytest.raises(VendorUnavailable):
            await EndlessAislesPlaceOrder(client).reconcile(Entry(order_data()))
        await client.aclose()

    asyncio.run(main())
