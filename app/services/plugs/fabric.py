"""fabric Marketplace joins the runtime: client, order placement, the shared dropship service,
and its inventory kept in the cache so stock can be found by UPC even after a restart."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.domain.money import parse_optional_money
from app.services.cache import Cache
from app.services.config import VendorConfig
from app.services.dropship_catalog import INVENTORY
from app.services.dropship_wiring import attach_dropship
from app.services.sync import SyncSource
from app.vendors.fabric.client import FabricClient, make_http
from app.vendors.fabric.dropship import FabricDropship
from app.vendors.fabric.wire import InventoryLevel

if TYPE_CHECKING:
    from app.services.runtime import Runtime
    from app.vendors.simulators.fabric import FabricSimulator

VENDOR = "fabric"
DEMO_URL = "https://demo.fabric.invalid"
DEMO_RETAILER = 500
SOURCE_NAME = "fabric-inventory"


async def plug(runtime: Runtime, config: VendorConfig | None) -> None:
    from app.services.runtime import VendorLink

    simulator: FabricSimulator | None = None
    if config is None:
        from app.vendors.simulators.fabric import (
            SIM_CLIENT_ID,
            SIM_CLIENT_SECRET,
            FabricSimulator,
        )

        simulator = FabricSimulator(seed=5, retailer_id=DEMO_RETAILER)
        http = make_http(
            DEMO_URL,
            SIM_CLIENT_ID,
            SIM_CLIENT_SECRET,
            transport=simulator.transport(),
            listener=runtime.health.record_event,
        )
        retailer: Any = DEMO_RETAILER
    else:
        token_url = config.get("token_url")
        http = make_http(
            str(config.get("base_url")),
            str(config.get("client_id")),
            config.secret or "",
            token_url=str(token_url) if token_url else None,
            listener=runtime.health.record_event,
        )
        retailer = config.get("retailer_id")
    client = FabricClient(http, retailer)
    runtime.add_link(VendorLink(VENDOR, http, client, simulator))
    source = FabricDropship(client)
    await restore_inventory(runtime.cache, source)
    attach_dropship(runtime, source)

    async def sync() -> int:
        return await sync_inventory(runtime.cache, source)

    runtime.add_source(SyncSource(SOURCE_NAME, VENDOR, timedelta(minutes=5), sync))


async def restore_inventory(cache: Cache, source: FabricDropship) -> None:
    """Stock as last synced, and where the next incremental sync starts."""
    cached = await cache.read(VENDOR, INVENTORY)
    for record in cached.records.values():
        level = level_from_record(record)
        source.levels[level.variant_id] = level
    cursor = await cache.get_cursor(VENDOR, INVENTORY)
    source.synced_until = datetime.fromisoformat(cursor) if cursor else None


async def sync_inventory(cache: Cache, source: FabricDropship) -> int:
    """Pull inventory changed since the cursor; store the changes and the cursor together."""
    changed = await source.sync_inventory()
    records = {level.variant_id: level_record(level) for level in changed}
    cursor = source.synced_until.isoformat() if source.synced_until else None
    await cache.upsert(VENDOR, INVENTORY, records, cursor=cursor)
    return len(records)


def level_record(level: InventoryLevel) -> dict[str, Any]:
    return {
        "variant_id": level.variant_id,
        "upc": level.upc,
        "quantity": level.quantity,
        "sellable": level.sellable,
        "discontinued": level.discontinued,
        "retailer_price": None if level.retailer_price is None else str(level.retailer_price),
        "updated_at": level.updated_at.isoformat() if level.updated_at else None,
    }


def level_from_record(record: dict[str, Any]) -> InventoryLevel:
    updated = record.get("updated_at")
    return InventoryLevel(
        variant_id=str(record.get("variant_id") or ""),
        upc=str(record.get("upc") or ""),
        quantity=int(record.get("quantity") or 0),
        sellable=bool(record.get("sellable")),
        discontinued=bool(record.get("discontinued")),
        retailer_price=parse_optional_money(record.get("retailer_price")),
        updated_at=datetime.fromisoformat(updated) if isinstance(updated, str) else None,
    )
