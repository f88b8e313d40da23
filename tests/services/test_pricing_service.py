"""Pricing rows from the cache, changes through the outbox, states in rows, retry and revert."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from app.domain.pricing import PriceRule, RuleKind
from app.domain.wholesale_catalog import Sku
from app.services.cache import Cache
from app.services.db import Database
from app.services.outbox import Outbox, OutboxState
from app.services.pricing import PricingService
from app.services.pricing_rows import PriceRow, Source
from app.services.pricing_wiring import pull_bouquets, pull_inventory
from app.services.wholesale_records import to_record
from app.vendors.posiflora import connect
from app.vendors.posiflora.bouquets import PosifloraBouquets
from app.vendors.posiflora.inventory import PosifloraInventory
from app.vendors.posiflora.price_outbox import (
    BOUQUET_PRICE,
    ITEM_PRICE,
    BouquetPriceHandler,
    ItemPriceHandler,
)
from app.vendors.simulators.posiflora import SIM_PASSWORD, SIM_USERNAME, PosifloraSimulator

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
FLOOR = Decimal("30")


class FastClock:
    """Rate-limit spacing passes at once: the test is about prices, not pacing."""

    def __init__(self) -> None:
        self.elapsed = 0.0

    def now(self) -> datetime:
        return NOW

    def monotonic(self) -> float:
        return self.elapsed

    async def sleep(self, seconds: float) -> None:
        self.elapsed += seconds
        await asyncio.sleep(0)


class SkuHandler:
    """Stands in for Yodify: records what it was asked to set."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def send(self, entry: Any) -> str:
        self.sent.append(dict(entry.payload))
        return f"sku:{entry.payload['sku_id']}"

    async def reconcile(self, entry: Any) -> str | None:
        return None


def _sku(sku_id: int, code: str, price: str) -> Sku:
    return Sku(
        sku_id, code, 1, f"Rose box {code}", Decimal(price), None, False, None, None, Decimal("12")
    )


Scenario = Callable[[PricingService, Outbox, PosifloraSimulator, SkuHandler], Awaitable[None]]


def run(tmp_path: Path, scenario: Scenario) -> None:
    async def go() -> None:
        db = await Database.open(tmp_path / "p.sqlite3")
        sim = PosifloraSimulator(seed=3, customers=5, orders=2, inventory_items=30, bouquets=6)
        client = connect(
            "https://sim.invalid/api",
            SIM_USERNAME,
            SIM_PASSWORD,
            transport=sim.transport(),
            clock=FastClock(),
        )
        cache, outbox = Cache(db), Outbox(db)
        inventory, bouquets = PosifloraInventory(client.http), PosifloraBouquets(client.http)
        outbox.register("posiflora", ITEM_PRICE, ItemPriceHandler(inventory))
        outbox.register("posiflora", BOUQUET_PRICE, BouquetPriceHandler(bouquets))
        skus = SkuHandler()
        outbox.register("yodify", "set_price", skus)
        runtime = SimpleNamespace(cache=cache)
        await pull_inventory(runtime, client, inventory)  # type: ignore[arg-type]
        await pull_bouquets(runtime, bouquets)  # type: ignore[arg-type]
        barcode = next(iter(sim.items.values())).barcode  # this SKU shares a stock item's code
        records = {
            "1": to_record(_sku(1, barcode, "20.00")),
            "2": to_record(_sku(2, "XY-2", "9.50")),
        }
        await cache.replace("yodify", "skus", records)
        service = PricingService(cache, outbox, clock=lambda: NOW)
        try:
            await scenario(service, outbox, sim, skus)
        finally:
            await service.aclose()
            await client.http.aclose()
            db.close()

    asyncio.run(go())


def _of(rows: list[PriceRow], source: Source) -> list[PriceRow]:
    return [r for r in rows if r.source is source]


async def _send_all(outbox: Outbox, service: PricingService) -> None:
    for entry in await outbox.due():
        await outbox.process(entry.id)
    await service.settle()


def test_rows_cover_three_sources_with_cost_price_and_margin(tmp_path: Path) -> None:
    async def scenario(
        service: PricingService, outbox: Outbox, sim: PosifloraSimulator, _: SkuHandler
    ) -> None:
        rows = await service.rows()
        items, bouquets, skus = (
            _of(rows, Source.ITEM),
            _of(rows, Source.BOUQUET),
            _of(rows, Source.SKU),
        )
        assert len(items) == 30 * len(sim.stores) and len(bouquets) == 6 and len(skus) == 2
        item = items[0]
        truth = sim.items[item.vendor_id].prices[item.store_id]
        assert (item.cost, item.price) == (truth.cost, Decimal(truth.price))
        assert item.margin is not None and item.margin.amount == (item.price - item.cost).quantize(
            Decimal("0.01")
        )
        assert item.store in {s.title for s in sim.stores} and item.category
        bouquet = bouquets[0]
        assert bouquet.cost == sim.bouquets[bouquet.vendor_id].amount
        assert "on the showcase" in bouquet.detail
        # The SKU sharing a stock item's barcode takes that item's cost; the other has none.
        assert skus[0].cost is not None and skus[0].margin is not None
        assert skus[1].cost is None and skus[1].margin is None

    run(tmp_path, scenario)


