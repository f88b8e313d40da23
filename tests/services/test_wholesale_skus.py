"""SKU stock and prices: cached for the pricing view, changed through the outbox."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.services.outbox import OutboxState
from app.services.wholesale import SkuChangeError
from app.services.wholesale_catalog import SKUS
from app.vendors.simulators.faults import FaultKind
from tests.services.wholesale_helpers import demo_runtime

ADJUST_PATH = "/api/v1/SKUs/AdjustInventory/{id}"


def test_sku_pull_caches_every_sku_with_decimal_stock(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            first = min(demo.sim.catalog.skus)
            demo.sim.catalog.skus[first].inventory = Decimal("12.5")
            result = await demo.runtime.scheduler.refresh_now(SKUS)
            assert result.ok and result.records == len(demo.sim.catalog.skus)
            cached = {s.sku_id: s for s in await demo.wholesale.catalog.skus()}
            assert len(cached) == len(demo.sim.catalog.skus)
            assert cached[first].inventory == Decimal("12.5")
            sim_sku = demo.sim.catalog.skus[first]
            assert cached[first].list_price == sim_sku.list_price
            assert cached[first].sku == sim_sku.sku

    asyncio.run(go())


def test_prices_and_absolute_stock_reach_yodify(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            await demo.runtime.scheduler.refresh_now(SKUS)
            sku = (await demo.wholesale.catalog.skus())[0]
            start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
            price = await demo.wholesale.set_sku_price(
                sku, Decimal("14.50"), sale_price=Decimal("11.99"), on_sale=True,
                sale_start=start, sale_end=start + timedelta(days=10),
            )  # fmt: skip
            again = await demo.wholesale.set_sku_price(
                sku, Decimal("14.50"), sale_price=Decimal("11.99"), on_sale=True,
                sale_start=start, sale_end=start + timedelta(days=10),
            )  # fmt: skip
            assert not again.new and again.entry.id == price.entry.id
            await demo.wholesale.set_sku_stock(sku, Decimal("40.25"))
            assert {e.state for e in await demo.send()} == {OutboxState.SENT}
            sim_sku = demo.sim.catalog.skus[sku.sku_id]
            assert (sim_sku.list_price, sim_sku.sale_price) == (Decimal("14.5"), Decimal("11.99"))
            assert sim_sku.is_on_sale and sim_sku.inventory == Decimal("40.25")

            # The same price asked for again after it was sent is a new write, not a no-op.
            sim_sku.list_price = Decimal("9")
            later = await demo.wholesale.set_sku_price(
                sku, Decimal("14.50"), sale_price=Decimal("11.99"), on_sale=True,
                sale_start=start, sale_end=start + timedelta(days=10),
            )  # fmt: skip
            assert later.new
            await demo.send()
            assert sim_sku.list_price == Decimal("14.5")

    asyncio.run(go())


def test_bad_price_or_stock_is_refused_before_queueing(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            await demo.runtime.scheduler.refresh_now(SKUS)
            sku = (await demo.wholesale.catalog.skus())[0]
            with pytest.raises(SkuChangeError, match="below zero"):
                await demo.wholesale.set_sku_price(sku, Decimal("-1"))
            with pytest.raises(SkuChangeError, match="no sale price"):
                await demo.wholesale.set_sku_price(sku, Decimal("5"), on_sale=True)
            with pytest.raises(SkuChangeError, match="below zero"):
                await demo.wholesale.set_sku_stock(sku, Decimal("-2"))
            assert await demo.runtime.outbox.list() == []

    asyncio.run(go())


def test_adjustment_after_a_lost_answer_is_never_doubled(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            await demo.runtime.scheduler.refresh_now(SKUS)
            sku = (await demo.wholesale.catalog.skus())[0]
            sim_sku = demo.sim.catalog.skus[sku.sku_id]
            sim_sku.inventory = Decimal("20")
            demo.sim.faults.script(FaultKind.DROP_AFTER_COMMIT, method="PUT", path=ADJUST_PATH)
            await demo.wholesale.adjust_sku_stock(sku, Decimal("-1.5"), reference="sale-1")
            (unclear,) = await demo.send()
            assert unclear.state is OutboxState.UNCERTAIN
            assert sim_sku.inventory == Decimal("18.5")  # Yodify applied it; we never heard
            (settled,) = await demo.send()
            assert settled.state is OutboxState.SENT
            assert sim_sku.inventory == Decimal("18.5")  # looked up, not sent again

            # Two sales of one stem are two changes, even from the same starting stock.
            await demo.wholesale.adjust_sku_stock(sku, Decimal("-1"), reference="sale-2")
            await demo.wholesale.adjust_sku_stock(sku, Decimal("-1"), reference="sale-3")
            assert len(await demo.send()) == 2
            assert sim_sku.inventory == Decimal("16.5")

    asyncio.run(go())
