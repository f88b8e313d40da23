"""The Vroom simulator through its transport, with the real client: the demo's data source."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.domain.orders import OrderStatus
from app.domain.promotions import PromoCodeRequest, PromoCodeType
from app.vendors.errors import VendorAuthFailed, VendorRejected
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.vroom import VroomClient

NOW = datetime(2025, 3, 14, 15, 0, tzinfo=UTC)
SIM_BASE = "https://vroom.sim/api/retailer/v1"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _run(
    sim: VroomSimulator,
    fn: Callable[[VroomClient], Awaitable[Any]],
    password: str = DEMO_PASSWORD,
) -> Any:
    async def go() -> Any:
        client = VroomClient.connect(
            DEMO_EMAIL, password, base_url=SIM_BASE, transport=sim.transport()
        )
        try:
            return await fn(client)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_wrong_password_is_refused() -> None:
    sim = VroomSimulator(seed=1, clock=lambda: NOW)
    with pytest.raises(VendorAuthFailed):
        _run(sim, lambda c: c.order_statuses(), password="wrong")


def test_board_data_is_lively_and_consistent_with_orders() -> None:
    sim = VroomSimulator(seed=7, clock=lambda: NOW)
    rows = _run(sim, lambda c: c.order_statuses())
    assert [r.store_id for r in rows] == ["1001", "1002", "1003", "1004", "1005", "1006"]
    positions = [p for r in rows for p in r.positions()]
    statuses = {p.status for p in positions}
    assert {OrderStatus.PENDING, OrderStatus.PREPARING, OrderStatus.COMPLETED} <= statuses
    assert any(p.vendor_late for p in positions)  # some orders wait too long
    orders = _run(sim, lambda c: c.orders(from_time=NOW - timedelta(hours=24)))
    by_id = {o.id: o for o in orders}
    for pos in positions:
        assert by_id[pos.order_id].status is pos.status  # both endpoints tell the same story


def test_orders_move_through_states_as_the_clock_passes() -> None:
    clock = Clock(NOW)
    sim = VroomSimulator(seed=7, clock=clock)
    before = {o.id: o.status for o in _run(sim, lambda c: c.orders())}
    clock.now = NOW + timedelta(hours=2)
    after = {o.id: o.status for o in _run(sim, lambda c: c.orders())}
    assert set(after) - set(before)  # new orders arrived
    open_before = [i for i, s in before.items() if s is OrderStatus.PENDING]
    assert open_before and all(after[i] is not OrderStatus.PENDING for i in open_before)


def test_same_seed_same_data() -> None:
    one = _run(VroomSimulator(seed=3, clock=lambda: NOW), lambda c: c.orders())
    two = _run(VroomSimulator(seed=3, clock=lambda: NOW), lambda c: c.orders())
    assert one == two and one


def test_site_ids_and_windows_are_honoured() -> None:
    sim = VroomSimulator(seed=7, clock=lambda: NOW, store_count=20)
    rows = _run(sim, lambda c: c.order_statuses(site_ids=["1015", "1003"]))
    assert sorted(r.store_id for r in rows) == ["1003", "1015"]
    start = NOW - timedelta(hours=1)
    orders = _run(sim, lambda c: c.orders(site_ids=["1003"], from_time=start, to_time=NOW))
    assert orders and all(o.store_id == "1003" for o in orders)
    assert all(o.placed_at is not None and start <= o.placed_at <= NOW for o in orders)
    week = _run(sim, lambda c: c.orders(site_ids=["1003"]))  # default: one week
    oldest = min(o.placed_at for o in week if o.placed_at)
    assert NOW - timedelta(days=7) <= oldest < NOW - timedelta(days=6)


def test_reports_endpoints_answer_with_documented_shapes() -> None:
    sim = VroomSimulator(seed=7, clock=lambda: NOW)
    day = NOW - timedelta(days=1)
    txns = _run(sim, lambda c: c.transactions(day, NOW))
    assert {t.type for t in txns} >= {"Card", "Fee"}
    assert all(t.estimated_deposit is not None for t in txns)
    sales = _run(sim, lambda c: c.sales_by_product(site_ids=["1001"]))
    totals = [s.total_sales for s in sales]
    assert totals == sorted(totals, reverse=True) and isinstance(totals[0], Decimal)
    items = _run(sim, lambda c: c.line_items(from_time=day))
    assert items and all(i.unit_price is not None for i in items)
    contacts = _run(sim, lambda c: c.customer_contacts(site_ids=["1002"]))
    assert contacts and all(c.store_ids == ("1002",) for c in contacts)
    terms = _run(sim, lambda c: c.search_terms(from_time=day))
    assert any(t.found_nothing for t in terms)
    logs = _run(sim, lambda c: c.audit_logs())
    assert any(e.action == "Order Unconfirmed After 15 Minutes" for e in logs)


def test_promo_codes_are_created_once_and_duplicates_refused() -> None:
    sim = VroomSimulator(seed=7, clock=lambda: NOW)
    req = PromoCodeRequest(PromoCodeType.DOLLAR_OFF, Decimal("5.00"), code="THANKS5")
    created = _run(sim, lambda c: c.create_promo_code(req))
    assert created.code == "THANKS5" and created.value == Decimal("5.00")
    assert created.expiry_time == NOW + timedelta(days=30)
    assert len(created.site_ids) == 6  # all stores when none given
    with pytest.raises(VendorRejected) as info:
        _run(sim, lambda c: c.create_promo_code(req))
    assert "already exists" in info.value.message
    named = PromoCodeRequest(PromoCodeType.FREE_DELIVERY, customer_name="Jack Johnson")
    generated = _run(sim, lambda c: c.create_promo_code(named))
    assert generated.code.startswith("JACK") and generated.value == Decimal(0)


def test_transactions_without_times_are_refused_by_the_simulator() -> None:
    sim = VroomSimulator(seed=7, clock=lambda: NOW)

    async def raw(c: VroomClient) -> int:
        response = await c.http.request("POST", "/analytics/transactions", json={}, retry=True)
        return response.status_code

    with pytest.raises(VendorRejected):
        _run(sim, raw)
