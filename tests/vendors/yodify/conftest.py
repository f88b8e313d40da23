"""A Yodify simulator on a fake clock, and a client talking to it in-process."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.vendors.http.retry import RetryPolicy
from app.vendors.simulators.faults import FaultPlan
from app.vendors.simulators.yodify import TOKEN, YodifySimulator
from app.vendors.yodify.client import YodifyClient, make_yodify_client

BASE_URL = "https://florist-supply.yodify.test"


class FakeClock:
    """Wall time for the simulator and the runtime; ``sleep`` only records and moves time."""

    def __init__(self) -> None:
        self.current = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self.mono = 1000.0
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
        self.mono += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sim(clock: FakeClock) -> YodifySimulator:
    """Small catalog, no scheduled arrivals: tests place orders themselves."""
    return YodifySimulator(seed=3, clock=clock.now, sku_count=450, arrivals=False,
                           faults=FaultPlan(seed=3))  # fmt: skip


def client_for(
    sim: YodifySimulator, clock: FakeClock, token: str = TOKEN, attempts: int = 3
) -> YodifyClient:
    retry = RetryPolicy(attempts=attempts, base_backoff=0.5, max_backoff=2.0, jitter=0.0)
    return make_yodify_client(
        BASE_URL, token, transport=sim.transport(sleep=clock.sleep), clock=clock, retry=retry
    )
