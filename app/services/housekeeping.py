"""Housekeeping: the local database must not grow for as long as a store PC keeps running.

What goes, and why no sooner:

- Writes that reached a final state (sent, or discarded by staff) after OUTBOX_KEEP (120 days)
  since they settled. A manager disputing a charge or asking "did that price change go out?"
  needs the whole last quarter at any day of this one, and card disputes run up to ~120 days.
- Dropship orders (sent or discarded) only after DROPSHIP_KEEP (400 days): the outbox row is the
  shop's only local record of the order — the Dropship view lists it, ``dropship status``/cancel
  find it by reference — and re-running an old order file with the same reference must find it
  rather than order twice while anyone might still have that file. A year covers returns and the
  yearly accounts.
- Writes still queued, sending, failed or uncertain are never deleted, whatever their age: they
  are not at the vendor (or may be) and only a person may give up on them.
- The cache of a vendor the configuration no longer enables (its section removed or
  ``enabled = false``), once nothing was written for it for DISABLED_VENDOR_GRACE (30 days). Only
  the configuration decides: a vendor that is enabled but failing keeps its cache, however old —
  that cache is what the counter works from while offline. The grace period means switching a
  vendor off for a few days (say, while its key is renewed) loses nothing. In demo mode no cache
  is dropped at all (every vendor is "in use" there, and the file may be a real shop's).

Enabled vendors' records are not aged out: incremental resources (trade orders, the daily review's
days) are the shop's history, and a vendor may not serve old periods again. The other tables stay
small by construction (a row per resource or cursor); logs rotate (logs.py). A configuration that
fails to load stops the program before this runs, and a missing one means demo mode.
Runs once when a sending runtime opens and then daily; one log line per run gives the counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.services.cache import Cache
from app.services.db import Clock, Database, utc_now
from app.services.db_space import Reclaimed, reclaim
from app.services.dropship import OPERATION as DROPSHIP_ORDER
from app.services.outbox_store import OutboxStore

log = logging.getLogger("counterpart.housekeeping")
Sleep = Callable[[float], Awaitable[None]]

OUTBOX_KEEP = timedelta(days=120)
DROPSHIP_KEEP = timedelta(days=400)
DISABLED_VENDOR_GRACE = timedelta(days=30)
EVERY = timedelta(days=1)
# The daily run is checked against the wall clock hourly rather than one 24-hour sleep: a PC that
# sleeps at night does not advance the event loop's clock, so a long sleep might never end.
CHECK_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class Report:
    outbox_writes: int
    dropship_orders: int
    cache_records: int
    vendors_dropped: tuple[str, ...]
    reclaimed: Reclaimed

    def line(self) -> str:
        vendors = f" ({', '.join(self.vendors_dropped)})" if self.vendors_dropped else ""
        return (
            f"housekeeping removed {self.outbox_writes} finished outbox writes, "
            f"{self.dropship_orders} finished dropship orders, {self.cache_records} cached "
            f"records of {len(self.vendors_dropped)} disabled vendors{vendors}; "
            f"gave back {self.reclaimed.bytes // 1024} KiB ({self.reclaimed.how})"
        )


class Housekeeper:
    """Prunes the outbox and unused caches; ``enabled_vendors`` None means demo (keep caches)."""

    def __init__(
        self,
        db: Database,
        outbox: OutboxStore,
        cache: Cache,
        *,
        enabled_vendors: Collection[str] | None,
        clock: Clock = utc_now,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._cache = cache
        self._enabled = None if enabled_vendors is None else frozenset(enabled_vendors)
        self._clock = clock
        self._sleep = sleep
        self._task: asyncio.Task[None] | None = None
        self.last_run: datetime | None = None
        self.last_report: Report | None = None

    async def run_once(self) -> Report:
        now = self._clock()
        self.last_run = now
        writes = await self._outbox.prune_finished(
            now - OUTBOX_KEEP, except_operations=[DROPSHIP_ORDER]
        )
        orders = await self._outbox.prune_finished(now - DROPSHIP_KEEP, operations=[DROPSHIP_ORDER])
        records, dropped = await self._drop_disabled_caches(now)
        report = Report(writes, orders, records, dropped, await reclaim(self._db))
        self.last_report = report
        log.info(report.line())
        return report

    async def run_safely(self) -> Report | None:
        """``run_once``, but a failure is logged and left for the next run (it is never urgent)."""
        try:
            return await self.run_once()
        except Exception:
            log.exception("housekeeping failed; it will try again on its next run")
            return None

    def start(self) -> None:
        """Run daily while the program runs (the first run is the one at open)."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._daily(), name="housekeeping")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _daily(self) -> None:
        while True:
            await self._sleep(CHECK_EVERY.total_seconds())
            now, last = self._clock(), self.last_run
            # A clock set back (now < last) must not postpone the next run by the same amount.
            if last is None or now - last >= EVERY or now < last:
                await self.run_safely()

    async def _drop_disabled_caches(self, now: datetime) -> tuple[int, tuple[str, ...]]:
        if self._enabled is None:
            return 0, ()
        records, dropped = 0, []
        for vendor, written in sorted((await self._cache.last_written()).items()):
            if vendor in self._enabled or now - written < DISABLED_VENDOR_GRACE:
                continue
            records += await self._cache.forget_vendor(vendor)
            dropped.append(vendor)
        return records, tuple(dropped)
