"""Posiflora test helpers: one fake clock shared by the client and the simulator."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from app.vendors.http import RetryPolicy
from app.vendors.posiflora import PosifloraClient, connect
from app.vendors.simulators.posiflora import SIM_PASSWORD, SIM_USERNAME, PosifloraSimulator

START = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
BASE_URL = "https://shop.posiflora.test/api"


class FakeClock:
    """Time moves only when a test advances it or the runtime sleeps."""

    def __init__(self) -> None:
        self.elapsed = 0.0
        self.sleeps: list[float] = []

    def now(self) -> datetime:
        return START + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return self.elapsed

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.elapsed += seconds
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        self.elapsed += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sim(clock: FakeClock) -> PosifloraSimulator:
    return PosifloraSimulator(seed=11, customers=120, orders=30, clock=clock.now)


def client_for(
    clock: FakeClock, transport: httpx.AsyncBaseTransport, **kwargs: Any
) -> PosifloraClient:
    retry = RetryPolicy(attempts=3, base_backoff=0.1, max_backoff=1.0, jitter=0.0)
    return connect(
        BASE_URL,
        SIM_USERNAME,
        SIM_PASSWORD,
        transport=transport,
        clock=clock,
        retry=retry,
        **kwargs,
    )


def run(factory: Callable[[], Any]) -> Any:
    return asyncio.run(factory())
