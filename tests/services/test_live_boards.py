"""Boards on the runtime: the scheduler drives them, health follows, the last board is saved."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.orders import Order, OrderStatus, OrderTimes
from app.domain.orders_board import OrderPosition
from app.services.db import Database
from app.services.live_boards import (
    add_live_board,
    apply_refresh_interval,
    live_source_name,
    restore_board,
)
from app.services.live_orders import BoardSnapshot, LiveOrdersService
from app.services.live_orders_sources import LiveFetch
from app.services.runtime import Runtime
from app.vendors.errors import VendorError, VendorUnavailable
from tests.ui.helpers import make_context

T0 = datetime(2026, 3, 14, 15, 0, tzinfo=UTC)


class Source:
    vendor = "vroom"

    def __init__(self) -> None:
        self.error: VendorError | None = None

    async def fetch(self, now: datetime) -> LiveFetch:
        if self.error:
            raise self.error
        order = Order("A1", "vroom", "1001", OrderStatus.PENDING, OrderTimes(placed_at=T0))
        return LiveFetch([OrderPosition("A1", "1001", OrderStatus.PENDING, T0)], {"A1": order}, [])

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]:
        return []


def test_board_refreshes_through_the_scheduler_and_survives_a_restart(
    counterpart_home: Path,
) -> None:
    context = make_context(counterpart_home, demo=False)
    context.config.sections["stores"] = {"names": {"1001": "Main Street"}}

    async def go() -> None:
        db = await Database.open(context.database)
        runtime = Runtime(context, db)
        source = Source()
        service = LiveOrdersService(source, clock=lambda: T0 + timedelta(minutes=12))
        sync = add_live_board(runtime, "vroom", service, ["1001", "1002"])
        assert runtime.live_boards["vroom"] is service
        assert sync.interval == timedelta(seconds=30)
        result = await runtime.scheduler.refresh_now(live_source_name("vroom"))
        assert result.ok and result.records == 2  # both configured stores have a row
        assert [r.store_name for r in service.snapshot.rows] == ["Main Street", "1002"]
        source.error = VendorUnavailable("vroom", "Vroom did not answer.")
        failed = await runtime.scheduler.refresh_now(live_source_name("vroom"))
        assert failed.error == "Vroom did not answer."
        assert runtime.health.get("vroom").state.value == "degraded"
        await runtime.aclose()
        # The next start paints the saved board before Vroom answers.
        runtime = Runtime(context, await Database.open(context.database))
        fresh = LiveOrdersService(source)
        add_live_board(runtime, "vroom", fresh, ["1001", "1002"])
        restored = await restore_board(runtime, "vroom")
        assert isinstance(restored, BoardSnapshot) and restored.stale
        assert restored.as_of == T0 + timedelta(minutes=12)
        assert restored.rows[0].late_counts["pending"] == 1
        assert fresh.snapshot is restored
        await runtime.aclose()

    asyncio.run(go())


def test_a_saved_refresh_interval_reaches_the_running_scheduler(counterpart_home: Path) -> None:
    context = make_context(counterpart_home, demo=False)

    async def go() -> None:
        runtime = Runtime(context, await Database.open(context.database))
        add_live_board(runtime, "vroom", LiveOrdersService(Source()), ["1001"])
        name = live_source_name("vroom")
        assert runtime.scheduler.next_delay(name) == timedelta(seconds=30)
        # Saved in Settings, the runtime not told: the next tick reads it.
        context.config.sections["board"] = {"refresh_seconds": 90}
        await runtime.scheduler.refresh_now(name)
        assert runtime.scheduler.next_delay(name) == timedelta(seconds=90)
        # Told on Save: applies at once, no run needed.
        context.config.sections["board"] = {"refresh_seconds": 15}
        apply_refresh_interval(runtime)
        assert runtime.scheduler.next_delay(name) == timedelta(seconds=15)
        await runtime.aclose()

    asyncio.run(go())
