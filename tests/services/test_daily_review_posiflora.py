"""The daily review's Posiflora tiles against the simulator: each day's own sales and points.

The review asks Posiflora's network stats for the period's local days (posiflora.md §4.4
``filter[range]=custom``); the figures must be what the simulator holds for exactly those days.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from app.domain.daily_review import Figure, ReviewPeriod
from app.services.cache import Cache
from app.services.daily_review import DailyReviewService, ReviewData
from app.services.db import Database
from app.vendors.posiflora import PosifloraClient, connect
from app.vendors.simulators.posiflora import SIM_PASSWORD, SIM_USERNAME, PosifloraSimulator

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
ZONE = ZoneInfo("America/New_York")  # the shop's days are not UTC days
YESTERDAY = ReviewPeriod(date(2026, 11, 21), date(2026, 11, 21), ZONE)
STATS = "/v1/stats/stores/general"


class Clock:
    """The client's clock, stopped where the simulator's is (tokens never look stale)."""

    def now(self) -> datetime:
        return NOW

    def monotonic(self) -> float:
        return 0.0

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(0)


def client_for(sim: PosifloraSimulator) -> PosifloraClient:
    return connect(
        "https://shop.posiflora.test/api",
        SIM_USERNAME,
        SIM_PASSWORD,
        transport=sim.transport(),
        clock=Clock(),
    )


def load(sim: PosifloraSimulator, path: Path, *periods: ReviewPeriod) -> list[ReviewData]:
    async def go() -> list[ReviewData]:
        db = await Database.open(path)
        client = client_for(sim)
        try:
            service = DailyReviewService(Cache(db), None, client, clock=lambda: NOW)
            return [await service.load(p) for p in periods]
        finally:
            await client.http.aclose()
            db.close()

    return asyncio.run(go())


def held(sim: PosifloraSimulator, period: ReviewPeriod) -> dict[str, Decimal]:
    """What the simulator holds for the period's local days: sales, orders and points."""
    start, end = period.start(), period.end()
    done = [
        o
        for o in sim.orders.values()
        if o.status == "done" and o.posted_at and start <= o.posted_at < end
    ]
    moves = [
        line.amount
        for customer in sim.customers
        for line in sim.history(customer)
        if start <= line.created_at < end
    ]
    return {
        "flower_revenue": sum((o.total_amount for o in done), Decimal(0)),
        "flower_orders": Decimal(len(done)),
        "bonuses_accrued": Decimal(sum(m for m in moves if m > 0)),
        "bonuses_spent": Decimal(-sum(m for m in moves if m < 0)),
    }


def posiflora_tiles(data: ReviewData) -> dict[str, Figure]:
    return {f.key: f for f in data.review().headline() if f.source == "posiflora"}


def test_yesterday_and_the_day_before_are_each_their_own_days(tmp_path: Path) -> None:
    sim = PosifloraSimulator(seed=11, customers=400, orders=60, clock=lambda: NOW)
    (data,) = load(sim, tmp_path / "review.sqlite3", YESTERDAY)
    tiles = posiflora_tiles(data)
    now, before = held(sim, YESTERDAY), held(sim, YESTERDAY.previous())
    assert {k: f.value for k, f in tiles.items()} == now
    assert {k: f.previous for k, f in tiles.items()} == before
    assert tiles["flower_revenue"].value != tiles["flower_revenue"].previous
    assert tiles["flower_orders"].value != tiles["flower_orders"].previous
    assert now["bonuses_accrued"] > 0 and now["bonuses_spent"] > 0
    everything = sum(o.total_amount for o in sim.orders.values() if o.status == "done")
    assert now["flower_revenue"] < everything  # not the shop's whole history


def test_a_week_against_the_week_before(tmp_path: Path) -> None:
    sim = PosifloraSimulator(seed=3, customers=300, orders=40, clock=lambda: NOW)
    week = ReviewPeriod(date(2026, 11, 15), date(2026, 11, 21), ZONE)
    (data,) = load(sim, tmp_path / "review.sqlite3", week)
    tiles = posiflora_tiles(data)
    assert {k: f.value for k, f in tiles.items()} == held(sim, week)
    assert {k: f.previous for k, f in tiles.items()} == held(sim, week.previous())
    assert tiles["flower_orders"].value and tiles["flower_orders"].value > 40


def test_a_finished_day_is_asked_of_posiflora_once(tmp_path: Path) -> None:
    sim = PosifloraSimulator(seed=11, customers=120, orders=20, clock=lambda: NOW)
    today = ReviewPeriod(date(2026, 11, 22), date(2026, 11, 22), ZONE)
    path = tmp_path / "review.sqlite3"
    first, _ = load(sim, path, YESTERDAY, today)
    asked = sim.count("GET", STATS)
    assert asked == 3  # yesterday, the day before, and today (yesterday was already there)
    (again,) = load(sim, path, YESTERDAY)
    assert sim.count("GET", STATS) == asked  # both days are final: read from the cache
    assert posiflora_tiles(again) == posiflora_tiles(first)
    assert (
        again.flower is not None and again.flower.revenue == held(sim, YESTERDAY)["flower_revenue"]
    )
