"""Drains the outbox in the background: one write at a time per vendor, backing off in outages.

``start()`` runs a task on the event loop; ``drain()`` is the same work done once, for the CLI.
A vendor that is down (or answers unclearly) is left alone for a growing, capped while; a write
the vendor refused does not hold up the writes behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection
from datetime import datetime, timedelta

from app.services.db import Clock, utc_now
from app.services.outbox import Attempt, Outbox
from app.services.outbox_store import DUE_STATES, OutboxEntry, OutboxState
from app.vendors.errors import VendorRateLimited

log = logging.getLogger("counterpart.outbox")
Sleep = Callable[[float], Awaitable[None]]


class OutboxWorker:
    def __init__(
        self,
        outbox: Outbox,
        *,
        clock: Clock = utc_now,
        sleep: Sleep = asyncio.sleep,
        base_backoff: float = 5.0,
        max_backoff: float = 300.0,
        on_backoff: Callable[[str, datetime | None], None] | None = None,
    ) -> None:
        self._outbox = outbox
        self._clock = clock
        self._sleep = sleep
        self._base = base_backoff
        self._max = max_backoff
        self._on_backoff = on_backoff  # e.g. HealthRegistry.set_backoff for the status bar
        self._failures: dict[str, int] = {}
        self._backoff_until: dict[str, datetime] = {}
        self._lanes: dict[str, asyncio.Task[list[Attempt]]] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._unsubscribe: list[Callable[[], None]] = []

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def backoff_until(self, vendor: str) -> datetime | None:
        """When the worker will next try a vendor it is backing off from (None: not backing off)."""
        until = self._backoff_until.get(vendor)
        return until if until is not None and until > self._clock() else None

    def start(self) -> None:
        if self.running:
            return
        self._unsubscribe = [
            self._outbox.on_change(self._changed),
            self._outbox.on_retry(self._retry_requested),
        ]
        self._task = asyncio.get_running_loop().create_task(self._run(), name="outbox-worker")

    async def stop(self) -> None:
        """Stop the loop and any write in flight (an interrupted write becomes uncertain)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        tasks = [t for t in [self._task, *self._lanes.values()] if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None
        self._lanes.clear()

    def kick(self) -> None:
        """Look for due writes now."""
        self._wake.set()

    async def drain(self, vendors: Collection[str] | None = None) -> list[Attempt]:
        """Attempt every due write once (vendors side by side, each vendor's in order)."""
        due = {e.vendor for e in await self._outbox.due()}
        chosen = sorted(due if vendors is None else due & set(vendors))
        results = await asyncio.gather(*(self._drain_vendor(v) for v in chosen))
        return [attempt for attempts in results for attempt in attempts]

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                delay = await self._start_lanes()
            except Exception:
                log.exception("the outbox worker could not look for due writes")
                delay = self._max
            await self._wait(delay)

    async def _start_lanes(self) -> float | None:
        """Start a lane per vendor with due writes; return seconds until a back-off ends."""
        now, waits = self._clock(), []
        vendors = sorted({e.vendor for e in await self._outbox.due()})
        for vendor in vendors:
            until = self._backoff_until.get(vendor)
            if until is not None and until > now:
                waits.append((until - now).total_seconds())
            elif vendor not in self._lanes:
                lane = asyncio.get_running_loop().create_task(self._lane(vendor))
                self._lanes[vendor] = lane
        return min(waits, default=None)

    async def _lane(self, vendor: str) -> list[Attempt]:
        try:
            return await self._drain_vendor(vendor)
        except Exception:
            log.exception("the outbox worker stopped sending to %s", vendor)
            self._back_off(vendor, None)
            return []
        finally:
            self._lanes.pop(vendor, None)
            # The main loop learns of a new back-off, or of writes queued during this lane.
            self._wake.set()

    async def _drain_vendor(self, vendor: str) -> list[Attempt]:
        attempts: list[Attempt] = []
        tried: set[int] = set()
        while entries := [e for e in await self._outbox.due(vendor) if e.id not in tried]:
            for entry in entries:
                tried.add(entry.id)
                attempt = await self._outbox.process(entry.id)
                attempts.append(attempt)
                if attempt.error is not None and attempt.entry.state in DUE_STATES:
                    self._back_off(vendor, attempt)
                    return attempts
                if attempt.entry.state is OutboxState.SENT:
                    self._reset_backoff(vendor)
        return attempts

    def _back_off(self, vendor: str, attempt: Attempt | None) -> None:
        failures = self._failures.get(vendor, 0) + 1
        self._failures[vendor] = failures
        seconds = min(self._max, self._base * (1 << min(failures - 1, 20)))
        error = attempt.error if attempt is not None else None
        if isinstance(error, VendorRateLimited) and error.retry_after:
            seconds = max(seconds, error.retry_after)
        until = self._clock() + timedelta(seconds=seconds)
        self._backoff_until[vendor] = until
        log.info("outbox: %s unavailable, next try in %.0f s", vendor, seconds)
        if self._on_backoff is not None:
            self._on_backoff(vendor, until)

    def _reset_backoff(self, vendor: str) -> None:
        self._failures.pop(vendor, None)
        if self._backoff_until.pop(vendor, None) is not None and self._on_backoff is not None:
            self._on_backoff(vendor, None)

    def _changed(self, entry: OutboxEntry) -> None:
        if entry.state is OutboxState.QUEUED and entry.attempts == 0:
            self._wake.set()  # a new write

    def _retry_requested(self, entry: OutboxEntry) -> None:
        # A person pressed Retry: they expect an attempt now, not after the back-off.
        if self._backoff_until.pop(entry.vendor, None) is not None and self._on_backoff:
            self._on_backoff(entry.vendor, None)
        self._wake.set()

    async def _wait(self, delay: float | None) -> None:
        waiters: list[asyncio.Future[object]] = [asyncio.ensure_future(self._wake.wait())]
        if delay is not None:
            waiters.append(asyncio.ensure_future(self._sleep(max(delay, 0.0))))
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
            await asyncio.gather(*waiters, return_exceptions=True)
