"""Fixtures for the HTTP runtime: a fake clock and a client builder."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.vendors.http import RateLimit, RetryPolicy, VendorHttp

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


class FakeClock:
    """Time moves only when someone sleeps or a test advances it; every sleep is recorded."""

    def __init__(self, *, frozen: bool = False) -> None:
        self.elapsed = 0.0
        self.sleeps: list[float] = []
        self.frozen = frozen  # sleeps record but do not move time: concurrent sleepers overlap

    def now(self) -> datetime:
        return START + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return self.elapsed

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if not self.frozen:
            self.elapsed += seconds
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        self.elapsed += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_http(clock: FakeClock, vendor: str = "vroom", **overrides: Any) -> VendorHttp:
    """A client on https://api.test with deterministic back-off (no jitter)."""
    options: dict[str, Any] = {
        "retry": RetryPolicy(attempts=4, base_backoff=0.5, max_backoff=8.0, jitter=0.0),
        "rate_limit": RateLimit(per_second=None, max_concurrency=4),
        "clock": clock,
    }
    options.update(overrides)
    return VendorHttp(vendor, "https://api.test/v1", **options)
