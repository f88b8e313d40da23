"""The outbox: every write to a vendor is recorded first, then sent — never lost, never doubled.

A write is marked ``sending`` (committed) before its request leaves. If no clear answer comes back
(or the program dies mid-send) it becomes ``uncertain`` and is looked up at the vendor before any
new attempt: found -> ``sent``; not found -> sent again; lookup failing -> stays ``uncertain``.

Pending (what quitting would leave behind): queued, sending, uncertain and failed. Failed counts
because the vendor does not have it and a person must retry or discard it.
"""

from __future__ import annotations

import asyncio
import builtins
import logging
from collections.abc import Callable, Collection, Mapping
from typing import Any

from app.services.db import Clock, Database, utc_now
from app.services.outbox_send import Attempt, OutboxHandler, send_entry
from app.services.outbox_store import (
    DUE_STATES,
    PENDING_STATES,
    Change,
    OutboxEntry,
    OutboxState,
    OutboxStore,
)
from app.vendors import display_name

__all__ = ["Attempt", "Outbox", "OutboxEntry", "OutboxHandler", "OutboxState", "OutboxStateError"]

log = logging.getLogger("counterpart.outbox")
Listener = Callable[[OutboxEntry], None]


class OutboxStateError(Exception):
    """The requested action does not fit the write's state; ``str()`` says why, for people."""


