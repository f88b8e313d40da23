"""A customers view on a real demo runtime (in-process simulators), loaded and closed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SignalInstance
from pytestqt.qtbot import QtBot

from app.services.runtime import Runtime, open_runtime
from app.ui.views.customers.view import CustomersView
from app.vendors.simulators.posiflora import PosifloraSimulator
from tests.ui.helpers import make_context


@pytest.fixture
def runtime(qloop: asyncio.AbstractEventLoop, counterpart_home: Path) -> Iterator[Runtime]:
    runtime = qloop.run_until_complete(open_runtime(make_context(counterpart_home)))
    yield runtime
    qloop.run_until_complete(runtime.aclose())


@pytest.fixture
def view(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, runtime: Runtime
) -> Iterator[CustomersView]:
    view = CustomersView(runtime.context, runtime)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qloop.run_until_complete(view.load())
    yield view
    settle(qloop)


@pytest.fixture
def sim(runtime: Runtime) -> PosifloraSimulator:
    found = runtime.links["posiflora"].simulator
    assert isinstance(found, PosifloraSimulator)
    return found


def wait_signal(
    loop: asyncio.AbstractEventLoop, signal: SignalInstance, timeout: float = 10.0
) -> list[object]:
    """Run the qasync loop (so async slots really run) until ``signal`` fires; its arguments.

    qtbot.waitSignal spins a nested Qt loop in which asyncio has no running loop.
    """
    future: asyncio.Future[list[object]] = loop.create_future()

    def fired(*args: object) -> None:
        if not future.done():
            future.set_result(list(args))

    signal.connect(fired)
    try:
        return loop.run_until_complete(future)
    finally:
        signal.disconnect(fired)


def settle(loop: asyncio.AbstractEventLoop) -> None:
    """Let tasks started by slots finish (the qloop fixture fails on tasks left behind)."""

    async def idle() -> None:
        # Bounded by time, not turns: a search still waiting on the simulator needs wall time.
        deadline = loop.time() + 5.0
        while loop.time() < deadline:
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            if not others:
                return
            await asyncio.sleep(0.005)

    loop.run_until_complete(idle())
