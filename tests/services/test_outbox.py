"""The outbox: writes recorded first, sent once, and looked up before any resend."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from app.services.db import Database
from app.services.outbox import Outbox, OutboxEntry, OutboxState, OutboxStateError
from app.services.outbox_store import Change
from app.vendors.errors import (
    VendorAuthFailed,
    VendorProtocolError,
    VendorRateLimited,
    VendorRejected,
    VendorUnavailable,
    VendorUncertain,
)
from tests.services.conftest import Applied, FakeClock, FakeHandler

T = TypeVar("T")
EA = "endless-aisles"


def run_outbox(path: Path, handler: FakeHandler, body: Callable[[Outbox], Awaitable[T]]) -> T:
    async def scenario() -> T:
        db = await Database.open(path)
        try:
            outbox = Outbox(db, FakeClock())
            outbox.register(EA, "place_order", handler)
            return await body(outbox)
        finally:
            db.close()

    return asyncio.run(scenario())


async def _enqueue(outbox: Outbox, key: str = "STORE12-000123") -> OutboxEntry:
    payload = {"reference": key, "lines": [{"item": "66543", "price": "12.99"}]}
    return await outbox.enqueue(EA, "place_order", payload, key, f"Dropship order {key} to Ada")


def test_the_same_key_twice_is_one_write(tmp_path: Path) -> None:
    async def body(outbox: Outbox) -> None:
        first = await _enqueue(outbox)
        again = await outbox.enqueue(EA, "place_order", {"other": 1}, first.idempotency_key, "x")
        assert again.id == first.id
        assert again.payload == first.payload  # the first recording wins
        assert len(await outbox.list()) == 1
        with pytest.raises(OutboxStateError, match="already used"):
            await outbox.enqueue("fabric", "place_order", {}, first.idempotency_key, "y")

    run_outbox(tmp_path / "c.sqlite3", FakeHandler(), body)


def test_a_successful_send_goes_sending_then_sent_with_the_vendor_reference(
    tmp_path: Path,
) -> None:
    handler = FakeHandler(outcomes=["EA-5001"])
    seen: list[tuple[OutboxState, int]] = []

    async def body(outbox: Outbox) -> OutboxEntry:
        outbox.on_change(lambda e: seen.append((e.state, e.attempts)))
        entry = await _enqueue(outbox)
        return (await outbox.process(entry.id)).entry

    entry = run_outbox(tmp_path / "c.sqlite3", handler, body)
    assert entry.state is OutboxState.SENT
    assert entry.vendor_ref == "EA-5001"
    assert seen == [(OutboxState.QUEUED, 0), (OutboxState.SENDING, 1), (OutboxState.SENT, 1)]
    assert handler.sent == ["STORE12-000123"]
    assert handler.lookups == []  # a fresh write needs no look-up


def test_sending_is_committed_before_the_request_leaves(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    states_on_disk: list[str] = []

    class Peeking(FakeHandler):
        async def send(self, entry: OutboxEntry) -> str:
            other = await Database.open(path)  # another connection: sees only commits
            row = await other.run(lambda c: c.execute("SELECT state FROM outbox").fetchone())
            other.close()
            states_on_disk.append(row[0])
            return await super().send(entry)

    async def body(outbox: Outbox) -> None:
        await outbox.process((await _enqueue(outbox)).id)

    run_outbox(path, Peeking(), body)
    assert states_on_disk == ["sending"]


@pytest.mark.parametrize(
    ("error", "state", "pending"),
    [
        (VendorUnavailable(EA, "Endless Aisles did not answer."), OutboxState.QUEUED, True),
        (VendorRateLimited(EA, "Endless Aisles asked us to slow down."), OutboxState.QUEUED, True),
        (
            VendorRejected(EA, "Endless Aisles refused the order.", details=("Zip is invalid.",)),
            OutboxState.FAILED,
            True,
        ),
        (VendorAuthFailed(EA, "The Endless Aisles token was refused."), OutboxState.FAILED, True),
        (VendorProtocolError(EA, "Endless Aisles answered nonsense."), OutboxState.FAILED, True),
        (VendorUncertain(EA, "No answer came from Endless Aisles."), OutboxState.UNCERTAIN, True),
    ],
)
def test_each_kind_of_failure_leaves_the_write_where_staff_expect_it(
    tmp_path: Path, error: Exception, state: OutboxState, pending: bool
) -> None:
    async def body(outbox: Outbox) -> tuple[OutboxEntry, int]:
        attempt = await outbox.process((await _enqueue(outbox)).id)
        assert attempt.error is error
        return attempt.entry, await outbox.pending_count()

    entry, count = run_outbox(tmp_path / "c.sqlite3", FakeHandler(outcomes=[error]), body)
    assert entry.state is state
    assert entry.attempts == 1
    assert entry.last_message is not None
    assert str(error) in entry.last_message
    assert count == (1 if pending else 0)


def test_a_rejection_shows_the_vendors_reasons(tmp_path: Path) -> None:
    error = VendorRejected(EA, "Endless Aisles refused the order.", details=("Zip is invalid.",))

    async def body(outbox: Outbox) -> OutboxEntry:
        return (await outbox.process((await _enqueue(outbox)).id)).entry

    entry = run_outbox(tmp_path / "c.sqlite3", FakeHandler(outcomes=[error]), body)
    assert entry.last_message == "Endless Aisles refused the order. Zip is invalid."


def test_uncertain_write_found_at_the_vendor_is_sent_without_resending(tmp_path: Path) -> None:
    handler = FakeHandler(outcomes=[Applied(VendorUncertain(EA, "No answer came."))])

    async def body(outbox: Outbox) -> OutboxEntry:
        entry = await _enqueue(outbox)
        assert (await outbox.process(entry.id)).entry.state is OutboxState.UNCERTAIN
        return (await outbox.process(entry.id)).entry

    entry = run_outbox(tmp_path / "c.sqlite3", handler, body)
    assert entry.state is OutboxState.SENT
    assert entry.vendor_ref == "REF-STORE12-000123"
    assert handler.sent == ["STORE12-000123"]  # once, never twice
    assert handler.lookups == ["STORE12-000123"]


def test_uncertain_write_not_found_is_sent_again_once(tmp_path: Path) -> None:
    handler = FakeHandler(outcomes=[VendorUncertain(EA, "No answer came."), "EA-7"])

    async def body(outbox: Outbox) -> OutboxEntry:
        entry = await _enqueue(outbox)
        await outbox.process(entry.id)
        return (await outbox.process(entry.id)).entry

    entry = run_outbox(tmp_path / "c.sqlite3", handler, body)
    assert entry.state is OutboxState.SENT
    assert entry.vendor_ref == "EA-7"
    assert handler.lookups == ["STORE12-000123"]
    assert len(handler.sent) == 2


def test_uncertain_write_stays_uncertain_while_the_lookup_fails(tmp_path: Path) -> None:
    handler = FakeHandler(
        outcomes=[VendorUncertain(EA, "No answer came.")],
        lookup_errors=[VendorUnavailable(EA, "Endless Aisles did not answer.")],
    )

    async def body(outbox: Outbox) -> OutboxEntry:
        entry = await _enqueue(outbox)
        await outbox.process(entry.id)
        attempt = await outbox.process(entry.id)
        assert isinstance(attempt.error, VendorUnavailable)
        return attempt.entry

    entry = run_outbox(tmp_path / "c.sqlite3", handler, body)
    assert entry.state is OutboxState.UNCERTAIN
    assert entry.last_message is not None
    assert "Could not check with Endless Aisles" in entry.last_message
    assert handler.sent == ["STORE12-000123"]  # not resent blindly


def test_a_5xx_is_looked_up_before_the_next_attempt(tmp_path: Path) -> None:
    # A proxy's 502 can follow a commit at the vendor: the retry must not double the order.
    handler = FakeHandler(outcomes=[Applied(VendorUnavailable(EA, "Bad gateway."))])

    async def body(outbox: Outbox) -> OutboxEntry:
        entry = await _enqueue(outbox)
        assert (await outbox.process(entry.id)).entry.state is OutboxState.QUEUED
        return (await outbox.process(entry.id)).entry

    entry = run_outbox(tmp_path / "c.sqlite3", handler, body)
    assert entry.state is OutboxState.SENT
    assert handler.sent == ["STORE12-000123"]


def test_a_write_left_sending_by_a_crash_is_looked_up_first(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"

    async def crash(outbox: Outbox) -> int:
        entry = await _enqueue(outbox)
        await outbox.store.change(entry.id, _sending())  # as if killed mid-send
        return entry.id

    entry_id = run_outbox(path, FakeHandler(), crash)
    handler = FakeHandler(vendor_has={"STORE12-000123": "EA-1"})

    async def restart(outbox: Outbox) -> tuple[OutboxEntry, OutboxEntry]:
        listed = (await outbox.list())[0]
        return listed, (await outbox.process(entry_id)).entry

    listed, entry = run_outbox(path, handler, restart)
    assert listed.state is OutboxState.UNCERTAIN
    assert entry.state is OutboxState.SENT
    assert entry.vendor_ref == "EA-1"
    assert handler.sent == []


def _sending() -> Change:
    return Change(OutboxState.SENDING, needs_reconcile=True, count_attempt=True)


class Hanging(FakeHandler):
    """A vendor that never answers; ``called`` is set once the request has left."""

    def __init__(self) -> None:
        super().__init__()
        self.called = asyncio.Event()

    async def send(self, entry: OutboxEntry) -> str:
        self.sent.append(entry.idempotency_key)
        self.called.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


def test_an_interrupted_send_becomes_uncertain(tmp_path: Path) -> None:
    handler = Hanging()

    async def body(outbox: Outbox) -> OutboxEntry:
        entry = await _enqueue(outbox)
        task = asyncio.create_task(outbox.process(entry.id))
        await handler.called.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        found = await outbox.get(entry.id)
        assert found is not None
        return found

    entry = run_outbox(tmp_path / "c.sqlite3", handler, body)
    assert entry.state is OutboxState.UNCERTAIN
    assert entry.needs_reconcile


def test_retry_and_discard_follow_the_rules(tmp_path: Path) -> None:
    handler = FakeHandler(outcomes=[VendorRejected(EA, "Refused."), "EA-9"])
    retried: list[int] = []

    async def body(outbox: Outbox) -> None:
        outbox.on_retry(lambda e: retried.append(e.id))
        entry = await _enqueue(outbox)
        assert (await outbox.process(entry.id)).entry.state is OutboxState.FAILED
        assert [e.id for e in await outbox.unsent_summary()] == [entry.id]
        assert (await outbox.retry(entry.id)).state is OutboxState.QUEUED
        assert retried == [entry.id]
        sent = (await outbox.process(entry.id)).entry
        assert sent.state is OutboxState.SENT
        with pytest.raises(OutboxStateError, match="already sent"):
            await outbox.retry(entry.id)
        with pytest.raises(OutboxStateError, match="cannot be discarded"):
            await outbox.discard(entry.id)
        other = await _enqueue(outbox, "STORE12-000124")
        assert (await outbox.discard(other.id)).state is OutboxState.DISCARDED
        assert await outbox.pending_count() == 0
        assert await outbox.unsent_summary() == []
        # A discarded write is never picked up again by itself.
        assert await outbox.due() == []
        assert [e.state for e in await outbox.list([OutboxState.DISCARDED])] == ["discarded"]

    run_outbox(tmp_path / "c.sqlite3", handler, body)


def test_a_write_without_a_handler_waits(tmp_path: Path) -> None:
    async def body(outbox: Outbox) -> None:
        entry = await outbox.enqueue("fabric", "place_order", {}, "PO-1", "Order PO-1")
        assert await outbox.due() == []
        assert (await outbox.process(entry.id)).entry.state is OutboxState.QUEUED

    run_outbox(tmp_path / "c.sqlite3", FakeHandler(), body)