def test_bulk_preview_is_exactly_what_is_queued_and_sent(tmp_path: Path) -> None:
    async def scenario(
        service: PricingService, outbox: Outbox, sim: PosifloraSimulator, skus: SkuHandler
    ) -> None:
        rows = await service.rows()
        chosen = _of(rows, Source.ITEM)[:5] + _of(rows, Source.BOUQUET)[:2] + _of(rows, Source.SKU)
        preview = service.preview(chosen, PriceRule(RuleKind.PERCENT, Decimal("12.5")), FLOOR)
        assert len(preview) == len(chosen)
        entries = await service.apply(chosen, preview, "action-1")
        again = await service.apply(chosen, preview, "action-1")  # a second press queues nothing
        assert [e.id for e in again] == [e.id for e in entries]
        queued = {e.payload["row_key"]: e.payload for e in await outbox.list()}
        sent_prices = {
            k: Decimal(p.get("price") or p.get("sale_amount") or p.get("list_price"))
            for k, p in queued.items()
        }
        assert sent_prices == {p.key: p.new_price for p in preview if p.changes}
        await _send_all(outbox, service)
        for line in preview:
            if line.key.startswith("item:") and line.changes:
                _, item_id, store_id = line.key.split(":")
                assert Decimal(sim.items[item_id].prices[store_id].price) == line.new_price
        assert {Decimal(p["list_price"]) for p in skus.sent} == {
            p.new_price for p in preview if p.key.startswith("sku:")
        }
        after = {r.key: r for r in await service.rows()}
        assert all(after[p.key].state == "sent" for p in preview if p.changes)
        assert all(after[p.key].price == p.new_price for p in preview if p.changes)

    run(tmp_path, scenario)


def test_states_pending_failed_with_reason_retry_and_revert(tmp_path: Path) -> None:
    async def scenario(
        service: PricingService, outbox: Outbox, sim: PosifloraSimulator, _: SkuHandler
    ) -> None:
        row = _of(await service.rows(), Source.ITEM)[0]
        old = row.price
        sim.locked_items.add(row.vendor_id)
        await service.set_price(row, Decimal("77"))
        row = {r.key: r for r in await service.rows()}[row.key]
        assert row.state == "pending" and row.shown_price == Decimal("77")
        await _send_all(outbox, service)
        row = {r.key: r for r in await service.rows()}[row.key]
        assert row.state == "failed"
        assert "locked by a running promotion" in row.state_message
        assert row.price == old  # the vendor still has the old price
        sim.locked_items.clear()
        await service.retry(row)
        await _send_all(outbox, service)
        row = {r.key: r for r in await service.rows()}[row.key]
        assert row.state == "sent" and row.price == Decimal("77")
        await service.revert(row)  # a sent change is reverted by sending the old price back
        await _send_all(outbox, service)
        row = {r.key: r for r in await service.rows()}[row.key]
        assert (
            row.price == old and Decimal(sim.items[row.vendor_id].prices[row.store_id].price) == old
        )

    run(tmp_path, scenario)


def test_a_failed_change_reverted_is_discarded(tmp_path: Path) -> None:
    async def scenario(
        service: PricingService, outbox: Outbox, sim: PosifloraSimulator, _: SkuHandler
    ) -> None:
        row = _of(await service.rows(), Source.ITEM)[1]
        sim.locked_items.add(row.vendor_id)
        await service.set_price(row, Decimal("55"))
        await _send_all(outbox, service)
        row = {r.key: r for r in await service.rows()}[row.key]
        entry = await service.revert(row)
        assert entry.state is OutboxState.DISCARDED
        row = {r.key: r for r in await service.rows()}[row.key]
        assert row.state is None and row.shown_price == row.price

    run(tmp_path, scenario)


def test_queued_offline_then_sent_when_the_vendor_is_back(tmp_path: Path) -> None:
    async def scenario(
        service: PricingService, outbox: Outbox, sim: PosifloraSimulator, _: SkuHandler
    ) -> None:
        row = _of(await service.rows(), Source.BOUQUET)[0]
        await service.set_price(
            row, Decimal("123.45")
        )  # nothing sends: as if the network were down
        row = {r.key: r for r in await service.rows()}[row.key]
        assert row.state == "pending"
        assert sim.bouquets[row.vendor_id].sale_amount != Decimal("123.45")
        await _send_all(outbox, service)
        assert sim.bouquets[row.vendor_id].sale_amount == Decimal("123.45")

    run(tmp_path, scenario)
