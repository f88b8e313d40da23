"""The daily review against the Vroom simulator: figures agree with the tables and the simulator,
days are cached once, a long pull can be cancelled and resumes where it stopped."""

from __future__ import annotations

import asyncio
import csv
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.domain.daily_review import ReviewPeriod
from app.domain.review_demand import sales_from_lines
from app.services.cache import Cache
from app.services.daily_review import DailyReviewService
from app.services.db import Database
from app.services.exports import write_csv
from app.services.review_tables import (
    SALES_HEADERS,
    TRANSACTION_HEADERS,
    sales_table,
    transactions_table,
)
from app.vendors.http import BasicAuth, RateLimit, VendorHttp
from app.vendors.simulators.vroom import DEMO_EMAIL, DEMO_PASSWORD, VroomSimulator
from app.vendors.simulators.vroom_wire import order_money
from app.vendors.vroom import VroomClient

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
DAY = date(2026, 11, 21)
YESTERDAY = ReviewPeriod(DAY, DAY, UTC)


def client_for(sim: VroomSimulator) -> VroomClient:
    http = VendorHttp(
        "vroom",
        "https://vroom.test/api/retailer/v1",
        auth=BasicAuth(DEMO_EMAIL, DEMO_PASSWORD),
        transport=sim.transport(),
        rate_limit=RateLimit(per_second=1000, max_concurrency=8),
    )
    return VroomClient(http)


@pytest.fixture
def sim() -> VroomSimulator:
    return VroomSimulator(seed=7, clock=lambda: NOW, store_count=4)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "review.sqlite3"


async def _service(path: Path, vroom: Any) -> tuple[Database, DailyReviewService]:
    db = await Database.open(path)
    return db, DailyReviewService(Cache(db), vroom, clock=lambda: NOW)


def test_figures_agree_with_the_simulator_and_with_the_tables(
    sim: VroomSimulator, db_path: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        client = client_for(sim)
        db, service = await _service(db_path, client)
        try:
            review = (await service.load(YESTERDAY)).review()
        finally:
            await client.aclose()
            db.close()
        start = datetime(2026, 11, 21, tzinfo=UTC)
        placed = sim.stream.orders(start, start + timedelta(days=1, seconds=-1), NOW, None)
        kept = [o for o in placed if o.canceled_at is None or o.canceled_at > NOW]
        money = [order_money(o, False) for o in kept]
        assert review.figures.orders == len(kept) > 0
        assert review.figures.gross_sales == sum((m["total"] for m in money), Decimal(0))
        assert review.figures.cancellations == len(placed) - len(kept)
        # The headline agrees with the orders table summed by hand.
        assert review.figures.gross_sales == sum(
            (o.totals.total or Decimal(0) for o in review.orders if not o.canceled), Decimal(0)
        )
        # Vroom's own sales-by-product report agrees with the order lines.
        assert {(s.upc_or_plu, s.total_sales, s.units_sold) for s in review.sales} == {
            (s.upc_or_plu, s.total_sales, s.units_sold) for s in sales_from_lines(review.orders)
        }
        # The CSV: headers, and money as plain decimals that add up to the table.
        out = tmp_path / "sales.csv"
        write_csv(sales_table(review), out)
        rows = list(csv.reader(out.open(encoding="utf-8")))
        assert tuple(rows[0]) == SALES_HEADERS
        assert sum(Decimal(r[4]) for r in rows[1:]) == sum(
            (s.total_sales or Decimal(0) for s in review.sales), Decimal(0)
        )
        txns = transactions_table(review)
        assert tuple(txns.headers) == TRANSACTION_HEADERS
        first = dict(zip(TRANSACTION_HEADERS, txns.rows[0], strict=True))
        assert first["estimated deposit"] == "2026-11-23"  # MM/DD/YYYY on the wire, ISO here
        assert first["type"] == "Card" and first["amount"].count(".") == 1

    asyncio.run(scenario())


class CountingVroom:
    """Counts the days asked for; can hold the pull on a chosen day until released."""

    def __init__(self, inner: VroomClient, hold_on: int | None = None) -> None:
        self.inner = inner
        self.days: list[date] = []
        self.hold_on = hold_on
        self.holding = asyncio.Event()

    async def orders(self, **kw: Any) -> Any:
        self.days.append(kw["from_time"].date())
        if self.hold_on is not None and len(self.days) == self.hold_on:
            self.holding.set()
            await asyncio.Event().wait()  # a slow day: only cancellation ends it
        return await self.inner.orders(**kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_cached_day_reopens_without_asking_vroom(sim: VroomSimulator, db_path: Path) -> None:
    async def scenario() -> None:
        client = client_for(sim)
        counting = CountingVroom(client)
        db, service = await _service(db_path, counting)
        first = (await service.load(YESTERDAY)).review()
        assert sorted(counting.days) == [DAY - timedelta(days=1), DAY]  # and the previous day
        again = (await service.load(YESTERDAY)).review()
        db.close()
        # A new session (fresh memory) over the same database: still no request.
        db2, reopened = await _service(db_path, counting)
        cached = (await reopened.cached(YESTERDAY)).review()
        loaded = (await reopened.load(YESTERDAY)).review()
        db2.close()
        await client.aclose()
        assert len(counting.days) == 2
        assert first.figures == again.figures == cached.figures == loaded.figures
        assert cached.previous_figures == first.previous_figures

    asyncio.run(scenario())


def test_a_long_pull_can_be_cancelled_and_resumes_with_the_missing_days_only(
    sim: VroomSimulator, db_path: Path
) -> None:
    week = ReviewPeriod(DAY - timedelta(days=6), DAY, UTC)

    async def scenario() -> None:
        client = client_for(sim)
        counting = CountingVroom(client, hold_on=4)
        db, service = await _service(db_path, counting)
        seen: list[tuple[int, int]] = []
        task = asyncio.ensure_future(
            service.load(week, previous=False, progress=lambda d, t: seen.append((d, t)))
        )
        await asyncio.wait_for(counting.holding.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert seen[-1] == (3, 7)  # the fourth day was under way
        assert len((await service.cached(week)).days) == 3  # the three finished days stayed
        counting.hold_on = None
        data = await service.load(week, previous=False)
        db.close()
        await client.aclose()
        assert len(data.days) == 7 and not data.review().missing_days
        # The resumed pull starts at the day that was cut off; the first three are not asked again.
        assert counting.days[4:] == list(week.days())[3:]

    asyncio.run(scenario())


def test_today_is_fetched_again_but_a_settled_day_is_not(
    sim: VroomSimulator, db_path: Path
) -> None:
    today = ReviewPeriod(NOW.date(), NOW.date(), UTC)

    async def scenario() -> None:
        client = client_for(sim)
        counting = CountingVroom(client)
        db, service = await _service(db_path, counting)
        await service.load(today, previous=False)
        await service.load(today, previous=False)
        await service.load(YESTERDAY, previous=False)
        await service.load(YESTERDAY, previous=False)
        db.close()
        await client.aclose()
        assert counting.days == [NOW.date(), NOW.date(), DAY]

    asyncio.run(scenario())
