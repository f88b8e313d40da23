"""Posiflora joins the runtime: client, customer-update writes, customer sync and the lookup."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from app.services.config import VendorConfig
from app.services.customers import BONUS_GROUPS, CUSTOMERS, CustomerLookup
from app.services.sync import SyncSource
from app.vendors.posiflora.base import resource_dict
from app.vendors.posiflora.client import PosifloraClient, connect
from app.vendors.posiflora.outbox import CUSTOMER_UPDATE, PosifloraCustomerUpdateHandler
from app.vendors.simulators.posiflora import SIM_PASSWORD, SIM_USERNAME, PosifloraSimulator

if TYPE_CHECKING:
    from app.services.runtime import Runtime

VENDOR = "posiflora"
DEMO_URL = "https://demo.posiflora.invalid/api"


async def plug(runtime: Runtime, config: VendorConfig | None) -> None:
    from app.services.runtime import VendorLink

    simulator: PosifloraSimulator | None = None
    if config is None:
        simulator = PosifloraSimulator(seed=11, customers=400, orders=60)
        client = connect(
            DEMO_URL,
            SIM_USERNAME,
            SIM_PASSWORD,
            transport=simulator.transport(),
            listener=runtime.health.record_event,
        )
    else:
        client = connect(
            str(config.get("base_url")),
            str(config.get("username")),
            config.secret or "",
            listener=runtime.health.record_event,
        )
    runtime.add_link(VendorLink(VENDOR, client.http, client, simulator))
    runtime.outbox.register(VENDOR, CUSTOMER_UPDATE, PosifloraCustomerUpdateHandler(client))
    runtime.customers = CustomerLookup(runtime.cache, client)

    async def sync_customers() -> int:
        return await pull_customers(runtime, client)

    async def sync_bonus_groups() -> int:
        return await pull_bonus_groups(runtime, client)

    runtime.add_source(SyncSource(CUSTOMERS, VENDOR, timedelta(minutes=15), sync_customers))
    runtime.add_source(SyncSource(BONUS_GROUPS, VENDOR, timedelta(hours=1), sync_bonus_groups))


async def pull_customers(runtime: Runtime, client: PosifloraClient) -> int:
    records: dict[str, dict[str, Any]] = {}
    async for page in client.iter_customers():
        records.update((str(raw["id"]), raw) for raw in page.raw)
    await runtime.cache.replace(VENDOR, CUSTOMERS, records)
    return len(records)


async def pull_bonus_groups(runtime: Runtime, client: PosifloraClient) -> int:
    records: dict[str, dict[str, Any]] = {}
    async for document, _ in client.pages("/v1/bonus-groups"):
        records.update((item.id, resource_dict(item)) for item in document.many())
    await runtime.cache.replace(VENDOR, BONUS_GROUPS, records)
    return len(records)
