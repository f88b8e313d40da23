"""The local SQLite database: one file, WAL, numbered migrations, one worker thread.

All database work runs on a single dedicated thread that owns the connection (``await db.run(fn)``),
so the event loop — and the UI painted by it — never waits on the disk.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from app.services.db_schema import MIGRATIONS, Migration

T = TypeVar("T")
Clock = Callable[[], datetime]
log = logging.getLogger("counterpart.db")


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """Aware datetimes are stored as UTC ISO text, which also sorts in time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Counterpart stores aware times only")
    return moment.astimezone(UTC).isoformat()


def from_db_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def json_default(value: object) -> str:
    """Stored JSON keeps Decimal as text (every digit of a price) and dates as ISO text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot store a {type(value).__name__} as JSON")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction; IMMEDIATE takes the write lock up front so it cannot deadlock."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction: several SELECTs see one consistent state of the file."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


class DatabaseClosedError(RuntimeError):
    """Work was handed to a database that has already been closed."""


class Database:
    """A SQLite file owned by one worker thread; open with ``await Database.open(path)``."""

    def __init__(self, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> None:
        self.path = Path(path)
        self._migrations = tuple(migrations)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="counterpart-db")
        self._conn: sqlite3.Connection | None = None
        self._closed = False

    @classmethod
    async def open(cls, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> Database:
        """Open (creating if needed) and bring the schema up to date."""
        db = cls(path, migrations)
        try:
            await db._submit(db._connect)
        except BaseException:
            db.close()
            raise
        return db

    @property
    def schema_version(self) -> int:
        return len(self._migrations)

    async def run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the database thread and return its result."""
        return await self._submit(lambda: fn(self._connection()))

    def close(self) -> None:
        """Finish queued work, close the connection and join the database thread."""
        if self._closed:
            return
        self._closed = True
        self._executor.submit(self._disconnect)
        self._executor.shutdown(wait=True)

    async def _submit(self, job: Callable[[], T]) -> T:
        if self._closed:
            raise DatabaseClosedError(f"the database {self.path.name} is closed")
        return await asyncio.get_running_loop().run_in_executor(self._executor, job)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise DatabaseClosedError(f"the database {self.path.name} is not open")
        return self._conn

    def _connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (see transaction()).
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed outbox row survives a power cut, not just a crash.
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn, self._migrations)
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _disconnect(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> int:
    """Apply the migrations the file has not seen yet, each in its own transaction."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > len(migrations):
        raise RuntimeError(
            f"the database was written by a newer Counterpart (schema {current}); "
            "please update the program"
        )
    for number, statements in enumerate(migrations[current:], start=current + 1):
        with transaction(conn):
            for statement in statements:
                conn.execute(statement)
            # user_version is written inside the same transaction: all or nothing.
            conn.execute(f"PRAGMA user_version = {number:d}")
        log.info("database schema migrated to version %d", number)
    return len(migrations)
