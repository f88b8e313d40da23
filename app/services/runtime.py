"""The vendor side of the house, composed once: database, cache, outbox, sync, health, clients.

Both the window and the headless commands run on a Runtime. Each vendor in use is connected by its
plug (``app/services/plugs/<vendor>.py``): in demo mode to its in-process simulator, otherwise to
the configured address with the secret from the keyring or environment.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from app.services.cache import Cache
from app.services.context import AppContext
from app.services.db import Database
from app.services.health import HealthRegistry
from app.services.housekeeping import Housekeeper
from app.services.outbox import Outbox
from app.services.outbox_worker import OutboxWorker
from app.services.sync import SyncScheduler, SyncSource
from app.vendors.http import VendorHttp

if TYPE_CHECKING:
    from app.services.customers import CustomerLookup
    from app.services.daily_review import DailyReviewService
    from app.services.dropship import DropshipService
    from app.services.live_orders import LiveOrdersService
    from app.services.pricing import PricingService
    from app.services.trade_accounts import TradeAccountLookup
    from app.services.wholesale import WholesaleService
    from app.vendors.simulators import Simulator  # demo only: a configured start never loads it

log = logging.getLogger("counterpart.runtime")


@dataclass
class VendorLink:
    """One vendor's connection: its HTTP runtime, its client, and in demo mode its simulator."""

    name: str
    http: VendorHttp
    client: Any
    simulator: Simulator | None = None


class Runtime:
    def __init__(self, context: AppContext, db: Database, *, sender: bool = True) -> None:
        """``sender``: this process holds the instance lock and may send outbox writes."""
        self.context = context
        self.db = db
        self.sender = sender
        self.cache = Cache(db)
        self.outbox = Outbox(db, observer=not sender)
        self.health = HealthRegistry(context.vendors_in_use)
        self.worker = OutboxWorker(self.outbox, on_backoff=self.health.set_backoff)
        self.scheduler = SyncScheduler()
        self.scheduler.on_result(self.health.record_sync)
        self.links: dict[str, VendorLink] = {}
        # Feature services, set by the plugs of the vendors that feed them.
        self.customers: CustomerLookup | None = None
        self.live_orders: LiveOrdersService | None = None  # Vroom's board
        self.live_boards: dict[str, LiveOrdersService] = {}  # every vendor's board, by vendor
        self.dropship: DropshipService | None = None
        self.pricing: PricingService | None = None  # set by pricing_wiring.ensure_pricing
        self.daily_review: DailyReviewService | None = None  # made on first use (reports)
        self.wholesale: WholesaleService | None = None  # Yodify trade orders, SKU prices/stock
        self.trade_accounts: TradeAccountLookup | None = None  # Yodify accounts and discounts
        self.housekeeper: Housekeeper | None = None  # the sender's pruning (housekeeping.py)

    @property
    def demo(self) -> bool:
        return self.context.demo

    def simulator_transport(self, simulator: Simulator) -> httpx.AsyncBaseTransport:
        return simulator.transport()

    def add_link(self, link: VendorLink) -> None:
        self.links[link.name] = link

    def add_source(self, source: SyncSource) -> None:
        self.scheduler.add(source)

    def start(self) -> None:
        """Background work: sends queued writes (if this process may) and keeps the cache fresh."""
        if self.sender:
            self.worker.start()
        if self.housekeeper is not None:
            self.housekeeper.start()
        self.scheduler.start()

    async def aclose(self) -> None:
        if self.pricing is not None:  # its cache writes for sent prices finish before the db closes
            await self.pricing.aclose()
        if self.housekeeper is not None:
            await self.housekeeper.stop()
        await self.scheduler.stop()
        await asyncio.gather(*(board.aclose() for board in self.live_boards.values()))
        await self.worker.stop()
        await asyncio.gather(*(link.http.aclose() for link in self.links.values()))
        self.db.close()


async def open_runtime(context: AppContext, *, sender: bool = True) -> Runtime:
    """Open the database and connect every vendor in use; start nothing yet."""
    from app.services.plugs import plug_for

    db = await Database.open(context.database)
    runtime = Runtime(context, db, sender=sender)
    try:
        for vendor in context.vendors_in_use:
            plug = plug_for(vendor)
            if plug is None:
                log.info("no plug for %s yet", vendor)
                continue
            config = None if context.demo else context.config.vendors[vendor]
            await plug(runtime, config)
        if sender:  # only the lock holder deletes; read-only commands leave the file as it is
            await runtime.outbox.recover()
            runtime.housekeeper = Housekeeper(
                db,
                runtime.outbox.store,
                runtime.cache,
                enabled_vendors=None if context.demo else context.vendors_in_use,
            )
            await runtime.housekeeper.run_safely()
    except BaseException:
        await runtime.aclose()
        raise
    return runtime
