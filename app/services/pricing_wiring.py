"""Posiflora's side of pricing joins the runtime: price-change writes and the two syncs.

Called once by the Posiflora plug: ``wire_posiflora_pricing(runtime, client)``.
Cached (vendor ``posiflora``): ``inventory-prices`` (one record per item and store, joined from
the item list, the last-cost and net-cost searches), ``categories``, ``stores`` and ``bouquets``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from app.domain.pricing_items import InventoryItem, ItemCost
from app.services.pricing import PricingService
from app.services.sync import SyncSource
from app.vendors.posiflora.base import resource_dict
from app.vendors.posiflora.bouquets import PosifloraBouquets
from app.vendors.posiflora.inventory import PosifloraInventory
from app.vendors.posiflora.price_outbox import (
    BOUQUET_PRICE,
    ITEM_PRICE,
    BouquetPriceHandler,
    ItemPriceHandler,
)

if TYPE_CHECKING:
    from app.services.runtime import Runtime
    from app.vendors.posiflora.client import PosifloraClient

VENDOR = "posiflora"
INVENTORY = "inventory"  # the sync source
INVENTORY_PRICES = "inventory-prices"  # the cache resource
CATEGORIES = "categories"
STORES = "stores"
BOUQUETS = "bouquets"


def ensure_pricing(runtime: Runtime) -> PricingService:
    """The runtime's pricing service, made on first use (it reads whatever the cache holds)."""
    if runtime.pricing is None:
        runtime.pricing = PricingService(runtime.cache, runtime.outbox)
    return runtime.pricing


def ensure_wired(runtime: Runtime) -> PricingService:
    """The pricing service, with Posiflora's pricing wired if its plug has not done so yet."""
    link = runtime.links.get(VENDOR)
    names = {source.name for source in runtime.scheduler.sources}
    if link is not None and INVENTORY not in names:
        wire_posiflora_pricing(runtime, link.client)
    return ensure_pricing(runtime)


def wire_posiflora_pricing(runtime: Runtime, client: PosifloraClient) -> None:
    inventory = PosifloraInventory(client.http, page_size=client.page_size)
    bouquets = PosifloraBouquets(client.http, page_size=client.page_size)
    runtime.outbox.register(VENDOR, ITEM_PRICE, ItemPriceHandler(inventory))
    runtime.outbox.register(VENDOR, BOUQUET_PRICE, BouquetPriceHandler(bouquets))

    async def sync_inventory() -> int:
        return await pull_inventory(runtime, client, inventory)

    async def sync_bouquets() -> int:
        await pull_stores(runtime, client)
        return await pull_bouquets(runtime, bouquets)

    runtime.add_source(SyncSource(INVENTORY, VENDOR, timedelta(minutes=30), sync_inventory))
    runtime.add_source(SyncSource(BOUQUETS, VENDOR, timedelta(minutes=5), sync_bouquets))
    ensure_pricing(runtime)
    from app.services.exports.inventory_posiflora import register

    register()  # stock items join ``export inventory`` (its PROVIDERS seam)


async def pull_stores(runtime: Runtime, client: PosifloraClient) -> int:
    stores = await client.stores()
    await runtime.cache.replace(
        VENDOR, STORES, {s.id: {"id": s.id, "title": s.title} for s in stores}
    )
    return len(stores)


async def pull_bouquets(runtime: Runtime, api: PosifloraBouquets) -> int:
    records: dict[str, dict[str, Any]] = {}
    async for document, _ in api.pages("/v1/bouquets"):
        records.update((item.id, resource_dict(item)) for item in document.many())
    await runtime.cache.replace(VENDOR, BOUQUETS, records)
    return len(records)


async def pull_inventory(runtime: Runtime, client: PosifloraClient, api: PosifloraInventory) -> int:
    """Stores, categories, then per store: items with that store's price, costs and stock."""
    stores = await client.stores()
    store_records = {s.id: {"id": s.id, "title": s.title} for s in stores}
    categories = {c.id: {"id": c.id, "title": c.full_title} for c in await api.categories()}
    records: dict[str, dict[str, Any]] = {}
    for store in stores:
        items = await api.items(store.id)
        ids = [item.id for item in items]
        last = {c.item_id: c for c in await api.last_costs(store.id, ids)}
        net = {c.item_id: c for c in await api.net_costs(store.id, ids)}
        for item in items:
            record = price_record(item, store.id, last.get(item.id), net.get(item.id))
            records[f"{item.id}:{store.id}"] = record
    await runtime.cache.replace(VENDOR, STORES, store_records)
    await runtime.cache.replace(VENDOR, CATEGORIES, categories)
    await runtime.cache.replace(VENDOR, INVENTORY_PRICES, records)
    return len(records)


def price_record(
    item: InventoryItem, store_id: str, last: ItemCost | None, net: ItemCost | None
) -> dict[str, Any]:
    """One cached row; cost is the last cost price, else the net cost (posiflora.md §5.3)."""
    cost = last.cost if last is not None and last.cost is not None else None
    if cost is None and net is not None:
        cost = net.cost
    return {
        "item_id": item.id,
        "store_id": store_id,
        "title": item.title,
        "category_id": item.category_id,
        "barcodes": list(item.barcodes),
        # With filter[store], priceMax is that store's price [inf, posiflora.md §5.3].
        "price": None if item.price_max is None else str(item.price_max),
        "cost": None if cost is None else str(cost),
        "stock": None if net is None or net.stock is None else str(net.stock),
    }
