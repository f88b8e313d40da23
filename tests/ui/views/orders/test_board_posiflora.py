"""The orders view shows the flower shops' board in Posiflora's own statuses."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.context import AppContext
from app.services.runtime import Runtime, open_runtime
from app.ui.views.orders.view import OrdersView
from tests.ui.views.orders.conftest import RecordingNotifier


@pytest.fixture
def runtime(qloop: asyncio.AbstractEventLoop, demo_context: AppContext) -> Iterator[Runtime]:
    opened = qloop.run_until_complete(open_runtime(demo_context))
    yield opened
    qloop.run_until_complete(opened.aclose())


def test_the_orders_view_has_a_posiflora_section_with_its_shops(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, runtime: Runtime
) -> None:
    view = OrdersView(runtime.context, runtime)
    view.set_notifier(RecordingNotifier())
    qtbot.addWidget(view)
    view.show()
    qloop.run_until_complete(view.load())
    section = view.sections["posiflora"]
    assert section.isVisibleTo(view)
    model = section.model
    stores = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert {"Main street", "Station kiosk"} <= stores
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert any(str(h).startswith("New") for h in headers), headers
    assert "With courier" in headers
