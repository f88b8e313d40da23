"""One attempt at one outbox write: look it up if it may have arrived, then claim and send it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.services.outbox_store import Change, OutboxEntry, OutboxState, OutboxStore
from app.vendors import display_name
from app.vendors.errors import (
    VendorAuthFailed,
    VendorError,
    VendorProtocolError,
    VendorRateLimited,
    VendorRejected,
    VendorUnavailable,
    VendorUncertain,
)

log = logging.getLogger("counterpart.outbox")
Notify = Callable[[OutboxEntry], None]


class OutboxHandler(Protocol):
    """Knows how to send one kind of write to one vendor, and how to look it up there."""

    async def send(self, entry: OutboxEntry) -> str:
        """Send the write; return the vendor's reference for it."""
        ...

    async def reconcile(self, entry: OutboxEntry) -> str | None:
        """The vendor's reference if it already has this write, None if it does not."""
        ...


@dataclass(frozen=True)
class Attempt:
    """What one attempt did: the entry afterwards, and the vendor error if one stopped it."""

    entry: OutboxEntry
    error: VendorError | None = None


async def send_entry(
    store: OutboxStore, handler: OutboxHandler, entry: OutboxEntry, notify: Notify
) -> Attempt:
    if entry.needs_reconcile:
        finished = await _reconcile(store, handler, entry, notify)
        if isinstance(finished, Attempt):
            return finished
        entry = finished
    return await _send(store, handler, entry, notify)


async def _reconcile(
    store: OutboxStore, handler: OutboxHandler, entry: OutboxEntry, notify: Notify
) -> Attempt | OutboxEntry:
    """An Attempt when done (found, or lookup failed); the entry to send when not found."""
    name = display_name(entry.vendor)
    try:
        ref = await handler.reconcile(entry)
    except VendorError as exc:
        text = f"Could not check with {name} whether this arrived: {exc.message}"
        return await _finish(store, entry, Change(entry.state, message=text), exc, notify)
    except Exception:
        log.exception("looking up %s write %s failed unexpectedly", entry.vendor, entry.id)
        error = VendorProtocolError(entry.vendor, _apology(name, "checking"))
        return await _finish(
            store, entry, Change(entry.state, message=error.message), error, notify
        )
    if ref is not None:
        log.info("%s already had write %s (ref %s): not sent again", entry.vendor, entry.id, ref)
        text = f"{name} already had this; it was not sent a second time."
        found = Change(OutboxState.SENT, message=text, vendor_ref=ref, needs_reconcile=False)
        return await _finish(store, entry, found, None, notify)
    cleared = await store.change(
        entry.id, Change(entry.state, needs_reconcile=False), [entry.state]
    )
    return Attempt(await _current(store, entry)) if cleared is None else cleared


async def _send(
    store: OutboxStore, handler: OutboxHandler, entry: OutboxEntry, notify: Notify
) -> Attempt:
    # needs_reconcile is set in the same commit as ``sending``: from here on the write may arrive.
    claim = Change(OutboxState.SENDING, needs_reconcile=True, count_attempt=True)
    claimed = await store.change(entry.id, claim, [OutboxState.QUEUED, OutboxState.UNCERTAIN])
    if claimed is None:  # someone else moved it on (sent, discarded): never send twice
        return Attempt(await _current(store, entry))
    notify(claimed)
    try:
        ref = await handler.send(claimed)
    except asyncio.CancelledError:
        text = _uncertain_text(display_name(entry.vendor), "Sending was interrupted.")
        interrupted = Change(OutboxState.UNCERTAIN, message=text)
        await _finish(store, claimed, interrupted, None, notify, guarded=False)
        raise
    except Exception as exc:
        change, error = _after_failure(claimed, exc)
        return await _finish(store, claimed, change, error, notify, guarded=False)
    sent = Change(OutboxState.SENT, message=None, vendor_ref=ref, needs_reconcile=False)
    log.info("sent %s write %s (ref %s)", entry.vendor, entry.id, ref)
    return await _finish(store, claimed, sent, None, notify, guarded=False)


def _after_failure(entry: OutboxEntry, exc: Exception) -> tuple[Change, VendorError]:
    """Where a failed send leaves the write, and whether it may have arrived anyway."""
    name = display_name(entry.vendor)
    if isinstance(exc, VendorUncertain):
        text = _uncertain_text(name, exc.message)
        return Change(OutboxState.UNCERTAIN, message=text), exc
    if isinstance(exc, VendorRateLimited):
        return Change(OutboxState.QUEUED, message=exc.message, needs_reconcile=False), exc
    if isinstance(exc, VendorUnavailable):
        # A 5xx can follow a commit at the vendor: keep needs_reconcile, look it up next time.
        return Change(OutboxState.QUEUED, message=exc.message), exc
    if isinstance(exc, VendorRejected | VendorAuthFailed):
        text = " ".join([exc.message, *getattr(exc, "details", ())])
        return Change(OutboxState.FAILED, message=text, needs_reconcile=False), exc
    if isinstance(exc, VendorError):
        # Unreadable answer: the vendor may have applied it; a retry looks it up first.
        return Change(OutboxState.FAILED, message=exc.message), exc
    log.error("sending %s write %s failed unexpectedly", entry.vendor, entry.id, exc_info=exc)
    text = _uncertain_text(name, _apology(name, "sending"))
    return Change(OutboxState.UNCERTAIN, message=text), VendorUncertain(entry.vendor, text)


async def _finish(
    store: OutboxStore,
    entry: OutboxEntry,
    change: Change,
    error: VendorError | None,
    notify: Notify,
    guarded: bool = True,
) -> Attempt:
    """Record the outcome; ``guarded``: only if the row is still in the state we read."""
    guard = [entry.state] if guarded else None
    updated = await store.change(entry.id, change, guard)
    if updated is None:
        return Attempt(await _current(store, entry), error)
    notify(updated)
    return Attempt(updated, error)


async def _current(store: OutboxStore, entry: OutboxEntry) -> OutboxEntry:
    return await store.get(entry.id) or entry


def _uncertain_text(name: str, cause: str) -> str:
    return f"{cause} Counterpart will check with {name} whether it arrived before sending again."


def _apology(name: str, doing: str) -> str:
    return (
        f"Counterpart hit an unexpected problem while {doing} this with {name}; "
        "the details are in the log."
    )
