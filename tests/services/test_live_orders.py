"""The live board service: last good numbers kept, late orders announced exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from app.domain.orders import Order, OrderStatus, OrderTimes
from app.domain.orders_board import OrderPosition, StoreRef
from app.services.live_orders import LateAlerter, LateOrderAlert, LiveOrdersService, QuietHours
from app.services.live_orders_sources import LiveFetch
from app.vendors.errors import VendorError, VendorUnavailable

T0 = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
STORES = [StoreRef("1001", "Bloom Main Street")]


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class FakeSource:
    """Answers with whatever positions the test sets, or fails when told to."""

    vendor = "vroom"

    def __init__(self) -> None:
        self.positions: list[OrderPosition] = []
        self.error: VendorError | None = None
        self.calls = 0
        self.gate: asyncio.Event | None = None

    async def fetch(self, now: datetime) -> LiveFetch:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.error is not None:
            raise self.error
        orders = {
            p.order_id: Order(
                p.order_id,
                "vroom",
                p.store_id,
                p.status,
                OrderTimes(placed_at=T0),
                customer_name="Ada",
            )
            for p in self.positions
        }
        return LiveFetch(list(self.positions), orders, ["1001"])

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]:
        return []


def _service(
    source: FakeSource, clock: FakeClock, alerter: LateAlerter | None = None
) -> tuple[LiveOrdersService, list[list[LateOrderAlert]]]:
    alerts: list[list[LateOrderAlert]] = []
    service = LiveOrdersService(source, stores=STORES, clock=clock, alerter=alerter)
    service.on_alerts(alerts.append)
    return service, alerts


def _pending(order_id: str = "A1", since: datetime = T0) -> OrderPosition:
    return OrderPosition(order_id, "1001", OrderStatus.PENDING, since=since)


def test_board_counts_and_as_of() -> None:
    source, clock = FakeSource(), FakeClock()
    source.positions = [_pending("A1"), _pending("A2", T0 + timedelta(minutes=9))]
    service, _ = _service(source, clock)
    clock.now = T0 + timedelta(minutes=11)
    snap = asyncio.run(service.refresh())
    (row,) = snap.rows
    assert row.store_name == "Bloom Main Street"
    assert [row.cell(c) for c in snap.columns[:2]] == [1, 1]
    assert snap.as_of == clock.now and not snap.stale
    assert snap.orders["A1"].store_name == "Bloom Main Street"


def test_failed_refresh_keeps_last_good_board_marked_stale() -> None:
    source, clock = FakeSource(), FakeClock()
    source.positions = [_pending("A1")]
    service, _ = _service(source, clock)
    seen: list[bool] = []
    service.on_snapshot(lambda s: seen.append(s.stale))
    good = asyncio.run(service.refresh())
    source.error = VendorUnavailable("vroom", "Vroom did not answer.")
    clock.now = T0 + timedelta(seconds=30)
    stale = asyncio.run(service.refresh())
    assert stale.stale and stale.error is source.error
    assert stale.rows == good.rows and stale.as_of == T0  # still shows the numbers "as of" T0
    source.error = None
    clock.now = T0 + timedelta(seconds=60)
    fresh = asyncio.run(service.refresh())
    assert not fresh.stale and fresh.as_of == clock.now and fresh.error is None
    assert seen == [False, True, False]


def test_first_load_failing_shows_nothing_but_says_so() -> None:
    source, clock = FakeSource(), FakeClock()
    source.error = VendorUnavailable("vroom", "Vroom did not answer.")
    service, _ = _service(source, clock)
    snap = asyncio.run(service.refresh())
    assert snap.stale and not snap.loaded and snap.rows == ()


def test_one_alert_per_late_order_across_refreshes() -> None:
    source, clock = FakeSource(), FakeClock()
    source.positions = [_pending("A1")]
    service, alerts = _service(source, clock)

    def at(minutes: int) -> None:
        clock.now = T0 + timedelta(minutes=minutes)
        asyncio.run(service.refresh())

    at(5)
    assert alerts == []
    at(11)
    assert [[a.order_id for a in batch] for batch in alerts] == [["A1"]]
    assert "Bloom Main Street" in alerts[0][0].text and "11 min" in alerts[0][0].text
    at(12)
    source.positions = [
        OrderPosition("A1", "1001", OrderStatus.PREPARING, since=T0 + timedelta(minutes=12)),
        _pending("B2", T0 + timedelta(minutes=12)),
    ]
    at(80)  # A1 late again (preparing > 1h), B2 late for the first time
    assert [[a.order_id for a in batch] for batch in alerts] == [["A1"], ["B2"]]


def test_muted_and_quiet_hours_alerts_are_not_replayed_later() -> None:
    source, clock = FakeSource(), FakeClock()
    source.positions = [_pending("A1")]
    alerter = LateAlerter(quiet_hours=QuietHours(time(11, 0), time(12, 30), tz=UTC))
    service, alerts = _service(source, clock, alerter)
    clock.now = T0 + timedelta(minutes=15)  # 12:15, inside quiet hours
    asyncio.run(service.refresh())
    clock.now = T0 + timedelta(minutes=45)  # quiet hours over
    asyncio.run(service.refresh())
    assert alerts == []
    alerter.muted = True
    source.positions = [_pending("A1"), _pending("B2", T0 + timedelta(minutes=30))]
    asyncio.run(service.refresh())
    assert alerts == []


def test_quiet_hours_across_midnight() -> None:
    quiet = QuietHours(time(22, 0), time(7, 0), tz=UTC)
    assert quiet.contains(datetime(2025, 3, 14, 23, 30, tzinfo=UTC))
    assert quiet.contains(datetime(2025, 3, 14, 6, 59, tzinfo=UTC))
    assert not quiet.contains(datetime(2025, 3, 14, 7, 0, tzinfo=UTC))


def test_refreshes_during_a_refresh_coalesce_into_one_more() -> None:
    source, clock = FakeSource(), FakeClock()
    service, _ = _service(source, clock)

    async def go() -> None:
        source.gate = asyncio.Event()
        first = asyncio.ensure_future(service.refresh())
        await asyncio.sleep(0)
        others = [asyncio.ensure_future(service.refresh()) for _ in range(3)]
        await asyncio.sleep(0)
        source.gate.set()
        await asyncio.gather(first, *others)

    asyncio.run(go())
    assert source.calls == 2
