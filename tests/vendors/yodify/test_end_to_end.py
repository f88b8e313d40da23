"""Client and simulator together, as the board, customers view and pricing cache use them."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest

from app.domain.trade_order_rules import cancel_refusal
from app.domain.wholesale import TradeOrderStatus
from app.vendors.errors import VendorRejected
from app.vendors.simulators.yodify import YodifySimulator
from tests.vendors.yodify.conftest import FakeClock, client_for


def test_trade_order_day(sim: YodifySimulator, clock: FakeClock) -> None:
    client = client_for(sim, clock)

    async def day() -> None:
        async with client.http:
            board = await client.new_orders_since(None, statuses=[TradeOrderStatus.NEW])
            assert board.orders, "the backlog of new trade orders is on the board"
            oldest = board.orders[0]
            assert clock.now() - oldest.created_at > timedelta(minutes=30)
            assert oldest.account.display_name and oldest.lines

            await client.confirm_order(oldest.order_id)
            await client.add_shipment(oldest.order_id, carrier="DHL Express",
                                      tracking_number="JD0146")  # fmt: skip
            shipped = await client.get_order(oldest.order_id)
            assert shipped.status is TradeOrderStatus.SHIPPED
            assert cancel_refusal(shipped) is not None  # the button is disabled
            with pytest.raises(VendorRejected, match="can no longer be cancelled"):
                await client.cancel_order(oldest.order_id, "Customer changed their mind")

            still_new = await client.list_orders(statuses=["New,Processing"])
            assert {o.status for o in still_new} <= {
                TradeOrderStatus.NEW, TradeOrderStatus.PROCESSING}  # fmt: skip
            assert oldest.order_id not in {o.order_id for o in still_new}

    asyncio.run(day())


def test_customer_lookup_shows_level_and_discounts(sim: YodifySimulator, clock: FakeClock) -> None:
    client = client_for(sim, clock)

    async def lookup() -> str:
        async with client.http:
            (account,) = await client.find_accounts("orders@petalpushers")
            found = await client.account_discounts(account)
            assert found.level is not None
            assert all(d.discount_level_id == found.level.level_id for d in found.brand_discounts)
            assert found.quantity_discounts[0].percent_for(30) == Decimal(10)
            return found.summary

    assert asyncio.run(lookup()).startswith("Petal Pushers: Event Designer")


def test_stock_and_prices_for_the_pricing_cache(sim: YodifySimulator, clock: FakeClock) -> None:
    client = client_for(sim, clock)
    sku_id = min(sim.catalog.skus)
    sim.catalog.skus[sku_id].inventory = Decimal("10.5")

    async def pricing() -> None:
        async with client.http:
            skus = {s.sku_id: s for s in await client.list_skus()}
            assert skus[sku_id].inventory == Decimal("10.5")
            after = await client.adjust_inventory(sku_id, Decimal("-0.25"))
            assert after.inventory == Decimal("10.25")
            hits = await client.search("rose", types=["Product"])
            assert hits and all("Rose" in h.name for h in hits)

    asyncio.run(pricing())
