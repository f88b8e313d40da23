"""The board against the Vroom simulator, through the real client: what demo mode shows."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from app.domain.orders_board import StoreRef
from app.services.live_orders import LateOrderAlert, LiveOrdersService, VroomLiveSource
from app.vendors.simulators.faults import FaultKind
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.vroom import VroomClient

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def test_board_from_simulator_matches_vroom_counts_and_survives_an_outage() -> None:
    clock = Clock()
    sim = VroomSimulator(seed=7, clock=clock)
    alerts: list[list[LateOrderAlert]] = []

    async def go() -> None:
        client = VroomClient.connect(
            DEMO_EMAIL,
            DEMO_PASSWORD,
            base_url="https://vroom.sim/api/retailer/v1",
            transport=sim.transport(),
        )
        try:
            service = LiveOrdersService(
                VroomLiveSource(client),
                stores=[StoreRef("1002", "Petal & Pantry Riverside")],
                clock=clock,
            )
            service.on_alerts(alerts.append)
            snap = await service.refresh()
            vroom = {r.store_id: r for r in await client.order_statuses()}
            assert snap.rows[0].store_name == "Petal & Pantry Riverside"
            assert len(snap.rows) == 6
            for row in snap.rows:
                v = vroom[row.store_id]
                assert row.group_counts["pending"] == v.pending_under.count + v.pending_over.count
                assert row.late_counts["pending"] == v.pending_over.count
                assert row.group_counts["completed"] == v.completed.count
            late_ids = {a.order_id for batch in alerts for a in batch}
            assert late_ids  # the simulator always has some orders waiting too long
            # Drill-down: the orders behind a non-empty cell, with items and prices.
            row = next(r for r in snap.rows if r.group_counts["preparing"])
            column = next(c for c in snap.columns if c.group_key == "preparing" and row.cell(c))
            details = await service.order_details(row, column)
            assert details and all(o.items and o.totals.total is not None for o in details)
            # Vroom goes down: the board keeps its numbers, marked stale.
            sim.faults.script(FaultKind.SERVER_ERROR, path="/analytics/order_statuses", times=5)
            clock.now = NOW + timedelta(seconds=30)
            stale = await service.refresh()
            assert stale.stale and stale.rows == snap.rows and stale.as_of == NOW
            # Ten minutes later it is back; no order is announced twice.
            clock.now = NOW + timedelta(minutes=10)
            await service.refresh()
            every = [a.order_id for batch in alerts for a in batch]
            assert len(every) == len(set(every))
        finally:
            await client.aclose()

    asyncio.run(go())
