"""Vroom joins the runtime: reporting client, promo-code writes, and the live orders board."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.board_settings import DEMO_VROOM_SEED, DEMO_VROOM_STORES
from app.services.config import VendorConfig
from app.services.live_boards import add_live_board
from app.services.live_orders import LiveOrdersService, VroomLiveSource
from app.vendors.vroom import BASE_URL, OPERATION, VroomClient, VroomPromoCodeHandler

if TYPE_CHECKING:
    from app.services.runtime import Runtime
    from app.vendors.simulators.vroom import VroomSimulator

VENDOR = "vroom"
DEMO_URL = "https://vroom.demo.invalid/api/retailer/v1"


async def plug(runtime: Runtime, config: VendorConfig | None) -> None:
    from app.services.runtime import VendorLink

    simulator: VroomSimulator | None = None
    if config is None:
        from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator

        simulator = VroomSimulator(seed=DEMO_VROOM_SEED, store_count=DEMO_VROOM_STORES)
        client = VroomClient.connect(
            DEMO_EMAIL,
            DEMO_PASSWORD,
            base_url=DEMO_URL,
            transport=simulator.transport(),
            listener=runtime.health.record_event,
        )
        site_ids = [store.site_id for store in simulator.stores]
    else:
        client = VroomClient.connect(
            str(config.get("email")),
            config.secret or "",
            base_url=str(config.get("base_url") or BASE_URL),
            listener=runtime.health.record_event,
        )
        site_ids = [str(s) for s in config.get("site_ids") or []]
    runtime.add_link(VendorLink(VENDOR, client.http, client, simulator))
    runtime.outbox.register(VENDOR, OPERATION, VroomPromoCodeHandler(client))
    # No site ids configured: Vroom reports every store of the account (§A2 site_ids).
    source = VroomLiveSource(client, site_ids=site_ids or None)
    service = LiveOrdersService(source)
    runtime.live_orders = service
    add_live_board(runtime, VENDOR, service, site_ids)
