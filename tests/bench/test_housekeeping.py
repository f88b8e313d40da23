"""Benchmark: the first housekeeping run on a file that never had one (years of sent writes).

What matters for the window is the longest single job on the database thread (a view's read waits
behind it), so every job is timed. Baseline: the same rows deleted by one plain DELETE, which is
what an unbatched prune would hold the thread for. The one-time VACUUM is part of the run.
COUNTERPART_BENCH_FULL=1 uses 200,000 writes and 100,000 cached records; the default is small.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from app.services.cache import Cache
from app.services.db import Database, to_db_time
from app.services.housekeeping import Housekeeper
from app.services.outbox_store import OutboxStore

T = TypeVar("T")
FULL = os.environ.get("COUNTERPART_BENCH_FULL") == "1"  # read at import (see test_board_refresh)
WRITES = 200_000 if FULL else 20_000
RECORDS = 100_000 if FULL else 10_000
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class TimedDatabase(Database):
    """Records how long each job held the database thread."""

    jobs: list[float]

    async def run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        def timed(conn: sqlite3.Connection) -> T:
            started = time.perf_counter()
            try:
                return fn(conn)
            finally:
                self.jobs.append(time.perf_counter() - started)

        return await super().run(timed)


def _seed(path: Path) -> None:
    old = to_db_time(NOW - timedelta(days=500))
    body = json.dumps({"sku": "R-1", "price": "12.50", "note": "x" * 300})
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO outbox (vendor, operation, idempotency_key, payload, summary, state,"
        " created_at, updated_at) VALUES ('yodify', 'set_price', ?, ?, 'Price', 'sent', ?, ?)",
        ((f"k{i}", body, old, old) for i in range(WRITES)),
    )
    conn.executemany(
        "INSERT INTO cache_record VALUES ('fabric', 'inventory', ?, ?, ?)",
        ((str(i), body, old) for i in range(RECORDS)),
    )
    conn.execute("INSERT INTO cache_set VALUES ('fabric', 'inventory', ?)", (old,))
    conn.execute("COMMIT")
    conn.close()


async def _housekeeping(path: Path) -> tuple[float, float, str]:
    db = await TimedDatabase.open(path)
    assert isinstance(db, TimedDatabase)  # open() is typed as returning the base class
    db.jobs = []
    try:
        keeper = Housekeeper(
            db, OutboxStore(db), Cache(db), enabled_vendors=["yodify"], clock=lambda: NOW
        )
        started = time.perf_counter()
        report = await keeper.run_once()
        total = time.perf_counter() - started
        assert report.outbox_writes == WRITES and report.cache_records == RECORDS
        return total, max(db.jobs), report.reclaimed.how
    finally:
        db.close()


def _plain_delete(path: Path) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    started = time.perf_counter()
    conn.execute("DELETE FROM outbox WHERE state = 'sent'")
    conn.execute("DELETE FROM cache_record WHERE vendor = 'fabric'")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


@pytest.mark.bench
def test_first_housekeeping_run(tmp_path: Path) -> None:
    paths = [tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"]
    for path in paths:
        asyncio.run(Database.open(path)).close()  # the real schema
        _seed(path)
    total, longest, how = asyncio.run(_housekeeping(paths[0]))
    baseline = _plain_delete(paths[1])
    print(
        f"\nhousekeeping ({WRITES} writes, {RECORDS} records, {how}): {total * 1000:.0f} ms, "
        f"longest database job {longest * 1000:.0f} ms "
        f"(baseline one DELETE {baseline * 1000:.0f} ms)"
    )
    assert how == "vacuum"
