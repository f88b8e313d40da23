"""The outbox table: durable records of writes to vendors and their state changes.

Every state change is one committed transaction, and a change can be made conditional on the state
the row is in now — that is how two senders can never both claim the same write.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any

from app.services.db import (
    Clock,
    Database,
    from_db_time,
    json_default,
    to_db_time,
    transaction,
    utc_now,
)


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNCERTAIN = "uncertain"
    DISCARDED = "discarded"


# Not at the vendor (as far as we know) and not given up on: quitting would leave these behind.
PENDING_STATES = frozenset(
    {OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNCERTAIN, OutboxState.FAILED}
)
# What the worker picks up by itself; failed entries wait for a person to press Retry.
DUE_STATES = (OutboxState.QUEUED, OutboxState.UNCERTAIN)
# Settled for good: the only states housekeeping may ever delete (listed, not derived, so a state
# added later is kept until someone decides otherwise).
FINAL_STATES = frozenset({OutboxState.SENT, OutboxState.DISCARDED})
assert not FINAL_STATES & PENDING_STATES
# Rows deleted per transaction: each batch is short, so views reading meanwhile wait only briefly.
PRUNE_BATCH = 500


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    vendor: str
    operation: str
    idempotency_key: str
    payload: dict[str, Any]
    summary: str
    state: OutboxState
    attempts: int
    created_at: datetime
    updated_at: datetime
    last_message: str | None
    vendor_ref: str | None
    # True while the write may have reached the vendor: look it up before sending again.
    needs_reconcile: bool

    @property
    def is_pending(self) -> bool:
        return self.state in PENDING_STATES


_COLUMNS = (
    "id, vendor, operation, idempotency_key, payload, summary, state, attempts, created_at,"
    " updated_at, last_message, vendor_ref, needs_reconcile"
)


def _entry(row: tuple[Any, ...]) -> OutboxEntry:
    created, updated = from_db_time(row[8]), from_db_time(row[9])
    assert created is not None  # NOT NULL column
    assert updated is not None
    return OutboxEntry(
        id=int(row[0]),
        vendor=row[1],
        operation=row[2],
        idempotency_key=row[3],
        payload=json.loads(row[4]),
        summary=row[5],
        state=OutboxState(row[6]),
        attempts=int(row[7]),
        created_at=created,
        updated_at=updated,
        last_message=row[10],
        vendor_ref=row[11],
        needs_reconcile=bool(row[12]),
    )


def _load(conn: sqlite3.Connection, where: str, args: tuple[Any, ...]) -> OutboxEntry | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE {where}", args).fetchone()
    return None if row is None else _entry(row)


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP


@dataclass(frozen=True)
class Change:
    """A state change; fields left as ``KEEP`` are not touched."""

    state: OutboxState
    message: str | _Keep | None = KEEP
    vendor_ref: str | _Keep | None = KEEP
    needs_reconcile: bool | None = None
    count_attempt: bool = False


class OutboxStore:
    """Async access to the outbox table; every call is one transaction on the database thread."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    async def insert_or_get(
        self, vendor: str, operation: str, payload: Mapping[str, Any], key: str, summary: str
    ) -> tuple[OutboxEntry, bool]:
        """The entry for ``key``, inserting it as queued if new; the flag says it was new."""
        stamp = to_db_time(self._clock())
        body = json.dumps(payload, default=json_default, separators=(",", ":"))

        def work(conn: sqlite3.Connection) -> tuple[OutboxEntry, bool]:
            with transaction(conn):
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO outbox (vendor, operation, idempotency_key, payload,"
                    " summary, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (vendor, operation, key, body, summary, OutboxState.QUEUED, stamp, stamp),
                )
                entry = _load(conn, "idempotency_key = ?", (key,))
            assert entry is not None
            return entry, cursor.rowcount == 1

        return await self._db.run(work)

    async def get(self, entry_id: int) -> OutboxEntry | None:
        return await self._db.run(lambda conn: _load(conn, "id = ?", (entry_id,)))

    async def find(self, key: str) -> OutboxEntry | None:
        return await self._db.run(lambda conn: _load(conn, "idempotency_key = ?", (key,)))

    async def select(
        self, states: Collection[OutboxState] | None = None, vendor: str | None = None
    ) -> list[OutboxEntry]:
        """Entries oldest first, optionally only in ``states`` and for one vendor."""
        clauses, args = ["1 = 1"], list[str]()
        if states is not None:
            clauses.append(f"state IN ({', '.join('?' * len(states))})")
            args.extend(str(s) for s in states)
        if vendor is not None:
            clauses.append("vendor = ?")
            args.append(vendor)
        query = f"SELECT {_COLUMNS} FROM outbox WHERE {' AND '.join(clauses)} ORDER BY id"
        rows = await self._db.run(lambda conn: conn.execute(query, args).fetchall())
        return [_entry(row) for row in rows]

    async def change(
        self, entry_id: int, change: Change, expected: Collection[OutboxState] | None = None
    ) -> OutboxEntry | None:
        """Apply ``change`` if the row is in one of ``expected`` (any state when None).

        Returns the updated entry, or None when the row was not in an expected state.
        """
        sets, args = _assignments(change, to_db_time(self._clock()))
        where, where_args = "id = ?", list[Any]([entry_id])
        if expected is not None:
            where += f" AND state IN ({', '.join('?' * len(expected))})"
            where_args.extend(str(s) for s in expected)

        def work(conn: sqlite3.Connection) -> OutboxEntry | None:
            with transaction(conn):
                sql = f"UPDATE outbox SET {sets} WHERE {where}"
                if conn.execute(sql, [*args, *where_args]).rowcount != 1:
                    return None
                return _load(conn, "id = ?", (entry_id,))

        return await self._db.run(work)

    async def count(self, states: Collection[OutboxState]) -> int:
        query = f"SELECT COUNT(*) FROM outbox WHERE state IN ({', '.join('?' * len(states))})"
        args = [str(s) for s in states]
        return int(await self._db.run(lambda conn: conn.execute(query, args).fetchone()[0]))

    async def prune_finished(
        self,
        before: datetime,
        *,
        operations: Collection[str] | None = None,
        except_operations: Collection[str] = (),
    ) -> int:
        """Delete sent or discarded writes that settled before ``before``; returns how many.

        ``operations`` limits it to those kinds of write, ``except_operations`` spares some.
        Anything queued, sending, failed or uncertain is never touched, whatever its age. Runs in
        batches of PRUNE_BATCH, one transaction each (the state test is part of every DELETE).
        """
        clauses = [f"state IN ({', '.join('?' * len(FINAL_STATES))})", "updated_at < ?"]
        args: list[Any] = [*(str(s) for s in sorted(FINAL_STATES)), to_db_time(before)]
        if operations is not None:
            clauses.append(f"operation IN ({', '.join('?' * len(operations))})")
            args.extend(operations)
        if except_operations:
            clauses.append(f"operation NOT IN ({', '.join('?' * len(except_operations))})")
            args.extend(except_operations)
        # Uses the (state, updated_at) index: only the old finished rows are visited.
        sql = (
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE "
            f"{' AND '.join(clauses)} LIMIT {PRUNE_BATCH:d})"
        )

        def batch(conn: sqlite3.Connection) -> int:
            with transaction(conn):
                return int(conn.execute(sql, args).rowcount)

        total, removed = 0, PRUNE_BATCH
        while removed == PRUNE_BATCH:  # a short batch means nothing old is left
            removed = await self._db.run(batch)
            total += removed
        return total


def _assignments(change: Change, stamp: str) -> tuple[str, list[Any]]:
    sets, args = ["state = ?", "updated_at = ?"], list[Any]([str(change.state), stamp])
    if change.message is not KEEP:
        sets.append("last_message = ?")
        args.append(change.message)
    if change.vendor_ref is not KEEP:
        sets.append("vendor_ref = ?")
        args.append(change.vendor_ref)
    if change.needs_reconcile is not None:
        sets.append("needs_reconcile = ?")
        args.append(int(change.needs_reconcile))
    if change.count_attempt:
        sets.append("attempts = attempts + 1")
    return ", ".join(sets), args
