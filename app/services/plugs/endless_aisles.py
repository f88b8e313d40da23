"""Endless Aisles joins the runtime: its client, order placement and the shared dropship service.

Searches and stock are read live. The whole catalog is also pulled once a day into the cache
(B1 advises a daily full pull) because it is the only way to find a scanned UPC (B3 searches words).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from app.services.config import VendorConfig
from app.services.dropship_catalog import CATALOG, item_record
from app.services.dropship_wiring import attach_dropship
from app.services.sync import SyncSource
from app.vendors.endless_aisles.client import EndlessAislesClient, make_http
from app.vendors.endless_aisles.dropship import EndlessAislesDropship

if TYPE_CHECKING:
    from app.services.runtime import Runtime
    from app.vendors.simulators.endless_aisles import EndlessAislesSimulator

VENDOR = "endless-aisles"
DEMO_URL = "https://demo.endlessaisles.invalid"
SOURCE_NAME = "endless-aisles-catalog"


async def plug(runtime: Runtime, config: VendorConfig | None) -> None:
    from app.services.runtime import VendorLink

    simulator: EndlessAislesSimulator | None = None
    if config is None:
        from app.vendors.simulators.endless_aisles import SIM_TOKEN, EndlessAislesSimulator

        simulator = EndlessAislesSimulator(seed=5)
        http = make_http(
            DEMO_URL,
            SIM_TOKEN,
            transport=simulator.transport(),
            listener=runtime.health.record_event,
        )
    else:
        http = make_http(
            str(config.get("base_url")), config.secret or "", listener=runtime.health.record_event
        )
    client = EndlessAislesClient(http)
    runtime.add_link(VendorLink(VENDOR, http, client, simulator))
    attach_dropship(runtime, EndlessAislesDropship(client))

    async def sync() -> int:
        return await pull_catalog(runtime, client)

    runtime.add_source(SyncSource(SOURCE_NAME, VENDOR, timedelta(hours=24), sync))


async def pull_catalog(runtime: Runtime, client: EndlessAislesClient) -> int:
    """Every size of every product, replacing the cached catalog in one go."""
    records = {item.item_id: item_record(item) async for item in client.all_products()}
    await runtime.cache.replace(VENDOR, CATALOG, records)
    return len(records)
