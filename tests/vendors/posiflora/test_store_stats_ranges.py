"""Store stats honour the requested range (posiflora.md §4.4, §5.7) over a shop with a past.

The simulator's clock stands at Wednesday 2024-05-01 09:00 UTC (``conftest.START``); its orders
reach back weeks, each day different, with bonus points earned and spent on them.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.domain.flower_orders import StoreStats
from app.vendors.errors import VendorError
from app.vendors.posiflora import PosifloraClient
from app.vendors.posiflora.jsonapi import resource_body
from app.vendors.simulators.posiflora import PosifloraSimulator
from app.vendors.simulators.posiflora_data import SimHistoryLine, SimOrder

from .conftest import START, FakeClock, client_for

TODAY = START.replace(hour=0)
YESTERDAY = TODAY - timedelta(days=1)
SECOND = timedelta(seconds=1)


def run(sim: PosifloraSimulator, clock: FakeClock, action: Any) -> Any:
    async def scenario() -> Any:
        client = client_for(clock, sim.transport())
        try:
            return await action(client)
        finally:
            await client.http.aclose()

    return asyncio.run(scenario())


def day_stats(sim: PosifloraSimulator, clock: FakeClock, *days: datetime) -> list[StoreStats]:
    async def action(client: PosifloraClient) -> list[StoreStats]:
        return [
            await client.store_stats(None, "custom", d, d + timedelta(days=1) - SECOND)
            for d in days
        ]

    found: list[StoreStats] = run(sim, clock, action)
    return found


def closed_on(sim: PosifloraSimulator, start: datetime, end: datetime) -> list[SimOrder]:
    return [
        o
        for o in sim.orders.values()
        if o.status == "done" and o.posted_at is not None and start <= o.posted_at <= end
    ]


def lines_on(sim: PosifloraSimulator, start: datetime, end: datetime) -> list[SimHistoryLine]:
    """Every customer's history lines written between ``start`` and ``end``."""
    return [
        line
        for customer in sim.customers
        for line in sim.history(customer)
        if start <= line.created_at <= end
    ]


def test_a_custom_range_counts_only_its_own_days(sim: PosifloraSimulator, clock: FakeClock) -> None:
    yesterday, before = day_stats(sim, clock, YESTERDAY, YESTERDAY - timedelta(days=1))
    for stats, start in ((yesterday, YESTERDAY), (before, YESTERDAY - timedelta(days=1))):
        done = closed_on(sim, start, start + timedelta(days=1) - SECOND)
        assert done and stats.orders_count == len(done)
        assert stats.revenue == sum(o.total_amount for o in done)
        paid_in_points = sum(o.bonus_paid for o in done)
        assert stats.payments_revenue == stats.revenue - paid_in_points
    assert yesterday.revenue != before.revenue  # two days of a shop are not the same day
    everything = [o for o in sim.orders.values() if o.status == "done"]
    assert yesterday.revenue < sum(o.total_amount for o in everything)
    change = (yesterday.revenue - before.revenue) * 100 / before.revenue
    assert yesterday.changes["revenue"] == change.quantize(Decimal("0.01"))  # revenuePrev


def test_bonuses_are_the_days_history_lines(sim: PosifloraSimulator, clock: FakeClock) -> None:
    (stats,) = day_stats(sim, clock, YESTERDAY)
    lines = lines_on(sim, YESTERDAY, TODAY - SECOND)
    accrued = sum(x.amount for x in lines if x.amount > 0)
    spent = -sum(x.amount for x in lines if x.amount < 0)
    assert accrued > 0 and spent > 0
    assert (stats.bonuses_accrued, stats.bonuses_spent) == (Decimal(accrued), Decimal(spent))
    assert all(x.order_id in sim.orders and not x.admin for x in lines)


