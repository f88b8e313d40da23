"""Fixtures for the orders view: a demo runtime (Vroom simulated), or a bare one to fill."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.orders import Order, OrderStatus, OrderTimes
from app.domain.orders_board import OrderPosition
from app.services.context import AppContext
from app.services.db import Database
from app.services.live_orders_sources import LiveFetch
from app.services.runtime import Runtime, open_runtime
from app.ui.views.orders.view import OrdersView
from app.vendors.http.clock import SystemClock
from tests.ui.helpers import make_context

T0 = datetime(2026, 3, 14, 15, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **span: float) -> None:
        self.now += timedelta(**span)


class InstantRetries(SystemClock):
    """The HTTP runtime's retries without the real back-off waits."""

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(0)


class RecordingNotifier:
    """Stands in for the tray and the speaker."""

    def __init__(self) -> None:
        self.notes: list[tuple[str, str]] = []
        self.chimes = 0

    def chime(self) -> None:
        self.chimes += 1

    def notify(self, title: str, text: str) -> None:
        self.notes.append((title, text))


class FakeSource:
    """A vendor whose open orders the test sets: ``orders`` by id, all placed/confirmed at T0."""

    vendor = "vroom"

    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}

    def add(self, order_id: str, store_id: str, status: OrderStatus, since: datetime) -> Order:
        times = OrderTimes(placed_at=since)
        if status is OrderStatus.PREPARING:
            times = OrderTimes(placed_at=since, confirmed_at=since)
        order = Order(order_id, "vroom", store_id, status, times, customer_name="Ada Chen")
        self.orders[order_id] = order
        return order

    async def fetch(self, now: datetime) -> LiveFetch:
        positions = [
            OrderPosition(o.id, o.store_id, o.status, o.status_since) for o in self.orders.values()
        ]
        return LiveFetch(positions, dict(self.orders), ["1001", "1002"])

    async def order_details(
        self, store_id: str, order_ids: Sequence[str], now: datetime
    ) -> list[Order]:
        return [self.orders[i] for i in order_ids if i in self.orders]


@pytest.fixture
def demo_context(counterpart_home: Path) -> AppContext:
    return make_context(counterpart_home, demo=True)


@pytest.fixture
def demo_runtime(qloop: asyncio.AbstractEventLoop, demo_context: AppContext) -> Iterator[Runtime]:
    """Every vendor simulated; only Vroom's board kept, so the tests read one section."""
    runtime = qloop.run_until_complete(open_runtime(demo_context))
    for vendor in [v for v in runtime.live_boards if v != "vroom"]:
        runtime.live_boards.pop(vendor)
    runtime.links["vroom"].http.clock = InstantRetries()
    yield runtime
    qloop.run_until_complete(runtime.aclose())


@pytest.fixture
def bare_runtime(qloop: asyncio.AbstractEventLoop, demo_context: AppContext) -> Iterator[Runtime]:
    """A runtime with no vendor plugged in: the test adds its own boards."""
    db = qloop.run_until_complete(Database.open(demo_context.database))
    runtime = Runtime(demo_context, db)
    yield runtime
    qloop.run_until_complete(runtime.aclose())


@pytest.fixture
def every_board_runtime(
    qloop: asyncio.AbstractEventLoop, demo_context: AppContext
) -> Iterator[Runtime]:
    """Every vendor simulated and every board kept (Vroom, Posiflora, Yodify)."""
    runtime = qloop.run_until_complete(open_runtime(demo_context))
    yield runtime
    qloop.run_until_complete(runtime.aclose())


@pytest.fixture
def every_board_view(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, every_board_runtime: Runtime
) -> OrdersView:
    """The orders view on every board, loaded, with alerts recorded instead of sounded."""
    view = OrdersView(every_board_runtime.context, every_board_runtime)
    view.set_notifier(RecordingNotifier())
    qtbot.addWidget(view)
    view.show()
    qloop.run_until_complete(view.load())
    return view
