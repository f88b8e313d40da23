"""Numbered migrations of the local database; the position in MIGRATIONS is the version.

Never edit a released migration: append a new one. ``PRAGMA user_version`` records how far a file
has come, so opening an up-to-date file applies nothing.
"""

from __future__ import annotations

Migration = tuple[str, ...]

_CACHE: Migration = (
    """CREATE TABLE cache_record (
        vendor TEXT NOT NULL,
        resource TEXT NOT NULL,
        record_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (vendor, resource, record_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE cache_set (
        vendor TEXT NOT NULL,
        resource TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (vendor, resource)
    ) WITHOUT ROWID""",
    """CREATE TABLE sync_cursor (
        vendor TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (vendor, name)
    ) WITHOUT ROWID""",
)

_OUTBOX: Migration = (
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        vendor TEXT NOT NULL,
        operation TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        summary TEXT NOT NULL,
        state TEXT NOT NULL CHECK (
            state IN ('queued', 'sending', 'sent', 'failed', 'uncertain', 'discarded')
        ),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_message TEXT,
        vendor_ref TEXT,
        needs_reconcile INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX outbox_by_state ON outbox (state, vendor, id)",
)

# Housekeeping (housekeeping.py) deletes finished writes by age: this index makes that a range seek
# over the old finished rows instead of a walk through every sent row.
_OUTBOX_BY_AGE: Migration = ("CREATE INDEX outbox_finished ON outbox (state, updated_at)",)

MIGRATIONS: tuple[Migration, ...] = (_CACHE, _OUTBOX, _OUTBOX_BY_AGE)
