"""Shared by the dropship tests: a fake clock for runtime and simulators, clients on simulators."""

from __future__ import annotations

import asyncio
import copy
from datetime import UTC, datetime, timedelta
from typing import Any

from app.vendors.endless_aisles.client import TEST_BASE_URL, EndlessAislesClient, make_http
from app.vendors.fabric.client import FabricClient
from app.vendors.fabric.client import make_http as make_fabric_http
from app.vendors.simulators.endless_aisles import SIM_TOKEN, EndlessAislesSimulator
from app.vendors.simulators.fabric import SIM_CLIENT_ID, SIM_CLIENT_SECRET, FabricSimulator

START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)

ORDER: dict[str, Any] = {
    "reference": "STORE12-000123",
    "vendor": "endless-aisles",
    "ship_to": {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "address_line_1": "12 Garden Row",
        "address_line_2": "",
        "city": "Albany",
        "state": "NY",
        "zip": "12207",
        "country": "US",
        "phone": "5185550100",
        "email": "ada@example.com",
    },
    "lines": [{"item": "66543", "upc": "1877527745411", "quantity": 2, "price": "12.99"}],
    "shipping_method": 2,
}


def order_data(**changes: Any) -> dict[str, Any]:
    """A deep copy of the CONTRACT example with top-level keys replaced."""
    data = copy.deepcopy(ORDER)
    data.update(changes)
    return data


class FakeTime:
    """One time source for the runtime (now/monotonic/sleep) and the simulators (call it)."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start
        self.sleeps: list[float] = []

    def __call__(self) -> datetime:
        return self.current

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return (self.current - START).total_seconds()

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.current += timedelta(seconds=seconds)
        await asyncio.sleep(0)

    def advance(self, delta: timedelta) -> None:
        self.current += delta


def ea_pair(
    time: FakeTime | None = None,
    *,
    token: str = SIM_TOKEN,
    base_url: str = TEST_BASE_URL,
    **sim_options: Any,
) -> tuple[EndlessAislesSimulator, EndlessAislesClient, FakeTime]:
    time = time or FakeTime()
    sim = EndlessAislesSimulator(seed=1, clock=time, **sim_options)
    http = make_http(base_url, token, transport=sim.transport(sleep=time.sleep), clock=time)
    return sim, EndlessAislesClient(http), time


def fabric_pair(
    time: FakeTime | None = None,
    *,
    secret: str = SIM_CLIENT_SECRET,
    base_url: str = "https://marketplace-api-sandbox.fabric.inc/v1/",
    token_url: str | None = None,
    **sim_options: Any,
) -> tuple[FabricSimulator, FabricClient, FakeTime]:
    time = time or FakeTime()
    sim = FabricSimulator(seed=1, clock=time, **sim_options)
    http = make_fabric_http(
        base_url,
        SIM_CLIENT_ID,
        secret,
        token_url=token_url,
        transport=sim.transport(sleep=time.sleep),
        clock=time,
    )
    return sim, FabricClient(http, 500), time