class Outbox:
    """Durable writes with idempotency keys, per (vendor, operation) handlers and listeners."""

    def __init__(self, db: Database, clock: Clock = utc_now, *, observer: bool = False) -> None:
        """``observer``: another process owns sending (see instance.py); only read and enqueue."""
        self.store = OutboxStore(db, clock)
        self._handlers: dict[tuple[str, str], OutboxHandler] = {}
        self._listeners: list[Listener] = []
        self._retry_listeners: list[Listener] = []
        self._busy: set[int] = set()
        # An observer must not take another process's in-flight writes for crashed ones.
        self._recovered = observer
        self.observer = observer
        self._recover_lock = asyncio.Lock()

    def register(self, vendor: str, operation: str, handler: OutboxHandler) -> None:
        self._handlers[(vendor, operation)] = handler

    def handler_for(self, entry: OutboxEntry) -> OutboxHandler | None:
        return self._handlers.get((entry.vendor, entry.operation))

    def on_change(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(entry)`` after every state change; returns an unsubscribe function."""
        return _subscribe(self._listeners, listener)

    def on_retry(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(entry)`` when a person asks to retry a write now."""
        return _subscribe(self._retry_listeners, listener)

    async def recover(self) -> builtins.list[OutboxEntry]:
        """A write left ``sending`` by a crash may have arrived: mark it uncertain.

        Runs once per Outbox, before its first attempt or listing; calling it again does nothing.
        """
        async with self._recover_lock:
            if self._recovered:
                return []
            recovered = await self._recover_stale()
            self._recovered = True
            return recovered

    async def _recover_stale(self) -> builtins.list[OutboxEntry]:
        recovered = []
        for entry in await self.store.select([OutboxState.SENDING]):
            message = (
                f"Counterpart stopped while sending this; it will check with "
                f"{display_name(entry.vendor)} before sending it again."
            )
            change = Change(OutboxState.UNCERTAIN, message=message, needs_reconcile=True)
            updated = await self.store.change(entry.id, change, [OutboxState.SENDING])
            if updated is not None:
                recovered.append(updated)
                self.notify(updated)
        return recovered

    async def enqueue(
        self, vendor: str, operation: str, payload: Mapping[str, Any], key: str, summary: str
    ) -> OutboxEntry:
        """Record a write as queued. The same key again returns the first entry, unchanged."""
        entry, created = await self.store.insert_or_get(vendor, operation, payload, key, summary)
        if (entry.vendor, entry.operation) != (vendor, operation):
            raise OutboxStateError(
                f"The reference {key} is already used by another kind of write ({entry.summary})."
            )
        if created:
            log.info("queued %s write %s (%s)", vendor, entry.id, operation)
            self.notify(entry)
        return entry

    async def get(self, entry_id: int) -> OutboxEntry | None:
        return await self.store.get(entry_id)

    async def find(self, key: str) -> OutboxEntry | None:
        return await self.store.find(key)

    async def list(
        self, states: Collection[OutboxState] | None = None, vendor: str | None = None
    ) -> builtins.list[OutboxEntry]:
        await self.recover()
        return await self.store.select(states, vendor)

    async def due(self, vendor: str | None = None) -> builtins.list[OutboxEntry]:
        """Entries to attempt now: queued or uncertain, with a handler, not already in hand."""
        await self.recover()
        entries = await self.store.select(DUE_STATES, vendor)
        return [e for e in entries if self.handler_for(e) is not None and e.id not in self._busy]

    async def pending_count(self) -> int:
        return await self.store.count(PENDING_STATES)

    async def unsent_summary(self) -> builtins.list[OutboxEntry]:
        """The writes quitting would leave behind, for the quit warning."""
        await self.recover()
        return await self.store.select(PENDING_STATES)

    async def retry(self, entry_id: int) -> OutboxEntry:
        """Ask for another attempt now; an uncertain write is still looked up first."""
        entry = await self._require(entry_id)
        if entry.state in (OutboxState.SENT, OutboxState.SENDING):
            raise OutboxStateError(f"“{entry.summary}” is already {entry.state.value}.")
        # Keeps needs_reconcile: a retried write that may have arrived is looked up first.
        to = OutboxState.UNCERTAIN if entry.state is OutboxState.UNCERTAIN else OutboxState.QUEUED
        updated = await self.store.change(entry_id, Change(to), [entry.state])
        if updated is None:
            return await self.retry(entry_id)  # it moved on meanwhile: decide again
        self.notify(updated)
        for listener in builtins.list(self._retry_listeners):
            _call(listener, updated)
        return updated

    async def discard(self, entry_id: int) -> OutboxEntry:
        """Give up on a write that is not at the vendor; sent or in-flight writes cannot be."""
        entry = await self._require(entry_id)
        if entry.state is OutboxState.DISCARDED:
            return entry
        if entry.state in (OutboxState.SENT, OutboxState.SENDING):
            raise OutboxStateError(
                f"“{entry.summary}” is {entry.state.value}; it cannot be discarded."
            )
        change = Change(OutboxState.DISCARDED, message="Discarded by staff.")
        updated = await self.store.change(entry_id, change, [entry.state])
        if updated is None:
            return await self.discard(entry_id)
        self.notify(updated)
        return updated

    async def process(self, entry_id: int) -> Attempt:
        """One attempt at one write: reconcile it if needed, then send it if still due."""
        await self.recover()
        entry = await self._require(entry_id)
        handler = self.handler_for(entry)
        if entry.state not in DUE_STATES or handler is None or entry_id in self._busy:
            return Attempt(entry)
        self._busy.add(entry_id)
        try:
            return await send_entry(self.store, handler, entry, self.notify)
        finally:
            self._busy.discard(entry_id)

    def notify(self, entry: OutboxEntry) -> None:
        for listener in builtins.list(self._listeners):
            _call(listener, entry)

    async def _require(self, entry_id: int) -> OutboxEntry:
        entry = await self.store.get(entry_id)
        if entry is None:
            raise OutboxStateError(f"There is no write number {entry_id} in the outbox.")
        return entry


def _subscribe(listeners: list[Listener], listener: Listener) -> Callable[[], None]:
    listeners.append(listener)

    def unsubscribe() -> None:
        if listener in listeners:
            listeners.remove(listener)

    return unsubscribe


def _call(listener: Listener, entry: OutboxEntry) -> None:
    # A broken view must not stop the outbox from recording what happened.
    try:
        listener(entry)
    except Exception:
        log.exception("outbox listener failed for write %s", entry.id)
