"""Yodify joins the runtime: client, every write through the outbox, SKU / order / account sync,
the wholesale row of the live orders board, and the trade account lookup."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from app.services.config import VendorConfig
from app.services.live_boards import add_live_board
from app.services.live_orders import LiveOrdersService
from app.services.live_orders_yodify import YODIFY_STORE, YodifyLiveSource
from app.services.sync import SyncSource
from app.services.trade_accounts import TradeAccountLookup
from app.services.trade_orders import TRADE_ORDERS, TradeOrderBook
from app.services.wholesale import WholesaleService
from app.services.wholesale_catalog import CARRIERS, SKUS, SkuCatalog
from app.vendors.yodify import make_yodify_client, yodify_outbox_handlers

if TYPE_CHECKING:
    from app.services.runtime import Runtime
    from app.vendors.simulators.yodify import YodifySimulator

VENDOR = "yodify"
DEMO_URL = "https://florist-supply.yodify.invalid"
TRADE_ACCOUNTS = "trade-accounts"


async def plug(runtime: Runtime, config: VendorConfig | None) -> None:
    from app.services.runtime import VendorLink

    simulator: YodifySimulator | None = None
    if config is None:
        from app.vendors.simulators.yodify import TOKEN, YodifySimulator

        simulator = YodifySimulator(seed=7, sku_count=3000, token=TOKEN, arrivals=True)
        client = make_yodify_client(
            DEMO_URL, TOKEN, transport=simulator.transport(), listener=runtime.health.record_event
        )
    else:
        client = make_yodify_client(
            str(config.get("base_url")), config.secret or "", listener=runtime.health.record_event
        )
    runtime.add_link(VendorLink(VENDOR, client.http, client, simulator))
    for operation, handler in yodify_outbox_handlers(client).items():
        runtime.outbox.register(VENDOR, operation, handler)

    book = TradeOrderBook(runtime.cache, client)
    catalog = SkuCatalog(runtime.cache, client)
    accounts = TradeAccountLookup(runtime.cache, client)
    runtime.wholesale = WholesaleService(runtime.outbox, book, catalog, runtime.context.messages)
    runtime.trade_accounts = accounts

    board = LiveOrdersService(YodifyLiveSource(book), stores=[YODIFY_STORE])
    add_live_board(runtime, VENDOR, board, [YODIFY_STORE.store_id])

    sources = (
        (SKUS, timedelta(minutes=30), catalog.pull_skus),
        (TRADE_ORDERS, timedelta(minutes=10), book.pull_new),
        (TRADE_ACCOUNTS, timedelta(hours=1), accounts.pull),
        (CARRIERS, timedelta(hours=24), catalog.pull_carriers),
    )
    for name, interval, run in sources:
        runtime.add_source(SyncSource(name, VENDOR, interval, run))
