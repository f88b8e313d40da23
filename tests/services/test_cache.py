"""The cache: views read what was last fetched, never half a refresh, with its age."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from app.services.cache import Cache
from app.services.db import Database
from tests.services.conftest import FakeClock


async def _open(path: Path, clock: FakeClock) -> tuple[Database, Cache]:
    db = await Database.open(path)
    return db, Cache(db, clock)


def test_replace_then_read_gives_the_set_and_its_age(tmp_path: Path) -> None:
    clock = FakeClock()

    async def scenario() -> None:
        db, cache = await _open(tmp_path / "c.sqlite3", clock)
        try:
            assert (await cache.read("vroom", "orders")).fetched_at is None
            assert await cache.age("vroom", "orders") is None
            await cache.replace("vroom", "orders", {"1": {"total": "9.50"}, "2": {"total": "3"}})
            await cache.replace("vroom", "orders", {"2": {"total": "4"}, "3": {"total": "5"}})
            clock.advance(90)
            cached = await cache.read("vroom", "orders")
            assert cached.records == {"2": {"total": "4"}, "3": {"total": "5"}}
            assert await cache.age("vroom", "orders") == timedelta(seconds=90)
            assert await cache.get("vroom", "orders", "3") == {"total": "5"}
            assert await cache.get("vroom", "orders", "1") is None
            # Another vendor's resource of the same name is untouched.
            assert (await cache.read("yodify", "orders")).records == {}
        finally:
            db.close()

    asyncio.run(scenario())


def test_upsert_adds_and_updates_and_saves_the_cursor_with_the_records(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "c.sqlite3"

    async def scenario() -> None:
        db, cache = await _open(path, clock)
        await cache.replace("posiflora", "customers", {"a": {"n": 1}, "b": {"n": 2}})
        await cache.upsert("posiflora", "customers", {"b": {"n": 3}, "c": {"n": 4}}, cursor="77")
        await cache.delete("posiflora", "customers", ["a"])
        db.close()
        db, cache = await _open(path, clock)  # survives a restart
        try:
            cached = await cache.read("posiflora", "customers")
            assert cached.records == {"b": {"n": 3}, "c": {"n": 4}}
            assert await cache.get_cursor("posiflora", "customers") == "77"
        finally:
            db.close()

    asyncio.run(scenario())


def test_cursors_are_kept_per_vendor_and_can_be_forgotten(tmp_path: Path) -> None:
    async def scenario() -> None:
        db, cache = await _open(tmp_path / "c.sqlite3", FakeClock())
        try:
            await cache.set_cursor("vroom", "orders.since_id", "1200")
            await cache.set_cursor("vroom", "orders.since_id", "1250")
            await cache.set_cursor("fabric", "orders.since_id", "9")
            assert await cache.get_cursor("vroom", "orders.since_id") == "1250"
            assert await cache.get_cursor("fabric", "orders.since_id") == "9"
            await cache.set_cursor("vroom", "orders.since_id", None)
            assert await cache.get_cursor("vroom", "orders.since_id") is None
            await cache.clear("fabric")
            assert await cache.get_cursor("fabric", "orders.since_id") is None
        finally:
            db.close()

    asyncio.run(scenario())


def test_prices_keep_every_digit(tmp_path: Path) -> None:
    async def scenario() -> dict[str, object] | None:
        db, cache = await _open(tmp_path / "c.sqlite3", FakeClock())
        try:
            await cache.replace("yodify", "prices", {"p1": {"price": Decimal("19.990")}})
            return await cache.get("yodify", "prices", "p1")
        finally:
            db.close()

    record = asyncio.run(scenario())
    assert record is not None
    assert Decimal(str(record["price"])) == Decimal("19.990")
    assert record["price"] == "19.990"


def test_a_reader_never_sees_half_a_refresh(tmp_path: Path) -> None:
    """Another connection reads while big refreshes run: every read is a whole old or new set."""
    path = tmp_path / "c.sqlite3"
    sets = [{f"{gen}-{i}": {"gen": gen} for i in range(3000)} for gen in range(6)]
    seen: list[tuple[int, frozenset[int]]] = []
    done = threading.Event()

    async def write() -> None:
        db, cache = await _open(path, FakeClock())
        try:
            await cache.replace("vroom", "orders", sets[0])
            started.set()
            for records in sets[1:]:
                await cache.replace("vroom", "orders", records)
        finally:
            db.close()
            done.set()

    async def read() -> None:
        await asyncio.to_thread(started.wait, 10)
        db, cache = await _open(path, FakeClock())  # its own connection and thread
        try:
            while not done.is_set():
                cached = await cache.read("vroom", "orders")
                gens = frozenset(r["gen"] for r in cached.records.values())
                seen.append((len(cached.records), gens))
        finally:
            db.close()

    started = threading.Event()

    async def scenario() -> None:
        await asyncio.gather(asyncio.to_thread(asyncio.run, write()), read())

    asyncio.run(scenario())
    assert len(seen) >= 2, "the reader must have read while refreshes ran"
    for count, gens in seen:
        assert count == 3000
        assert len(gens) == 1
