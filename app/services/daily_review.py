"""The daily review's data: Vroom's reports kept per day in the cache, Posiflora's store figures.

Each calendar day is asked of Vroom once (all stores; the store filter is applied afterwards) and
stored as one cache record. A day fetched after it ended (plus a settling margin for late
cancellations) is final and is never asked for again; only missing or unfinished days are fetched,
one after another, so a long range reports progress and stops cleanly on asyncio cancellation —
the days already stored stay stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Protocol

from app.domain.daily_review import ReviewPeriod, day_start
from app.domain.flower_orders import StoreStats
from app.domain.orders import Order
from app.domain.orders_reports import AuditLogEntry, SalesByProduct, SearchTerm, Transaction
from app.domain.review import Review, ReviewDay, assemble
from app.services.cache import Cache
from app.services.db import Clock, utc_now
from app.services.review_codec import decode, encode
from app.vendors.errors import VendorError

if TYPE_CHECKING:
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.daily_review")

VROOM, POSIFLORA = "vroom", "posiflora"
DAYS = "review-days"  # cache resource: one record per calendar day, id = ISO date
FLOWER_STATS = "review-stats"  # cache resource: one record per period, id = "first/last"
# Late cancellations and refunds still land shortly after midnight: wait before calling a day final.
SETTLE = timedelta(hours=2)

Progress = Callable[[int, int], None]  # (days done, days to fetch)


class VroomReports(Protocol):
    """The Vroom client calls the review makes (VroomClient has them all)."""

    async def orders(self, **kw: Any) -> list[Order]: ...
    async def transactions(self, from_time: datetime, to_time: datetime) -> list[Transaction]: ...
    async def sales_by_product(self, **kw: Any) -> list[SalesByProduct]: ...
    async def search_terms(self, **kw: Any) -> list[SearchTerm]: ...
    async def audit_logs(self, **kw: Any) -> list[AuditLogEntry]: ...


class FlowerStats(Protocol):
    async def store_stats(
        self,
        store_id: str | None = None,
        range_: str = "day",
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> StoreStats: ...


@dataclass
class ReviewData:
    """A period's days (and the previous period's) as found, plus what could not be reached."""

    period: ReviewPeriod
    days: list[ReviewDay]
    previous: list[ReviewDay]
    flower: StoreStats | None = None
    flower_previous: StoreStats | None = None
    notes: list[str] = field(default_factory=list)

    def review(self, stores: Collection[str] | None = None) -> Review:
        whole_previous = len(self.previous) == self.period.day_count
        review = assemble(self.period, self.days, self.previous if whole_previous else None, stores)
        return _with(review, self.flower, self.flower_previous, self.notes)


def _with(
    review: Review, flower: StoreStats | None, before: StoreStats | None, notes: list[str]
) -> Review:
    return replace(review, flower=flower, flower_previous=before, notes=list(notes))


class DailyReviewService:
    def __init__(
        self,
        cache: Cache,
        vroom: VroomReports | None,
        posiflora: FlowerStats | None = None,
        *,
        clock: Clock = utc_now,
    ) -> None:
        self.cache = cache
        self.vroom = vroom
        self.posiflora = posiflora
        self.clock = clock
        self.requests = 0  # Vroom calls made: the tests count them
        self._days: dict[date, ReviewDay] = {}  # decoded days of this session

    # -- the cache ------------------------------------------------------------------------------

    def is_final(self, day: date, fetched_at: datetime, zone: tzinfo) -> bool:
        """Fetched after the day ended and settled: it will not change any more."""
        return fetched_at >= day_start(day + timedelta(days=1), zone) + SETTLE

    async def cached_day(self, day: date) -> ReviewDay | None:
        """A day from memory, else from the cache (decoded off the event loop)."""
        known = self._days.get(day)
        if known is not None:
            return known
        record = await self.cache.get(VROOM, DAYS, day.isoformat())
        if record is None:
            return None
        found = await asyncio.to_thread(decode, ReviewDay, record)
        self._days[day] = found
        return found

    async def _fetched_at(self, day: date) -> datetime | None:
        known = self._days.get(day)
        if known is not None:
            return known.fetched_at
        record = await self.cache.get(VROOM, DAYS, day.isoformat())
        return None if record is None else datetime.fromisoformat(record["fetched_at"])

    async def cached_days(self, period: ReviewPeriod) -> list[ReviewDay]:
        found = [await self.cached_day(d) for d in period.days()]
        return [d for d in found if d is not None]

    async def cached(self, period: ReviewPeriod) -> ReviewData:
        """What the cache holds for the period, at once (no network)."""
        before = period.previous()
        return ReviewData(
            period,
            await self.cached_days(period),
            await self.cached_days(before),
            await self._cached_stats(period),
            await self._cached_stats(before),
        )

    # -- fetching -------------------------------------------------------------------------------

    async def missing_days(self, period: ReviewPeriod) -> list[date]:
        """Days of the period not cached, or cached before they were final."""
        wanted: list[date] = []
        for day in period.days():
            fetched = await self._fetched_at(day)
            if fetched is None or not self.is_final(day, fetched, period.zone):
                wanted.append(day)
        return wanted

    async def load(
        self, period: ReviewPeriod, *, progress: Progress | None = None, previous: bool = True
    ) -> ReviewData:
        """Fetch what is missing for the period (and the previous one), then read the cache."""
        periods = [period, period.previous()] if previous else [period]
        now = self.clock().astimezone(period.zone).date()
        todo: list[tuple[date, ReviewPeriod]] = []
        for p in periods:
            todo += [(d, p) for d in await self.missing_days(p) if d <= now]
        notes: list[str] = []
        if todo and self.vroom is None:
            notes.append("Vroom is not connected: the review shows what was saved before.")
        elif todo:
            await self._fetch_days(todo, progress, notes)
        if progress:
            progress(len(todo), len(todo))
        await self._load_stats(periods, notes)
        data = await self.cached(period)
        data.notes = notes
        return data

    async def _fetch_days(
        self, todo: list[tuple[date, ReviewPeriod]], progress: Progress | None, notes: list[str]
    ) -> None:
        for done, (day, period) in enumerate(todo):
            if progress:
                progress(done, len(todo))
            try:
                record = await self.fetch_day(day, period)
            except VendorError as exc:
                log.warning("the review could not fetch %s from Vroom: %s", day, exc.message)
                notes.append(f"Vroom could not be reached ({exc.message}); older figures shown.")
                return
            payload = await asyncio.to_thread(encode, record)  # thousands of records: off the loop
            await self.cache.upsert(VROOM, DAYS, {day.isoformat(): payload})
            self._days[day] = record

    async def fetch_day(self, day: date, period: ReviewPeriod) -> ReviewDay:
        """One calendar day of every report, all stores, asked side by side."""
        assert self.vroom is not None
        start = day_start(day, period.zone)
        # §A2: to_time is inclusive in effect; stop one second before the next day begins.
        end = day_start(day + timedelta(days=1), period.zone) - timedelta(seconds=1)
        window: dict[str, Any] = {"from_time": start, "to_time": end}
        fetched_at = self.clock()
        self.requests += 5
        orders, txns, sales, searches, audit = await asyncio.gather(
            self.vroom.orders(include_line_items=True, **window),
            self.vroom.transactions(start, end),
            self.vroom.sales_by_product(**window),
            self.vroom.search_terms(**window),
            self.vroom.audit_logs(**window),
        )
        return ReviewDay(
            day, fetched_at, tuple(orders), tuple(txns), tuple(sales), tuple(searches), tuple(audit)
        )

    # -- Posiflora's precomputed store figures ---------------------------------------------------

    async def _cached_stats(self, period: ReviewPeriod) -> StoreStats | None:
        record = await self.cache.get(POSIFLORA, FLOWER_STATS, _period_id(period))
        return None if record is None else decode(StoreStats, record["stats"])

    async def _load_stats(self, periods: list[ReviewPeriod], notes: list[str]) -> None:
        if self.posiflora is None:
            return
        for period in periods:
            record = await self.cache.get(POSIFLORA, FLOWER_STATS, _period_id(period))
            if record is not None and datetime.fromisoformat(record["at"]) >= period.end() + SETTLE:
                continue
            fetched_at = self.clock()
            try:
                # posiflora.md §4.4: a custom range needs both ends.
                stats = await self.posiflora.store_stats(
                    None, "custom", period.start(), period.end() - timedelta(seconds=1)
                )
            except VendorError as exc:
                notes.append(f"Posiflora could not be reached ({exc.message}).")
                return
            payload = {"at": fetched_at.isoformat(), "stats": encode(stats)}
            await self.cache.upsert(POSIFLORA, FLOWER_STATS, {_period_id(period): payload})


def _period_id(period: ReviewPeriod) -> str:
    return f"{period.first.isoformat()}/{period.last.isoformat()}"


def review_service(runtime: Runtime) -> DailyReviewService:
    """The runtime's review service, made on first use from the vendors that are connected."""
    if runtime.daily_review is None:
        vroom = runtime.links.get(VROOM)
        flora = runtime.links.get(POSIFLORA)
        runtime.daily_review = DailyReviewService(
            runtime.cache,
            vroom.client if vroom else None,
            flora.client if flora else None,
        )
    return runtime.daily_review