def test_closed_orders_earn_the_group_rate_and_some_pay_with_points(
    sim: PosifloraSimulator,
) -> None:
    earned = spent = 0
    for order in closed_on(sim, TODAY - timedelta(days=30), START):
        if order.customer_id is None:
            continue
        customer = sim.customers[order.customer_id]
        group = sim.bonus_group(customer.bonus_group_id)
        assert group is not None
        moves = [x.amount for x in sim.history(customer.id) if x.order_id == order.id]
        paid = order.total_amount - order.bonus_paid  # one point is worth one unit of money
        rate = group.bonus_rate if group.status == "on" else 0
        due = int(paid * rate / 100)  # rounded down (BonusRules' default)
        assert [m for m in moves if m > 0] == ([due] if due else [])
        assert [m for m in moves if m < 0] == ([-order.bonus_paid] if order.bonus_paid else [])
        assert order.bonus_paid <= order.total_amount * group.limit / 100
        earned += sum(m for m in moves if m > 0)
        spent += order.bonus_paid
    assert earned > 0 and spent > 0
    for customer in sim.customers.values():  # the balance is still what the history adds up to
        assert sum(x.amount for x in sim.history(customer.id)) == customer.current_points


def test_named_ranges_run_from_the_start_of_the_day_or_week(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    async def action(client: PosifloraClient) -> list[StoreStats]:
        return [await client.store_stats(None, r) for r in ("day", "week", "year")]

    day, week, year = run(sim, clock, action)
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert day.orders_count == len(closed_on(sim, TODAY, START)) > 0
    assert week.orders_count == len(closed_on(sim, monday, START)) > day.orders_count
    assert year.revenue == sum(
        o.total_amount for o in closed_on(sim, START.replace(month=1, day=1), START)
    )


def test_a_custom_range_needs_both_ends_and_a_date_alone_is_the_whole_day(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    def raw(params: list[tuple[str, str]]) -> Any:
        async def action(client: PosifloraClient) -> Any:
            return await client.get_raw("/v1/stats/stores/general", params)

        return run(sim, clock, action)

    with pytest.raises(VendorError):
        raw([("filter[range]", "custom")])
    with pytest.raises(VendorError):
        raw([("filter[range]", "custom"), ("filter[rangeFrom]", "2024-04-30")])
    day = "2024-04-30"
    plain = raw([("filter[range]", "custom"), ("filter[rangeFrom]", day), ("filter[rangeTo]", day)])
    (timed,) = day_stats(sim, clock, YESTERDAY)
    assert Decimal(str(plain["data"]["attributes"]["revenue"])) == timed.revenue > 0


def test_store_stats_add_up_to_the_network(sim: PosifloraSimulator, clock: FakeClock) -> None:
    end = TODAY - SECOND

    async def action(client: PosifloraClient) -> list[StoreStats]:
        stores = await client.stores()
        return [await client.store_stats(s.id, "custom", YESTERDAY, end) for s in stores] + [
            await client.store_stats(None, "custom", YESTERDAY, end)
        ]

    *shops, network = run(sim, clock, action)
    assert all(s.orders_count > 0 for s in shops)
    assert sum(s.revenue for s in shops) == network.revenue
    assert sum(s.bonuses_accrued for s in shops) == network.bonuses_accrued


def test_orders_filter_by_when_they_were_closed(sim: PosifloraSimulator, clock: FakeClock) -> None:
    end = TODAY - SECOND
    params = [
        ("filter[postedAt][from]", YESTERDAY.isoformat()),
        ("filter[postedAt][to]", end.isoformat()),
    ]

    async def action(client: PosifloraClient) -> set[str]:
        found: set[str] = set()
        async for document, _ in client.pages("/v1/orders", params):
            found.update(item.id for item in document.many())
        return found

    assert run(sim, clock, action) == {o.id for o in closed_on(sim, YESTERDAY, end)}


def test_an_order_closed_now_counts_today_with_its_points(
    sim: PosifloraSimulator, clock: FakeClock
) -> None:
    order = next(
        o
        for o in sim.orders.values()
        if o.status == "new"
        and o.customer_id
        and sim.customers[o.customer_id].bonus_group_id in ("1", "57", "58")
    )

    async def action(client: PosifloraClient) -> tuple[StoreStats, StoreStats]:
        before = await client.store_stats(None, "day")
        body = resource_body("orders", {"status": "done"}, ident=order.id)
        await client.patch(f"/v1/orders/{order.id}", body)
        return before, await client.store_stats(None, "day")

    before, after = run(sim, clock, action)
    assert after.revenue == before.revenue + order.total_amount
    assert after.orders_count == before.orders_count + 1
    earned = sim.history(order.customer_id or "")[-1]
    assert earned.order_id == order.id and earned.amount > 0
    assert after.bonuses_accrued == before.bonuses_accrued + earned.amount
