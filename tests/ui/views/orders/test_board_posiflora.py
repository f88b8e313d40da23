"""The orders view shows the flower shops' board in Posiflora's own statuses."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.views.orders.view import OrdersView


def test_the_orders_view_has_a_posiflora_section_with_its_shops(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, every_board_view: OrdersView
) -> None:
    view = every_board_view
    section = view.sections["posiflora"]
    assert section.isVisibleTo(view)
    model = section.model
    stores = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert {"Main street", "Station kiosk"} <= stores
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert any(str(h).startswith("New") for h in headers), headers
    assert "With courier" in headers
