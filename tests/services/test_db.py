"""The database file: WAL, durable commits, migrations applied once, work kept off the loop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from app.services.db import Database, DatabaseClosedError
from app.services.db_schema import MIGRATIONS


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def test_opens_in_wal_with_full_sync_and_current_schema(tmp_path: Path) -> None:
    async def scenario() -> tuple[str, int, int, set[str]]:
        db = await Database.open(tmp_path / "data" / "c.sqlite3")
        try:
            return await db.run(
                lambda c: (
                    c.execute("PRAGMA journal_mode").fetchone()[0],
                    c.execute("PRAGMA synchronous").fetchone()[0],
                    c.execute("PRAGMA user_version").fetchone()[0],
                    _tables(c),
                )
            )
        finally:
            db.close()

    mode, sync, version, tables = asyncio.run(scenario())
    assert mode == "wal"
    assert sync == 2  # FULL
    assert version == len(MIGRATIONS)
    assert {"cache_record", "cache_set", "sync_cursor", "outbox"} <= tables


def test_reopening_applies_no_migration_twice_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"

    async def scenario() -> tuple[int, int]:
        db = await Database.open(path)
        await db.run(lambda c: c.execute("INSERT INTO sync_cursor VALUES ('vroom','o','7','t')"))
        db.close()
        # A second open would fail on "table already exists" if migrations re-ran.
        again = await Database.open(path)
        try:
            return await again.run(
                lambda c: (
                    c.execute("PRAGMA user_version").fetchone()[0],
                    c.execute("SELECT COUNT(*) FROM sync_cursor").fetchone()[0],
                )
            )
        finally:
            again.close()

    assert asyncio.run(scenario()) == (len(MIGRATIONS), 1)


def test_an_older_file_is_upgraded_step_by_step(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"

    async def scenario() -> tuple[int, set[str]]:
        old = await Database.open(path, MIGRATIONS[:1])
        assert "outbox" not in await old.run(_tables)
        old.close()
        new = await Database.open(path)
        try:
            return await new.run(
                lambda c: (c.execute("PRAGMA user_version").fetchone()[0], _tables(c))
            )
        finally:
            new.close()

    version, tables = asyncio.run(scenario())
    assert version == len(MIGRATIONS)
    assert "outbox" in tables


def test_a_file_from_a_newer_program_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")

    with pytest.raises(RuntimeError, match="newer Counterpart"):
        asyncio.run(Database.open(path))


def test_work_runs_on_one_database_thread_not_the_event_loop(tmp_path: Path) -> None:
    async def scenario() -> set[str]:
        db = await Database.open(tmp_path / "c.sqlite3")
        names = await asyncio.gather(
            *(db.run(lambda _c: threading.current_thread().name) for _ in range(5))
        )
        db.close()
        return set(names)

    names = asyncio.run(scenario())
    assert len(names) == 1
    assert threading.current_thread().name not in names


def test_close_joins_the_thread_and_later_work_is_refused(tmp_path: Path) -> None:
    async def scenario() -> None:
        db = await Database.open(tmp_path / "c.sqlite3")
        before = {t.name for t in threading.enumerate()}
        assert any(n.startswith("counterpart-db") for n in before)
        db.close()
        assert not any(t.name.startswith("counterpart-db") for t in threading.enumerate())
        with pytest.raises(DatabaseClosedError):
            await db.run(lambda c: c.execute("SELECT 1"))

    asyncio.run(scenario())
