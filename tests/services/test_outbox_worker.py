"""The outbox worker: each vendor's writes in order, backing off while a vendor is down."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

from app.services.db import Database
from app.services.outbox import Outbox, OutboxEntry, OutboxState
from app.services.outbox_worker import OutboxWorker
from app.vendors.errors import VendorRateLimited, VendorRejected, VendorUnavailable
from tests.services.conftest import FakeClock, FakeHandler, FakeSleep

T = TypeVar("T")
EA, FABRIC = "endless-aisles", "fabric"
Body = Callable[[Outbox, dict[str, FakeHandler]], Awaitable[T]]


def with_outbox(path: Path, handlers: dict[str, FakeHandler], body: Body[T]) -> T:
    async def scenario() -> T:
        db = await Database.open(path)
        try:
            outbox = Outbox(db, FakeClock())
            for vendor, handler in handlers.items():
                outbox.register(vendor, "place_order", handler)
            return await body(outbox, handlers)
        finally:
            db.close()

    return asyncio.run(scenario())


async def _enqueue(outbox: Outbox, vendor: str, key: str) -> OutboxEntry:
    return await outbox.enqueue(vendor, "place_order", {"ref": key}, key, f"Order {key}")


def test_drain_stops_a_vendor_that_is_down_and_carries_on_with_the_others(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    down = VendorUnavailable(EA, "Endless Aisles did not answer.")
    handlers = {EA: FakeHandler(outcomes=[down]), FABRIC: FakeHandler()}
    backoffs: list[tuple[str, datetime | None]] = []

    async def body(outbox: Outbox, h: dict[str, FakeHandler]) -> None:
        for key in ("EA-1", "EA-2"):
            await _enqueue(outbox, EA, key)
        for key in ("F-1", "F-2"):
            await _enqueue(outbox, FABRIC, key)
        worker = OutboxWorker(outbox, clock=clock, on_backoff=lambda v, u: backoffs.append((v, u)))
        attempts = await worker.drain()
        assert h[EA].sent == ["EA-1"]  # EA-2 waits behind EA-1 instead of hammering a dead vendor
        assert h[FABRIC].sent == ["F-1", "F-2"]
        assert len(attempts) == 3
        states = {e.idempotency_key: e.state for e in await outbox.list()}
        assert states == {"EA-1": "queued", "EA-2": "queued", "F-1": "sent", "F-2": "sent"}
        assert worker.backoff_until(EA) == clock() + timedelta(seconds=5)
        assert backoffs == [(EA, clock() + timedelta(seconds=5))]

    with_outbox(tmp_path / "c.sqlite3", handlers, body)


def test_a_refused_write_does_not_hold_up_the_next(tmp_path: Path) -> None:
    handlers = {EA: FakeHandler(outcomes=[VendorRejected(EA, "Unknown item.")])}

    async def body(outbox: Outbox, h: dict[str, FakeHandler]) -> None:
        await _enqueue(outbox, EA, "EA-1")
        await _enqueue(outbox, EA, "EA-2")
        await OutboxWorker(outbox, clock=FakeClock()).drain([EA])
        states = {e.idempotency_key: e.state for e in await outbox.list()}
        assert states == {"EA-1": "failed", "EA-2": "sent"}

    with_outbox(tmp_path / "c.sqlite3", handlers, body)


def test_drain_can_be_limited_to_named_vendors(tmp_path: Path) -> None:
    async def body(outbox: Outbox, h: dict[str, FakeHandler]) -> None:
        await _enqueue(outbox, EA, "EA-1")
        await _enqueue(outbox, FABRIC, "F-1")
        await OutboxWorker(outbox).drain([FABRIC])
        assert h[FABRIC].sent == ["F-1"]
        assert h[EA].sent == []

    with_outbox(tmp_path / "c.sqlite3", {EA: FakeHandler(), FABRIC: FakeHandler()}, body)


def _reached(outbox: Outbox, key: str, state: OutboxState) -> asyncio.Future[None]:
    """A future done once ``key`` reaches ``state`` (listening starts at once)."""
    reached: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def listener(entry: OutboxEntry) -> None:
        if entry.idempotency_key == key and entry.state is state and not reached.done():
            reached.set_result(None)
            stop()

    stop = outbox.on_change(listener)
    return reached


def test_the_background_worker_sends_a_new_write(tmp_path: Path) -> None:
    async def body(outbox: Outbox, h: dict[str, FakeHandler]) -> None:
        worker = OutboxWorker(outbox, sleep=FakeSleep())
        worker.start()
        try:
            sent = _reached(outbox, "EA-1", OutboxState.SENT)
            await _enqueue(outbox, EA, "EA-1")
            await asyncio.wait_for(sent, 5)
        finally:
            await worker.stop()
        assert h[EA].sent == ["EA-1"]
        assert not worker.running

    with_outbox(tmp_path / "c.sqlite3", {EA: FakeHandler()}, body)


def test_back_off_grows_while_the_vendor_is_down_and_resets_after_success(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    down = VendorUnavailable(EA, "Endless Aisles did not answer.")
    handlers = {EA: FakeHandler(outcomes=[down, down, down])}

    async def body(outbox: Outbox, h: dict[str, FakeHandler]) -> None:
        sleep = FakeSleep(clock)
        worker = OutboxWorker(outbox, clock=clock, sleep=sleep, base_backoff=5, max_backoff=15)
        worker.start()
        try:
            sent = _reached(outbox, "EA-1", OutboxState.SENT)
            await _enqueue(outbox, EA, "EA-1")
            waits = []
            for _ in range(3):
                waits.append(await sleep.next_request())
                sleep.release()
            await asyncio.wait_for(sent, 5)
            assert waits == [5, 10, 15]  # doubling, capped
            assert worker.backoff_until(EA) is None
            # Down again later: the back-off starts small again.
            h[EA].outcomes = [down]
            await _enqueue(outbox, EA, "EA-2")
            assert await sleep.next_request() == 5
        finally:
            await worker.stop()
        assert h[EA].sent == ["EA-1"] * 4 + ["EA-2"]

    with_outbox(tmp_path / "c.sqlite3", handlers, body)


def test_retry_skips_the_back_off_and_a_rate_limit_waits_as_asked(tmp_path: Path) -> None:
    clock = FakeClock()
    slow_down = VendorRateLimited(EA, "Endless Aisles asked us to slow down.", retry_after=60)
    handlers = {EA: FakeHandler(outcomes=[slow_down])}

    async def body(outbox: Outbox, h: dict[str, FakeHandler]) -> None:
        sleep = FakeSleep(clock)
        worker = OutboxWorker(outbox, clock=clock, sleep=sleep)
        worker.start()
        try:
            entry = await _enqueue(outbox, EA, "EA-1")
            assert await sleep.next_request() == 60
            sent = _reached(outbox, "EA-1", OutboxState.SENT)
            await outbox.retry(entry.id)  # staff pressed Retry: now, not in a minute
            await asyncio.wait_for(sent, 5)
        finally:
            await worker.stop()
        assert clock() == FakeClock()()  # no time had to pass

    with_outbox(tmp_path / "c.sqlite3", handlers, body)
