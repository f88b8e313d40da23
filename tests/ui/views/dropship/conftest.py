"""Fixtures for the dropship view: a runtime with both dropship vendors simulated in-process."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.db import Database
from app.services.plugs.endless_aisles import plug as plug_endless_aisles
from app.services.plugs.fabric import plug as plug_fabric
from app.services.runtime import Runtime
from app.ui.views.dropship.view import DropshipView
from app.vendors.simulators.endless_aisles import EndlessAislesSimulator
from app.vendors.simulators.fabric import FabricSimulator
from tests.ui.helpers import make_context


class ShiftedClock:
    """The simulators' clock: real time, moved forward when a test says so (orders ship)."""

    def __init__(self) -> None:
        self.shift = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.shift

    def advance(self, delta: timedelta) -> None:
        self.shift += delta


async def open_dropship_runtime(home: Path) -> Runtime:
    """Only the two dropship plugs, in demo mode (other vendors' plugs are not this view's)."""
    context = make_context(home)
    runtime = Runtime(context, await Database.open(context.database))
    await plug_endless_aisles(runtime, None)
    await plug_fabric(runtime, None)
    return runtime


@dataclass
class Shop:
    runtime: Runtime
    view: DropshipView
    ea: EndlessAislesSimulator
    fabric: FabricSimulator
    clock: ShiftedClock
    loop: asyncio.AbstractEventLoop

    def run(self, coroutine: object) -> object:
        return self.loop.run_until_complete(coroutine)  # type: ignore[arg-type]


@pytest.fixture
def shop(qtbot: QtBot, qloop: asyncio.AbstractEventLoop, counterpart_home: Path) -> Iterator[Shop]:
    runtime = qloop.run_until_complete(open_dropship_runtime(counterpart_home))
    ea = runtime.links["endless-aisles"].simulator
    fabric = runtime.links["fabric"].simulator
    assert isinstance(ea, EndlessAislesSimulator) and isinstance(fabric, FabricSimulator)
    clock = ShiftedClock()
    ea.clock = fabric.clock = clock
    view = DropshipView(runtime.context, runtime)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    try:
        qloop.run_until_complete(view.load())
        yield Shop(runtime, view, ea, fabric, clock, qloop)
    finally:
        qloop.run_until_complete(runtime.aclose())
