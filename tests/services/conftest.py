"""Helpers for the services tests: a fake clock, a controllable sleep, fake outbox handlers."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.services.outbox_store import OutboxEntry


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime = datetime(2026, 3, 2, 12, 4, 10, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class FakeSleep:
    """An injectable sleep: records each requested delay and returns only when released."""

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.delays: list[float] = []
        self.clock = clock
        self._pending: list[asyncio.Future[None]] = []
        self.requested = asyncio.Event()

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append(future)
        self.requested.set()
        await future

    async def next_request(self) -> float:
        """Wait until code under test asks to sleep; return how long it asked for."""
        await asyncio.wait_for(self.requested.wait(), 5)
        self.requested.clear()
        return self.delays[-1]

    def release(self) -> None:
        """Let every pending sleep finish (advancing the clock by the longest one)."""
        pending, self._pending = [f for f in self._pending if not f.done()], []
        if self.clock is not None and pending:
            self.clock.advance(max(self.delays[-len(pending) :]))
        for future in pending:
            if not future.done():
                future.set_result(None)


@dataclass
class Applied:
    """A send outcome: the vendor stored the write, then ``error`` hid the answer from us."""

    error: Exception


@dataclass
class FakeHandler:
    """A vendor that stores writes by key, scripted per attempt; counts sends and lookups."""

    outcomes: list[object] = field(default_factory=list)
    lookup_errors: list[Exception] = field(default_factory=list)
    vendor_has: dict[str, str] = field(default_factory=dict)
    sent: list[str] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)

    async def send(self, entry: OutboxEntry) -> str:
        key = entry.idempotency_key
        self.sent.append(key)
        outcome = self.outcomes.pop(0) if self.outcomes else f"REF-{key}"
        if isinstance(outcome, Applied):
            self.vendor_has[key] = f"REF-{key}"
            raise outcome.error
        if isinstance(outcome, BaseException):
            raise outcome
        self.vendor_has[key] = str(outcome)
        return str(outcome)

    async def reconcile(self, entry: OutboxEntry) -> str | None:
        self.lookups.append(entry.idempotency_key)
        if self.lookup_errors:
            raise self.lookup_errors.pop(0)
        return self.vendor_has.get(entry.idempotency_key)
