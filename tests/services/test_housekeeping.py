"""Housekeeping: old finished writes and unused caches of disabled vendors go; nothing unsettled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from app.services.cache import Cache
from app.services.db import Database, utc_now
from app.services.housekeeping import Housekeeper, Report, Sleep
from app.services.outbox_store import Change, OutboxEntry, OutboxState, OutboxStore
from app.services.runtime import open_runtime
from app.ui.views.outbox.view import OutboxView
from tests.services.conftest import FakeClock, FakeSleep
from tests.ui.helpers import make_context

T = TypeVar("T")
DAY = timedelta(days=1)
HALF_HOUR = timedelta(minutes=30)
ENABLED = ["posiflora", "yodify"]  # configured mode: these two vendors are in the config
Scenario = Callable[[Database, OutboxStore, Cache, FakeClock], Awaitable[T]]


def run(path: Path, body: Scenario[T]) -> T:
    async def scenario() -> T:
        db = await Database.open(path)
        clock = FakeClock()
        try:
            return await body(db, OutboxStore(db, clock), Cache(db, clock), clock)
        finally:
            db.close()

    return asyncio.run(scenario())


def keeper(
    db: Database,
    store: OutboxStore,
    cache: Cache,
    clock: FakeClock,
    *,
    enabled: list[str] | None = ENABLED,
    sleep: Sleep = asyncio.sleep,
) -> Housekeeper:
    return Housekeeper(db, store, cache, enabled_vendors=enabled, clock=clock, sleep=sleep)


async def write(
    store: OutboxStore,
    clock: FakeClock,
    key: str,
    state: OutboxState,
    *,
    settled: datetime,
    operation: str = "set_price",
    vendor: str = "yodify",
) -> OutboxEntry:
    """A write that reached ``state`` at ``settled`` (queued then, too)."""
    now, clock.now = clock.now, settled
    try:
        entry, _ = await store.insert_or_get(
            vendor, operation, {"sku": key}, key, f"Price of {key}"
        )
        if state is not OutboxState.QUEUED:
            changed = await store.change(entry.id, Change(state, message="done"))
            assert changed is not None
            entry = changed
        return entry
    finally:
        clock.now = now


async def cached(cache: Cache, clock: FakeClock, vendor: str, *, written: datetime) -> None:
    now, clock.now = clock.now, written
    try:
        await cache.replace(vendor, "customers", {str(i): {"name": f"C{i}"} for i in range(20)})
        await cache.set_cursor(vendor, "orders", "cursor-7")
    finally:
        clock.now = now


async def keys(store: OutboxStore) -> list[str]:
    return [e.idempotency_key for e in await store.select()]


def test_old_finished_writes_go_and_nothing_unsettled_ever_does(tmp_path: Path) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> Report:
        old = clock.now - 400 * DAY
        for state in OutboxState:
            await write(store, clock, f"old-{state.value}", state, settled=old)
        await write(store, clock, "young-sent", OutboxState.SENT, settled=clock.now - 119 * DAY)
        await write(store, clock, "just-old-sent", OutboxState.SENT, settled=clock.now - 121 * DAY)
        report = await keeper(db, store, cache, clock).run_once()
        assert await keys(store) == [
            "old-queued",
            "old-sending",
            "old-failed",
            "old-uncertain",
            "young-sent",
        ]
        return report

    report = run(tmp_path / "c.sqlite3", body)
    assert report.outbox_writes == 3  # old sent, old discarded, just-old sent


def test_dropship_orders_are_kept_for_a_year(tmp_path: Path) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> Report:
        for days in (200, 399, 401):
            await write(
                store,
                clock,
                f"STORE1-{days}",
                OutboxState.SENT,
                settled=clock.now - days * DAY,
                operation="place_order",
                vendor="fabric",
            )
        report = await keeper(db, store, cache, clock).run_once()
        assert await keys(store) == ["STORE1-200", "STORE1-399"]
        return report

    report = run(tmp_path / "c.sqlite3", body)
    assert (report.outbox_writes, report.dropship_orders) == (0, 1)


def test_a_disabled_vendors_cache_goes_once_it_has_been_unused_for_a_month(tmp_path: Path) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> Report:
        # Enabled but failing for half a year: its cache is the counter's offline data.
        await cached(cache, clock, "posiflora", written=clock.now - 180 * DAY)
        await cached(cache, clock, "fabric", written=clock.now - 31 * DAY)  # disabled long ago
        await cached(cache, clock, "vroom", written=clock.now - 3 * DAY)  # switched off this week
        report = await keeper(db, store, cache, clock).run_once()
        assert len((await cache.read("posiflora", "customers")).records) == 20
        assert len((await cache.read("vroom", "customers")).records) == 20
        assert await cache.get_cursor("vroom", "orders") == "cursor-7"
        gone = await cache.read("fabric", "customers")
        assert (gone.records, gone.fetched_at) == ({}, None)
        assert await cache.get_cursor("fabric", "orders") is None
        assert set(await cache.last_written()) == {"posiflora", "vroom"}
        return report

    report = run(tmp_path / "c.sqlite3", body)
    assert (report.cache_records, report.vendors_dropped) == (20, ("fabric",))


def test_demo_mode_keeps_every_cache(tmp_path: Path) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> Report:
        await cached(cache, clock, "fabric", written=clock.now - 365 * DAY)
        report = await keeper(db, store, cache, clock, enabled=None).run_once()
        assert len((await cache.read("fabric", "customers")).records) == 20
        return report

    report = run(tmp_path / "c.sqlite3", body)
    assert (report.cache_records, report.vendors_dropped) == (0, ())


def test_each_run_logs_one_line_of_counts(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> None:
        await write(store, clock, "old", OutboxState.SENT, settled=clock.now - 200 * DAY)
        await cached(cache, clock, "fabric", written=clock.now - 60 * DAY)
        with caplog.at_level(logging.INFO, logger="counterpart.housekeeping"):
            await keeper(db, store, cache, clock).run_once()

    run(tmp_path / "c.sqlite3", body)
    lines = [r.getMessage() for r in caplog.records if r.name == "counterpart.housekeeping"]
    assert len(lines) == 1
    assert "removed 1 finished outbox writes" in lines[0]
    assert "20 cached records of 1 disabled vendors (fabric)" in lines[0]
    assert "Price of" not in lines[0]  # counts, never what the writes were


def test_a_large_prune_gives_the_disk_back(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"

    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> list[str]:
        blob = "x" * 2000
        hows = []
        for vendor in ("fabric", "vroom"):  # the first rebuild switches to incremental mode
            clock.now -= 60 * DAY
            records = {str(i): {"blob": blob} for i in range(4000)}  # ~8 MB
            await cache.replace(vendor, "inventory", records)
            clock.now += 60 * DAY
            size = path.stat().st_size
            report = await keeper(db, store, cache, clock).run_once()
            assert report.cache_records == 4000
            assert path.stat().st_size < size / 2
            hows.append(report.reclaimed.how)
        assert await db.run(lambda c: c.execute("PRAGMA integrity_check").fetchone()[0]) == "ok"
        return hows

    assert run(path, body) == ["vacuum", "incremental"]


def test_a_small_prune_leaves_the_free_pages_for_reuse(tmp_path: Path) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> str:
        await write(store, clock, "old", OutboxState.SENT, settled=clock.now - 200 * DAY)
        return (await keeper(db, store, cache, clock).run_once()).reclaimed.how

    assert run(tmp_path / "c.sqlite3", body) == "none"


def test_pruning_seeks_the_age_index_rather_than_scanning(tmp_path: Path) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> str:
        sql = (
            "EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE state IN ('discarded', 'sent')"
            " AND updated_at < ? AND operation NOT IN ('place_order') LIMIT 500"
        )
        rows = await db.run(lambda c: c.execute(sql, ("2026",)).fetchall())
        return " ".join(str(r[-1]) for r in rows)

    assert "USING INDEX outbox_finished (state=? AND updated_at<?)" in run(
        tmp_path / "c.sqlite3", body
    )


def test_it_runs_daily_by_the_wall_clock(tmp_path: Path) -> None:
    async def body(db: Database, store: OutboxStore, cache: Cache, clock: FakeClock) -> None:
        sleep = FakeSleep(clock)
        housekeeper = keeper(db, store, cache, clock, sleep=sleep)
        await housekeeper.run_once()  # the run at open
        housekeeper.start()
        try:
            assert await sleep.next_request() == 3600
            # Settled 120 days minus 30 minutes ago: old enough within the hour, yet the hourly
            # check must wait for a full day since the last run.
            await write(
                store, clock, "k", OutboxState.SENT, settled=clock.now - 120 * DAY + HALF_HOUR
            )
            sleep.release()
            await sleep.next_request()
            assert await keys(store) == ["k"]
            clock.advance(DAY.total_seconds())
            sleep.release()
            await sleep.next_request()
            assert await keys(store) == []
        finally:
            await housekeeper.stop()

    run(tmp_path / "c.sqlite3", body)


def test_opening_the_program_prunes_and_the_outbox_view_still_lists(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, counterpart_home: Path
) -> None:
    context = make_context(counterpart_home)
    now = utc_now()

    async def seed() -> None:
        db = await Database.open(context.database)
        clock = FakeClock(now)
        store = OutboxStore(db, clock)
        try:
            await write(store, clock, "old-sent", OutboxState.SENT, settled=now - 200 * DAY)
            await write(store, clock, "old-failed", OutboxState.FAILED, settled=now - 200 * DAY)
            await write(store, clock, "new-sent", OutboxState.SENT, settled=now - DAY)
        finally:
            db.close()

    qloop.run_until_complete(seed())
    # A read-only command (sender=False) never deletes.
    reader = qloop.run_until_complete(open_runtime(context, sender=False))
    try:
        assert len(qloop.run_until_complete(reader.outbox.list())) == 3
    finally:
        qloop.run_until_complete(reader.aclose())
    runtime = qloop.run_until_complete(open_runtime(context))
    try:
        assert runtime.housekeeper is not None
        view = OutboxView(context, runtime)
        qtbot.addWidget(view)
        view.show_filter.setCurrentIndex(1)  # "All writes"
        qloop.run_until_complete(view.reload_now())
        shown = [view.model.entry(r).summary for r in range(view.model.rowCount())]
        assert sorted(shown) == ["Price of new-sent", "Price of old-failed"]
        view.shutdown()
    finally:
        qloop.run_until_complete(runtime.aclose())
