"""The sync scheduler: keeps the cache fresh, one source at a time, never piling runs up.

Each source (a vendor resource) runs on its own timer. Runs coalesce: while a source runs, any
number of refresh requests mark it dirty and exactly one more run follows. A failing source backs
off (its interval doubled per failure, capped) and returns to its interval after a success. A
source's interval can change while the scheduler runs (:meth:`SyncScheduler.set_interval`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from app.services.db import Clock, utc_now
from app.vendors import display_name
from app.vendors.errors import VendorError, VendorRateLimited

log = logging.getLogger("counterpart.sync")
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class SyncSource:
    """A resource to keep fresh: ``run()`` fetches it into the cache and returns a record count."""

    name: str
    vendor: str
    interval: timedelta
    run: Callable[[], Awaitable[int]]


@dataclass(frozen=True)
class SyncResult:
    source: str
    vendor: str
    records: int
    seconds: float
    error: str | None
    finished_at: datetime
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


ResultListener = Callable[[SyncResult], None]


@dataclass
class _Lane:
    source: SyncSource
    task: asyncio.Task[None] | None = None
    in_run: bool = False
    dirty: bool = False
    waiters: list[asyncio.Future[SyncResult]] = field(default_factory=list)
    failures: int = 0
    last: SyncResult | None = None
    next_run_at: datetime | None = None
    timer: asyncio.Task[None] | None = None
    wake: asyncio.Event | None = None  # set while the timer waits: a new interval re-plans it


class SyncScheduler:
    def __init__(
        self,
        sources: Iterable[SyncSource] = (),
        *,
        clock: Clock = utc_now,
        sleep: Sleep = asyncio.sleep,
        stopwatch: Callable[[], float] = time.monotonic,
        max_backoff: timedelta = timedelta(minutes=15),
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._stopwatch = stopwatch
        self._max_backoff = max_backoff
        self._lanes: dict[str, _Lane] = {}
        self._listeners: list[ResultListener] = []
        for source in sources:
            self.add(source)

    def add(self, source: SyncSource) -> None:
        if source.name in self._lanes:
            raise ValueError(f"sync source {source.name!r} is already registered")
        self._lanes[source.name] = _Lane(source)

    @property
    def sources(self) -> list[SyncSource]:
        return [lane.source for lane in self._lanes.values()]

    def on_result(self, listener: ResultListener) -> Callable[[], None]:
        """Call ``listener(result)`` after every run; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def last_result(self, name: str) -> SyncResult | None:
        return self._lanes[name].last

    def next_run_at(self, name: str) -> datetime | None:
        return self._lanes[name].next_run_at

    def next_delay(self, name: str) -> timedelta:
        """The wait before the source's next timed run: its interval, or a back-off."""
        lane = self._lanes[name]
        interval = lane.source.interval
        if lane.failures == 0:
            return interval
        delay = min(interval * (1 << min(lane.failures, 20)), max(self._max_backoff, interval))
        retry_after = lane.last.retry_after if lane.last is not None else None
        if retry_after:
            delay = max(delay, timedelta(seconds=retry_after))
        return delay

    def set_interval(self, name: str, seconds: float) -> None:
        """Run ``name`` every ``seconds`` from now on, without a restart.

        A wait in progress is re-planned at once from the last run: shortened, the next run
        comes ``seconds`` after the last one (at once if that is past); lengthened, it waits
        the longer interval. A back-off in progress stays a back-off of the new interval.
        """
        lane = self._lanes[name]
        interval = timedelta(seconds=seconds)
        if interval <= timedelta(0):
            raise ValueError(f"sync interval must be positive, not {seconds}")
        if interval == lane.source.interval:
            return
        lane.source = replace(lane.source, interval=interval)
        if lane.wake is not None:
            lane.wake.set()

    def start(self) -> None:
        """Start every source's timer; each runs at once, then on its interval."""
        loop = asyncio.get_running_loop()
        for name, lane in self._lanes.items():
            if lane.timer is None or lane.timer.done():
                lane.timer = loop.create_task(self._timed(lane), name=f"sync-timer-{name}")

    async def stop(self) -> None:
        tasks = [t for lane in self._lanes.values() for t in (lane.timer, lane.task) if t]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for lane in self._lanes.values():
            lane.timer = None

    def request(self, name: str) -> asyncio.Future[SyncResult]:
        """Ask for a run that starts after this call; resolves with that run's result."""
        lane = self._lanes[name]
        waiter: asyncio.Future[SyncResult] = asyncio.get_running_loop().create_future()
        lane.waiters.append(waiter)
        if lane.task is None:
            lane.task = asyncio.get_running_loop().create_task(self._cycle(lane))
        else:
            # A run in flight may predate the change: exactly one more follows. (Before the
            # first run starts, the flag is reset and this waiter joins that run.)
            lane.dirty = True
        return waiter

    async def refresh_now(self, name: str) -> SyncResult:
        return await self.request(name)

    async def run_all_once(self, vendors: Collection[str] | None = None) -> list[SyncResult]:
        """Run each (chosen vendors') source once, side by side; results in source order."""
        names = [
            n for n, lane in self._lanes.items() if vendors is None or lane.source.vendor in vendors
        ]
        return list(await asyncio.gather(*(self.refresh_now(n) for n in names)))

    async def _timed(self, lane: _Lane) -> None:
        while True:
            lane.next_run_at = None
            await self.refresh_now(lane.source.name)
            await self._wait(lane)

    async def _wait(self, lane: _Lane) -> None:
        """Sleep until the next timed run; re-plan from the last run if the interval changes."""
        finished = self._clock()
        while True:
            lane.next_run_at = finished + self.next_delay(lane.source.name)
            remaining = (lane.next_run_at - self._clock()).total_seconds()
            if remaining <= 0:
                return
            lane.wake = wake = asyncio.Event()
            sleeper = asyncio.ensure_future(self._sleep(remaining))
            woken = asyncio.ensure_future(wake.wait())
            try:
                await asyncio.wait({sleeper, woken}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                lane.wake = None
                sleeper.cancel()
                woken.cancel()
            if not wake.is_set():
                return  # slept the whole wait

    async def _cycle(self, lane: _Lane) -> None:
        try:
            while True:
                waiters, lane.waiters = lane.waiters, []
                lane.dirty, lane.in_run = False, True
                result = await self._run_once(lane)
                lane.in_run = False
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_result(result)
                self._publish(result)
                if not lane.dirty:
                    return
        finally:
            lane.task, lane.in_run = None, False
            for waiter in lane.waiters:
                waiter.cancel()
            lane.waiters = []

    async def _run_once(self, lane: _Lane) -> SyncResult:
        source, started = lane.source, self._stopwatch()
        records, error, retry_after = 0, None, None
        try:
            records = await source.run()
        except VendorError as exc:
            error = exc.message
            retry_after = exc.retry_after if isinstance(exc, VendorRateLimited) else None
        except Exception:
            log.exception("sync source %s failed unexpectedly", source.name)
            error = (
                f"Counterpart hit an unexpected problem updating {source.name} from "
                f"{display_name(source.vendor)}; the details are in the log."
            )
        seconds = self._stopwatch() - started
        result = SyncResult(
            source.name, source.vendor, records, seconds, error, self._clock(), retry_after
        )
        lane.failures = 0 if error is None else lane.failures + 1
        lane.last = result
        return result

    def _publish(self, result: SyncResult) -> None:
        for listener in list(self._listeners):
            try:
                listener(result)
            except Exception:
                log.exception("sync result listener failed for %s", result.source)
