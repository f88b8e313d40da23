"""The local cache: what each vendor last told us, so views paint at once, even offline.

Records are keyed by (vendor, resource, record id) and hold the vendor's JSON. A full refresh
replaces a resource's whole set in one transaction, so a reader sees the old set or the new one,
never half of each. Payloads must be JSON-able; Decimal and datetime values are stored as text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.services.db import (
    Clock,
    Database,
    from_db_time,
    json_default,
    read_snapshot,
    to_db_time,
    transaction,
    utc_now,
)

Record = dict[str, Any]


@dataclass(frozen=True)
class CachedSet:
    """A resource as last fetched; ``fetched_at`` is None when it was never fetched."""

    records: dict[str, Record]
    fetched_at: datetime | None


def _encode(record: Mapping[str, Any]) -> str:
    return json.dumps(record, default=json_default, separators=(",", ":"))


class Cache:
    """Cache-first storage for vendor records and incremental-sync cursors."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    async def replace(
        self, vendor: str, resource: str, records: Mapping[str, Mapping[str, Any]]
    ) -> None:
        """Make ``records`` the resource's whole set (a full refresh), atomically."""
        stamp = to_db_time(self._clock())

        def work(conn: sqlite3.Connection) -> None:
            rows = [(vendor, resource, str(k), _encode(v), stamp) for k, v in records.items()]
            with transaction(conn):
                conn.execute(
                    "DELETE FROM cache_record WHERE vendor = ? AND resource = ?", (vendor, resource)
                )
                conn.executemany("INSERT INTO cache_record VALUES (?, ?, ?, ?, ?)", rows)
                _touch_set(conn, vendor, resource, stamp)

        await self._db.run(work)

    async def upsert(
        self,
        vendor: str,
        resource: str,
        records: Mapping[str, Mapping[str, Any]],
        *,
        cursor: str | None = None,
    ) -> None:
        """Add or update records (an incremental sync); ``cursor`` is saved in the same commit.

        Saving the cursor with the records means a crash can never advance the cursor past
        records that were not stored. The cursor is kept under the resource's name.
        """
        stamp = to_db_time(self._clock())

        def work(conn: sqlite3.Connection) -> None:
            rows = [(vendor, resource, str(k), _encode(v), stamp) for k, v in records.items()]
            with transaction(conn):
                conn.executemany("INSERT OR REPLACE INTO cache_record VALUES (?, ?, ?, ?, ?)", rows)
                _touch_set(conn, vendor, resource, stamp)
                if cursor is not None:
                    _put_cursor(conn, vendor, resource, cursor, stamp)

        await self._db.run(work)

    async def delete(self, vendor: str, resource: str, record_ids: Iterable[str]) -> None:
        """Forget records the vendor says are gone."""
        rows = [(vendor, resource, str(i)) for i in record_ids]

        def work(conn: sqlite3.Connection) -> None:
            with transaction(conn):
                conn.executemany(
                    "DELETE FROM cache_record WHERE vendor = ? AND resource = ? AND record_id = ?",
                    rows,
                )

        await self._db.run(work)

    async def read(self, vendor: str, resource: str) -> CachedSet:
        def work(conn: sqlite3.Connection) -> CachedSet:
            # One read transaction: the set and its timestamp come from the same snapshot.
            with read_snapshot(conn):
                rows = conn.execute(
                    "SELECT record_id, payload FROM cache_record WHERE vendor = ? AND resource = ?",
                    (vendor, resource),
                ).fetchall()
                fetched = _set_time(conn, vendor, resource)
            return CachedSet({rid: json.loads(p) for rid, p in rows}, from_db_time(fetched))

        return await self._db.run(work)

    async def get(self, vendor: str, resource: str, record_id: str) -> Record | None:
        def work(conn: sqlite3.Connection) -> Record | None:
            row = conn.execute(
                "SELECT payload FROM cache_record"
                " WHERE vendor = ? AND resource = ? AND record_id = ?",
                (vendor, resource, str(record_id)),
            ).fetchone()
            return None if row is None else dict(json.loads(row[0]))

        return await self._db.run(work)

    async def fetched_at(self, vendor: str, resource: str) -> datetime | None:
        text = await self._db.run(lambda conn: _set_time(conn, vendor, resource))
        return from_db_time(text)

    async def age(self, vendor: str, resource: str) -> timedelta | None:
        """How old the resource's data is; None when it was never fetched."""
        fetched = await self.fetched_at(vendor, resource)
        return None if fetched is None else self._clock() - fetched

    async def get_cursor(self, vendor: str, name: str) -> str | None:
        def work(conn: sqlite3.Connection) -> str | None:
            row = conn.execute(
                "SELECT value FROM sync_cursor WHERE vendor = ? AND name = ?", (vendor, name)
            ).fetchone()
            return None if row is None else str(row[0])

        return await self._db.run(work)

    async def set_cursor(self, vendor: str, name: str, value: str | None) -> None:
        """Remember where an incremental sync got to; None forgets it (next sync is full)."""
        stamp = to_db_time(self._clock())

        def work(conn: sqlite3.Connection) -> None:
            with transaction(conn):
                if value is None:
                    conn.execute(
                        "DELETE FROM sync_cursor WHERE vendor = ? AND name = ?", (vendor, name)
                    )
                else:
                    _put_cursor(conn, vendor, name, value, stamp)

        await self._db.run(work)

    async def last_written(self) -> dict[str, datetime]:
        """Every vendor with anything cached, and when a sync last wrote any of its data."""

        def work(conn: sqlite3.Connection) -> list[tuple[str, str]]:
            # Both tables are small (a row per resource or cursor); every cache write touches one.
            return conn.execute(
                "SELECT vendor, MAX(at) FROM (SELECT vendor, fetched_at AS at FROM cache_set"
                " UNION ALL SELECT vendor, updated_at FROM sync_cursor) GROUP BY vendor"
            ).fetchall()

        found = {}
        for vendor, text in await self._db.run(work):
            moment = from_db_time(text)
            assert moment is not None  # NOT NULL columns
            found[str(vendor)] = moment
        return found

    async def forget_vendor(self, vendor: str) -> int:
        """Like ``clear`` but a resource per transaction (100,000 records hold the thread ~0.3 s).

        Returns how many records went. A resource's records go with its fetch time, so a run cut
        short leaves whole resources behind for the next run, never half of one.
        """

        def resources(conn: sqlite3.Connection) -> list[str]:
            rows = conn.execute("SELECT resource FROM cache_set WHERE vendor = ?", (vendor,))
            return [str(row[0]) for row in rows.fetchall()]

        def drop(resource: str) -> Callable[[sqlite3.Connection], int]:
            def work(conn: sqlite3.Connection) -> int:
                with transaction(conn):
                    where, args = "vendor = ? AND resource = ?", (vendor, resource)
                    removed = conn.execute(f"DELETE FROM cache_record WHERE {where}", args).rowcount
                    conn.execute(f"DELETE FROM cache_set WHERE {where}", args)
                return int(removed)

            return work

        removed = 0
        for resource in await self._db.run(resources):
            removed += await self._db.run(drop(resource))
        # Records without a fetch time (none are written that way) and the cursors go last.
        await self.clear(vendor)
        return removed

    async def clear(self, vendor: str) -> None:
        """Forget everything cached for a vendor (e.g. after its account changed)."""

        def work(conn: sqlite3.Connection) -> None:
            with transaction(conn):
                for table in ("cache_record", "cache_set", "sync_cursor"):
                    conn.execute(f"DELETE FROM {table} WHERE vendor = ?", (vendor,))

        await self._db.run(work)


def _touch_set(conn: sqlite3.Connection, vendor: str, resource: str, stamp: str) -> None:
    conn.execute("INSERT OR REPLACE INTO cache_set VALUES (?, ?, ?)", (vendor, resource, stamp))


def _put_cursor(conn: sqlite3.Connection, vendor: str, name: str, value: str, stamp: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO sync_cursor VALUES (?, ?, ?, ?)", (vendor, name, value, stamp)
    )


def _set_time(conn: sqlite3.Connection, vendor: str, resource: str) -> str | None:
    row = conn.execute(
        "SELECT fetched_at FROM cache_set WHERE vendor = ? AND resource = ?", (vendor, resource)
    ).fetchone()
    return None if row is None else str(row[0])
