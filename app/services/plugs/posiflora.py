"""Posiflora joins the runtime: client, customer-update writes, syncs and the customer lookup.

Synced into the cache: customers, bonus groups, discount groups and recent orders (taken in the
last ``ORDERS_LOOKBACK``, due soon, or returned within the board's closed-order window), which
feed the customer export's "last order" and the Posiflora live-orders source.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.domain.flower_orders import FlowerOrderStatus
from app.services.config import VendorConfig
from app.services.customers import BONUS_GROUPS, CUSTOMERS, CustomerLookup
from app.services.live_boards import add_live_board
from app.services.live_orders_posiflora import (
    CLOSED_WINDOW,
    PosifloraBoard,
    PosifloraLiveSource,
    scheduler_pull,
)
from app.services.live_orders_posiflora_lines import PosifloraOrderLinesSource
from app.services.pricing_wiring import wire_posiflora_pricing
from app.services.sync import SyncSource
from app.vendors.posiflora.base import resource_dict
from app.vendors.posiflora.client import PosifloraClient, connect
from app.vendors.posiflora.outbox import CUSTOMER_UPDATE, PosifloraCustomerUpdateHandler
from app.vendors.posiflora.queries import OrderFilters

if TYPE_CHECKING:
    from app.services.runtime import Runtime
    from app.vendors.simulators.posiflora import PosifloraSimulator

VENDOR = "posiflora"
DISCOUNT_GROUPS = "discount-groups"
ORDERS = "orders"
DEMO_URL = "https://demo.posiflora.invalid/api"
ORDERS_LOOKBACK = timedelta(days=30)
ORDERS_AHEAD = timedelta(days=2)


def make_client(runtime: Runtime, config: VendorConfig | None) -> PosifloraClient:
    """The configured account's client, or in demo mode one on a fresh simulator."""
    from app.services.runtime import VendorLink

    simulator: PosifloraSimulator | None = None
    if config is None:
        from app.vendors.simulators.posiflora import (
            SIM_PASSWORD,
            SIM_USERNAME,
            PosifloraSimulator,
        )

        simulator = PosifloraSimulator(seed=11, customers=400, orders=60, returned=2)
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
    return client


async def plug(runtime: Runtime, config: VendorConfig | None) -> None:
    client = make_client(runtime, config)
    runtime.outbox.register(VENDOR, CUSTOMER_UPDATE, PosifloraCustomerUpdateHandler(client))
    runtime.customers = CustomerLookup(runtime.cache, client)

    async def sync_customers() -> int:
        return await pull_customers(runtime, client)

    async def sync_bonus_groups() -> int:
        return await pull_groups(runtime, client, "/v1/bonus-groups", BONUS_GROUPS)

    async def sync_discount_groups() -> int:
        return await pull_groups(runtime, client, "/v1/discount-groups", DISCOUNT_GROUPS)

    async def sync_orders() -> int:
        return await pull_orders(runtime, client)

    runtime.add_source(SyncSource(CUSTOMERS, VENDOR, timedelta(minutes=15), sync_customers))
    runtime.add_source(SyncSource(BONUS_GROUPS, VENDOR, timedelta(hours=1), sync_bonus_groups))
    runtime.add_source(
        SyncSource(DISCOUNT_GROUPS, VENDOR, timedelta(hours=1), sync_discount_groups)
    )
    runtime.add_source(SyncSource(ORDERS, VENDOR, timedelta(minutes=2), sync_orders))
    wire_posiflora_pricing(runtime, client)  # stock items, bouquets, price writes (pricing)
    # The board reads the synced orders; a stale copy is pulled again through the scheduler.
    source = PosifloraLiveSource(runtime.cache, client, scheduler_pull(runtime.scheduler, ORDERS))
    lines = PosifloraOrderLinesSource(runtime.cache, client)  # one order's, when opened
    add_live_board(runtime, VENDOR, PosifloraBoard(source, lines), [])


async def pull_customers(runtime: Runtime, client: PosifloraClient) -> int:
    records: dict[str, dict[str, Any]] = {}
    async for page in client.iter_customers():
        records.update((str(raw["id"]), raw) for raw in page.raw)
    await runtime.cache.replace(VENDOR, CUSTOMERS, records)
    return len(records)


async def pull_groups(runtime: Runtime, client: PosifloraClient, path: str, resource: str) -> int:
    """Bonus or discount groups (both answer the flat pageNumber/pageSize meta, §5.2)."""
    records: dict[str, dict[str, Any]] = {}
    async for document, _ in client.pages(path):
        records.update((item.id, resource_dict(item)) for item in document.many())
    await runtime.cache.replace(VENDOR, resource, records)
    return len(records)


async def pull_orders(
    runtime: Runtime,
    client: PosifloraClient,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Orders taken lately, orders due soon, and orders returned within the board's window.

    posiflora.md §4.2: there is no filter on the order's calendar date, so passes by
    ``filter[createdAt]`` and by ``filter[dueTime]``. Those lists leave returned orders out
    (§4.2 ``filter[withReturned]``, default false; §6.1), and a return can come long after the
    order was taken, so a third pass asks for ``filter[statuses][]=returned`` (with
    ``withReturned``) updated within the board's ``CLOSED_WINDOW``, as its other closed
    columns count.
    """
    now = clock()
    passes = (
        OrderFilters(created_from=now - ORDERS_LOOKBACK, created_to=now),
        OrderFilters(due_from=now - timedelta(days=1), due_to=now + ORDERS_AHEAD),
        OrderFilters(
            statuses=(FlowerOrderStatus.RETURNED.value,),
            with_returned=True,
            updated_from=now - CLOSED_WINDOW,
        ),
    )
    records: dict[str, dict[str, Any]] = {}
    for filters in passes:
        async for document, _ in client.pages("/v1/orders", filters.params()):
            records.update((item.id, resource_dict(item)) for item in document.many())
    await runtime.cache.replace(VENDOR, ORDERS, records)
    return len(records)
