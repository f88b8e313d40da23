"""The sync scheduler: coalesced refreshes, back-off on failure, results for the CLI and health."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from app.services.sync import SyncResult, SyncScheduler, SyncSource
from app.vendors.errors import VendorRateLimited, VendorUnavailable
from tests.services.conftest import FakeClock, FakeSleep


class GatedSource:
    """A fetch that holds until the test opens the gate; counts its runs."""

    def __init__(self, records: int = 3) -> None:
        self.runs = 0
        self.records = records
        self.started = asyncio.Event()
        self.gate = asyncio.Event()
        self.failures: list[Exception] = []

    async def __call__(self) -> int:
        self.runs += 1
        self.started.set()
        await self.gate.wait()
        if self.failures:
            raise self.failures.pop(0)
        return self.records


def _source(run: GatedSource, name: str = "orders", vendor: str = "vroom") -> SyncSource:
    return SyncSource(name, vendor, timedelta(seconds=60), run)


def test_requests_during_a_run_coalesce_into_exactly_one_more_run() -> None:
    async def scenario() -> None:
        fetch = GatedSource()
        scheduler = SyncScheduler([_source(fetch)], clock=FakeClock())
        results: list[SyncResult] = []
        scheduler.on_result(results.append)
        first = scheduler.request("orders")
        await fetch.started.wait()
        fetch.started.clear()
        during = [scheduler.request("orders") for _ in range(3)]
        fetch.gate.set()
        await asyncio.gather(first, *during)
        assert fetch.runs == 2  # the run in flight, plus ONE follow-up for all three requests
        assert len(results) == 2
        # Each late request is answered by the follow-up run, not the one that predates it.
        assert all(d.result() is results[1] for d in during)
        assert first.result() is results[0]

    asyncio.run(scenario())


def test_requests_before_a_run_starts_share_it() -> None:
    async def scenario() -> None:
        fetch = GatedSource()
        fetch.gate.set()
        scheduler = SyncScheduler([_source(fetch)], clock=FakeClock())
        results = await asyncio.gather(*(scheduler.refresh_now("orders") for _ in range(4)))
        assert fetch.runs == 1
        assert {r.records for r in results} == {3}

    asyncio.run(scenario())


def test_back_off_doubles_per_failure_is_capped_and_resets_on_success() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        sleep = FakeSleep(clock)
        fetch = GatedSource()
        fetch.gate.set()
        down = VendorUnavailable("vroom", "Vroom did not answer.")
        fetch.failures = [down, down, down, down]
        scheduler = SyncScheduler(
            [_source(fetch)], clock=clock, sleep=sleep, max_backoff=timedelta(minutes=5)
        )
        scheduler.start()
        try:
            delays = []
            for _ in range(6):
                delays.append(await sleep.next_request())
                sleep.release()
            assert delays == [120, 240, 300, 300, 60, 60]
            assert fetch.runs == 6
            last = scheduler.last_result("orders")
            assert last is not None
            assert last.ok
        finally:
            await scheduler.stop()

    asyncio.run(scenario())


def test_a_rate_limited_source_waits_at_least_as_long_as_asked() -> None:
    async def scenario() -> None:
        fetch = GatedSource()
        fetch.gate.set()
        fetch.failures = [VendorRateLimited("vroom", "Slow down.", retry_after=900)]
        scheduler = SyncScheduler([_source(fetch)], clock=FakeClock())
        result = await scheduler.refresh_now("orders")
        assert result.error == "Slow down."
        assert scheduler.next_delay("orders") == timedelta(seconds=900)

    asyncio.run(scenario())


def test_run_all_once_reports_each_source_with_records_time_and_errors() -> None:
    async def scenario() -> None:
        ticks = iter([10.0, 10.5, 20.0, 21.25, 30.0, 30.0])
        ok, broken, other = GatedSource(7), GatedSource(), GatedSource(1)
        for fetch in (ok, broken, other):
            fetch.gate.set()
        broken.failures = [VendorUnavailable("vroom", "Vroom did not answer.")]
        scheduler = SyncScheduler(
            [_source(ok, "orders"), _source(broken, "stores"), _source(other, "x", "yodify")],
            clock=FakeClock(),
            stopwatch=lambda: next(ticks),
        )
        results = await scheduler.run_all_once(vendors=["vroom"])
        assert [(r.source, r.records, r.error) for r in results] == [
            ("orders", 7, None),
            ("stores", 0, "Vroom did not answer."),
        ]
        assert [r.seconds for r in results] == [0.5, 1.25]
        assert other.runs == 0

    asyncio.run(scenario())


def test_a_bug_in_a_source_becomes_a_calm_sentence(caplog: pytest.LogCaptureFixture) -> None:
    async def broken() -> int:
        raise KeyError("data")

    async def scenario() -> SyncResult:
        scheduler = SyncScheduler([SyncSource("orders", "vroom", timedelta(seconds=5), broken)])
        return await scheduler.refresh_now("orders")

    result = asyncio.run(scenario())
    assert result.error is not None
    assert "KeyError" not in result.error
    assert "Vroom" in result.error
    assert "KeyError" in caplog.text  # the traceback goes to the log


def test_a_new_interval_replans_the_wait_in_progress_without_a_restart() -> None:
    async def scenario() -> None:
        clock = FakeClock()
        sleep = FakeSleep(clock)
        fetch = GatedSource()
        fetch.gate.set()
        scheduler = SyncScheduler([_source(fetch)], clock=clock, sleep=sleep)
        scheduler.start()
        try:
            assert await sleep.next_request() == 60  # after the first run
            last_run = clock.now
            clock.advance(15)
            scheduler.set_interval("orders", 20)  # shorter: 5 s of the new interval are left
            assert await sleep.next_request() == 5
            assert scheduler.next_run_at("orders") == last_run + timedelta(seconds=20)
            scheduler.set_interval("orders", 120)  # longer: the wait grows to match
            assert await sleep.next_request() == 105
            assert fetch.runs == 1
            clock.advance(200)
            scheduler.set_interval("orders", 30)  # already overdue: runs at once
            assert await sleep.next_request() == 30  # and then keeps the new interval
            assert fetch.runs == 2
            assert scheduler.sources[0].interval == timedelta(seconds=30)
        finally:
            await scheduler.stop()

    asyncio.run(scenario())
